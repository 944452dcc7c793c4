"""MindSpore's Tensor, Parameter and ParameterTuple over the core Tensor, printed as MindSpore prints.

``print(t)`` shows the NumPy array (``[2. 4. 6.]``); ``repr(t)`` (and so a tuple of tensors) shows
MindSpore's own text: ``Tensor(shape=[2], dtype=Float32, value= [ 1.00000000e+00,  2.00000000e+00])``.
"""
from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from .. import ops as core_ops
from ..tensor import Tensor as CoreTensor, to_numpy_dtype
from . import _errors, dtype as mstype

# MindSpore 2.10 (ir/tensor.cc): 1-D rows break every 12 floats or bools and every 24 integers;
# past 1000 elements only the first and last 3 of each row (and of each outer axis) are shown.
_LINE = {"f": 12, "b": 12}
_SUMMARY_SIZE, _EDGE = 1000, 3


def _infer(data: Any) -> np.ndarray:
    """Python data as MindSpore reads it: floats float32, ints int64, bools bool; arrays keep theirs.
    What MindSpore refuses (None, objects, another framework's tensor, ragged or string lists) it
    refuses with its TypeError."""
    if isinstance(data, (np.ndarray, np.generic)):
        return np.array(data, copy=True)
    if not isinstance(data, (list, tuple, float, int, complex, bytes)):   # bool is an int
        raise _errors.input_data_type(data)
    try:
        array = np.array(data)
    except ValueError:                                  # ragged
        raise _errors.unsupported_element(data) from None
    if isinstance(data, (list, tuple)) and array.dtype.kind in "OUS":
        raise _errors.unsupported_element(data)
    if array.dtype.kind == "f":
        return array.astype(np.float32)
    if array.dtype.kind in "iu":
        return array.astype(np.int64)
    return array


def _scalar_text(value: Any, kind: str) -> str:
    if kind == "b":
        return "True" if value else "False"
    if kind == "f":
        if np.isnan(value) and np.signbit(value):
            return "-nan"
        return "%g" % value        # C++ ostream's default: six significant digits
    return str(value)


def _value_text(array: np.ndarray) -> str:
    """The ``value=`` part of MindSpore's repr, as ir/tensor.cc writes it."""
    kind = array.dtype.kind
    if array.ndim == 0:
        return _scalar_text(array.item(), kind)
    if array.size == 0:
        return ""
    if kind == "f":
        spec = "%11.4e" if array.dtype == np.float16 else "%15.8e"
        width = 11 if array.dtype == np.float16 else 15
        # C++ prints a NaN's sign bit ("-nan", as sqrt of a negative gives)
        cell = lambda v: ("-nan".rjust(width) if np.isnan(v) and np.signbit(v) else spec % v)  # noqa: E731
    elif kind == "b":
        cell = lambda v: "%5s" % ("True" if v else "False")  # noqa: E731
    else:
        width = max(len(str(v)) for v in array.flat)
        cell = lambda v: str(v).rjust(width)  # noqa: E731
    summary = array.size > _SUMMARY_SIZE
    line = _LINE.get(kind, 24) if array.ndim == 1 else 0

    def row(values: np.ndarray) -> str:
        n = len(values)
        if summary and n > 2 * _EDGE:
            head = ", ".join(cell(v) for v in values[:_EDGE])
            tail = ", ".join(cell(v) for v in values[n - _EDGE:])
            return "[" + head + " ... " + tail + "]"
        parts = []
        for i, v in enumerate(values):
            parts.append(cell(v) + (", " if i != n - 1 else ""))
            if line and (i + 1) % line == 0:
                parts.append("\n ")
        return "[" + "".join(parts) + "]"

    # Build the nested text bottom-up with an explicit stack of (index prefix, depth).
    def block(index: tuple) -> str:
        depth = len(index)
        if depth == array.ndim - 1:
            return row(array[index])
        n = array.shape[depth]
        picks = list(range(n))
        if summary and n > 2 * _EDGE:
            picks = list(range(_EDGE)) + [None] + list(range(n - _EDGE, n))
        pad = "\n" + " " * (depth + 1)
        text = ""
        for k, i in enumerate(picks):
            if k:     # MindSpore puts no comma after the "..." line
                text += pad if picks[k - 1] is None else "," + pad
            text += "..." if i is None else block(index + (i,))
        return "[" + text + "]"

    return block(())


class Tensor(CoreTensor):
    """``mindspore.Tensor(input_data, dtype)``: Python floats become Float32, ints Int64.

    >>> import minigrad.ms as ms
    >>> x = ms.Tensor([1.0, 2.0], ms.float32)
    >>> print(x * 2)
    [2. 4.]
    >>> x
    Tensor(shape=[2], dtype=Float32, value= [ 1.00000000e+00,  2.00000000e+00])
    """

    def __init__(self, input_data: Any = None, dtype: Any = None, shape: Any = None, init: Any = None,
                 const_arg: bool = False, device: Any = None) -> None:
        if input_data is None and dtype is None:
            raise _errors.input_data_type(input_data)
        if input_data is None:
            array = np.zeros(() if shape is None else tuple(np.atleast_1d(shape)),
                             to_numpy_dtype(dtype) or np.float32)
        elif isinstance(input_data, Tensor):
            array = np.array(input_data._data, copy=True)
        else:
            array = _infer(input_data)
        want = to_numpy_dtype(dtype)
        if want is not None and array.dtype != want:
            array = array.astype(want)
        self._init(array, False)

    # ----- what MindSpore names differently from torch ------------------------------------------
    @property
    def dtype(self) -> mstype.Type:
        return mstype.from_numpy(self._data.dtype)

    @property
    def shape(self) -> tuple:
        return tuple(self._data.shape)

    @property
    def size(self) -> int:
        return int(self._data.size)

    def asnumpy(self) -> np.ndarray:
        """The values as a NumPy array."""
        return self._data

    def numpy(self) -> np.ndarray:
        return self._data

    def astype(self, dtype: Any, copy: bool = True) -> "Tensor":
        """The values converted to ``dtype``."""
        return self.to(dtype)

    def to(self, *args: Any, **kwargs: Any) -> "Tensor":
        target = to_numpy_dtype(kwargs.get("dtype", args[0] if args else None))
        if target is None or target == self._data.dtype:
            return self
        return core_ops.to_dtype(self, dtype=target)

    def sum(self, axis: Any = None, dtype: Any = None, keepdims: bool = False, initial: Any = None, *,
            keepdim: bool | None = None) -> "Tensor":
        """Sum over ``axis`` (all axes when None or ``()``); integers sum as Int64, as in MindSpore."""
        # The engine's vjps call ``sum(axes, keepdim=...)`` (torch's spelling) on dialect tensors too.
        keep = keepdims if keepdim is None else keepdim
        axis = None if axis is None or axis == () else axis
        out = core_ops.sum(self, axis, keep, dtype=to_numpy_dtype(dtype))
        return out if initial is None else out + initial

    def mean(self, axis: Any = None, keep_dims: bool = False) -> "Tensor":
        """Mean over ``axis`` (all axes when None or ``()``); an integer mean is truncated to its dtype."""
        axis = None if axis is None or axis == () else axis
        if self._data.dtype.kind in "biu":
            return core_ops.mean(self.to(np.float64), axis, keep_dims).to(self._data.dtype)
        return core_ops.mean(self, axis, keep_dims)

    def _extreme(self, name: str, args: tuple, kwargs: dict) -> Any:
        # MindSpore 2.10 has two overloads: max(dim, keepdim) -> (values, indices), and the NumPy one
        # max(axis=None, keepdims=False) -> values.
        if args and not isinstance(args[0], (tuple, list)) and args[0] is not None:
            dim, keep = args[0], (args[1] if len(args) > 1 else kwargs.get("keepdim", False))
            values = (core_ops.amax if name == "max" else core_ops.amin)(self, dim, keep)
            index = (np.argmax if name == "max" else np.argmin)(self._data, dim)
            index = np.expand_dims(index, dim) if keep else index
            return values, Tensor._make(np.asarray(index, np.int64), False)
        axis = args[0] if args else kwargs.get("axis")
        keep = args[1] if len(args) > 1 else kwargs.get("keepdims", False)
        return (core_ops.amax if name == "max" else core_ops.amin)(self, () if axis is None else axis, keep)

    def max(self, *args: Any, **kwargs: Any) -> Any:
        """``max(axis=None, keepdims=False)`` the largest values; ``max(dim)`` (values, indices)."""
        return self._extreme("max", args, kwargs)

    def min(self, *args: Any, **kwargs: Any) -> Any:
        """``min(axis=None, keepdims=False)`` the smallest values; ``min(dim)`` (values, indices)."""
        return self._extreme("min", args, kwargs)

    def var(self, axis: Any = None, ddof: int = 0, keepdims: bool = False) -> "Tensor":
        """Variance over ``axis`` with ``ddof`` (0 by default, as NumPy and MindSpore)."""
        return core_ops.var(self, axis, None, keepdims, correction=ddof)

    def std(self, axis: Any = None, ddof: int = 0, keepdims: bool = False) -> "Tensor":
        return core_ops.std(self, axis, None, keepdims, correction=ddof)

    def norm(self, ord: Any = None, dim: Any = None, keepdim: bool = False) -> "Tensor":
        """The 2-norm (of all elements, or over ``dim``)."""
        return core_ops.sqrt(core_ops.sum(self * self, dim, keepdim))

    def __floordiv__(self, other: Any) -> "Tensor":
        # floor division has no gradient (MindSpore's FloorDiv bprop is zero): computed, not recorded
        return _constant(np.floor_divide, self, other)

    def __rfloordiv__(self, other: Any) -> "Tensor":
        return _constant(np.floor_divide, other, self)

    def __mod__(self, other: Any) -> "Tensor":
        return _constant(np.mod, self, other)

    def __rmod__(self, other: Any) -> "Tensor":
        return _constant(np.mod, other, self)

    def transpose(self, *axes: Any) -> "Tensor":
        """Permute the axes (MindSpore's meaning); with two axes on a tensor of rank > 2, swap them
        (the engine's vjps use torch's ``transpose(dim0, dim1)``)."""
        if len(axes) == 1 and isinstance(axes[0], (tuple, list)):
            axes = tuple(axes[0])
        if not axes:
            axes = tuple(reversed(range(self._data.ndim)))
        if len(axes) == 2 and self._data.ndim != 2:
            return core_ops.transpose(self, axes[0], axes[1])
        return core_ops.permute(self, *axes)

    def expand_dims(self, axis: int) -> "Tensor":
        return core_ops.unsqueeze(self, axis)

    def copy(self) -> "Tensor":
        return core_ops.clone(self)

    def __bool__(self) -> bool:
        if self._data.size != 1:
            raise _errors.ambiguous(self._data.size)
        return bool(self._data.item())

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        raise _errors.not_implemented(name)

    def __repr__(self) -> str:
        shape = "[" + ", ".join(str(n) for n in self._data.shape) + "]"
        sep = "\n" if self._data.ndim > 1 else " "
        return f"Tensor(shape={shape}, dtype={self.dtype}, value={sep}{_value_text(self._data)})"

    def __str__(self) -> str:
        return str(self._data)


def _constant(fn: Any, a: Any, b: Any) -> Tensor:
    arrays = [v._data if isinstance(v, CoreTensor) else v for v in (a, b)]
    dtype = core_ops.promote([a, b])
    return Tensor._make(np.asarray(fn(*(np.asarray(v, dtype) for v in arrays))), False)


def tensor(input_data: Any = None, dtype: Any = None) -> Tensor:
    """``mindspore.tensor``: the same as ``Tensor(input_data, dtype)``.

    >>> import minigrad.ms as ms
    >>> print(ms.tensor([1, 2]).dtype)
    Int64
    """
    return Tensor(input_data, dtype)


_unnamed = itertools.count(2)      # mindspore 2.10 names its first unnamed Parameter 'Parameter#2'


class Parameter(Tensor):
    """A trainable tensor with a ``name``; a Cell names it after the attribute that holds it.

    Arithmetic on a Parameter gives a plain Tensor, as in MindSpore.

    >>> import numpy as np
    >>> import minigrad.ms as ms
    >>> ms.Parameter(ms.Tensor(np.array([1.0], np.float32)), name='z')
    Parameter (name=z, shape=(1,), dtype=Float32, requires_grad=True)
    """

    def __init__(self, default_input: Any, name: str | None = None, requires_grad: bool = True,
                 layerwise_parallel: bool = False, parallel_optimizer: bool = True) -> None:
        array = default_input._data if isinstance(default_input, Tensor) else _infer(default_input)
        self._init(np.array(array, copy=True), False)
        self._named = name is not None
        self.name = name if name is not None else f"Parameter#{next(_unnamed)}"
        self._trainable = bool(requires_grad)

    @classmethod
    def _make(cls, array: np.ndarray, requires_grad: bool) -> Tensor:
        # An op's result takes its input's class; a Parameter's results are plain Tensors.
        return Tensor._make(array, requires_grad)

    @property
    def requires_grad(self) -> bool:
        """Whether the parameter is trainable (MindSpore's flag, not torch's graph membership)."""
        return self._trainable

    @requires_grad.setter
    def requires_grad(self, value: bool) -> None:
        self._trainable = bool(value)

    @property
    def data(self) -> Tensor:
        out = Tensor._make(self._data, False)
        out._version = self._version
        return out

    def value(self) -> Tensor:
        """The current value as a Tensor."""
        return self.data

    def set_data(self, data: Any, slice_shape: bool = False) -> "Parameter":
        """Replace the value (a new array of the same dtype); returns the parameter."""
        array = data._data if isinstance(data, CoreTensor) else np.asarray(data)
        self._data = np.array(array, dtype=self._data.dtype, copy=True)
        self._version[0] += 1
        return self

    def clone(self, init: str = "same") -> "Parameter":
        return Parameter(Tensor(self._data), name=self.name, requires_grad=self._trainable)

    def __repr__(self) -> str:
        return (f"Parameter (name={self.name}, shape={tuple(self._data.shape)}, dtype={self.dtype}, "
                f"requires_grad={self._trainable})")

    __str__ = __repr__


class ParameterTuple(tuple):
    """A tuple that holds only Parameters (what ``weights=`` and ``GradOperation`` take).

    >>> import minigrad.ms as ms
    >>> w = ms.Parameter(ms.Tensor(1.0), name='w')
    >>> ms.ParameterTuple([w])
    (Parameter (name=w, shape=(), dtype=Float32, requires_grad=True),)
    """

    def __new__(cls, iterable: Any) -> "ParameterTuple":
        items = tuple(iterable)
        if not all(isinstance(p, Parameter) for p in items):
            raise _errors.parameter_tuple(iterable)
        return tuple.__new__(cls, items)
