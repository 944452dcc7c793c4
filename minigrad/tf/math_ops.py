"""TensorFlow's math, array and creation ops as thin calls into minigrad.ops.

What is TensorFlow's own here: argument names (``axis``, ``keepdims``, ``perm``), dtype rules
(no promotion: the other operand is converted to the first tensor's dtype, two tensors of different
dtypes are an error), integer division, and which ops carry no gradient (casts to and from
integers, comparisons, argmax). The derivatives all live in the core rules.
"""
from __future__ import annotations

import builtins
from typing import Any, Sequence

import numpy as np

from .. import ops
from ..tensor import Tensor as _CoreTensor
from . import _errors
from .dtypes import DType, as_dtype, float32, int32
from .tensor import Tensor, Variable, _to_array, _wrap, convert_to_tensor

# TensorFlow's short names for dtypes in op errors ("a float tensor", "a double tensor").
_SHORT = {"float32": "float", "float64": "double", "float16": "half"}


def _read(x: Any) -> Any:
    """A variable's value as a tensor of its own (TensorFlow's ReadVariableOp): ops save the value
    read, so a later ``assign`` does not change their gradients, and the tapes see the read."""
    return x.read_value() if isinstance(x, Variable) else x


def _tensor(x: Any) -> Any:
    """A tensor for an op input: tensors as they are, variables read, data converted."""
    return _read(x) if isinstance(x, _CoreTensor) else convert_to_tensor(x)


def _like(value: Any, dtype: np.dtype) -> Any:
    """``value`` converted to ``dtype`` as TensorFlow converts an op's other operand."""
    if isinstance(value, _CoreTensor):
        return value
    return _wrap(np.array(_to_array(value, _dtype_of(dtype)), copy=True))


def _dtype_of(np_dtype: np.dtype) -> DType:
    return as_dtype(np_dtype)


def _pair(op: str, x: Any, y: Any) -> tuple:
    """Both operands as tensors of one dtype, or TensorFlow's error."""
    x, y = _read(x), _read(y)
    if isinstance(x, _CoreTensor):
        y = _like(y, x._data.dtype)
    elif isinstance(y, _CoreTensor):
        x = _like(x, y._data.dtype)
    else:
        x = convert_to_tensor(x)
        y = _like(y, x._data.dtype)
    if x._data.dtype != y._data.dtype:
        want, got = x._data.dtype.name, y._data.dtype.name
        raise _errors.InvalidArgumentError(_errors.op_dtype(op, 1, _SHORT.get(want, want),
                                                            _SHORT.get(got, got)))
    try:
        np.broadcast_shapes(x._data.shape, y._data.shape)
    except ValueError:
        raise _errors.InvalidArgumentError(
            _errors.incompatible_shapes(op, x._data.shape, y._data.shape)) from None
    return x, y


def _float_only(op: str, x: Any) -> Any:
    x = _tensor(x)
    if x._data.dtype.kind not in "fc":
        name = x._data.dtype.name
        raise _errors.InvalidArgumentError(
            f"Value for attr 'T' of {name} is not in the list of allowed values: bfloat16, half, float, "
            f"double, complex64, complex128\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}; signature=x:T -> "
            "y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, "
            f"DT_COMPLEX128]> [Op:{op}] name: ")
    return x


def _axes(axis: Any, ndim: int) -> Any:
    """``axis`` (None, an int, a list or a tensor) as a tuple of ints, None for every axis."""
    if axis is None:
        return None
    if isinstance(axis, _CoreTensor):
        axis = axis._data.tolist()
    return (int(axis),) if isinstance(axis, (int, np.integer)) else tuple(int(a) for a in axis)


def _shape(shape: Any) -> tuple:
    if isinstance(shape, _CoreTensor):
        shape = shape._data.tolist()
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(int(s) for s in shape)


def _constant_result(array: Any) -> Tensor:
    """A result that carries no gradient (TensorFlow registers none, or a None one)."""
    return _wrap(np.asarray(array))


# ----- arithmetic ------------------------------------------------------------------------------

def add(x: Any, y: Any, name: str | None = None, _reverse: bool = False) -> Tensor:
    """``x + y`` elementwise, with broadcasting.

    >>> import minigrad.tf as tf
    >>> tf.add(tf.constant([1., 2.]), 1.)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 3.], dtype=float32)>
    """
    x, y = _pair("AddV2", x, y) if not _reverse else _pair("AddV2", y, x)[::-1]
    return ops.add(x, y)


def subtract(x: Any, y: Any, name: str | None = None, _reverse: bool = False) -> Tensor:
    """``x - y`` elementwise.

    >>> import minigrad.tf as tf
    >>> tf.subtract(5., tf.constant(2.))
    <tf.Tensor: shape=(), dtype=float32, numpy=3.0>
    """
    x, y = _pair("Sub", x, y) if not _reverse else _pair("Sub", y, x)[::-1]
    return ops.sub(x, y)


def multiply(x: Any, y: Any, name: str | None = None, _reverse: bool = False) -> Tensor:
    """``x * y`` elementwise.

    >>> import minigrad.tf as tf
    >>> tf.multiply(tf.constant(3.), 2.)
    <tf.Tensor: shape=(), dtype=float32, numpy=6.0>
    """
    x, y = _pair("Mul", x, y) if not _reverse else _pair("Mul", y, x)[::-1]
    return ops.mul(x, y)


def truediv(x: Any, y: Any, name: str | None = None, _reverse: bool = False) -> Tensor:
    """``x / y``; integers are divided as floats (int32 and int64 give float64).

    >>> import minigrad.tf as tf
    >>> tf.constant([1, 2]) / 2
    <tf.Tensor: shape=(2,), dtype=float64, numpy=array([0.5, 1. ])>
    """
    x, y = _pair("RealDiv", x, y) if not _reverse else _pair("RealDiv", y, x)[::-1]
    if x._data.dtype.kind in "iu":
        target = np.float32 if x._data.dtype.itemsize <= 2 else np.float64
        return _constant_result(x._data.astype(target) / y._data.astype(target))
    return ops.div(x, y)


def divide(x: Any, y: Any, name: str | None = None) -> Tensor:
    """``x / y`` (``tf.math.divide``).

    >>> import minigrad.tf as tf
    >>> tf.divide(tf.constant(3.), 2.)
    <tf.Tensor: shape=(), dtype=float32, numpy=1.5>
    """
    return truediv(x, y)


realdiv = divide


def floordiv(x: Any, y: Any, name: str | None = None, _reverse: bool = False) -> Tensor:
    """``x // y`` (no gradient, as in TensorFlow).

    >>> import minigrad.tf as tf
    >>> tf.math.floordiv(tf.constant([7, -7]), 2)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([ 3, -4], dtype=int32)>
    """
    x, y = _pair("FloorDiv", x, y) if not _reverse else _pair("FloorDiv", y, x)[::-1]
    return _constant_result(np.floor_divide(x._data, y._data))


floor_div = floordiv


def mod(x: Any, y: Any, name: str | None = None) -> Tensor:
    """``x % y`` with the sign of ``y`` (``tf.math.floormod``).

    >>> import minigrad.tf as tf
    >>> tf.math.floormod(tf.constant([7, -7]), 3)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>
    """
    x, y = _pair("FloorMod", x, y)
    return _constant_result(np.mod(x._data, y._data))


floormod = mod


def pow(x: Any, y: Any, name: str | None = None, _reverse: bool = False) -> Tensor:
    """``x ** y`` elementwise.

    >>> import minigrad.tf as tf
    >>> tf.pow(tf.constant(2.), 3)
    <tf.Tensor: shape=(), dtype=float32, numpy=8.0>
    """
    if _reverse:        # number ** tensor
        y, x = _pair("Pow", y, x)
        return ops.pow(x, y)
    if isinstance(x, _CoreTensor) and not isinstance(y, _CoreTensor) and np.ndim(y) == 0:
        _like(y, x._data.dtype)                     # TensorFlow's conversion check, then a constant exponent
        return ops.pow(x, float(y) if x._data.dtype.kind in "fc" else int(y))
    x, y = _pair("Pow", x, y)
    return ops.pow(x, y)


def negative(x: Any, name: str | None = None) -> Tensor:
    """``-x``.

    >>> import minigrad.tf as tf
    >>> tf.negative(tf.constant([1., -2.]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-1.,  2.], dtype=float32)>
    """
    return ops.neg(_tensor(x))


def abs(x: Any, name: str | None = None) -> Tensor:  # noqa: A001 (TensorFlow's name)
    """``|x|`` elementwise.

    >>> import minigrad.tf as tf
    >>> tf.abs(tf.constant([-1., 2.]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """
    return ops.abs(_tensor(x))


def sign(x: Any, name: str | None = None) -> Tensor:
    """-1, 0 or 1 elementwise (no gradient).

    >>> import minigrad.tf as tf
    >>> tf.sign(tf.constant([-2., 0., 3.]))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([-1.,  0.,  1.], dtype=float32)>
    """
    return _constant_result(np.sign(_tensor(x)._data))


def square(x: Any, name: str | None = None) -> Tensor:
    """``x * x`` elementwise.

    >>> import minigrad.tf as tf
    >>> tf.square(tf.constant(3.))
    <tf.Tensor: shape=(), dtype=float32, numpy=9.0>
    """
    return ops.pow(_tensor(x), 2)


def sqrt(x: Any, name: str | None = None) -> Tensor:
    """Square root elementwise (floating dtypes only).

    >>> import minigrad.tf as tf
    >>> tf.sqrt(tf.constant([4., 9.]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 3.], dtype=float32)>
    """
    return ops.sqrt(_float_only("Sqrt", x))


def rsqrt(x: Any, name: str | None = None) -> Tensor:
    """``1 / sqrt(x)``.

    >>> import minigrad.tf as tf
    >>> tf.math.rsqrt(tf.constant(4.))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.5>
    """
    return ops.reciprocal(ops.sqrt(_float_only("Rsqrt", x)))


def exp(x: Any, name: str | None = None) -> Tensor:
    """``e ** x`` elementwise.

    >>> import minigrad.tf as tf
    >>> tf.exp(tf.constant(0.))
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
    """
    return ops.exp(_float_only("Exp", x))


def log(x: Any, name: str | None = None) -> Tensor:
    """Natural logarithm elementwise.

    >>> import minigrad.tf as tf
    >>> tf.math.log(tf.constant(1.))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
    """
    return ops.log(_float_only("Log", x))


def log1p(x: Any, name: str | None = None) -> Tensor:
    """``log(1 + x)``.

    >>> import minigrad.tf as tf
    >>> tf.math.log1p(tf.constant(0.))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
    """
    return ops.log(ops.add(_float_only("Log1p", x), 1.0))


def expm1(x: Any, name: str | None = None) -> Tensor:
    """``exp(x) - 1``.

    >>> import minigrad.tf as tf
    >>> tf.math.expm1(tf.constant(0.))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
    """
    return ops.sub(ops.exp(_float_only("Expm1", x)), 1.0)


def sin(x: Any, name: str | None = None) -> Tensor:
    """Sine elementwise.

    >>> import minigrad.tf as tf
    >>> tf.sin(tf.constant(0.))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
    """
    return ops.sin(_float_only("Sin", x))


def cos(x: Any, name: str | None = None) -> Tensor:
    """Cosine elementwise.

    >>> import minigrad.tf as tf
    >>> tf.cos(tf.constant(0.))
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
    """
    return ops.cos(_float_only("Cos", x))


def tan(x: Any, name: str | None = None) -> Tensor:
    """Tangent elementwise.

    >>> import minigrad.tf as tf
    >>> tf.math.tan(tf.constant(0.))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
    """
    x = _float_only("Tan", x)
    return ops.div(ops.sin(x), ops.cos(x))


def tanh(x: Any, name: str | None = None) -> Tensor:
    """Hyperbolic tangent elementwise.

    >>> import minigrad.tf as tf
    >>> tf.tanh(tf.constant(0.))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
    """
    return ops.tanh(_float_only("Tanh", x))


def sigmoid(x: Any, name: str | None = None) -> Tensor:
    """``1 / (1 + e ** -x)`` elementwise.

    >>> import minigrad.tf as tf
    >>> tf.sigmoid(tf.constant(0.))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.5>
    """
    return ops.sigmoid(_float_only("Sigmoid", x))


def reciprocal(x: Any, name: str | None = None) -> Tensor:
    """``1 / x``.

    >>> import minigrad.tf as tf
    >>> tf.math.reciprocal(tf.constant(4.))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.25>
    """
    return ops.reciprocal(_float_only("Reciprocal", x))


def maximum(x: Any, y: Any, name: str | None = None) -> Tensor:
    """The larger of ``x`` and ``y`` elementwise.

    >>> import minigrad.tf as tf
    >>> tf.maximum(tf.constant([1., 5.]), 3.)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 5.], dtype=float32)>
    """
    x, y = _pair("Maximum", x, y)
    # TensorFlow sends the whole gradient to x where x >= y (torch splits ties): select, don't average.
    return ops.where(_constant_result(x._data >= y._data), x, y)


def minimum(x: Any, y: Any, name: str | None = None) -> Tensor:
    """The smaller of ``x`` and ``y`` elementwise.

    >>> import minigrad.tf as tf
    >>> tf.minimum(tf.constant([1., 5.]), 3.)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 3.], dtype=float32)>
    """
    x, y = _pair("Minimum", x, y)
    return ops.where(_constant_result(x._data <= y._data), x, y)


def clip_by_value(t: Any, clip_value_min: Any, clip_value_max: Any, name: str | None = None) -> Tensor:
    """``t`` clipped into ``[clip_value_min, clip_value_max]``.

    >>> import minigrad.tf as tf
    >>> tf.clip_by_value(tf.constant([1., 5.]), 2., 3.)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 3.], dtype=float32)>
    """
    t = _tensor(t)
    low, high = (v._data if isinstance(v, _CoreTensor) else v for v in (clip_value_min, clip_value_max))
    return ops.clamp(t, low, high)


def add_n(inputs: Sequence[Any], name: str | None = None) -> Tensor:
    """The sum of a list of tensors of one shape.

    >>> import minigrad.tf as tf
    >>> tf.add_n([tf.constant(1.), tf.constant(2.), tf.constant(3.)])
    <tf.Tensor: shape=(), dtype=float32, numpy=6.0>
    """
    total = _tensor(inputs[0])
    for x in inputs[1:]:
        total = add(total, x)
    return total


# ----- comparisons and logic (no gradients) ---------------------------------------------------

def _compare(op: str, fn: Any, x: Any, y: Any) -> Tensor:
    x, y = _pair(op, x, y)
    return _constant_result(fn(x._data, y._data))


def equal(x: Any, y: Any, name: str | None = None) -> Tensor:
    """``x == y`` elementwise (bool).

    >>> import minigrad.tf as tf
    >>> tf.equal(tf.constant([1, 2]), 2)
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
    """
    return _compare("Equal", np.equal, x, y)


def not_equal(x: Any, y: Any, name: str | None = None) -> Tensor:
    """``x != y`` elementwise (bool).

    >>> import minigrad.tf as tf
    >>> tf.not_equal(tf.constant([1, 2]), 2)
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>
    """
    return _compare("NotEqual", np.not_equal, x, y)


def less(x: Any, y: Any, name: str | None = None) -> Tensor:
    """``x < y`` elementwise (bool).

    >>> import minigrad.tf as tf
    >>> tf.less(tf.constant([1., 2.]), 2.)
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>
    """
    return _compare("Less", np.less, x, y)


def less_equal(x: Any, y: Any, name: str | None = None) -> Tensor:
    """``x <= y`` elementwise (bool).

    >>> import minigrad.tf as tf
    >>> tf.less_equal(tf.constant([1., 2.]), 2.)
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True,  True])>
    """
    return _compare("LessEqual", np.less_equal, x, y)


def greater(x: Any, y: Any, name: str | None = None) -> Tensor:
    """``x > y`` elementwise (bool).

    >>> import minigrad.tf as tf
    >>> tf.greater(tf.constant([1., 2.]), 1.)
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
    """
    return _compare("Greater", np.greater, x, y)


def greater_equal(x: Any, y: Any, name: str | None = None) -> Tensor:
    """``x >= y`` elementwise (bool).

    >>> import minigrad.tf as tf
    >>> tf.greater_equal(tf.constant([1., 2.]), 2.)
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
    """
    return _compare("GreaterEqual", np.greater_equal, x, y)


def logical_and(x: Any, y: Any, name: str | None = None) -> Tensor:
    """``x and y`` elementwise.

    >>> import minigrad.tf as tf
    >>> tf.logical_and(tf.constant([True, True]), tf.constant([True, False]))
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>
    """
    return _compare("LogicalAnd", np.logical_and, x, y)


def logical_or(x: Any, y: Any, name: str | None = None) -> Tensor:
    """``x or y`` elementwise.

    >>> import minigrad.tf as tf
    >>> tf.logical_or(tf.constant([True, False]), tf.constant([False, False]))
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>
    """
    return _compare("LogicalOr", np.logical_or, x, y)


def logical_not(x: Any, name: str | None = None) -> Tensor:
    """``not x`` elementwise.

    >>> import minigrad.tf as tf
    >>> tf.logical_not(tf.constant([True, False]))
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
    """
    return _constant_result(np.logical_not(_tensor(x)._data))


def argmax(input: Any, axis: Any = None, output_type: Any = None, name: str | None = None) -> Tensor:
    """Index of the largest value along ``axis`` (0 by default), int64.

    >>> import minigrad.tf as tf
    >>> tf.argmax(tf.constant([1., 3., 2.]))
    <tf.Tensor: shape=(), dtype=int64, numpy=1>
    """
    x = _tensor(input)
    return _constant_result(np.argmax(x._data, axis=0 if axis is None else int(axis)).astype(
        as_dtype(output_type or "int64").numpy_dtype))


def argmin(input: Any, axis: Any = None, output_type: Any = None, name: str | None = None) -> Tensor:
    """Index of the smallest value along ``axis`` (0 by default), int64.

    >>> import minigrad.tf as tf
    >>> tf.argmin(tf.constant([1., 3., 2.]))
    <tf.Tensor: shape=(), dtype=int64, numpy=0>
    """
    x = _tensor(input)
    return _constant_result(np.argmin(x._data, axis=0 if axis is None else int(axis)).astype(
        as_dtype(output_type or "int64").numpy_dtype))


# ----- reductions ------------------------------------------------------------------------------

def reduce_sum(input_tensor: Any, axis: Any = None, keepdims: bool = False,
               name: str | None = None) -> Tensor:
    """Sum over ``axis`` (every axis when None); the dtype is kept.

    >>> import minigrad.tf as tf
    >>> tf.reduce_sum(tf.constant([[1., 2.], [3., 4.]]), axis=0, keepdims=True)
    <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[4., 6.]], dtype=float32)>
    """
    x = _tensor(input_tensor)
    axes = _axes(axis, x.ndim)
    dims = tuple(builtins.range(x.ndim)) if axes is None else axes
    return ops.sum(x, dims, keepdims, dtype=x._data.dtype)


def reduce_mean(input_tensor: Any, axis: Any = None, keepdims: bool = False,
                name: str | None = None) -> Tensor:
    """Mean over ``axis``; integer tensors give the truncated integer mean, as in TensorFlow.

    >>> import minigrad.tf as tf
    >>> tf.reduce_mean(tf.constant([1., 2.]))
    <tf.Tensor: shape=(), dtype=float32, numpy=1.5>
    """
    x = _tensor(input_tensor)
    axes = _axes(axis, x.ndim)
    dims = tuple(builtins.range(x.ndim)) if axes is None else axes
    if x._data.dtype.kind in "iub":
        total = np.sum(x._data, axis=dims, keepdims=keepdims)
        count = int(np.prod([x._data.shape[d] for d in dims]))
        return _constant_result((np.trunc(total / builtins.max(count, 1))).astype(x._data.dtype))
    if not dims:
        return ops.alias(x)
    return ops.mean(x, dims, keepdims)


def _extreme(fn: Any, input_tensor: Any, axis: Any, keepdims: bool) -> Tensor:
    x = _tensor(input_tensor)
    axes = _axes(axis, x.ndim)
    if axes == ():
        return ops.alias(x)
    if x.ndim == 0:
        return ops.alias(x)
    return fn(x, tuple(builtins.range(x.ndim)) if axes is None else axes, keepdims)


def reduce_max(input_tensor: Any, axis: Any = None, keepdims: bool = False,
               name: str | None = None) -> Tensor:
    """Largest value over ``axis``; ties share the gradient equally, as in TensorFlow.

    >>> import minigrad.tf as tf
    >>> tf.reduce_max(tf.constant([1., 3., 2.]))
    <tf.Tensor: shape=(), dtype=float32, numpy=3.0>
    """
    return _extreme(ops.amax, input_tensor, axis, keepdims)


def reduce_min(input_tensor: Any, axis: Any = None, keepdims: bool = False,
               name: str | None = None) -> Tensor:
    """Smallest value over ``axis``.

    >>> import minigrad.tf as tf
    >>> tf.reduce_min(tf.constant([[1., 5.], [7., 2.]]), axis=1)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """
    return _extreme(ops.amin, input_tensor, axis, keepdims)


def reduce_prod(input_tensor: Any, axis: Any = None, keepdims: bool = False,
                name: str | None = None) -> Tensor:
    """Product over ``axis``.

    >>> import minigrad.tf as tf
    >>> tf.reduce_prod(tf.constant([1., 2., 3.]))
    <tf.Tensor: shape=(), dtype=float32, numpy=6.0>
    """
    x = _tensor(input_tensor)
    axes = _axes(axis, x.ndim)
    if axes is None:
        out = ops.prod(x, dtype=x._data.dtype)
        return ops.reshape(out, *([1] * x.ndim)) if keepdims else out
    for d in sorted((a % x.ndim for a in axes), reverse=True):
        x = ops.prod(x, d, keepdims, dtype=x._data.dtype)
    return x


def reduce_logsumexp(input_tensor: Any, axis: Any = None, keepdims: bool = False,
                     name: str | None = None) -> Tensor:
    """``log(sum(exp(x)))`` over ``axis``, numerically stable.

    >>> import minigrad.tf as tf
    >>> tf.reduce_logsumexp(tf.constant([0., 0.]))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.6931471824645996>
    """
    x = _float_only("Exp", input_tensor)
    axes = _axes(axis, x.ndim)
    return ops.logsumexp(x, tuple(builtins.range(x.ndim)) if axes is None else axes, keepdims)


def reduce_variance(input_tensor: Any, axis: Any = None, keepdims: bool = False,
                    name: str | None = None) -> Tensor:
    """Population variance over ``axis``.

    >>> import minigrad.tf as tf
    >>> tf.math.reduce_variance(tf.constant([1., 2., 3., 4.]))
    <tf.Tensor: shape=(), dtype=float32, numpy=1.25>
    """
    x = _tensor(input_tensor)
    axes = _axes(axis, x.ndim)
    return ops.var(x, tuple(builtins.range(x.ndim)) if axes is None else axes, keepdim=keepdims, correction=0)


def reduce_std(input_tensor: Any, axis: Any = None, keepdims: bool = False,
               name: str | None = None) -> Tensor:
    """Population standard deviation over ``axis``.

    >>> import minigrad.tf as tf
    >>> tf.math.reduce_std(tf.constant([1., 3.]))
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
    """
    x = _tensor(input_tensor)
    axes = _axes(axis, x.ndim)
    return ops.std(x, tuple(builtins.range(x.ndim)) if axes is None else axes, keepdim=keepdims, correction=0)


def reduce_all(input_tensor: Any, axis: Any = None, keepdims: bool = False,
               name: str | None = None) -> Tensor:
    """Logical and over ``axis``.

    >>> import minigrad.tf as tf
    >>> tf.reduce_all(tf.constant([True, False]))
    <tf.Tensor: shape=(), dtype=bool, numpy=False>
    """
    x = _tensor(input_tensor)
    return _constant_result(np.all(x._data, axis=_axes(axis, x.ndim), keepdims=keepdims))


def reduce_any(input_tensor: Any, axis: Any = None, keepdims: bool = False,
               name: str | None = None) -> Tensor:
    """Logical or over ``axis``.

    >>> import minigrad.tf as tf
    >>> tf.reduce_any(tf.constant([True, False]))
    <tf.Tensor: shape=(), dtype=bool, numpy=True>
    """
    x = _tensor(input_tensor)
    return _constant_result(np.any(x._data, axis=_axes(axis, x.ndim), keepdims=keepdims))


def norm(tensor: Any, ord: Any = "euclidean", axis: Any = None, keepdims: bool | None = None,
         name: str | None = None) -> Tensor:
    """The Euclidean norm over ``axis`` (every axis when None).

    >>> import minigrad.tf as tf
    >>> tf.norm(tf.constant([3., 4.]))
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
    """
    if ord not in ("euclidean", 2, 2.0, "fro"):
        raise NotImplementedError(_errors.NORM_ORDERS)
    x = _tensor(tensor)
    return ops.sqrt(reduce_sum(ops.mul(x, x), axis, builtins.bool(keepdims)))


# ----- linear algebra and shapes ----------------------------------------------------------------

def matmul(a: Any, b: Any, transpose_a: bool = False, transpose_b: bool = False, adjoint_a: bool = False,
           adjoint_b: bool = False, a_is_sparse: bool = False, b_is_sparse: bool = False,
           output_type: Any = None, grad_a: bool = False, grad_b: bool = False,
           name: str | None = None) -> Tensor:
    """Matrix product of two tensors of rank 2 or more.

    >>> import minigrad.tf as tf
    >>> tf.matmul(tf.constant([[1., 2.]]), tf.constant([[3.], [4.]]))
    <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[11.]], dtype=float32)>
    """
    a, b = _tensor(a), _tensor(b)
    if a._data.dtype != b._data.dtype:
        want, got = a._data.dtype.name, b._data.dtype.name
        raise _errors.InvalidArgumentError(_errors.op_dtype("MatMul", 1, _SHORT.get(want, want),
                                                            _SHORT.get(got, got)))
    for i, x in enumerate((a, b)):
        if x.ndim < 2:
            raise _errors.InvalidArgumentError(_errors.matmul_rank(i))
    if transpose_a or adjoint_a:
        a = ops.transpose(a, -1, -2)
    if transpose_b or adjoint_b:
        b = ops.transpose(b, -1, -2)
    if a._data.shape[-1] != b._data.shape[-2]:
        raise _errors.InvalidArgumentError(_errors.matmul_shapes(a._data.shape, b._data.shape))
    return ops.matmul(a, b)


def tensordot(a: Any, b: Any, axes: Any, name: str | None = None) -> Tensor:
    """Contraction of ``a``'s last ``axes`` dimensions with ``b``'s first (integer ``axes``).

    >>> import minigrad.tf as tf
    >>> tf.tensordot(tf.constant([[1., 2.]]), tf.constant([[3.], [4.]]), 1)
    <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[11.]], dtype=float32)>
    """
    a, b = _tensor(a), _tensor(b)
    n = int(axes)
    left, right = a._data.shape[:a.ndim - n], b._data.shape[n:]
    inner = int(np.prod(a._data.shape[a.ndim - n:], dtype=np.int64))
    out = ops.matmul(ops.reshape(a, -1 if left else 1, inner), ops.reshape(b, inner, -1 if right else 1))
    return ops.reshape(out, *left, *right)


def reshape(tensor: Any, shape: Any, name: str | None = None) -> Tensor:
    """The same values in a new shape (one -1 is inferred).

    >>> import minigrad.tf as tf
    >>> tf.reshape(tf.constant([[1., 2.]]), [-1])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """
    return ops.reshape(_tensor(tensor), _shape(shape))


def transpose(a: Any, perm: Any = None, conjugate: bool = False, name: str = "transpose") -> Tensor:
    """The axes reordered by ``perm`` (reversed when None).

    >>> import minigrad.tf as tf
    >>> tf.transpose(tf.constant([[1., 2.]])).shape
    TensorShape([2, 1])
    """
    x = _tensor(a)
    perm = tuple(reversed(builtins.range(x.ndim))) if perm is None else _shape(perm)
    return ops.permute(x, *perm) if x.ndim else ops.alias(x)


def matrix_transpose(a: Any, name: str = "matrix_transpose", conjugate: bool = False) -> Tensor:
    """The last two axes swapped (``tf.linalg.matrix_transpose``).

    >>> import minigrad.tf as tf
    >>> tf.linalg.matrix_transpose(tf.ones([4, 2, 3])).shape
    TensorShape([4, 3, 2])
    """
    return ops.transpose(_tensor(a), -1, -2)


def concat(values: Sequence[Any], axis: int, name: str = "concat") -> Tensor:
    """Join tensors along an existing ``axis``.

    >>> import minigrad.tf as tf
    >>> tf.concat([tf.constant([1.]), tf.constant([2.])], 0)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """
    tensors = [_tensor(v) for v in values]
    return ops.cat(tensors, int(axis))


def stack(values: Sequence[Any], axis: int = 0, name: str = "stack") -> Tensor:
    """Join same-shaped tensors along a new ``axis``.

    >>> import minigrad.tf as tf
    >>> tf.stack([tf.constant(1.), tf.constant(2.)])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """
    return ops.stack([_tensor(v) for v in values], int(axis))


def unstack(value: Any, num: int | None = None, axis: int = 0, name: str = "unstack") -> list:
    """The slices of ``value`` along ``axis``, as a list.

    >>> import minigrad.tf as tf
    >>> [t.numpy().tolist() for t in tf.unstack(tf.constant([[1., 2.], [3., 4.]]))]
    [[1.0, 2.0], [3.0, 4.0]]
    """
    x = _tensor(value)
    axis = axis % x.ndim
    return [ops.getitem(x, (slice(None),) * axis + (i,)) for i in range(x._data.shape[axis])]


def split(value: Any, num_or_size_splits: Any, axis: int = 0, num: Any = None, name: str = "split") -> list:
    """Pieces of ``value`` along ``axis``: a number of equal parts, or a list of sizes.

    >>> import minigrad.tf as tf
    >>> [t.numpy().tolist() for t in tf.split(tf.constant([1., 2., 3., 4.]), 2)]
    [[1.0, 2.0], [3.0, 4.0]]
    """
    x = _tensor(value)
    axis = axis % x.ndim
    n = x._data.shape[axis]
    sizes = ([n // int(num_or_size_splits)] * int(num_or_size_splits)
             if isinstance(num_or_size_splits, (int, np.integer)) else _shape(num_or_size_splits))
    out, start = [], 0
    for size in sizes:
        out.append(ops.getitem(x, (slice(None),) * axis + (slice(start, start + size),)))
        start += size
    return out


def squeeze(input: Any, axis: Any = None, name: str | None = None) -> Tensor:
    """Drop axes of size 1 (all, or those in ``axis``).

    >>> import minigrad.tf as tf
    >>> tf.squeeze(tf.ones([1, 2, 1])).shape
    TensorShape([2])
    """
    x = _tensor(input)
    return ops.squeeze(x, None if axis is None else _axes(axis, x.ndim))


def expand_dims(input: Any, axis: int, name: str | None = None) -> Tensor:
    """Insert an axis of size 1 at ``axis``.

    >>> import minigrad.tf as tf
    >>> tf.expand_dims(tf.constant([1., 2.]), 0)
    <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[1., 2.]], dtype=float32)>
    """
    x = _tensor(input)
    return ops.unsqueeze(x, int(axis) if axis >= 0 else int(axis) + x.ndim + 1)


def tile(input: Any, multiples: Any, name: str | None = None) -> Tensor:
    """``input`` repeated ``multiples`` times along each axis.

    >>> import minigrad.tf as tf
    >>> tf.tile(tf.constant([1., 2.]), [2])
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([1., 2., 1., 2.], dtype=float32)>
    """
    x = _tensor(input)
    reps = _shape(multiples)
    shape = x._data.shape
    # Tile as broadcast-then-reshape: (a, b) -> (ra, a, rb, b) -> (ra*a, rb*b).
    lifted = ops.reshape(x, *[v for s in shape for v in (1, s)])
    big = ops.expand(lifted, *[v for r, s in zip(reps, shape) for v in (r, s)])
    return ops.reshape(big, *[r * s for r, s in zip(reps, shape)])


def gather(params: Any, indices: Any, axis: int = 0, batch_dims: int = 0, name: str | None = None) -> Tensor:
    """Slices of ``params`` at ``indices`` along ``axis``.

    >>> import minigrad.tf as tf
    >>> tf.gather(tf.constant([1., 2., 3.]), [2, 0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 1.], dtype=float32)>
    """
    x = _tensor(params)
    index = indices._data if isinstance(indices, _CoreTensor) else np.asarray(indices)
    axis = int(axis) % x.ndim
    return ops.getitem(x, (slice(None),) * axis + (index,))


def where(condition: Any, x: Any = None, y: Any = None, name: str | None = None) -> Tensor:
    """Elements of ``x`` where ``condition`` holds, else of ``y``; without them, the true indices.

    >>> import minigrad.tf as tf
    >>> tf.where(tf.constant([True, False]), tf.constant([1., 2.]), tf.constant([3., 4.]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 4.], dtype=float32)>
    """
    cond = _tensor(condition)
    if x is None and y is None:
        return _constant_result(np.argwhere(cond._data).astype(np.int64))
    x, y = _pair("SelectV2", x, y)
    return ops.where(cond, x, y)


def cast(x: Any, dtype: Any, name: str | None = None) -> Tensor:
    """``x`` as ``dtype``; only float-to-float casts carry a gradient, as in TensorFlow.

    >>> import minigrad.tf as tf
    >>> tf.cast(tf.constant([1.7, -1.7]), tf.int32)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([ 1, -1], dtype=int32)>
    """
    x = _tensor(x)
    target = as_dtype(dtype).numpy_dtype
    if x._data.dtype == target:
        return x
    if x._data.dtype.kind in "fc" and target.kind in "fc":
        return ops.to_dtype(x, dtype=target)
    return _constant_result(x._data.astype(target))


def identity(input: Any, name: str | None = None) -> Tensor:
    """The same values as a new tensor (a variable is read).

    >>> import minigrad.tf as tf
    >>> tf.identity(tf.constant(1.))
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
    """
    return ops.alias(_tensor(input))


def shape(input: Any, out_type: Any = None, name: str | None = None) -> Tensor:
    """The shape as an int32 tensor.

    >>> import minigrad.tf as tf
    >>> tf.shape(tf.ones([2, 3]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>
    """
    return _constant_result(np.asarray(_tensor(input)._data.shape,
                                       dtype=as_dtype(out_type or int32).numpy_dtype))


def size(input: Any, out_type: Any = None, name: str | None = None) -> Tensor:
    """The number of elements as an int32 tensor.

    >>> import minigrad.tf as tf
    >>> tf.size(tf.ones([2, 3]))
    <tf.Tensor: shape=(), dtype=int32, numpy=6>
    """
    return _constant_result(np.asarray(_tensor(input)._data.size,
                                       dtype=as_dtype(out_type or int32).numpy_dtype))


def rank(input: Any, name: str | None = None) -> Tensor:
    """The number of dimensions as an int32 tensor.

    >>> import minigrad.tf as tf
    >>> tf.rank(tf.ones([2, 3]))
    <tf.Tensor: shape=(), dtype=int32, numpy=2>
    """
    return _constant_result(np.asarray(_tensor(input).ndim, dtype=np.int32))


# ----- creation --------------------------------------------------------------------------------

def zeros(shape: Any, dtype: Any = float32, name: str | None = None, layout: Any = None) -> Tensor:
    """A tensor of zeros.

    >>> import minigrad.tf as tf
    >>> tf.zeros([2])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 0.], dtype=float32)>
    """
    return _wrap(np.zeros(_shape(shape), as_dtype(dtype).numpy_dtype))


def ones(shape: Any, dtype: Any = float32, name: str | None = None, layout: Any = None) -> Tensor:
    """A tensor of ones.

    >>> import minigrad.tf as tf
    >>> tf.ones(3, dtype=tf.int32)
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 1, 1], dtype=int32)>
    """
    return _wrap(np.ones(_shape(shape), as_dtype(dtype).numpy_dtype))


def zeros_like(input: Any, dtype: Any = None, name: str | None = None, layout: Any = None) -> Tensor:
    """Zeros of ``input``'s shape and dtype.

    >>> import minigrad.tf as tf
    >>> tf.zeros_like(tf.constant([1, 2]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([0, 0], dtype=int32)>
    """
    x = _tensor(input)
    return _wrap(np.zeros(x._data.shape, as_dtype(dtype).numpy_dtype if dtype else x._data.dtype))


def ones_like(input: Any, dtype: Any = None, name: str | None = None, layout: Any = None) -> Tensor:
    """Ones of ``input``'s shape and dtype.

    >>> import minigrad.tf as tf
    >>> tf.ones_like(tf.constant([1., 2.]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 1.], dtype=float32)>
    """
    x = _tensor(input)
    return _wrap(np.ones(x._data.shape, as_dtype(dtype).numpy_dtype if dtype else x._data.dtype))


def fill(dims: Any, value: Any, name: str | None = None, layout: Any = None) -> Tensor:
    """A tensor of shape ``dims`` filled with ``value``.

    >>> import minigrad.tf as tf
    >>> tf.fill([2], 3.)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 3.], dtype=float32)>
    """
    v = _to_array(value)
    return _wrap(np.full(_shape(dims), v, v.dtype))


def eye(num_rows: int, num_columns: int | None = None, batch_shape: Any = None, dtype: Any = float32,
        name: str | None = None) -> Tensor:
    """An identity matrix.

    >>> import minigrad.tf as tf
    >>> tf.eye(2)
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[1., 0.],
           [0., 1.]], dtype=float32)>
    """
    return _wrap(np.eye(num_rows, num_columns, dtype=as_dtype(dtype).numpy_dtype))


def one_hot(indices: Any, depth: int, on_value: Any = None, off_value: Any = None, axis: int | None = None,
            dtype: Any = None, name: str | None = None) -> Tensor:
    """One-hot rows (float32 by default) for integer ``indices``.

    >>> import minigrad.tf as tf
    >>> tf.one_hot([0, 2], 3)
    <tf.Tensor: shape=(2, 3), dtype=float32, numpy=
    array([[1., 0., 0.],
           [0., 0., 1.]], dtype=float32)>
    """
    index = _tensor(indices)._data
    np_dtype = as_dtype(dtype or float32).numpy_dtype
    on = 1 if on_value is None else on_value
    off = 0 if off_value is None else off_value
    hot = np.arange(depth) == index[..., None]
    out = np.where(hot, on, off).astype(np_dtype)
    if axis is not None and axis != -1:
        out = np.moveaxis(out, -1, axis)
    return _wrap(out)


def range(start: Any, limit: Any = None, delta: Any = 1, dtype: Any = None,
          name: str = "range") -> Tensor:  # noqa: A001
    """``start, start + delta, ...`` below ``limit`` (int32 for integers, float32 for floats).

    >>> import minigrad.tf as tf
    >>> tf.range(5)
    <tf.Tensor: shape=(5,), dtype=int32, numpy=array([0, 1, 2, 3, 4], dtype=int32)>
    """
    if limit is None:
        start, limit = 0, start
    values = [v._data[()] if isinstance(v, _CoreTensor) else v for v in (start, limit, delta)]
    if dtype is not None:
        np_dtype = as_dtype(dtype).numpy_dtype
    else:
        kinds = [np.asarray(v).dtype.kind for v in values]
        np_dtype = np.dtype(np.float32) if "f" in kinds else np.dtype(np.int32)
    return _wrap(np.arange(*values).astype(np_dtype))


def linspace(start: Any, stop: Any, num: int, name: str | None = None, axis: int = 0) -> Tensor:
    """``num`` evenly spaced values from ``start`` to ``stop`` (float32 for Python floats).

    >>> import minigrad.tf as tf
    >>> tf.linspace(0., 1., 3)
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0. , 0.5, 1. ], dtype=float32)>
    """
    a = _to_array(start)
    return _wrap(np.linspace(a, _to_array(stop), int(num), axis=axis).astype(a.dtype))


# ----- neural-network functions (tf.nn) ----------------------------------------------------------

def relu(features: Any, name: str | None = None) -> Tensor:
    """``max(features, 0)``.

    >>> import minigrad.tf as tf
    >>> tf.nn.relu(tf.constant([-1., 2.]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 2.], dtype=float32)>
    """
    return ops.relu(_tensor(features))


def leaky_relu(features: Any, alpha: float = 0.2, name: str | None = None) -> Tensor:
    """``features`` where positive, else ``alpha * features``.

    >>> import minigrad.tf as tf
    >>> tf.nn.leaky_relu(tf.constant([-1., 2.]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-0.2,  2. ], dtype=float32)>
    """
    x = _tensor(features)
    return ops.where(_constant_result(x._data > 0), x, ops.mul(x, alpha))


def softmax(logits: Any, axis: int | None = None, name: str | None = None) -> Tensor:
    """``exp(logits) / sum(exp(logits))`` along ``axis`` (the last by default).

    >>> import minigrad.tf as tf
    >>> tf.nn.softmax(tf.constant([0., 0.]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.5, 0.5], dtype=float32)>
    """
    return ops.softmax(_float_only("Softmax", logits), -1 if axis is None else int(axis))


def log_softmax(logits: Any, axis: int | None = None, name: str | None = None) -> Tensor:
    """``logits - log(sum(exp(logits)))`` along ``axis``.

    >>> import minigrad.tf as tf
    >>> tf.nn.log_softmax(tf.constant([0., 0.]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-0.6931472, -0.6931472], dtype=float32)>
    """
    return ops.log_softmax(_float_only("LogSoftmax", logits), -1 if axis is None else int(axis))


def softplus(features: Any, name: str | None = None) -> Tensor:
    """``log(1 + exp(features))``, stable for large inputs.

    >>> import minigrad.tf as tf
    >>> tf.nn.softplus(tf.constant(0.))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.6931471824645996>
    """
    x = _float_only("Softplus", features)
    # log(1 + e^x) = max(x, 0) + log(1 + e^-|x|)
    return ops.add(ops.relu(x), ops.log(ops.add(ops.exp(ops.neg(ops.abs(x))), 1.0)))


def l2_loss(t: Any, name: str | None = None) -> Tensor:
    """``sum(t ** 2) / 2``.

    >>> import minigrad.tf as tf
    >>> tf.nn.l2_loss(tf.constant([1., 2.]))
    <tf.Tensor: shape=(), dtype=float32, numpy=2.5>
    """
    x = _tensor(t)
    return ops.mul(reduce_sum(ops.mul(x, x)), 0.5)


def sigmoid_cross_entropy_with_logits(labels: Any = None, logits: Any = None,
                                      name: str | None = None) -> Tensor:
    """Elementwise logistic loss, in TensorFlow's stable form.

    >>> import minigrad.tf as tf
    >>> tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant([1.]), logits=tf.constant([0.]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.6931472], dtype=float32)>
    """
    x, z = _pair("Mul", logits, labels)
    # max(x, 0) - x * z + log(1 + e^-|x|)
    return ops.add(ops.sub(ops.relu(x), ops.mul(x, z)), ops.log(ops.add(ops.exp(ops.neg(ops.abs(x))), 1.0)))


def softmax_cross_entropy_with_logits(labels: Any, logits: Any, axis: int = -1,
                                      name: str | None = None) -> Tensor:
    """``-sum(labels * log_softmax(logits))`` along ``axis``.

    >>> import minigrad.tf as tf
    >>> tf.nn.softmax_cross_entropy_with_logits(labels=tf.constant([[0., 1.]]),
    ...     logits=tf.constant([[0., 0.]]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.6931472], dtype=float32)>
    """
    x, z = _pair("Mul", logits, labels)
    return ops.neg(ops.sum(ops.mul(z, ops.log_softmax(x, axis)), axis, False))


def sparse_softmax_cross_entropy_with_logits(labels: Any = None, logits: Any = None,
                                             name: str | None = None) -> Tensor:
    """Cross entropy against integer class ``labels``.

    >>> import minigrad.tf as tf
    >>> tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([1]),
    ...     logits=tf.constant([[0., 0.]]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.6931472], dtype=float32)>
    """
    x = _tensor(logits)
    hot = one_hot(labels, x._data.shape[-1], dtype=as_dtype(x._data.dtype))
    return softmax_cross_entropy_with_logits(hot, x)
