"""Indexing: ``x[key]`` and ``x[key] = value`` as torch reads a key, with torch's errors.

The rules that read (select, slice, index, ...) sit in shape.py; the writes and the key
handling are here. A key becomes a tuple of NumPy-ready parts with ``...`` spelled out as full
slices, so that a vjp can put batch axes in front of it.
"""
from __future__ import annotations

import builtins
import warnings
from typing import Any

import numpy as np

from . import _dual as F
from ._rule import Rule, rule
from .shape import getitem as _index, index_alias, index_none, select, slice_

_SEQUENCE_WARNING = (
    "Using a non-tuple sequence for multidimensional indexing is deprecated and will be changed in "
    "pytorch 2.9; use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this will be interpreted as "
    "tensor index, x[torch.tensor(seq)], which will result either in an error or a different result")
_TENSOR_KIND = {"float32": "FloatTensor", "float64": "DoubleTensor", "int64": "LongTensor",
                "int32": "IntTensor", "bool": "BoolTensor", "float16": "HalfTensor"}


def _as_tuple(key: Any) -> tuple:
    """torch's reading of a key: a list holding sequences, slices, tensors, ``...`` or None
    is (with a deprecation warning) a tuple of indices; any other list is one index."""
    if isinstance(key, tuple):
        return key
    if isinstance(key, list) and len(key) < 32 and any(
            isinstance(k, (list, tuple, slice, np.ndarray)) or k is None or k is Ellipsis
            or hasattr(k, "_data") for k in key):
        warnings.warn(_SEQUENCE_WARNING, UserWarning, stacklevel=5)
        return tuple(key)
    return (key,)


def _part(k: Any) -> Any:
    """One part of a key, NumPy-ready."""
    if hasattr(k, "_data"):                  # a Tensor
        k = k._data
    elif isinstance(k, list):
        k = np.asarray([x._data if hasattr(x, "_data") else x for x in k])
        if k.dtype.kind == "f" and k.size:   # torch reads a list of floats as long indices
            k = k.astype(np.int64)
        elif k.size == 0:
            k = k.astype(np.int64)
    elif isinstance(k, str):
        raise TypeError("new(): invalid data type 'str'")
    elif isinstance(k, builtins.float):
        raise IndexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables "
                         "are valid indices (got float)")
    elif isinstance(k, slice) and k.step is not None:
        if k.step == 0:
            raise ValueError("slice step cannot be zero")
        if k.step < 0:
            raise ValueError("step must be greater than zero")
    if isinstance(k, np.ndarray) and k.ndim == 0 and k.dtype.kind in "iu" or isinstance(k, np.integer):
        return builtins.int(k)
    if isinstance(k, np.ndarray) and k.dtype.kind not in "biu":
        raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
    return k


def key_parts(key: Any, shape: tuple) -> tuple:
    """``key`` as a tuple of NumPy-ready parts, ``...`` spelled out, checked as torch checks it."""
    out, used, ellipsis = [], 0, None
    for k in _as_tuple(key):
        k = _part(k)
        if k is Ellipsis:
            ellipsis = len(out)
            continue
        used += k.ndim if isinstance(k, np.ndarray) and k.dtype == np.bool_ else (
            0 if k is None or isinstance(k, builtins.bool) else 1)
        out.append(k)
    ndim = len(shape)
    if used > ndim:
        if ndim == 0 and isinstance(out[0], builtins.int):
            raise IndexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                             "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
        if ndim == 0 and isinstance(out[0], slice):
            raise IndexError("slice() cannot be applied to a 0-dim tensor.")
        raise IndexError(f"too many indices for tensor of dimension {ndim}")
    if ellipsis is not None:
        out[ellipsis:ellipsis] = [slice(None)] * (ndim - used)
    _check_bounds(out, shape)
    return tuple(out)


def _check_bounds(parts: list, shape: tuple) -> None:
    """torch's IndexErrors: an int names its dimension, an index tensor its place among them."""
    dim, arrays, shapes = 0, 0, []
    for k in parts:
        if k is None or isinstance(k, builtins.bool):
            continue
        if isinstance(k, np.ndarray) and k.dtype == np.bool_:
            dim += k.ndim
            shapes.append([int(k.sum())])
            continue
        if isinstance(k, np.ndarray):
            bad = k[(k < -shape[dim]) | (k >= shape[dim])]
            if bad.size:
                raise IndexError(f"index {bad.flat[0]} is out of bounds for dimension {arrays} "
                                 f"with size {shape[dim]}")
            arrays += 1
            shapes.append(list(k.shape))
        elif isinstance(k, builtins.int) and not -shape[dim] <= k < shape[dim]:
            raise IndexError(f"index {k} is out of bounds for dimension {dim} with size {shape[dim]}")
        dim += 1
    try:
        np.broadcast_shapes(*map(tuple, shapes))
    except ValueError:
        raise IndexError("shape mismatch: indexing tensors could not be broadcast together with shapes "
                         + ", ".join(str(s) for s in shapes)) from None


def _advanced(parts: tuple) -> bool:
    return any(isinstance(k, (np.ndarray, builtins.bool)) for k in parts)


def read_rule(key: Any, parts: tuple, shape: tuple) -> Rule:
    """The node torch shows for ``x[key]``: IndexBackward0 if any part is advanced, else named
    after the last basic step that does something (full slices are skipped)."""
    if _advanced(parts):
        return _index
    if isinstance(key, slice):
        return slice_
    last, dim = index_alias, 0
    for k in parts:
        if k is None:
            last = index_none
            continue
        if isinstance(k, slice):
            if k.indices(shape[dim]) != (0, shape[dim], 1):
                last = slice_
        else:
            last = select
        dim += 1
    return last


@rule("setitem", node="CopySlices", promotion="none")
def write(input, value, *, key, shape, value_shape):
    """``input`` with ``value`` written at ``key`` (a basic key: torch writes through a view)."""
    out = np.array(input, copy=True)
    out[key] = value
    return out


@write.vjp
def write_vjp(grad, *, key, shape, value_shape):
    # the overwritten entries get nothing; value gets what reached them (batch axes in front),
    # reshaped when value had extra leading 1s that the write dropped
    batch = len(F.shape(grad)) - len(shape)
    grad_value = F.take(grad, key, batch)
    if len(value_shape) > len(F.shape(grad_value)) - batch:
        grad_value = F.reshape(grad_value, F.shape(grad_value)[:batch] + (1,) * (
            len(value_shape) - len(F.shape(grad_value)) + batch) + F.shape(grad_value)[batch:])
    return F.mask_out(grad, shape, key), grad_value


# an advanced key is written with index_put_, and shown as such
index_put = rule("setitem", node="IndexPutBackward0", promotion="none")(write.forward)
index_put.vjp(write_vjp)


def check_write(target_shape: tuple, parts: tuple, value: Any) -> None:
    """torch's errors for a value that does not fit the indexed region."""
    region = np.empty(target_shape, dtype=np.bool_)[parts].shape
    have = value._data.shape
    if _advanced(parts):
        try:
            np.broadcast_to(np.empty(have, np.bool_), region)
        except ValueError:
            raise RuntimeError(f"shape mismatch: value tensor of shape {list(have)} cannot be broadcast to "
                               f"indexing result of shape {list(region)}") from None
        return
    core = have
    while len(core) > len(region) and core[0] == 1:
        core = core[1:]
    if len(core) > len(region):
        kind = _TENSOR_KIND.get(value._data.dtype.name, "Tensor")
        raise RuntimeError(f"expand(torch.{kind}{{{list(have)}}}, size={list(region)}): the number of "
                           f"sizes provided ({len(region)}) must be greater or equal to the number of "
                           f"dimensions in the tensor ({len(have)})")
    for i in range(1, len(core) + 1):
        if core[-i] != 1 and core[-i] != region[-i]:
            raise RuntimeError(f"The expanded size of the tensor ({region[-i]}) must match the existing size "
                               f"({core[-i]}) at non-singleton dimension {len(region) - i}.  Target sizes: "
                               f"{list(region)}.  Tensor sizes: {list(have)}")
