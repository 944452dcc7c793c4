"""The few functions a vjp needs beyond operators, working on NumPy arrays and on Tensors alike.

Without ``create_graph`` the engine runs every vjp on arrays: these are then plain NumPy calls.
With it, vjps run on Tensors and these call the differentiable ops, so the backward pass is
recorded too. Operators (``*``, ``+``, ``@``, ``-``, ``/``, comparisons) already work on both.
"""
from __future__ import annotations

from typing import Any

import numpy as np

ndarray = (np.ndarray, np.generic)


def shape(x: Any) -> tuple:
    return x.shape if isinstance(x, ndarray) else tuple(x._data.shape)


def dtype(x: Any) -> np.dtype:
    return x.dtype if isinstance(x, ndarray) else x._data.dtype


def cast(x: Any, dtype: np.dtype) -> Any:
    return x.astype(dtype, copy=False) if isinstance(x, ndarray) else x._cast(dtype)


def zeros(shape: tuple, dtype: np.dtype, tensor: bool = False) -> Any:
    out = np.zeros(shape, dtype)
    if not tensor:
        return out
    from ..tensor import Tensor
    return Tensor._make(out, False)


def zeros_like(x: Any) -> Any:
    """Zeros shaped like ``x``, outside any graph (a derivative that is 0 everywhere, nan or not)."""
    return np.zeros(shape(x), dtype(x)) if isinstance(x, ndarray) else zeros(shape(x), dtype(x), True)


def sum(x: Any, axes: tuple | int | None = None, keepdims: bool = False) -> Any:
    if isinstance(x, ndarray):
        return np.sum(x, axis=axes, keepdims=keepdims)
    if axes == ():          # NumPy's meaning: no axis summed (torch's sum would take all)
        return x
    return x.sum(axes if axes is not None else tuple(range(x.dim())), keepdim=keepdims)


def prod(x: Any, axis: int) -> Any:
    return np.prod(x, axis=axis) if isinstance(x, ndarray) else x.prod(axis)


def reshape(x: Any, shape: tuple) -> Any:
    return x.reshape(shape) if isinstance(x, ndarray) else x.reshape(*shape) if shape else x.reshape(())


def broadcast_to(x: Any, shape: tuple) -> Any:
    return np.broadcast_to(x, shape) if isinstance(x, ndarray) else x.expand(*shape)


def expand_dims(x: Any, axes: tuple) -> Any:
    if isinstance(x, ndarray):
        return np.expand_dims(x, axes)
    out = x
    for axis in sorted(a if a >= 0 else a + x.dim() + len(axes) for a in axes):
        out = out.unsqueeze(axis)
    return out


def squeeze(x: Any, dim: int) -> Any:
    return np.squeeze(x, dim) if isinstance(x, ndarray) else x.squeeze(dim)


def t(x: Any) -> Any:
    """The transpose of a matrix (recorded as ``t`` on a 2-D Tensor; batch axes kept)."""
    if isinstance(x, ndarray) or x.dim() != 2:
        return swap_last(x)
    return x.t()


def spread(x: Any, shape: tuple, n: int) -> Any:
    """``x`` broadcast to ``shape`` and divided by ``n``: mean's vjp (on Tensors in torch's
    order, expand then a division by a number, so the recorded graph reads as torch's)."""
    if isinstance(x, ndarray):
        return np.broadcast_to(x / n, shape)
    from .. import ops
    return ops.div_scalar(x.expand(*shape), other=n)


def swap_last(x: Any) -> Any:
    """Swap the last two axes (a matrix transpose that keeps batch axes)."""
    return np.swapaxes(x, -1, -2) if isinstance(x, ndarray) else x.transpose(-1, -2)


def where(cond: Any, a: Any, b: Any) -> Any:
    if isinstance(a, ndarray) or isinstance(b, ndarray):
        return np.where(data(cond), a, b)
    from .. import ops
    return ops.where(cond, a, b)


def exp(x: Any) -> Any:
    return np.exp(x) if isinstance(x, ndarray) else x.exp()


def log(x: Any) -> Any:
    return np.log(x) if isinstance(x, ndarray) else x.log()




def sgn(x: Any) -> Any:
    if isinstance(x, ndarray):
        return (x > 0).astype(x.dtype) - (x < 0)      # torch's sign: 0 for nan
    from .. import ops
    return ops.sgn(x)


def bmm(a: Any, b: Any) -> Any:
    """``a @ b``, recorded as a bmm when both are 3-D tensors (an unbatched bmm's vjp)."""
    if isinstance(a, ndarray) or len(shape(a)) != 3 or len(shape(b)) != 3:
        return a @ b
    from .. import ops
    return ops.bmm(a, b)


def call(rule: Any, *args: Any, **params: Any) -> Any:
    """A backward formula that is itself a rule (torch's ``SigmoidBackwardBackward0`` and
    friends): its forward on arrays, the recorded op on Tensors."""
    if isinstance(args[0], ndarray):
        return rule.forward(*args, **params)
    return rule(*args, **params)


def cos(x: Any) -> Any:
    return np.cos(x) if isinstance(x, ndarray) else x.cos()


def sin(x: Any) -> Any:
    return np.sin(x) if isinstance(x, ndarray) else x.sin()




def data(x: Any) -> np.ndarray:
    """The array behind ``x`` (for masks and indices, which carry no gradient)."""
    return x if isinstance(x, ndarray) else x._data




def scatter(grad: Any, shape: tuple, key: Any, op: Any = None) -> Any:
    """Zeros of ``shape`` (after grad's batch axes) with ``grad`` added at ``key``, repeated
    indices summed: the vjp of indexing (recorded as ``op`` on Tensors)."""
    if isinstance(grad, ndarray):
        batch = grad.shape[: grad.ndim - _indexed_ndim(shape, key)]
        out = np.zeros(batch + tuple(shape), grad.dtype)
        where = batched(key, len(batch))
        front = _advanced_first(key)
        if batch and front:     # numpy puts split advanced axes before the batch axes
            grad = np.moveaxis(grad, range(len(batch)), range(front, front + len(batch)))
        if any(isinstance(k, (np.ndarray, bool)) for k in key):
            np.add.at(out, where, grad)         # repeated indices add up
        else:
            out[where] = grad                   # basic: each element once
        return out
    if op is None:
        from .. import ops
        op = ops.index_backward
    return op(grad, shape=tuple(shape), key=key)


def batched(key: tuple, batch_ndim: int) -> tuple:
    """``key`` (written for the unbatched shape) moved past ``batch_ndim`` leading batch axes."""
    return (slice(None),) * batch_ndim + tuple(key)


def take(x: Any, key: tuple, batch_ndim: int) -> Any:
    """``x[key]`` for a key written for the unbatched shape; ``batch_ndim`` leading axes stay in front."""
    out = x[batched(key, batch_ndim)]
    front = _advanced_first(key)
    if batch_ndim and front:
        out = moveaxis(out, range(front, front + batch_ndim), range(batch_ndim))
    return out


def _advanced_first(key: tuple) -> int:
    """How many axes numpy puts first for advanced indices that are not side by side (ints count
    as advanced next to arrays); 0 when they stay in place."""
    spots = [i for i, k in enumerate(key) if isinstance(k, (np.ndarray, bool, int, np.integer))]
    arrays = any(isinstance(key[i], (np.ndarray, bool)) for i in spots)
    if not arrays or spots[-1] - spots[0] + 1 == len(spots):
        return 0
    shapes = [(int(np.count_nonzero(k)),) if isinstance(k, bool) or getattr(k, "dtype", None) == np.bool_
              else np.shape(k) for k in (key[i] for i in spots)]
    return len(np.broadcast_shapes(*shapes))


def moveaxis(x: Any, source: Any, destination: Any) -> Any:
    if isinstance(x, ndarray):
        return np.moveaxis(x, tuple(source), tuple(destination))
    order = np.moveaxis(np.arange(x.dim()), tuple(source), tuple(destination))
    return x.permute(*order.tolist())


def _indexed_ndim(shape: tuple, key: Any) -> int:
    return np.empty(shape, dtype=np.bool_)[key].ndim


def mask_out(grad: Any, shape: tuple, key: Any) -> Any:
    """``grad`` with the entries at ``key`` set to zero (the vjp of ``x[key] = v`` for ``x``)."""
    mask = np.ones(shape, dtype=bool)
    mask[key] = False
    return grad * mask if not isinstance(grad, ndarray) else np.where(mask, grad, 0)
