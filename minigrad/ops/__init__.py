"""The op tables, and the thin functions that pick a rule for a torch-style call.

The math of every op lives in its rule (pointwise.py, reduce.py, shape.py, linalg.py,
activation.py); the functions here only normalise arguments (dims, shapes, keys) and choose
between rules, as torch's overloads do.
"""
from __future__ import annotations

import builtins
from typing import Any

import numpy as np

from .. import _mode
from ..tensor import Tensor, promote
from ._rule import Rule, apply, rule  # noqa: F401
from .pointwise import (abs, add, alias, clamp_, clone, cos, div, exp, grad_copy, log, maximum,  # noqa: F401
                        minimum, mul, neg, pow_base, pow_scalar, pow_tensor, reciprocal, rsub, sin,
                        sqrt, sub, to_dtype, where_)
from .reduce import mean_all, mean_dim, sum_all, sum_dim  # noqa: F401
from .shape import expand as _expand, getitem as _getitem, index_backward, permute as _permute  # noqa: F401
from .shape import t as _t, transpose as _transpose, view as _view


def _dims(dim: Any, ndim: int) -> tuple:
    """``dim`` as a tuple of negative axes (so that vjps also work on batched gradients)."""
    dims = (dim,) if isinstance(dim, (builtins.int, np.integer)) else tuple(dim)
    out = []
    for d in dims:
        if not -max(ndim, 1) <= d < max(ndim, 1):
            raise IndexError(f"Dimension out of range (expected to be in range of "
                             f"[{-max(ndim, 1)}, {max(ndim, 1) - 1}], but got {d})")
        out.append(d - ndim if d >= 0 else d)
    return tuple(out)


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
    return sum_dim(input, dim=_dims(dim, input.ndim), keepdim=keepdim, shape=input._data.shape,
                   dtype=np_dtype)


def mean(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    """Mean of all elements, or over ``dim``."""
    if input._data.dtype.kind not in "fc":
        raise RuntimeError("mean(): could not infer output dtype. Input dtype must be either a "
                           f"floating point or complex dtype. Got: {input.dtype.name.capitalize()}")
    if dim is None:
        return mean_all(input, shape=input._data.shape)
    return mean_dim(input, dim=_dims(dim, input.ndim), keepdim=keepdim, shape=input._data.shape)


def reshape(input: Tensor, *shape: Any) -> Tensor:
    """The same elements in a new shape (one ``-1`` is inferred)."""
    new = np.empty(input._data.shape, dtype=bool).reshape(_shape_arg(shape)).shape
    return _view(input, shape=new, old=input._data.shape)


def view(input: Tensor, *shape: Any) -> Tensor:
    """A view with a new shape."""
    return reshape(input, *shape)


def flatten(input: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    """Merge dims ``start_dim..end_dim`` into one."""
    shape = input._data.shape
    if not shape:
        return reshape(input, 1)
    start, end = start_dim % len(shape), end_dim % len(shape)
    return reshape(input, *shape[:start], -1, *shape[end + 1:])


def expand(input: Tensor, *sizes: Any) -> Tensor:
    """Broadcast to ``sizes`` (``-1`` keeps a dimension)."""
    sizes = _shape_arg(sizes)
    lead = len(sizes) - input.ndim
    shape = tuple(input._data.shape[i - lead] if s == -1 else s for i, s in enumerate(sizes))
    return _expand(input, shape=shape)


def permute(input: Tensor, *dims: Any) -> Tensor:
    """Reorder the axes."""
    return _permute(input, dims=_dims(_shape_arg(dims), input.ndim))


def transpose(input: Tensor, dim0: int, dim1: int) -> Tensor:
    """Swap two axes."""
    d0, d1 = _dims((dim0, dim1), input.ndim)
    return _transpose(input, dim0=d0, dim1=d1)


def t(input: Tensor) -> Tensor:
    """Transpose of a matrix."""
    if input.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {input.ndim}D")
    return _t(input)


def squeeze(input: Tensor, dim: Any = None) -> Tensor:
    """Drop axes of size 1 (all, or those in ``dim``)."""
    shape = input._data.shape
    if dim is None:
        new = tuple(s for s in shape if s != 1)
    else:
        drop = {d % builtins.max(len(shape), 1) for d in _dims(dim, len(shape))}
        new = tuple(s for i, s in enumerate(shape) if not (i in drop and s == 1))
    return _view(input, shape=new, old=shape)


def unsqueeze(input: Tensor, dim: int) -> Tensor:
    """Insert an axis of size 1 at ``dim``."""
    return _view(input, shape=np.expand_dims(np.empty(input._data.shape, bool), dim).shape,
                 old=input._data.shape)


def _key(key: Any) -> tuple:
    """An index as a tuple of NumPy-ready parts (tensors become arrays)."""
    parts = key if isinstance(key, tuple) else (key,)
    out = []
    for k in parts:
        if isinstance(k, Tensor):
            k = k._data
        elif isinstance(k, list):
            k = np.asarray([x._data if isinstance(x, Tensor) else x for x in k])
        out.append(k)
    return tuple(out)


def getitem(input: Tensor, key: Any) -> Tensor:
    """``input[key]``: basic and advanced indexing."""
    return _getitem(input, key=_key(key), shape=input._data.shape)


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
    """Clip into ``[min, max]``."""
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    return clamp_(input, min=_plain(min), max=_plain(max))


def _plain(value: Any) -> Any:
    return value._data if isinstance(value, Tensor) else value


def _compare(fn: Any, input: Any, other: Any) -> Tensor:
    cls = type(input) if isinstance(input, Tensor) else type(other)
    return cls._make(np.asarray(fn(_plain(input), _plain(other))), False)


def eq(input: Any, other: Any) -> Tensor:
    return _compare(np.equal, input, other)


def ne(input: Any, other: Any) -> Tensor:
    return _compare(np.not_equal, input, other)


def lt(input: Any, other: Any) -> Tensor:
    return _compare(np.less, input, other)


def le(input: Any, other: Any) -> Tensor:
    return _compare(np.less_equal, input, other)


def gt(input: Any, other: Any) -> Tensor:
    return _compare(np.greater, input, other)


def ge(input: Any, other: Any) -> Tensor:
    return _compare(np.greater_equal, input, other)


def logical_not(input: Tensor) -> Tensor:
    return type(input)._make(np.logical_not(input._data), False)


def logical_and(input: Any, other: Any) -> Tensor:
    return _compare(np.logical_and, input, other)


def logical_or(input: Any, other: Any) -> Tensor:
    return _compare(np.logical_or, input, other)


def sign(input: Tensor) -> Tensor:
    return type(input)._make(np.sign(input._data), False)


# ----- in place --------------------------------------------------------------------------------

def inplace(target: Tensor, op: Any, *args: Any) -> Tensor:
    """Run ``op(target, *args)`` and write the result into ``target``'s own storage.

    The version counter goes up by one, so saved copies of ``target`` are known to be stale,
    and ``target`` is rebased onto the new node (torch's in-place semantics).
    """
    if target.grad_fn is None and target._requires_grad and _mode._grad_enabled.get():
        raise RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.")
    result = op(target, *args)
    np.copyto(target._data, result._data, casting="unsafe")
    target._version[0] += 1
    node = result.grad_fn
    if node is not None:
        for value in node.saved or ():
            if value is not None and getattr(value, "_data", None) is result._data:
                value._data, value._version = target._data, target._version
        target.grad_fn, target._output_nr = node, 0
        target._requires_grad = result._requires_grad
    return target


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


@rule("fill", node="ZeroBackward0", promotion="none")
def _fill(input, *, value):
    """A tensor of ``input``'s shape filled with ``value``; no gradient reaches ``input``."""
    return np.broadcast_to(np.asarray(value, dtype=input.dtype), input.shape).copy()


@_fill.vjp
def _fill_vjp(grad, *, value):
    return (None,)


@rule("setitem", node="CopySlices", promotion="none")
def _setitem(input, value, *, key):
    """``input`` with ``value`` written at ``key``."""
    out = np.array(input, copy=True)
    out[key] = value
    return out


@_setitem.vjp
def _setitem_vjp(grad, *, key):
    from . import _dual as F
    shape = F.shape(grad)
    return F.mask_out(grad, shape, key), grad[(Ellipsis, *key)] if key else grad


def setitem(target: Tensor, key: Any, value: Any) -> None:
    """``target[key] = value``, recorded as torch's CopySlices."""
    if not isinstance(value, Tensor):
        value = Tensor._make(np.asarray(value, dtype=target._data.dtype), False)
    inplace(target, lambda t, v: _setitem(t, v, key=_key(key)), value)
