"""The op tables, and the thin functions that pick a rule for a torch-style call.

The math of every op lives in its rule: pointwise.py (arithmetic, exp, log, ...), compare.py
(where, maximum, minimum, clamp), reduce.py, shape.py (views, indexing reads, cat, stack),
linalg.py, activation.py (and the softmax family), copying.py (to, clone, fill). indexing.py reads
keys and writes ``x[key] = v``; views.py records in-place writes through views. The functions
here only normalise arguments (dims, shapes, keys) and choose between rules, as torch's
overloads do.
"""
from __future__ import annotations

import builtins
import weakref
import warnings
from typing import Any

import numpy as np

from .. import _mode
from ..tensor import Tensor, promote
from ._rule import Rule, _broadcast_error, apply, rule  # noqa: F401
from .copying import alias, clone, fill_like as _fill, grad_copy, to_dtype  # noqa: F401
from .compare import clamp_, clamp_tensor, maximum, minimum, where_  # noqa: F401
from .pointwise import (abs, add, cos, div, div_scalar, exp, log, mul, neg, pow_base, pow_scalar,  # noqa: F401
                        pow_tensor, reciprocal, rsub, sgn, sign_, sin, sqrt, sub)
from .activation import log_softmax as _log_softmax, logsumexp as _logsumexp, relu as _relu  # noqa: F401
from .activation import (log_softmax_backward, sigmoid_backward, softmax_backward, tanh_backward,  # noqa: F401
                         threshold_backward)
from .activation import sigmoid, softmax as _softmax, tanh  # noqa: F401
from .loss import (binary_cross_entropy, binary_cross_entropy_with_logits, mse_loss,  # noqa: F401
                   nll_loss)
from .linalg import (addmm as _addmm, bmm as _bmm, dot as _dot, matmul_batched, mm as _mm, mv as _mv,  # noqa: F401
                     vector_norm as _vector_norm, vm)
from .reduce import (amax as _amax, amin as _amin, max_all, max_dim, mean_all, mean_dim,  # noqa: F401
                     min_all, min_dim, prod_all, prod_dim, std as _std, sum_all, sum_dim,
                     var as _var)
from . import views as _views
from .indexing import check_write, index_put, key_parts, read_rule, write  # noqa: F401
from .shape import select
from .shape import cat as _cat, expand as _expand, index_backward, permute as _permute  # noqa: F401
from .shape import squeeze_all, squeeze_dim, squeeze_dims
from .views import link
from .shape import stack as _stack, t as _t, transpose as _transpose, unsqueeze as _unsqueeze, view as _view


# torch's ScalarType names, which some of its messages use.
_SCALAR_NAMES = {"int64": "Long", "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte",
                 "bool": "Bool", "float16": "Half", "float32": "Float", "float64": "Double"}


def _dims(dim: Any, ndim: int) -> tuple:
    """``dim`` as a tuple of negative axes (so that vjps also work on batched gradients)."""
    dims = (dim,) if isinstance(dim, (builtins.int, np.integer)) else tuple(dim)
    out = []
    for d in dims:
        if not -builtins.max(ndim, 1) <= d < builtins.max(ndim, 1):
            raise IndexError(f"Dimension out of range (expected to be in range of "
                             f"[{-builtins.max(ndim, 1)}, {builtins.max(ndim, 1) - 1}], but got {d})")
        out.append(d - ndim if d >= 0 else d)
    return tuple(out)


def _axes(dim: Any, ndim: int) -> tuple:
    """Axes of a reduction over ``dim``: a 0-d tensor accepts dim 0 or -1 and has no axis to
    reduce; an empty ``dim`` means every axis (as torch's sum and mean read it)."""
    dims = _dims(dim, ndim)
    if ndim == 0:
        return ()
    return dims or tuple(range(-ndim, 0))


def _shape_arg(shape: tuple) -> tuple:
    return tuple(shape[0]) if len(shape) == 1 and isinstance(shape[0], (tuple, list)) else tuple(shape)


def pow(input: Any, exponent: Any) -> Tensor:
    """``input ** exponent``; torch records a constant exponent, a constant base and two
    tensors as three different nodes.

    >>> import minigrad as torch
    >>> x = torch.tensor(3., requires_grad=True)
    >>> x ** 2
    tensor(9., grad_fn=<PowBackward0>)
    """
    if not isinstance(exponent, Tensor):
        if input._data.dtype.kind in "biu" and isinstance(exponent, builtins.float):
            input = input.to(dtype=np.float32)
        return pow_scalar(input, exponent=exponent)
    if not isinstance(input, Tensor):
        return pow_base(input, exponent)
    return pow_tensor(input, exponent)


def sum(input: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    """Sum of all elements, or over ``dim``.

    >>> import minigrad as torch
    >>> torch.tensor([[1., 2.], [3., 4.]]).sum(0)
    tensor([4., 6.])
    """
    from ..tensor import to_numpy_dtype
    np_dtype = to_numpy_dtype(dtype)
    if np_dtype is None and input._data.dtype.kind in "bui":
        np_dtype = np.dtype(np.int64)
    if dim is None:
        return sum_all(input, shape=input._data.shape, dtype=np_dtype)
    return sum_dim(input, dim=_axes(dim, input.ndim), keepdim=keepdim, shape=input._data.shape,
                   dtype=np_dtype)


def mean(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    """Mean of all elements, or over ``dim``.

    >>> import minigrad as torch
    >>> torch.tensor([[1., 2.], [3., 4.]]).mean(0)
    tensor([2., 3.])
    """
    if input._data.dtype.kind not in "fc":
        name = _SCALAR_NAMES.get(input.dtype.name, input.dtype.name)
        raise RuntimeError("mean(): could not infer output dtype. Input dtype must be either a "
                           f"floating point or complex dtype. Got: {name}")
    if dim is None:
        return mean_all(input, shape=input._data.shape)
    return mean_dim(input, dim=_axes(dim, input.ndim), keepdim=keepdim, shape=input._data.shape)


def prod(input: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    """Product of all elements, or over one ``dim``.

    >>> import minigrad as torch
    >>> torch.tensor([[1., 2.], [3., 4.]]).prod(1)
    tensor([ 2., 12.])
    """
    from ..tensor import to_numpy_dtype
    np_dtype = to_numpy_dtype(dtype)
    if np_dtype is None and input._data.dtype.kind in "bui":
        np_dtype = np.dtype(np.int64)
    if dim is None:
        return prod_all(input, dtype=np_dtype)
    if input.ndim == 0:
        return prod_dim(input, dim=_axes(dim, 0), keepdim=keepdim, dtype=np_dtype)
    return prod_dim(input, dim=_dims(dim, input.ndim)[0], keepdim=keepdim, dtype=np_dtype)


class _ReturnType(tuple):
    """A pair ``(values, indices)`` printed and named as torch's ``torch.return_types.max``."""

    _name = "max"

    def __new__(cls, values: Tensor, indices: Tensor) -> "_ReturnType":
        return tuple.__new__(cls, (values, indices))

    @property
    def values(self) -> Tensor:
        return self[0]

    @property
    def indices(self) -> Tensor:
        return self[1]

    def __repr__(self) -> str:
        return f"torch.return_types.{self._name}(\nvalues={self[0]!r},\nindices={self[1]!r})"


class _MaxReturn(_ReturnType):
    _name = "max"


class _MinReturn(_ReturnType):
    _name = "min"


_MaxReturn.__name__, _MinReturn.__name__ = "max", "min"


def _extreme(input: Tensor, dim: Any, keepdim: bool, name: str) -> Any:
    if isinstance(dim, Tensor):       # torch.max(a, b) is maximum
        return (maximum if name == "max" else minimum)(input, dim)
    if dim is None:
        if input._data.size == 0:
            raise RuntimeError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
                               "Specify the reduction dim with the 'dim' argument.")
        return (max_all if name == "max" else min_all)(input)
    d = _dims(dim, input.ndim)[0] if input.ndim else _dims(dim, 0) and -1
    op, cls = (max_dim, _MaxReturn) if name == "max" else (min_dim, _MinReturn)
    return cls(*op(input, dim=d, keepdim=keepdim, shape=input._data.shape))


def max(input: Tensor, dim: Any = None, keepdim: bool = False) -> Any:
    """The largest element; with ``dim``, ``(values, indices)`` along it; with a tensor, ``maximum``.

    >>> import minigrad as torch
    >>> torch.tensor([[1., 5.], [7., 2.]]).max(1)
    torch.return_types.max(
    values=tensor([5., 7.]),
    indices=tensor([1, 0]))
    """
    return _extreme(input, dim, keepdim, "max")


def min(input: Tensor, dim: Any = None, keepdim: bool = False) -> Any:
    """The smallest element; with ``dim``, ``(values, indices)`` along it.

    >>> import minigrad as torch
    >>> torch.tensor([[1., 5.], [7., 2.]]).min()
    tensor(1.)
    """
    return _extreme(input, dim, keepdim, "min")


def _reduce_dims(dim: Any, ndim: int) -> tuple | None:
    """``None`` (every axis) for an empty ``dim``, else negative axes."""
    if dim is None:
        return None
    dims = _dims(dim, ndim)
    return dims if dims and ndim else None


def amax(input: Tensor, dim: Any = (), keepdim: bool = False) -> Tensor:
    """Largest values over ``dim`` (all dims by default); ties share the gradient.

    >>> import minigrad as torch
    >>> torch.tensor([[1., 5.], [7., 2.]]).amax(0)
    tensor([7., 5.])
    """
    return _amax(input, dim=_reduce_dims(dim, input.ndim), keepdim=keepdim)


def vector_norm(input: Tensor, ord: Any = 2, dim: Any = None, keepdim: bool = False, *,
                dtype: Any = None) -> Tensor:
    """The ``ord``-norm of ``input`` taken as a vector (over ``dim``, or every axis): torch.linalg's.

    >>> import minigrad as torch
    >>> torch.linalg.vector_norm(torch.tensor([3., -4.]))
    tensor(5.)
    """
    if input._data.dtype.kind not in "fc":
        raise RuntimeError("linalg.vector_norm: Expected a floating point or complex tensor as input. "
                           f"Got {_SCALAR_NAMES[input._data.dtype.name]}")
    if dtype is not None:
        input = input.to(dtype)
    dims = tuple(range(-input.ndim, 0)) if dim is None else _dims(dim, input.ndim)
    return _vector_norm(input, ord=float(ord), dim=dims, keepdim=keepdim)


def norm(input: Tensor, p: Any = "fro", dim: Any = None, keepdim: bool = False, dtype: Any = None) -> Tensor:
    """``torch.norm``: a vector norm (``p`` a number, or ``'fro'`` for 2) over ``dim`` or all axes.

    >>> import minigrad as torch
    >>> torch.tensor([[3., -4.], [0., 1.]]).norm(dim=1)
    tensor([5., 1.])
    """
    if isinstance(p, str) and p != "fro":
        raise NotImplementedError(f"minigrad does not implement the matrix norm p={p!r}")
    return vector_norm(input, 2 if p == "fro" or p is None else p, dim, keepdim, dtype=dtype)


def amin(input: Tensor, dim: Any = (), keepdim: bool = False) -> Tensor:
    """Smallest values over ``dim`` (all dims by default).

    >>> import minigrad as torch
    >>> torch.tensor([[1., 5.], [7., 2.]]).amin(1)
    tensor([1., 2.])
    """
    return _amin(input, dim=_reduce_dims(dim, input.ndim), keepdim=keepdim)


def argmax(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    """Index of the largest element (of the flattened tensor when ``dim`` is None); int64.

    >>> import minigrad as torch
    >>> torch.tensor([[1., 5.], [7., 2.]]).argmax()
    tensor(2)
    """
    return _arg(np.argmax, input, dim, keepdim)


def argmin(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    """Index of the smallest element; int64, never recorded.

    >>> import minigrad as torch
    >>> torch.tensor([[1., 5.], [7., 2.]]).argmin(1)
    tensor([0, 1])
    """
    return _arg(np.argmin, input, dim, keepdim)


def _arg(fn: Any, input: Tensor, dim: Any, keepdim: bool) -> Tensor:
    data = input._data
    if dim is None:
        out = np.asarray(fn(data.reshape(-1)))
        if keepdim:
            out = out.reshape((1,) * data.ndim)
    else:
        out = fn(data, axis=_dims(dim, data.ndim)[0], keepdims=keepdim) if data.ndim else np.asarray(0)
    return type(input)._make(np.asarray(out, dtype=np.int64), False)


def _correction(name: str, input: Tensor, dim: Any, unbiased: Any, correction: Any) -> tuple:
    if input._data.dtype.kind not in "fc":
        raise RuntimeError("std and var only support floating point and complex dtypes")
    if isinstance(dim, builtins.bool):          # x.var(False): the unbiased overload
        dim, unbiased = None, dim
    if correction is None:
        correction = 1 if unbiased is None or unbiased else 0
    dims = _reduce_dims(dim, input.ndim)
    shape = input._data.shape
    n = int(np.prod(shape)) if dims is None else int(np.prod([shape[d] for d in dims]))
    out = 1 if dims is None else n and int(np.prod(shape)) // n
    if n - correction <= 0 and out:
        warnings.warn(f"{name}(): degrees of freedom is <= 0. Correction should be strictly less than "
                      "the reduction factor (input numel divided by output numel).", UserWarning,
                      stacklevel=3)
    return dims, correction


def var(input: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,
        correction: Any = None) -> Tensor:
    """Variance (``correction=1``, Bessel's, unless ``unbiased=False`` or another correction).

    >>> import minigrad as torch
    >>> torch.tensor([1., 2., 3., 4.]).var()
    tensor(1.6667)
    """
    dims, correction = _correction("var", input, dim, unbiased, correction)
    return _var(input, dim=dims, correction=correction, keepdim=keepdim)


def std(input: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,
        correction: Any = None) -> Tensor:
    """Standard deviation, with ``var``'s arguments.

    >>> import minigrad as torch
    >>> torch.tensor([1., 2., 3., 4.]).std()
    tensor(1.2910)
    """
    dims, correction = _correction("std", input, dim, unbiased, correction)
    return _std(input, dim=dims, correction=correction, keepdim=keepdim)


_TORCH_NAMES = {"int64": "Long", "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte",
                "bool": "Bool", "float16": "Half"}


def relu(input: Tensor) -> Tensor:
    """``max(x, 0)`` elementwise.

    >>> import minigrad as torch
    >>> torch.relu(torch.tensor([-1., 2.]))
    tensor([0., 2.])
    """
    if input._data.dtype == np.bool_:
        raise RuntimeError("Boolean inputs not supported for relu")
    return _relu(input)


def _softmax_dim(name: str, input: Tensor, dim: Any) -> int:
    d = _dims(dim, input.ndim)[0] if input.ndim else _axes(dim, 0)
    if input._data.dtype.kind not in "fc":
        kernel = f"{name}_lastdim_kernel_impl" if d == -1 else f"{name}_kernel_impl"
        raise NotImplementedError(f'"{kernel}" not implemented for '
                                  f"'{_TORCH_NAMES.get(input._data.dtype.name, input._data.dtype.name)}'")
    return d


def softmax(input: Tensor, dim: int, dtype: Any = None) -> Tensor:
    """``e^x / sum(e^x)`` along ``dim``, numerically stable.

    >>> import minigrad as torch
    >>> torch.softmax(torch.tensor([0., 0.]), dim=0)
    tensor([0.5000, 0.5000])
    """
    if dtype is not None:
        input = input.to(dtype)
    return _softmax(input, dim=_softmax_dim("softmax", input, dim))


def log_softmax(input: Tensor, dim: int, dtype: Any = None) -> Tensor:
    """``x - logsumexp(x)`` along ``dim``, numerically stable.

    >>> import minigrad as torch
    >>> torch.log_softmax(torch.tensor([0., 0.]), dim=0)
    tensor([-0.6931, -0.6931])
    """
    if dtype is not None:
        input = input.to(dtype)
    return _log_softmax(input, dim=_softmax_dim("log_softmax", input, dim))


def logsumexp(input: Tensor, dim: Any, keepdim: bool = False) -> Tensor:
    """``log(sum(e^x))`` over ``dim``, numerically stable.

    >>> import minigrad as torch
    >>> torch.logsumexp(torch.tensor([0., 0.]), 0)
    tensor(0.6931)
    """
    return _logsumexp(input, dim=_axes(dim, input.ndim), keepdim=keepdim)


_C_NAMES = {"float32": "float", "float64": "double", "int64": "long int", "int32": "int",
            "int16": "short int", "int8": "signed char", "uint8": "unsigned char", "bool": "bool",
            "float16": "c10::Half"}


def _same_dtype(a: Tensor, b: Tensor) -> None:
    if a._data.dtype != b._data.dtype:
        raise RuntimeError("expected m1 and m2 to have the same dtype, but got: "
                           f"{_C_NAMES[a._data.dtype.name]} != {_C_NAMES[b._data.dtype.name]}")


def _sizes(shape: tuple) -> str:
    return "x".join(str(n) for n in shape)


def _cannot_multiply(a: tuple, b: tuple) -> RuntimeError:
    return RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({_sizes(a)} and {_sizes(b)})")


def _multipliable(a: Tensor, b: Tensor) -> None:
    if a._data.shape[1] != b._data.shape[0]:
        raise _cannot_multiply(a._data.shape, b._data.shape)


def mm(input: Tensor, mat2: Tensor) -> Tensor:
    """Product of two matrices (no broadcasting).

    >>> import minigrad as torch
    >>> torch.mm(torch.ones(1, 2), torch.ones(2, 1))
    tensor([[2.]])
    """
    for name, m in (("self", input), ("mat2", mat2)):
        if m.ndim != 2:
            raise RuntimeError(f"{name} must be a matrix")
    _multipliable(input, mat2)
    _same_dtype(input, mat2)
    return _mm(input, mat2)


def addmm(input: Tensor, mat1: Tensor, mat2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
    """``beta * input + alpha * (mat1 @ mat2)``, ``input`` broadcast to the product's shape.

    >>> import minigrad as torch
    >>> torch.addmm(torch.zeros(2), torch.eye(2), torch.tensor([[1., 2.], [3., 4.]]), alpha=2)
    tensor([[2., 4.],
            [6., 8.]])
    """
    for name, m in (("mat1", mat1), ("mat2", mat2)):
        if m.ndim != 2:
            raise RuntimeError(f"{name} must be a matrix, got {m.ndim}-D tensor")
    _multipliable(mat1, mat2)
    for name, m in (("mat1", mat1), ("self", input)):
        if m._data.dtype != mat2._data.dtype:
            names = _SCALAR_NAMES[m._data.dtype.name], _SCALAR_NAMES[mat2._data.dtype.name]
            raise RuntimeError(f"{name} and mat2 must have the same dtype, but got {names[0]} and {names[1]}")
    target, shape = (mat1._data.shape[0], mat2._data.shape[1]), input._data.shape
    sizes = "[" + ", ".join(map(str, target)) + "]", "[" + ", ".join(map(str, shape)) + "]"
    if len(shape) > 2:
        raise RuntimeError(f"expand(torch.{_SCALAR_NAMES[input._data.dtype.name]}Tensor{{{sizes[1]}}}, "
                           f"size={sizes[0]}): the number of sizes provided (2) must be greater or equal "
                           f"to the number of dimensions in the tensor ({len(shape)})")
    for i in range(1, len(shape) + 1):
        if shape[-i] not in (1, target[-i]):
            raise RuntimeError(f"The expanded size of the tensor ({target[-i]}) must match the existing "
                               f"size ({shape[-i]}) at non-singleton dimension {2 - i}.  Target sizes: "
                               f"{sizes[0]}.  Tensor sizes: {sizes[1]}")
    return _addmm(input, mat1, mat2, beta=beta, alpha=alpha)


def bmm(input: Tensor, mat2: Tensor) -> Tensor:
    """Batched product of matrices: ``(b, m, n) @ (b, n, p) -> (b, m, p)``.

    >>> import minigrad as torch
    >>> torch.bmm(torch.ones(2, 1, 3), torch.ones(2, 3, 1)).shape
    torch.Size([2, 1, 1])
    """
    for name, m in (("batch1", input), ("batch2", mat2)):
        if m.ndim != 3:
            raise RuntimeError(f"{name} must be a 3D tensor")
    (b, _, n), shape2 = input._data.shape, mat2._data.shape
    if shape2[:2] != (b, n):
        raise RuntimeError("Expected size for first two dimensions of batch2 tensor to be: "
                           f"[{b}, {n}] but got: [{shape2[0]}, {shape2[1]}].")
    if input._data.dtype != mat2._data.dtype:
        raise RuntimeError(f"expected scalar type {_SCALAR_NAMES[input._data.dtype.name]} but found "
                           f"{_SCALAR_NAMES[mat2._data.dtype.name]}")
    return _bmm(input, mat2)



def dot(input: Tensor, other: Tensor) -> Tensor:
    """Inner product of two 1-D tensors.

    >>> import minigrad as torch
    >>> torch.dot(torch.tensor([1., 2.]), torch.tensor([3., 4.]))
    tensor(11.)
    """
    if input.ndim != 1 or other.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {input.ndim}D and {other.ndim}D tensors")
    n, k = input._data.shape[0], other._data.shape[0]
    if n != k:
        raise RuntimeError(f"inconsistent tensor size, expected tensor [{n}] and src [{k}] to have the "
                           f"same number of elements, but got {n} and {k} elements respectively")
    if input._data.dtype != other._data.dtype:
        a, b = (_SCALAR_NAMES[t._data.dtype.name] for t in (input, other))
        raise RuntimeError(f"dot : expected both vectors to have same dtype, but found {a} and {b}")
    return _dot(input, other)


def mv(input: Tensor, vec: Tensor) -> Tensor:
    """Matrix times vector.

    >>> import minigrad as torch
    >>> torch.mv(torch.eye(2), torch.tensor([3., 4.]))
    tensor([3., 4.])
    """
    (m, n), k = input._data.shape, vec._data.shape[0]
    if n != k:
        raise RuntimeError(f"size mismatch, got input ({m}), mat ({m}x{n}), vec ({k})")
    if input._data.dtype != vec._data.dtype:
        names = [_SCALAR_NAMES[t._data.dtype.name] for t in (vec, input, vec)]
        raise RuntimeError(f"addmv input tensors must have the same dtype, but got {', '.join(names[:2])}, "
                           f"and {names[2]}")
    return _mv(input, vec)


def matmul(input: Any, other: Any) -> Tensor:
    """``input @ other`` with torch's rules: vectors, matrices and broadcast batches, each pair
    of ranks recorded as torch records it.

    >>> import minigrad as torch
    >>> x = torch.ones(2, 3, requires_grad=True)
    >>> x @ torch.ones(3)
    tensor([3., 3.], grad_fn=<MvBackward0>)
    """
    input, other = (Tensor._make(v, False) if isinstance(v, np.ndarray) else v for v in (input, other))
    if not isinstance(input, Tensor) or not isinstance(other, Tensor):
        raise TypeError(f"matmul(): argument 'other' (position 1) must be Tensor, not {type(other).__name__}"
                        if isinstance(input, Tensor) else
                        f"matmul(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}")
    a, b = input.ndim, other.ndim
    if a == 0 or b == 0:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are {a}D and {b}D")
    if a == 1 and b == 1:
        return dot(input, other)
    if a == 2 and b == 1:
        return mv(input, other)
    if a == 2 and b == 2:
        return mm(input, other)
    sa, sb = input._data.shape, other._data.shape
    n, k = sa[-1], sb[0] if b == 1 else sb[-2]
    if n != k:
        if b == 1:
            rows = int(np.prod(sa[:-1]))
            raise RuntimeError(f"size mismatch, got input ({rows}), mat ({rows}x{n}), vec ({k})")
        if a == 1:
            raise RuntimeError(f"size mismatch, got input (1), mat (1x{n}), vec ({k})")
        raise _cannot_multiply((int(np.prod(sa[:-1])), n), sb[-2:])
    if a == 1 and b == 2:
        _same_dtype(input, other)
        return vm(input, other)
    if input._data.dtype != other._data.dtype:
        _same_dtype(input, other)
    try:
        np.broadcast_shapes(sa[:-2], sb[:-2])
    except ValueError:
        for i in range(1, builtins.min(len(sa), len(sb)) - 1):
            if sa[-2 - i] != sb[-2 - i] and 1 not in (sa[-2 - i], sb[-2 - i]):
                dim = builtins.max(len(sa), len(sb)) - 2 - i
                raise RuntimeError(f"The size of tensor a ({sa[-2 - i]}) must match the size of tensor b "
                                   f"({sb[-2 - i]}) at non-singleton dimension {dim}") from None
        raise
    return matmul_batched(input, other)


def reshape(input: Tensor, *shape: Any) -> Tensor:
    """The same elements in a new shape (one ``-1`` is inferred).

    >>> import minigrad as torch
    >>> torch.arange(6).reshape(2, -1)
    tensor([[0, 1, 2],
            [3, 4, 5]])
    """
    try:
        new = np.empty(input._data.shape, dtype=bool).reshape(_shape_arg(shape)).shape
    except ValueError:
        raise RuntimeError(f"shape '[{', '.join(str(s) for s in _shape_arg(shape))}]' is invalid for input "
                           f"of size {input._data.size}") from None
    return link(_view(input, shape=new, old=input._data.shape), input, "shape", input._data.shape)


def view(input: Tensor, *shape: Any) -> Tensor:
    """A view with a new shape.

    >>> import minigrad as torch
    >>> torch.arange(4.).view(2, 2)
    tensor([[0., 1.],
            [2., 3.]])
    """
    return reshape(input, *shape)


def flatten(input: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    """Merge dims ``start_dim..end_dim`` into one.

    >>> import minigrad as torch
    >>> torch.zeros(2, 3, 4).flatten(1).shape
    torch.Size([2, 12])
    """
    shape = input._data.shape
    if not shape:
        return reshape(input, 1)
    start, end = start_dim % len(shape), end_dim % len(shape)
    return reshape(input, *shape[:start], -1, *shape[end + 1:])


def expand(input: Tensor, *sizes: Any) -> Tensor:
    """Broadcast to ``sizes`` (``-1`` keeps a dimension).

    >>> import minigrad as torch
    >>> torch.tensor([[1.], [2.]]).expand(2, 3)
    tensor([[1., 1., 1.],
            [2., 2., 2.]])
    """
    sizes = _shape_arg(sizes)
    lead = len(sizes) - input.ndim
    shape = tuple(input._data.shape[i - lead] if s == -1 else s for i, s in enumerate(sizes))
    return link(_expand(input, shape=shape), input, "expand", shape)


def permute(input: Tensor, *dims: Any) -> Tensor:
    """Reorder the axes.

    >>> import minigrad as torch
    >>> torch.zeros(2, 3, 4).permute(2, 0, 1).shape
    torch.Size([4, 2, 3])
    """
    if not dims:
        raise TypeError('permute() missing 1 required positional arguments: "dims"')
    dims = _dims(_shape_arg(dims), input.ndim)
    return link(_permute(input, dims=dims), input, "permute", dims)


def transpose(input: Tensor, dim0: int, dim1: int) -> Tensor:
    """Swap two axes.

    >>> import minigrad as torch
    >>> torch.zeros(2, 3, 4).transpose(0, 2).shape
    torch.Size([4, 3, 2])
    """
    d0, d1 = _dims((dim0, dim1), input.ndim)
    dims = list(range(-input.ndim, 0))
    dims[d0], dims[d1] = dims[d1], dims[d0]
    return link(_transpose(input, dim0=d0, dim1=d1), input, "permute", tuple(dims))


def t(input: Tensor) -> Tensor:
    """Transpose of a matrix.

    >>> import minigrad as torch
    >>> torch.tensor([[1., 2.]]).t()
    tensor([[1.],
            [2.]])
    """
    if input.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {input.ndim}D")
    if input.ndim < 2:
        return link(_t(input, ndim=input.ndim), input, "shape", input._data.shape)
    return link(_t(input, ndim=input.ndim), input, "permute", (-1, -2))


def squeeze(input: Tensor, dim: Any = None) -> Tensor:
    """Drop axes of size 1 (all, or those in ``dim``).

    >>> import minigrad as torch
    >>> torch.zeros(1, 3, 1).squeeze().shape
    torch.Size([3])
    """
    shape = input._data.shape
    if dim is None:
        dims = tuple(i - len(shape) for i, s in enumerate(shape) if s == 1)
        return link(squeeze_all(input, dims=dims), input, "shape", shape)
    drop = {d % builtins.max(len(shape), 1) for d in _dims(dim, len(shape))}
    op = squeeze_dim if isinstance(dim, (builtins.int, np.integer)) else squeeze_dims
    dims = tuple(i - len(shape) for i, s in enumerate(shape) if i in drop and s == 1)
    return link(op(input, dims=dims), input, "shape", shape)


def unsqueeze(input: Tensor, dim: int) -> Tensor:
    """Insert an axis of size 1 at ``dim``.

    >>> import minigrad as torch
    >>> torch.zeros(2).unsqueeze(0).shape
    torch.Size([1, 2])
    """
    return link(_unsqueeze(input, dim=_dims(dim, input.ndim + 1)[0]), input, "shape", input._data.shape)


def getitem(input: Tensor, key: Any) -> Tensor:
    """``input[key]``: basic and advanced indexing; repeated indices add up in the gradient.

    >>> import minigrad as torch
    >>> x = torch.tensor([1., 2., 3.], requires_grad=True)
    >>> x[[0, 0, 2]]
    tensor([1., 1., 3.], grad_fn=<IndexBackward0>)
    """
    shape = input._data.shape
    if type(key) is builtins.int and shape and -shape[0] <= key < shape[0]:     # x[i], the common case
        out = select(input, key=(key,), shape=shape)
        return link(out, input, "key", (key,)) if input._requires_grad else out
    parts = key_parts(key, shape)
    op = read_rule(key, parts, shape)
    out = op(input, key=parts, shape=shape)
    return link(out, input, "key", parts) if op.view else out


def cat(tensors: Any, dim: int = 0) -> Tensor:
    """Join tensors along an existing dimension.

    >>> import minigrad as torch
    >>> torch.cat([torch.zeros(1, 2), torch.ones(1, 2)])
    tensor([[0., 0.],
            [1., 1.]])
    """
    tensors = [t for t in tensors]
    if not tensors:
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    for i, t in enumerate(tensors):
        if t._data.ndim == 0:
            raise RuntimeError(f"zero-dimensional tensor (at position {i}) cannot be concatenated")
    for i, t in enumerate(tensors):
        if t.ndim == 0:
            raise RuntimeError(f"zero-dimensional tensor (at position {i}) cannot be concatenated")
    kept = [t for t in tensors if t._data.shape != (0,)] or tensors[:1]   # torch skips 1-D empties
    first = kept[0]._data.shape
    d = _dims(dim, len(first))[0]
    for i, t in enumerate(kept):
        shape = t._data.shape
        if len(shape) != len(first):
            raise RuntimeError("Tensors must have same number of dimensions: "
                               f"got {len(first)} and {len(shape)}")
        for axis, (a, b) in enumerate(zip(first, shape)):
            if axis != d + len(first) and a != b:
                raise RuntimeError(f"Sizes of tensors must match except in dimension {d + len(first)}. "
                                   f"Expected size {a} but got size {b} for tensor number {i} in the list.")
    return _cat(*kept, dim=d, sizes=tuple(t._data.shape[d] for t in kept))


def stack(tensors: Any, dim: int = 0) -> Tensor:
    """Join same-shaped tensors along a new dimension.

    >>> import minigrad as torch
    >>> torch.stack([torch.zeros(2), torch.ones(2)], dim=1)
    tensor([[0., 1.],
            [0., 1.]])
    """
    tensors = [t for t in tensors]
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    first = tensors[0]._data.shape
    for i, t in enumerate(tensors):
        if t._data.shape != first:
            raise RuntimeError(f"stack expects each tensor to be equal size, but got {list(first)} at "
                               f"entry 0 and {list(t._data.shape)} at entry {i}")
    return _stack(*tensors, dim=_dims(dim, len(first) + 1)[0])


def where(condition: Any, input: Any, other: Any) -> Tensor:
    """``input`` where ``condition`` holds, else ``other``.

    >>> import minigrad as torch
    >>> torch.where(torch.tensor([True, False]), torch.tensor([1., 2.]), 0.)
    tensor([1., 0.])
    """
    dtype = promote([input, other])
    cond = condition if isinstance(condition, Tensor) else Tensor._make(np.asarray(condition), False)
    a = input if isinstance(input, Tensor) and input._data.dtype == dtype else _const(input, dtype)
    b = other if isinstance(other, Tensor) and other._data.dtype == dtype else _const(other, dtype)
    return where_(cond, a, b)


def _const(value: Any, dtype: np.dtype) -> Tensor:
    if isinstance(value, Tensor):
        return value.to(dtype=dtype)
    return Tensor._make(np.asarray(value, dtype=dtype), False)


def clamp(input: Tensor, min: Any = None, max: Any = None) -> Tensor:
    """Clip into ``[min, max]``.

    >>> import minigrad as torch
    >>> torch.clamp(torch.tensor([-2., 0.5, 3.]), min=0., max=1.)
    tensor([0.0000, 0.5000, 1.0000])
    """
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    if isinstance(min, Tensor) or isinstance(max, Tensor):
        lo = min if isinstance(min, Tensor) else _const(-np.inf if min is None else min, input._data.dtype)
        hi = max if isinstance(max, Tensor) else _const(np.inf if max is None else max, input._data.dtype)
        return clamp_tensor(input, lo, hi)
    return clamp_(input, min=_plain(min), max=_plain(max))


def _plain(value: Any) -> Any:
    return value._data if isinstance(value, Tensor) else value


def _compare(fn: Any, input: Any, other: Any) -> Tensor:
    cls = type(input) if isinstance(input, Tensor) else type(other)
    a, b = _plain(input), _plain(other)
    try:
        return cls._make(np.asarray(fn(a, b)), False)
    except ValueError as error:
        raise _broadcast_error([np.asarray(a), np.asarray(b)]) or error from None


def eq(input: Any, other: Any) -> Tensor:
    """Elementwise ``input == other``, as a bool tensor (never recorded).

    >>> import minigrad as torch
    >>> torch.eq(torch.tensor([1., 2.]), 2.)
    tensor([False,  True])
    """
    return _compare(np.equal, input, other)


def ne(input: Any, other: Any) -> Tensor:
    """Elementwise ``input != other``.

    >>> import minigrad as torch
    >>> torch.ne(torch.tensor([1., 2.]), 2.)
    tensor([ True, False])
    """
    return _compare(np.not_equal, input, other)


def lt(input: Any, other: Any) -> Tensor:
    """Elementwise ``input < other``.

    >>> import minigrad as torch
    >>> torch.lt(torch.tensor([1., 2.]), 2.)
    tensor([ True, False])
    """
    return _compare(np.less, input, other)


def le(input: Any, other: Any) -> Tensor:
    """Elementwise ``input <= other``.

    >>> import minigrad as torch
    >>> torch.le(torch.tensor([1., 2.]), 2.)
    tensor([True, True])
    """
    return _compare(np.less_equal, input, other)


def gt(input: Any, other: Any) -> Tensor:
    """Elementwise ``input > other``.

    >>> import minigrad as torch
    >>> torch.gt(torch.tensor([1., 2.]), 1.)
    tensor([False,  True])
    """
    return _compare(np.greater, input, other)


def ge(input: Any, other: Any) -> Tensor:
    """Elementwise ``input >= other``.

    >>> import minigrad as torch
    >>> torch.ge(torch.tensor([1., 2.]), 2.)
    tensor([False,  True])
    """
    return _compare(np.greater_equal, input, other)


def logical_not(input: Tensor) -> Tensor:
    return type(input)._make(np.logical_not(input._data), False)


def logical_and(input: Any, other: Any) -> Tensor:
    return _compare(np.logical_and, input, other)


def logical_or(input: Any, other: Any) -> Tensor:
    return _compare(np.logical_or, input, other)


def sign(input: Tensor) -> Tensor:
    """-1, 0 or 1 by sign (a copy for bools); its gradient is 0.

    >>> import minigrad as torch
    >>> torch.tensor([-2., 0., 3.]).sign()
    tensor([-1.,  0.,  1.])
    """
    if input._data.dtype == np.bool_:
        return type(input)._make(input._data.copy(), False)
    return sign_(input)


# ----- in place --------------------------------------------------------------------------------

def inplace(target: Tensor, op: Any, *args: Any) -> Tensor:
    """Run ``op(target, *args)`` and write the result into ``target``'s own storage.

    The version counter goes up by one, so saved copies of ``target`` are known to be stale,
    and ``target`` is rebased onto the new node (torch's in-place semantics).
    """
    if target.grad_fn is None and target._requires_grad and _mode._grad_enabled.get():
        raise RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.")
    bases = _views.check(target) if "_view_of" in target.__dict__ else None
    ufunc = _UFUNCS.get(op)
    if ufunc is not None and target._data.dtype.kind == "f" and not _records(target, args):
        # Nothing to record (an optimizer step under no_grad, say): NumPy writes in place.
        other = args[0]._data if isinstance(args[0], Tensor) else args[0]
        ufunc(target._data, other, out=target._data, casting="same_kind")
        target._version[0] += 1
        return target
    source = target
    if target.grad_fn is not None and _mode._grad_enabled.get():
        # The op reads the value from before the write: a copy of it, in target's place in the
        # graph, is what the new node saves (torch saves the original self the same way).
        source = type(target)._make(target._data.copy(), target._requires_grad)
        source.grad_fn, source._output_nr = target.grad_fn, target._output_nr
        args = tuple(source if a is target else a for a in args)
    result = op(source, *args)
    np.copyto(target._data, result._data, casting="unsafe")
    target._version[0] += 1
    node = result.grad_fn
    if node is not None:
        versions = list(node.versions)
        for i, value in enumerate(node.saved or ()):
            if value is not None and getattr(value, "_data", None) is result._data:
                value._data, value._version = target._data, target._version
                value.owner, versions[i] = weakref.ref(target), target._version[0]
        node.versions = tuple(versions)
        target.grad_fn, target._output_nr = node, 0
        target._requires_grad = result._requires_grad
        if bases or "_views" in target.__dict__:
            _views.rebase(target, bases or [])
    return target


_UFUNCS = {add: np.add, sub: np.subtract, mul: np.multiply, div: np.true_divide}


def _records(target: Tensor, args: tuple) -> bool:
    """Whether an in-place op on ``target`` with ``args`` must be recorded."""
    if not _mode._grad_enabled.get():
        return False
    return (target._requires_grad or target.grad_fn is not None or bool(_mode.recording_recorders())
            or any(isinstance(a, Tensor) and a._requires_grad for a in args))


def zero(input: Tensor) -> Tensor:
    """Zeros like ``input`` (what ``zero_`` writes)."""
    return _fill(input, value=0)


def fill(input: Tensor, value: Any) -> Tensor:
    """``value`` broadcast to ``input``'s shape (what ``fill_`` writes)."""
    if isinstance(value, Tensor) and value._requires_grad:
        return add(mul(input, 0), value)
    return _fill(input, value=_plain(value))


def copy(input: Tensor, src: Tensor) -> Tensor:
    """``src`` broadcast to ``input``'s shape (what ``copy_`` writes)."""
    return add(mul(input, 0), src) if isinstance(src, Tensor) and src._requires_grad else _fill(
        input, value=_plain(src))


def setitem(target: Tensor, key: Any, value: Any) -> None:
    """``target[key] = value``, recorded as torch records it (CopySlices, or IndexPutBackward0
    for an advanced key)."""
    if not isinstance(value, Tensor):
        value = Tensor._make(np.asarray(value, dtype=target._data.dtype), False)
    shape = target._data.shape
    parts = key_parts(key, shape)
    check_write(shape, parts, value)
    op = index_put if any(isinstance(k, (np.ndarray, builtins.bool)) for k in parts) else write
    value_shape = value._data.shape
    inplace(target, lambda t, v: op(t, v, key=parts, shape=shape, value_shape=value_shape), value)
