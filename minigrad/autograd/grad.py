"""torch's entry points, `backward` and `grad`, as translations into the one engine call."""
from __future__ import annotations

import warnings
from typing import Any, Sequence

import numpy as np

from ..tensor import Tensor
from .graph import run_backward

_Tensors = Tensor | Sequence[Tensor]


def _as_tuple(value: Any) -> tuple:
    if value is None:
        return ()
    return (value,) if isinstance(value, Tensor) else tuple(value)


def _size(shape: tuple) -> str:
    return "torch.Size([" + ", ".join(str(s) for s in shape) + "])"


def _seeds(outputs: tuple, grad_outputs: Any, create_graph: bool, batched: bool) -> list:
    """One seed per output, with torch's checks: exact shapes, implicit ones only for scalars."""
    grads = _as_tuple(grad_outputs) if grad_outputs is not None else (None,) * len(outputs)
    if isinstance(grad_outputs, Tensor):
        grads = (grad_outputs,)
    if len(grads) != len(outputs):
        raise RuntimeError("grad can be implicitly created only for scalar outputs"
                           if not grads else
                           f"Mismatch in number of grad_outputs: expected {len(outputs)}, got {len(grads)}")
    seeds = []
    for i, (out, g) in enumerate(zip(outputs, grads)):
        if g is None:
            if out._requires_grad or out.grad_fn is not None:
                if out._data.size != 1:
                    raise RuntimeError("grad can be implicitly created only for scalar outputs")
                if out._data.dtype.kind not in "fc":
                    raise RuntimeError("grad can be implicitly created only for real scalar outputs "
                                       f"but got {out.dtype}")
            seed = np.ones(out._data.shape, out._data.dtype)
            seeds.append(Tensor._make(seed, False) if create_graph else seed)
            continue
        if not isinstance(g, Tensor):
            raise TypeError(f"gradients can be either Tensors or None, but got {type(g).__name__}")
        shape = g._data.shape[1:] if batched else g._data.shape
        if shape != out._data.shape:
            raise RuntimeError(f"Mismatch in shape: grad_output[{i}] has a shape of {_size(shape)} "
                               f"and output[{i}] has a shape of {_size(out._data.shape)}.")
        seeds.append(g if create_graph else g._data)
    return seeds


def _check_outputs(outputs: tuple) -> None:
    for i, out in enumerate(outputs):
        if not isinstance(out, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got {type(out).__name__}")
        if not out._requires_grad:
            raise RuntimeError(f"element {i} of tensors does not require grad and does not have a grad_fn")


def backward(tensors: _Tensors, grad_tensors: Any = None, retain_graph: bool | None = None,
             create_graph: bool = False, grad_variables: Any = None, inputs: Any = None) -> None:
    """Accumulate the gradients of ``tensors`` into the ``.grad`` of the leaves (or of ``inputs``).

    >>> import minigrad as torch
    >>> x = torch.tensor(2., requires_grad=True)
    >>> torch.autograd.backward([x * x, 3 * x]); x.grad
    tensor(7.)
    """
    if grad_variables is not None:
        if grad_tensors is not None:
            raise RuntimeError("`grad_tensors` and `grad_variables` (deprecated) arguments both "
                               "passed to `backward()`. Please only use `grad_tensors`.")
        warnings.warn("`grad_variables` is deprecated. Use `grad_tensors` instead.", FutureWarning,
                      stacklevel=2)
        grad_tensors = grad_variables
    if inputs is not None and len(_as_tuple(inputs)) == 0:
        raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    outputs = _as_tuple(tensors)
    inputs = _as_tuple(inputs) if inputs is not None else None
    for t in inputs or ():
        if not t._requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    _check_outputs(outputs)
    if create_graph:
        warnings.warn(
            "Using backward() with create_graph=True will create a reference cycle between the "
            "parameter and its gradient which can cause a memory leak. We recommend using "
            "autograd.grad when creating the graph to avoid this. If you have to use this "
            "function, make sure to reset the .grad fields of your parameters to None after use "
            "to break the cycle and avoid the leak.", UserWarning, stacklevel=3)
    seeds = _seeds(outputs, grad_tensors, create_graph, False)
    retain = create_graph if retain_graph is None else retain_graph
    run_backward(outputs, seeds, inputs, retain_graph=retain, create_graph=create_graph,
                 accumulate=True)


def grad(outputs: _Tensors, inputs: _Tensors, grad_outputs: Any = None,
         retain_graph: bool | None = None, create_graph: bool = False, only_inputs: bool = True,
         allow_unused: bool | None = None, is_grads_batched: bool = False,
         materialize_grads: bool = False) -> tuple:
    """The gradients of ``outputs`` with respect to ``inputs``, returned as a tuple; ``.grad``
    is not touched.

    >>> import minigrad as torch
    >>> x = torch.tensor(2., requires_grad=True)
    >>> torch.autograd.grad(x * x * 3, x)
    (tensor(12.),)
    """
    if not only_inputs:
        warnings.warn("only_inputs argument is deprecated and is ignored now (defaults to True). "
                      "To accumulate gradient for other parts of the graph, please use "
                      "torch.autograd.backward.", FutureWarning, stacklevel=2)
    if materialize_grads and allow_unused is False:
        raise ValueError("Expected allow_unused to be True or not passed when materialize_grads=True, "
                         "but got: allow_unused=False.")
    if allow_unused is None:
        allow_unused = materialize_grads
    if outputs is None or inputs is None:
        raise TypeError("'NoneType' object is not iterable")
    outputs, inputs = _as_tuple(outputs), _as_tuple(inputs)
    if not inputs:
        raise RuntimeError("`inputs` argument to `grad()` cannot be empty.")
    for out in outputs:
        if not isinstance(out, Tensor):
            raise AssertionError("Expected output to be a torch.Tensor")
    for i, t in enumerate(inputs):
        if not isinstance(t, Tensor):
            raise RuntimeError(f"all inputs have to be Tensors or GradientEdges, but got {type(t).__name__}")
        if not t._requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    _check_outputs(outputs)
    seeds = _seeds(outputs, grad_outputs, create_graph, is_grads_batched)
    retain = create_graph if retain_graph is None else retain_graph
    results = run_backward(outputs, seeds, inputs, retain_graph=retain, create_graph=create_graph,
                           batch_ndim=1 if is_grads_batched else 0)
    out = []
    for i, (t, g) in enumerate(zip(inputs, results)):
        if g is None:
            if materialize_grads:
                zeros = np.zeros(t._data.shape, t._data.dtype)
                out.append(type(t)._make(zeros, False).requires_grad_(create_graph))
                continue
            if not allow_unused:
                raise RuntimeError(f"The differentiated Tensor at index {i} appears to not have been "
                                   "used in the graph. Set allow_unused=True if this is the desired "
                                   "behavior.")
            out.append(None)
        else:
            out.append(g if isinstance(g, Tensor) else type(t)._make(g, False))
    return tuple(out)
