"""``mindspore.ops``: primitives as classes (``ops.MatMul()(a, b)``) and as functions
(``ops.matmul(a, b)``), each a thin call into ``minigrad.ops``; and the gradient transforms.

>>> import minigrad.ms as ms
>>> from minigrad.ms import ops
>>> print(ops.ReduceSum(keep_dims=True)(ms.Tensor([[1., 2.], [3., 4.]]), 1))
[[3.]
 [7.]]
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .. import ops as _core
from ..tensor import Tensor as _CoreTensor, to_numpy_dtype as _np_dtype
from ._grad import GradOperation, grad, jacfwd, jacrev, jvp, value_and_grad, vjp  # noqa: F401
from ._tensor import Tensor


def _t(x: Any) -> Any:
    """A Tensor for an input that may be a Python number or array (kept as is when a Tensor)."""
    return x if isinstance(x, _CoreTensor) else Tensor(x)


def _axes(axis: Any) -> Any:
    return None if axis is None or axis == () or axis == [] else axis


# ----- functions ------------------------------------------------------------------------------

def add(input: Any, other: Any) -> Tensor:
    """``input + other`` with broadcasting."""
    return _core.add(input, other)


def sub(input: Any, other: Any) -> Tensor:
    """``input - other`` with broadcasting."""
    return _core.sub(input, other)


def mul(input: Any, other: Any) -> Tensor:
    """``input * other`` with broadcasting.

    >>> import minigrad.ms as ms
    >>> from minigrad.ms import ops
    >>> print(ops.mul(ms.Tensor([1.0, 2.0]), 3))
    [3. 6.]
    """
    return _core.mul(input, other)


def div(input: Any, other: Any) -> Tensor:
    """``input / other`` (true division)."""
    return _core.div(input, other)


def neg(input: Tensor) -> Tensor:
    """``-input``."""
    return _core.neg(input)


def exp(input: Tensor) -> Tensor:
    """``e ** input``, elementwise.

    >>> import minigrad.ms as ms
    >>> from minigrad.ms import ops
    >>> print(ops.exp(ms.Tensor([0.0])))
    [1.]
    """
    return _core.exp(input)


def log(input: Tensor) -> Tensor:
    """Natural logarithm, elementwise."""
    return _core.log(input)


def sin(input: Tensor) -> Tensor:
    """Sine, elementwise."""
    return _core.sin(input)


def cos(input: Tensor) -> Tensor:
    """Cosine, elementwise."""
    return _core.cos(input)


def sqrt(input: Tensor) -> Tensor:
    """Square root, elementwise."""
    return _core.sqrt(input)


def abs(input: Tensor) -> Tensor:  # noqa: A001 (MindSpore's name)
    """Absolute value, elementwise."""
    return _core.abs(input)


def square(input: Tensor) -> Tensor:
    """``input * input``, elementwise."""
    return _core.pow(input, 2)


def pow(input: Any, exponent: Any) -> Tensor:  # noqa: A001
    """``input ** exponent``.

    >>> import minigrad.ms as ms
    >>> from minigrad.ms import ops
    >>> print(ops.pow(ms.Tensor([2.0]), 3))
    [8.]
    """
    return _core.pow(_t(input), exponent)


def sigmoid(input: Tensor) -> Tensor:
    """``1 / (1 + e ** -input)``."""
    return _core.sigmoid(input)


def tanh(input: Tensor) -> Tensor:
    """Hyperbolic tangent."""
    return _core.tanh(input)


def relu(input: Tensor) -> Tensor:
    """``max(input, 0)``.

    >>> import minigrad.ms as ms
    >>> from minigrad.ms import ops
    >>> print(ops.relu(ms.Tensor([-1.0, 2.0])))
    [0. 2.]
    """
    return _core.relu(input)


def maximum(input: Any, other: Any) -> Tensor:
    """The larger of two tensors, elementwise."""
    return _core.maximum(input, other)


def minimum(input: Any, other: Any) -> Tensor:
    """The smaller of two tensors, elementwise."""
    return _core.minimum(input, other)


def matmul(input: Tensor, other: Tensor) -> Tensor:
    """Matrix product with broadcast batches (vectors as in NumPy).

    >>> import minigrad.ms as ms
    >>> from minigrad.ms import ops
    >>> print(ops.matmul(ms.Tensor([[1., 2.]]), ms.Tensor([[3.], [4.]])))
    [[11.]]
    """
    return _core.matmul(input, other)


def reduce_sum(input: Tensor, axis: Any = None, keep_dims: bool = False) -> Tensor:
    """Sum over ``axis`` (all axes when None or ``()``)."""
    return input.sum(_axes(axis), keepdims=keep_dims)


def sum(input: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:  # noqa: A001
    """Sum over ``dim`` (all dims when None).

    >>> import minigrad.ms as ms
    >>> from minigrad.ms import ops
    >>> print(ops.sum(ms.Tensor([[1., 2.], [3., 4.]])))
    10.0
    """
    return input.sum(_axes(dim), dtype=dtype, keepdims=keepdim)


def reduce_mean(input: Tensor, axis: Any = None, keep_dims: bool = False) -> Tensor:
    """Mean over ``axis`` (all axes when None or ``()``)."""
    return input.mean(_axes(axis), keep_dims)


def mean(input: Tensor, axis: Any = None, keep_dims: bool = False) -> Tensor:
    """Mean over ``axis`` (all axes when None)."""
    return input.mean(_axes(axis), keep_dims)


def stop_gradient(input: Any) -> Any:
    """The same values, cut from the graph: no gradient flows back through it (zeros reach the input).

    >>> import minigrad.ms as ms
    >>> from minigrad.ms import ops
    >>> def f(x):
    ...     return ops.stop_gradient(x) * x
    >>> print(ms.grad(f)(ms.Tensor(3.0)))
    3.0
    """
    return input.detach() if isinstance(input, _CoreTensor) else input


def reshape(input: Tensor, shape: Any) -> Tensor:
    """The same values in a new shape."""
    return _core.reshape(input, tuple(shape))


def transpose(input: Tensor, input_perm: Any) -> Tensor:
    """Axes permuted by ``input_perm``."""
    return _core.permute(input, *input_perm)


def expand_dims(input: Tensor, axis: int) -> Tensor:
    """A new axis of size 1 at ``axis``."""
    return _core.unsqueeze(input, axis)


def squeeze(input: Tensor, axis: Any = None) -> Tensor:
    """Axes of size 1 removed (all, or those in ``axis``)."""
    return _core.squeeze(input, axis)


def cast(input: Tensor, dtype: Any) -> Tensor:
    """The values converted to ``dtype``.

    >>> import minigrad.ms as ms
    >>> from minigrad.ms import ops
    >>> print(ops.cast(ms.Tensor([1.5]), ms.int32))
    [1]
    """
    return input.to(dtype)


def concat(tensors: Any, axis: int = 0) -> Tensor:
    """Tensors joined along ``axis``."""
    return _core.cat(list(tensors), axis)


cat = concat


def stack(tensors: Any, axis: int = 0) -> Tensor:
    """Tensors stacked along a new ``axis``."""
    return _core.stack(list(tensors), axis)


def softmax(input: Tensor, axis: int = -1) -> Tensor:
    """Softmax along ``axis``."""
    return _core.softmax(input, axis)


def log_softmax(input: Tensor, axis: int = -1) -> Tensor:
    """Log of the softmax along ``axis``."""
    return _core.log_softmax(input, axis)


def amax(input: Tensor, axis: Any = None, keepdims: bool = False) -> Tensor:
    """The largest values over ``axis`` (all axes when None)."""
    return _core.amax(input, () if _axes(axis) is None else axis, keepdims)


def amin(input: Tensor, axis: Any = None, keepdims: bool = False) -> Tensor:
    """The smallest values over ``axis``."""
    return _core.amin(input, () if _axes(axis) is None else axis, keepdims)


def max(input: Tensor, axis: Any = None, keepdims: bool = False) -> tuple:  # noqa: A001
    """``(values, indices)`` of the largest elements (MindSpore 2.x returns both, even for all axes)."""
    values = amax(input, axis, keepdims)
    index = np.argmax(input._data) if axis is None else np.argmax(input._data, axis)
    if keepdims and axis is not None:
        index = np.expand_dims(index, axis)
    return values, Tensor._make(np.asarray(index, np.int64), False)


def log1p(input: Tensor) -> Tensor:
    """``log(1 + input)``."""
    return _core.log(_core.add(input, 1))


def _log_sigmoid(x: Tensor) -> Tensor:
    # log(sigmoid(x)) as the second entry of log_softmax([0, x]): stable for large |x|, and its
    # gradient (1 - sigmoid(x)) is exact everywhere, 0 included.
    pair = _core.stack([zeros_like(x), x], -1)
    return _core.log_softmax(pair, -1)[..., 1]


def binary_cross_entropy_with_logits(input: Tensor, target: Tensor, weight: Any = None,
                                     pos_weight: Any = None, reduction: str = "mean") -> Tensor:
    """``-w (p y log(sigmoid(x)) + (1 - y) log(1 - sigmoid(x)))``, reduced by ``reduction``.

    >>> import minigrad.ms as ms
    >>> from minigrad.ms import ops
    >>> print(ops.binary_cross_entropy_with_logits(ms.Tensor([0.0]), ms.Tensor([1.0])))
    0.6931472
    """
    positive = _log_sigmoid(input) * target
    if pos_weight is not None:
        positive = positive * pos_weight
    loss = -(positive + _log_sigmoid(-input) * (1 - target))
    if weight is not None:
        loss = loss * weight
    return loss.mean() if reduction == "mean" else loss.sum() if reduction == "sum" else loss


def _shape(shape: Any) -> tuple:
    return (shape,) if isinstance(shape, (int, np.integer)) else tuple(shape)


def ones(shape: Any, dtype: Any = None) -> Tensor:
    """A tensor of ones (Float32 by default).

    >>> from minigrad.ms import ops
    >>> print(ops.ones((2, 2)))
    [[1. 1.]
     [1. 1.]]
    """
    return Tensor._make(np.ones(_shape(shape), _np_dtype(dtype) or np.float32), False)


def zeros(shape: Any, dtype: Any = None) -> Tensor:
    """A tensor of zeros (Float32 by default)."""
    return Tensor._make(np.zeros(_shape(shape), _np_dtype(dtype) or np.float32), False)


def ones_like(input: Tensor, dtype: Any = None) -> Tensor:
    """Ones of ``input``'s shape (and dtype)."""
    return Tensor._make(np.ones_like(input._data, dtype=_np_dtype(dtype)), False)


def zeros_like(input: Tensor, dtype: Any = None) -> Tensor:
    """Zeros of ``input``'s shape (and dtype)."""
    return Tensor._make(np.zeros_like(input._data, dtype=_np_dtype(dtype)), False)


def fill(type: Any, shape: Any, value: Any) -> Tensor:  # noqa: A002
    """A tensor of ``shape`` filled with ``value``."""
    return Tensor._make(np.full(_shape(shape), value, _np_dtype(type)), False)


# ----- primitives as classes ------------------------------------------------------------------

class Primitive:
    """A MindSpore primitive: built with its attributes, called on tensors."""

    name = "Primitive"

    def __repr__(self) -> str:
        return f"Prim[{self.name}]"


def _primitive(name: str, fn: Any) -> type:
    def __call__(self: Primitive, *args: Any) -> Any:
        return fn(*args)
    doc = f"``ops.{name}()(...)``: the primitive form of ``ops.{fn.__name__}``."
    return type(name, (Primitive,), {"name": name, "__call__": __call__, "__doc__": doc})


Add = _primitive("Add", add)
Sub = _primitive("Sub", sub)
Mul = _primitive("Mul", mul)
Div = _primitive("Div", div)
RealDiv = _primitive("RealDiv", div)
Neg = _primitive("Neg", neg)
Exp = _primitive("Exp", exp)
Log = _primitive("Log", log)
Sin = _primitive("Sin", sin)
Cos = _primitive("Cos", cos)
Sqrt = _primitive("Sqrt", sqrt)
Abs = _primitive("Abs", abs)
Square = _primitive("Square", square)
Pow = _primitive("Pow", pow)
Sigmoid = _primitive("Sigmoid", sigmoid)
Tanh = _primitive("Tanh", tanh)
ReLU = _primitive("ReLU", relu)
Maximum = _primitive("Maximum", maximum)
Minimum = _primitive("Minimum", minimum)
StopGradient = _primitive("StopGradient", stop_gradient)
Reshape = _primitive("Reshape", reshape)
Transpose = _primitive("Transpose", transpose)
ExpandDims = _primitive("ExpandDims", expand_dims)
Cast = _primitive("Cast", cast)
OnesLike = _primitive("OnesLike", ones_like)
ZerosLike = _primitive("ZerosLike", zeros_like)
Log1p = _primitive("Log1p", log1p)


class MatMul(Primitive):
    """``ops.MatMul(transpose_a=False, transpose_b=False)(a, b)``: product of two matrices.

    >>> import minigrad.ms as ms
    >>> from minigrad.ms import ops
    >>> print(ops.MatMul(transpose_b=True)(ms.Tensor([[1., 2.]]), ms.Tensor([[3., 4.]])))
    [[11.]]
    """

    name = "MatMul"

    def __init__(self, transpose_a: bool = False, transpose_b: bool = False) -> None:
        self.transpose_a, self.transpose_b = transpose_a, transpose_b

    def __call__(self, x: Tensor, y: Tensor) -> Tensor:
        if self.transpose_a:
            x = _core.transpose(x, -1, -2)
        if self.transpose_b:
            y = _core.transpose(y, -1, -2)
        return _core.matmul(x, y)


class BatchMatMul(MatMul):
    name = "BatchMatMul"


class _Reduce(Primitive):
    def __init__(self, keep_dims: bool = False) -> None:
        self.keep_dims = keep_dims


class ReduceSum(_Reduce):
    """``ops.ReduceSum(keep_dims=False)(x, axis=())``: sum over ``axis`` (all axes by default)."""

    name = "ReduceSum"

    def __call__(self, x: Tensor, axis: Any = ()) -> Tensor:
        return reduce_sum(x, axis, self.keep_dims)


class ReduceMean(_Reduce):
    """``ops.ReduceMean(keep_dims=False)(x, axis=())``: mean over ``axis`` (all axes by default)."""

    name = "ReduceMean"

    def __call__(self, x: Tensor, axis: Any = ()) -> Tensor:
        return reduce_mean(x, axis, self.keep_dims)


class ReduceMax(_Reduce):
    name = "ReduceMax"

    def __call__(self, x: Tensor, axis: Any = ()) -> Tensor:
        return amax(x, axis, self.keep_dims)


class ReduceMin(_Reduce):
    name = "ReduceMin"

    def __call__(self, x: Tensor, axis: Any = ()) -> Tensor:
        return amin(x, axis, self.keep_dims)


class Squeeze(Primitive):
    name = "Squeeze"

    def __init__(self, axis: Any = ()) -> None:
        self.axis = axis

    def __call__(self, x: Tensor) -> Tensor:
        return squeeze(x, _axes(self.axis))


class Concat(Primitive):
    name = "Concat"

    def __init__(self, axis: int = 0) -> None:
        self.axis = axis

    def __call__(self, tensors: Any) -> Tensor:
        return concat(tensors, self.axis)


class Stack(Concat):
    name = "Stack"

    def __call__(self, tensors: Any) -> Tensor:
        return stack(tensors, self.axis)


class Softmax(Primitive):
    name = "Softmax"

    def __init__(self, axis: int = -1) -> None:
        self.axis = axis

    def __call__(self, x: Tensor) -> Tensor:
        return softmax(x, self.axis)


class LogSoftmax(Softmax):
    name = "LogSoftmax"

    def __call__(self, x: Tensor) -> Tensor:
        return log_softmax(x, self.axis)
