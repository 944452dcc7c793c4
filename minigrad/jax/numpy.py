"""``jax.numpy``: NumPy's names and ``axis`` arguments over the core's differentiable ops.

Each function converts its inputs to Arrays, applies JAX's dtype rules (float32/int32 by
default, weak types for Python scalars) and calls one core op; no derivative lives here.
Functions with zero derivative almost everywhere (``floor``, ``sign``, comparisons) compute on
NumPy and return constants, which is what JAX's derivatives of them are.

>>> import minigrad.jax.numpy as jnp
>>> jnp.sum(jnp.arange(4.) ** 2)
Array(14., dtype=float32)
"""
from __future__ import annotations

import builtins
import math
from typing import Any, Sequence

import numpy as np

from .. import ops
from ..tensor import Tensor
from . import _errors
from ._array import Array, asarray, canonical, default_float, default_int, make, with_weak

ndarray = Array
pi, e, inf, nan, newaxis, euler_gamma = np.pi, np.e, np.inf, np.nan, None, np.euler_gamma
dtype = np.dtype


class _ScalarType:
    """A JAX scalar type (``jnp.float32``): a dtype, and a constructor of strongly typed arrays.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.float32(2)
    Array(2., dtype=float32)
    """

    def __init__(self, name: str) -> None:
        self.dtype = self.numpy_dtype = np.dtype(name)
        self.__name__ = name

    def __call__(self, value: Any) -> Array:
        out = asarray(value)
        if out._data.dtype == canonical(self.dtype) and not out.weak_type:
            return out
        return astype(out, self.dtype)

    def __repr__(self) -> str:
        return f"<class 'jax.numpy.{self.__name__}'>"

    def __eq__(self, other: Any) -> bool:
        try:
            return np.dtype(other) == self.dtype
        except TypeError:
            return False

    def __hash__(self) -> int:
        return hash(self.dtype)


float16, float32, float64 = _ScalarType("float16"), _ScalarType("float32"), _ScalarType("float64")
int8, int16, int32, int64 = (_ScalarType(n) for n in ("int8", "int16", "int32", "int64"))
uint8, uint32, uint64 = _ScalarType("uint8"), _ScalarType("uint32"), _ScalarType("uint64")
complex64, complex128, bool_ = _ScalarType("complex64"), _ScalarType("complex128"), _ScalarType("bool")
float_, int_ = float64, int64
floating, integer, inexact, number = np.floating, np.integer, np.inexact, np.number


def issubdtype(arg1: Any, arg2: Any) -> bool:
    """``np.issubdtype`` accepting JAX scalar types."""
    return np.issubdtype(getattr(arg1, "dtype", arg1), getattr(arg2, "dtype", arg2))


def _category(d: np.dtype) -> int:
    return {"b": 0, "u": 1, "i": 1, "f": 2, "c": 3}[d.kind]


def _default_of(category: int, like: np.dtype) -> np.dtype:
    return {0: np.dtype(np.bool_), 1: default_int(), 2: default_float(),
            3: canonical(np.complex128)}.get(category, like)


def result_type(*args: Any) -> np.dtype:
    """The dtype JAX gives an op on ``args`` (weak operands do not widen strong ones)."""
    return _promote([asarray(a) for a in args])[0]


def _promote(arrays: Sequence[Array]) -> tuple[np.dtype, bool]:
    """JAX's type lattice on canonical dtypes: (dtype, weak)."""
    strong = [a._data.dtype for a in arrays if not a.weak_type]
    weak = [a._data.dtype for a in arrays if a.weak_type]
    if strong:
        d = strong[0]
        for other in strong[1:]:
            d = canonical(np.promote_types(d, other))
        top = builtins.max((_category(w) for w in weak), default=-1)
        if top > _category(d):                 # int32 array * 2.0 -> weak float32
            return _default_of(top, d), True
        return d, False
    d = weak[0]
    for other in weak[1:]:
        d = canonical(np.promote_types(d, other))
    return d, True


def _cast(x: Array, d: np.dtype) -> Array:
    return x if x._data.dtype == d else with_weak(ops.to_dtype(x, dtype=d), x.weak_type)


_JAX_NAMES = {"add": "add", "sub": "sub", "rsub": "sub", "mul": "mul", "div": "div", "pow": "pow",
              "maximum": "max", "minimum": "min"}


def _binary(op: Any, a: Any, b: Any, floating: bool = False) -> Array:
    # fast paths (the engine's vjps meet these all the time under create_graph): operands whose
    # dtypes already agree, or a float array with a Python number, need no promotion
    if type(a) is Array and type(b) is Array and a._data.dtype == b._data.dtype and (
            not floating or a._data.dtype.kind in "fc") and a._data.shape == b._data.shape:
        return with_weak(op(a, b), a.weak_type and b.weak_type)
    if type(a) is Array and type(b) in (builtins.float, builtins.int) and a._data.dtype.kind == "f":
        return with_weak(op(a, b), a.weak_type)
    if type(b) is Array and type(a) in (builtins.float, builtins.int) and b._data.dtype.kind == "f":
        return with_weak(op(a, b), b.weak_type)
    a, b = asarray(a), asarray(b)
    if a._data.shape != b._data.shape and op is not getattr(ops, "matmul", None):
        try:
            np.broadcast_shapes(a._data.shape, b._data.shape)
        except ValueError:
            name = _JAX_NAMES.get(getattr(op, "name", getattr(op, "__name__", "")), "op")
            raise _errors.broadcast(name, a._data.shape, b._data.shape) from None
    d, weak = _promote([a, b])
    if a._data.dtype == d == b._data.dtype and not (floating and d.kind in "biu"):
        return with_weak(op(a, b), weak)
    if floating and d.kind in "biu":
        d = default_float()
    return with_weak(op(_cast(a, d), _cast(b, d)), weak)


def _unary(op: Any, x: Any, floating: bool = True) -> Array:
    x = asarray(x)
    if floating and x._data.dtype.kind in "biu":
        x = _cast(x, default_float())
    return with_weak(op(x), x.weak_type)


def _core(name: str) -> Any:
    fn = getattr(ops, name, None)
    if fn is None:
        raise _errors.missing_rule(name)
    return fn


def _constant(values: np.ndarray, weak: bool = False) -> Array:
    return make(np.asarray(values, dtype=canonical(np.asarray(values).dtype)), weak)


# ----- creation -------------------------------------------------------------------------------

def array(object: Any, dtype: Any = None, copy: bool = True) -> Array:
    """An Array from Python data or arrays (Python scalars give weakly typed arrays).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.array([1., 2.])
    Array([1., 2.], dtype=float32)
    """
    if isinstance(object, Array) and (dtype is not None or copy):
        out = asarray(object, dtype)
        return out if out is not object else with_weak(ops.clone(object), object.weak_type)
    return asarray(object, dtype)


def zeros(shape: Any, dtype: Any = None) -> Array:
    """Zeros of ``shape`` (float32 by default).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.zeros(2)
    Array([0., 0.], dtype=float32)
    """
    return make(np.zeros(shape, canonical(dtype or default_float())))


def ones(shape: Any, dtype: Any = None) -> Array:
    """Ones of ``shape`` (float32 by default).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.ones((2, 2))
    Array([[1., 1.],
           [1., 1.]], dtype=float32)
    """
    return make(np.ones(shape, canonical(dtype or default_float())))


def empty(shape: Any, dtype: Any = None) -> Array:
    """Zeros: JAX has no uninitialised memory either."""
    return zeros(shape, dtype)


def full(shape: Any, fill_value: Any, dtype: Any = None) -> Array:
    """``fill_value`` broadcast to ``shape``.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.full((2,), 7.)
    Array([7., 7.], dtype=float32, weak_type=True)
    """
    value = asarray(fill_value, dtype)
    return make(np.full(shape, value._data, dtype=value._data.dtype), value.weak_type)


def zeros_like(a: Any, dtype: Any = None) -> Array:
    """Zeros of ``a``'s shape and dtype (and weak type).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.zeros_like(jnp.array([1, 2]))
    Array([0, 0], dtype=int32)
    """
    a = asarray(a)
    return make(np.zeros(a._data.shape, canonical(dtype) if dtype else a._data.dtype),
                a.weak_type and dtype is None)


def ones_like(a: Any, dtype: Any = None) -> Array:
    """Ones of ``a``'s shape and dtype (and weak type).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.ones_like(jnp.array(3.))
    Array(1., dtype=float32, weak_type=True)
    """
    a = asarray(a)
    return make(np.ones(a._data.shape, canonical(dtype) if dtype else a._data.dtype),
                a.weak_type and dtype is None)


def full_like(a: Any, fill_value: Any, dtype: Any = None) -> Array:
    """``fill_value`` in ``a``'s shape."""
    a = asarray(a)
    return make(np.full(a._data.shape, fill_value, canonical(dtype) if dtype else a._data.dtype))


def arange(start: Any, stop: Any = None, step: Any = None, dtype: Any = None) -> Array:
    """Evenly spaced values in ``[start, stop)``: int32 for integers, float32 otherwise.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.arange(3)
    Array([0, 1, 2], dtype=int32)
    """
    values = np.arange(start, stop, step) if step is not None else (
        np.arange(start, stop) if stop is not None else np.arange(start))
    return make(values.astype(canonical(dtype or values.dtype)))


def linspace(start: Any, stop: Any, num: int = 50, endpoint: bool = True, retstep: bool = False,
             dtype: Any = None, axis: int = 0) -> Any:
    """``num`` evenly spaced values from ``start`` to ``stop``, computed as JAX computes them
    (``start * (1 - s) + stop * s`` in float32, the endpoint exact).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.linspace(0., 1., 5)
    Array([0.  , 0.25, 0.5 , 0.75, 1.  ], dtype=float32)
    """
    d = canonical(dtype or default_float())
    calc = d if d.kind in "fc" else default_float()
    lo, hi = np.asarray(start, dtype=calc), np.asarray(stop, dtype=calc)
    div = (num - 1) if endpoint else num
    shape = list(np.broadcast_shapes(lo.shape, hi.shape))
    where_ = axis % (len(shape) + 1)
    shape.insert(where_, 1)
    if num > 1:
        # XLA on CPU divides by multiplying with the reciprocal; so do we, for the same floats
        step = (np.arange(div, dtype=calc) * (np.asarray(1, calc) / np.asarray(div, calc))).astype(calc)
        step = step.reshape([div if i == where_ else 1 for i in range(len(shape))])
        out = lo.reshape(shape) * (1 - step) + hi.reshape(shape) * step
        if endpoint:
            out = np.concatenate([out, np.broadcast_to(hi, out.shape[:where_] + out.shape[where_ + 1:])
                                  .reshape(shape)], axis=where_)
        delta = (hi - lo) / np.asarray(div, calc)
    else:
        out = np.broadcast_to(lo, shape[:where_] + shape[where_ + 1:]).reshape(shape)[
            (slice(None),) * where_ + (slice(0, num),)]
        delta = np.asarray(np.nan, calc)
    if d.kind in "iu":
        out = np.floor(out)
    result = make(out.astype(d))
    return (result, make(delta)) if retstep else result


def eye(N: int, M: int | None = None, k: int = 0, dtype: Any = None) -> Array:
    """The identity matrix (ones on diagonal ``k``).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.eye(2)
    Array([[1., 0.],
           [0., 1.]], dtype=float32)
    """
    return make(np.eye(N, M, k, dtype=canonical(dtype or default_float())))


def identity(n: int, dtype: Any = None) -> Array:
    """The ``n`` by ``n`` identity."""
    return eye(n, dtype=dtype)


def astype(x: Any, dtype: Any) -> Array:
    """``x`` converted to ``dtype`` (differentiable between float types; never weak).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.astype(jnp.array(2.5), jnp.int32)
    Array(2, dtype=int32)
    """
    x = asarray(x)
    d = canonical(dtype)
    out = ops.to_dtype(x, dtype=d) if x._data.dtype != d else ops.alias(x)
    return with_weak(out, False)


# ----- elementwise ----------------------------------------------------------------------------

def add(x: Any, y: Any) -> Array:
    """``x + y`` with broadcasting.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.add(jnp.array([1., 2.]), 1)
    Array([2., 3.], dtype=float32)
    """
    return _binary(ops.add, x, y)


def subtract(x: Any, y: Any) -> Array:
    """``x - y``.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.subtract(5., jnp.array([1., 2.]))
    Array([4., 3.], dtype=float32)
    """
    return _binary(ops.sub, x, y)


def multiply(x: Any, y: Any) -> Array:
    """``x * y``.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.multiply(jnp.array([1., 2.]), 3)
    Array([3., 6.], dtype=float32)
    """
    return _binary(ops.mul, x, y)


def divide(x: Any, y: Any) -> Array:
    """``x / y`` (integers divide to floats).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.divide(jnp.arange(3), 2)
    Array([0. , 0.5, 1. ], dtype=float32)
    """
    return _binary(ops.div, x, y, floating=True)


true_divide = divide


def power(x: Any, y: Any) -> Array:
    """``x ** y``; a Python number exponent is recorded as a constant exponent.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.power(jnp.array(3.), 2)
    Array(9., dtype=float32, weak_type=True)
    """
    if isinstance(y, (builtins.int, builtins.float)) and not isinstance(y, builtins.bool):
        x = asarray(x)
        d, weak = _promote([x, asarray(y)])
        if isinstance(y, builtins.int) and y < 0 and d.kind in "biu":
            raise ValueError("Integers cannot be raised to negative powers.")
        return with_weak(ops.pow(_cast(x, d), y), weak)
    if isinstance(x, (builtins.int, builtins.float)) and not isinstance(x, builtins.bool):
        y = asarray(y)
        d, weak = _promote([asarray(x), y])
        return with_weak(ops.pow(d.type(x).item(), _cast(y, d)), weak)
    return _binary(ops.pow, x, y)


def maximum(x: Any, y: Any) -> Array:
    """Elementwise maximum (ties share the gradient equally, as JAX does).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.maximum(jnp.array([1., 5.]), 3.)
    Array([3., 5.], dtype=float32)
    """
    return _binary(ops.maximum, x, y)


def minimum(x: Any, y: Any) -> Array:
    """Elementwise minimum.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.minimum(jnp.array([1., 5.]), 3.)
    Array([1., 3.], dtype=float32)
    """
    return _binary(ops.minimum, x, y)


def negative(x: Any) -> Array:
    """``-x``.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.negative(jnp.array([1., -2.]))
    Array([-1.,  2.], dtype=float32)
    """
    return _unary(ops.neg, x, floating=False)


def abs(x: Any) -> Array:
    """``|x|``. JAX's derivative at 0 is 1 (torch's is 0), so this is ``where(x >= 0, x, -x)``
    (with ``x + 0`` on the kept side, which turns ``-0.`` into ``0.``).

    >>> import minigrad.jax as jax
    >>> jax.grad(abs)(0.)
    Array(1., dtype=float32, weak_type=True)
    """
    x = asarray(x)
    if x._data.dtype.kind == "b":
        return x
    return where(make(x._data >= 0), add(x, 0), negative(x))


absolute = abs


def exp(x: Any) -> Array:
    """``e ** x``.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.exp(jnp.zeros(2))
    Array([1., 1.], dtype=float32)
    """
    return _unary(ops.exp, x)


def log(x: Any) -> Array:
    """Natural logarithm.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.log(jnp.array([1., 4.]))
    Array([0.       , 1.3862944], dtype=float32)
    """
    return _unary(ops.log, x)


def sqrt(x: Any) -> Array:
    """Square root.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.sqrt(jnp.array([4., 9.]))
    Array([2., 3.], dtype=float32)
    """
    return _unary(ops.sqrt, x)


def sin(x: Any) -> Array:
    """Sine.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.sin(0.)
    Array(0., dtype=float32, weak_type=True)
    """
    return _unary(ops.sin, x)


def cos(x: Any) -> Array:
    """Cosine.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.cos(jnp.zeros(2))
    Array([1., 1.], dtype=float32)
    """
    return _unary(ops.cos, x)


def tan(x: Any) -> Array:
    """Tangent, as ``sin / cos``."""
    return divide(sin(x), cos(x))


def tanh(x: Any) -> Array:
    """Hyperbolic tangent.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.tanh(0.)
    Array(0., dtype=float32, weak_type=True)
    """
    return _unary(_core("tanh"), x)


def sinh(x: Any) -> Array:
    """Hyperbolic sine, ``(e^x - e^-x) / 2``."""
    return (exp(x) - exp(negative(x))) / 2


def cosh(x: Any) -> Array:
    """Hyperbolic cosine, ``(e^x + e^-x) / 2``."""
    return (exp(x) + exp(negative(x))) / 2


def log1p(x: Any) -> Array:
    """``log(1 + x)``.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.log1p(0.)
    Array(0., dtype=float32, weak_type=True)
    """
    return log(add(1, x))


def expm1(x: Any) -> Array:
    """``exp(x) - 1``."""
    return subtract(exp(x), 1)


def square(x: Any) -> Array:
    """``x * x``.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.square(jnp.array([1., -3.]))
    Array([1., 9.], dtype=float32)
    """
    return power(x, 2)


def reciprocal(x: Any) -> Array:
    """``1 / x``."""
    return divide(1, x)


def log2(x: Any) -> Array:
    """Base-2 logarithm, ``log(x) / log(2)``."""
    return divide(log(x), np.log(2.0))


def log10(x: Any) -> Array:
    """Base-10 logarithm, ``log(x) / log(10)``."""
    return divide(log(x), np.log(10.0))


def exp2(x: Any) -> Array:
    """``2 ** x``."""
    return power(2.0, x)


def logaddexp(x1: Any, x2: Any) -> Array:
    """``log(exp(x1) + exp(x2))`` without overflow: ``m + log(exp(x1 - m) + exp(x2 - m))``."""
    m = maximum(x1, x2)
    m = asarray(m)
    m = make(m._data, m.weak_type)        # the shift only guards the arithmetic: no gradient
    return add(m, log(add(exp(subtract(x1, m)), exp(subtract(x2, m)))))


def sign(x: Any) -> Array:
    """-1, 0 or 1 (a constant: its derivative is zero).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.sign(jnp.array([-2., 0., 3.]))
    Array([-1.,  0.,  1.], dtype=float32)
    """
    x = asarray(x)
    return make(np.sign(x._data), x.weak_type)


def floor(x: Any) -> Array:
    """Round down (a constant: zero derivative).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.floor(jnp.array([1.5, -1.5]))
    Array([ 1., -2.], dtype=float32)
    """
    x = asarray(x)
    return make(np.floor(x._data), x.weak_type)


def ceil(x: Any) -> Array:
    """Round up (a constant: zero derivative)."""
    x = asarray(x)
    return make(np.ceil(x._data), x.weak_type)


def round(a: Any, decimals: int = 0) -> Array:
    """Round half to even (a constant: zero derivative)."""
    a = asarray(a)
    return make(np.round(a._data, decimals), a.weak_type)


def floor_divide(x: Any, y: Any) -> Array:
    """``x // y`` (a constant)."""
    x, y = asarray(x), asarray(y)
    d, weak = _promote([x, y])
    return make(np.floor_divide(x._data, y._data).astype(d), weak)


def mod(x: Any, y: Any) -> Array:
    """``x % y`` (a constant)."""
    x, y = asarray(x), asarray(y)
    d, weak = _promote([x, y])
    return make(np.mod(x._data, y._data).astype(d), weak)


remainder = mod


def clip(a: Any, a_min: Any = None, a_max: Any = None) -> Array:
    """``a`` clipped into ``[a_min, a_max]``: ``minimum(maximum(a, a_min), a_max)`` as in JAX,
    so a value on a bound shares the gradient with it.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.clip(jnp.array([-2., 0.5, 3.]), -1., 1.)
    Array([-1. ,  0.5,  1. ], dtype=float32)
    """
    out = asarray(a)
    if a_min is not None:
        out = maximum(out, a_min)
    if a_max is not None:
        out = minimum(out, a_max)
    return out


def where(condition: Any, x: Any = None, y: Any = None) -> Any:
    """``x`` where ``condition`` holds, else ``y`` (one argument: the indices of true entries).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.where(jnp.array([True, False]), 1., 2.)
    Array([1., 2.], dtype=float32, weak_type=True)
    """
    cond = np.asarray(condition).astype(bool)
    if x is None and y is None:
        return tuple(make(i.astype(default_int())) for i in np.nonzero(cond))
    x, y = asarray(x), asarray(y)
    d, weak = _promote([x, y])
    return with_weak(ops.where(make(cond), _cast(x, d), _cast(y, d)), weak)


def _comparison(fn: Any) -> Any:
    def compare(x: Any, y: Any) -> Array:
        return make(np.asarray(fn(np.asarray(x), np.asarray(y))))
    compare.__name__ = fn.__name__
    compare.__doc__ = f"``np.{fn.__name__}`` as a bool Array (no gradient)."
    return compare


equal, not_equal, less, less_equal = (_comparison(f) for f in (np.equal, np.not_equal, np.less,
                                                                np.less_equal))
greater, greater_equal = _comparison(np.greater), _comparison(np.greater_equal)
logical_and, logical_or = _comparison(np.logical_and), _comparison(np.logical_or)


def logical_not(x: Any) -> Array:
    """Elementwise not."""
    return make(np.logical_not(np.asarray(x)))


def isnan(x: Any) -> Array:
    """Where ``x`` is NaN."""
    return make(np.isnan(np.asarray(x)))


def isfinite(x: Any) -> Array:
    """Where ``x`` is finite."""
    return make(np.isfinite(np.asarray(x)))


def allclose(a: Any, b: Any, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False) -> Array:
    """Whether all entries are close (a bool Array).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.allclose(jnp.array([1., 2.]), jnp.array([1., 2.000001]))
    Array(True, dtype=bool)
    """
    return make(np.asarray(np.allclose(np.asarray(a), np.asarray(b), rtol, atol, equal_nan)))


def isclose(a: Any, b: Any, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False) -> Array:
    """Where entries are close."""
    return make(np.isclose(np.asarray(a), np.asarray(b), rtol, atol, equal_nan))


def array_equal(a1: Any, a2: Any) -> Array:
    """Whether shapes and entries are equal."""
    return make(np.asarray(np.array_equal(np.asarray(a1), np.asarray(a2))))


# ----- reductions (results are strongly typed, as in JAX) ------------------------------------

def _axis(axis: Any) -> Any:
    if axis is None:
        return None
    return tuple(int(a) for a in axis) if isinstance(axis, (tuple, list)) else int(axis)


def _reduced(out: Any) -> Array:
    return with_weak(out, False)


def sum(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False) -> Array:
    """Sum over ``axis`` (all axes by default).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.sum(jnp.array([[1., 2.], [3., 4.]]), axis=0)
    Array([4., 6.], dtype=float32)
    """
    a = asarray(a)
    d = canonical(dtype) if dtype is not None else (
        default_int() if a._data.dtype.kind in "biu" else a._data.dtype)
    if _axis(axis) == ():
        return _reduced(_cast(ops.alias(a), d))
    return _reduced(ops.sum(a, _axis(axis), keepdims, dtype=d))


def mean(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False) -> Array:
    """Mean over ``axis`` (integers averaged as floats).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.mean(jnp.array([[1., 2.], [3., 5.]]), axis=1)
    Array([1.5, 4. ], dtype=float32)
    """
    a = asarray(a)
    if a._data.dtype.kind in "biu":
        a = _cast(a, default_float())
    return _reduced(ops.mean(a, _axis(axis), keepdims))


def max(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False) -> Array:
    """Largest entry over ``axis`` (ties share the gradient).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.max(jnp.array([[1., 4.], [3., 2.]]), axis=0)
    Array([3., 4.], dtype=float32)
    """
    a = asarray(a)
    return _reduced(_core("amax")(a, () if axis is None else _axis(axis), keepdims))


def min(a: Any, axis: Any = None, out: Any = None, keepdims: bool = False) -> Array:
    """Smallest entry over ``axis``.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.min(jnp.array([[1., 4.], [3., 2.]]))
    Array(1., dtype=float32)
    """
    a = asarray(a)
    return _reduced(_core("amin")(a, () if axis is None else _axis(axis), keepdims))


amax, amin = max, min


def prod(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False) -> Array:
    """Product over ``axis``.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.prod(jnp.array([1., 2., 3.]))
    Array(6., dtype=float32)
    """
    a = asarray(a)
    axis = _axis(axis)
    if isinstance(axis, tuple):
        for ax in sorted((x % builtins.max(a.ndim, 1) for x in axis), reverse=True):
            a = _core("prod")(a, ax, keepdims)
        return _reduced(a)
    d = default_int() if a._data.dtype.kind in "biu" else None
    return _reduced(_core("prod")(a, axis, keepdims, dtype=d))


def var(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, ddof: int = 0,
        keepdims: bool = False) -> Array:
    """Variance over ``axis`` (``ddof`` 0 by default, as NumPy).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.var(jnp.array([1., 2., 3., 4.]))
    Array(1.25, dtype=float32)
    """
    a = asarray(a)
    return _reduced(_core("var")(a, _axis(axis), keepdim=keepdims, correction=ddof))


def std(a: Any, axis: Any = None, dtype: Any = None, out: Any = None, ddof: int = 0,
        keepdims: bool = False) -> Array:
    """Standard deviation over ``axis``.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.std(jnp.array([1., 3.]))
    Array(1., dtype=float32)
    """
    a = asarray(a)
    return _reduced(_core("std")(a, _axis(axis), keepdim=keepdims, correction=ddof))


def argmax(a: Any, axis: Any = None, keepdims: bool = False) -> Array:
    """Index of the largest entry (int32).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.argmax(jnp.array([1., 3., 2.]))
    Array(1, dtype=int32)
    """
    return make(np.asarray(np.argmax(np.asarray(a), axis=axis, keepdims=keepdims)).astype(default_int()))


def argmin(a: Any, axis: Any = None, keepdims: bool = False) -> Array:
    """Index of the smallest entry (int32)."""
    return make(np.asarray(np.argmin(np.asarray(a), axis=axis, keepdims=keepdims)).astype(default_int()))


def all(a: Any, axis: Any = None, keepdims: bool = False) -> Array:
    """Whether all entries are true."""
    return make(np.asarray(np.all(np.asarray(a), axis=axis, keepdims=keepdims)))


def any(a: Any, axis: Any = None, keepdims: bool = False) -> Array:
    """Whether any entry is true."""
    return make(np.asarray(np.any(np.asarray(a), axis=axis, keepdims=keepdims)))


# ----- linear algebra -------------------------------------------------------------------------

def matmul(a: Any, b: Any) -> Array:
    """Matrix product with NumPy's rules for 1-D and batched operands.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.matmul(jnp.ones((2, 3)), jnp.ones(3))
    Array([3., 3.], dtype=float32)
    """
    a, b = asarray(a), asarray(b)
    if a.ndim and b.ndim:
        k_a, k_b = a._data.shape[-1], b._data.shape[-2 if b.ndim > 1 else 0]
        if k_a != k_b:
            raise _errors.contracting((k_a,), (k_b,))
    return _binary(_core("matmul"), a, b)


def dot(a: Any, b: Any) -> Array:
    """NumPy's ``dot``: scalars multiply, vectors and matrices as ``matmul``.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.dot(jnp.array([1., 2.]), jnp.array([3., 4.]))
    Array(11., dtype=float32)
    """
    a, b = asarray(a), asarray(b)
    if a.ndim == 0 or b.ndim == 0:
        return multiply(a, b)
    if b.ndim > 2:
        raise NotImplementedError("minigrad.jax.numpy.dot with a second operand of more than 2 "
                                  "dimensions; use matmul or tensordot")
    return _reduced(matmul(a, b))


def vdot(a: Any, b: Any) -> Array:
    """Dot product of the flattened arrays (real arrays).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.vdot(jnp.array([1., 2.]), jnp.array([3., 4.]))
    Array(11., dtype=float32)
    """
    return _reduced(sum(multiply(ravel(a), ravel(b))))


def inner(a: Any, b: Any) -> Array:
    """Sum product over the last axes."""
    a, b = asarray(a), asarray(b)
    if a.ndim <= 1 and b.ndim <= 1:
        return dot(a, b)
    return matmul(a, swapaxes(b, -1, -2)) if b.ndim >= 2 else matmul(a, b)


def outer(a: Any, b: Any) -> Array:
    """``a[:, None] * b[None, :]`` of the flattened arrays.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.outer(jnp.array([1., 2.]), jnp.array([1., 10.]))
    Array([[ 1., 10.],
           [ 2., 20.]], dtype=float32)
    """
    return multiply(reshape(ravel(a), (-1, 1)), reshape(ravel(b), (1, -1)))


def tensordot(a: Any, b: Any, axes: Any = 2) -> Array:
    """Sum products over the last ``axes`` of ``a`` and the first of ``b`` (or the axes listed),
    computed as one ``matmul`` of reshaped operands.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.tensordot(jnp.ones((2, 3)), jnp.ones((3, 2)), 1)
    Array([[3., 3.],
           [3., 3.]], dtype=float32)
    """
    a, b = asarray(a), asarray(b)
    if isinstance(axes, (builtins.int, np.integer)):
        a_axes, b_axes = list(range(a.ndim - axes, a.ndim)), list(range(axes))
    else:
        a_axes, b_axes = [list(x) if isinstance(x, (tuple, list)) else [x] for x in axes]
        a_axes = [x % a.ndim for x in a_axes]
        b_axes = [x % b.ndim for x in b_axes]
    a_free = [i for i in range(a.ndim) if i not in a_axes]
    b_free = [i for i in range(b.ndim) if i not in b_axes]
    a2 = reshape(transpose(a, a_free + a_axes),
                 (math.prod(a.shape[i] for i in a_free), math.prod(a.shape[i] for i in a_axes)))
    b2 = reshape(transpose(b, b_axes + b_free),
                 (math.prod(b.shape[i] for i in b_axes), math.prod(b.shape[i] for i in b_free)))
    return reshape(matmul(a2, b2), tuple(a.shape[i] for i in a_free) + tuple(b.shape[i] for i in b_free))


def einsum(subscripts: str, *operands: Any) -> Array:
    """Einstein summation over one or more operands, as sums, transposes and one batched
    ``matmul`` per pair (operands folded left to right). Repeated indices inside one operand
    (diagonals) are not supported.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.einsum("ij,j->i", jnp.ones((2, 3)), jnp.arange(3.))
    Array([3., 3.], dtype=float32)
    """
    spec = subscripts.replace(" ", "")
    inputs, _, output = spec.partition("->")
    terms = inputs.split(",")
    if "." in spec or len(terms) != len(operands):
        raise NotImplementedError("minigrad.jax.numpy.einsum: explicit indices only, one term per operand")
    if not _:
        output = "".join(sorted(c for c in set(inputs) - {","} if inputs.count(c) == 1))
    if builtins.any(len(set(t)) != len(t) for t in terms):
        raise NotImplementedError("minigrad.jax.numpy.einsum with a repeated index inside one operand")
    arrays = [asarray(a) for a in operands]
    acc, acc_idx = arrays[0], terms[0]
    for k in range(1, len(arrays)):
        later = set(output).union(*terms[k + 1:])
        acc, acc_idx = _einsum_pair(acc, acc_idx, arrays[k], terms[k], later)
    acc, acc_idx = _einsum_pair(acc, acc_idx, None, "", set(output))
    return transpose(acc, [acc_idx.index(c) for c in output]) if acc_idx != output else acc


def _einsum_pair(a: Array, ai: str, b: Array | None, bi: str, keep: set) -> tuple[Array, str]:
    """Contract ``a`` (indices ``ai``) with ``b`` (``bi``), keeping the indices in ``keep``."""
    drop_a = [n for n, c in enumerate(ai) if c not in keep and c not in bi]
    if drop_a:
        a, ai = sum(a, axis=tuple(drop_a)), "".join(c for c in ai if c in keep or c in bi)
    if b is None:
        return a, ai
    drop_b = [n for n, c in enumerate(bi) if c not in keep and c not in ai]
    if drop_b:
        b, bi = sum(b, axis=tuple(drop_b)), "".join(c for c in bi if c in keep or c in ai)
    batch = [c for c in ai if c in bi and c in keep]
    contract = [c for c in ai if c in bi and c not in keep]
    left = [c for c in ai if c not in bi]
    right = [c for c in bi if c not in ai]
    size = dict(zip(ai, a.shape)) | dict(zip(bi, b.shape))
    n = {key: math.prod(size[c] for c in group) for key, group in
         (("b", batch), ("c", contract), ("l", left), ("r", right))}
    a2 = reshape(transpose(a, [ai.index(c) for c in batch + left + contract]), (n["b"], n["l"], n["c"]))
    b2 = reshape(transpose(b, [bi.index(c) for c in batch + contract + right]), (n["b"], n["c"], n["r"]))
    out = reshape(matmul(a2, b2), tuple(size[c] for c in batch + left + right))
    return out, "".join(batch + left + right)


def trace(a: Any) -> Array:
    """Sum of the diagonal of a matrix."""
    a = asarray(a)
    n = builtins.min(a.shape[-2:])
    return sum(a[np.arange(n), np.arange(n)])


def diag(v: Any, k: int = 0) -> Array:
    """The diagonal of a matrix (k = 0), or a diagonal matrix from a vector."""
    v = asarray(v)
    if v.ndim == 2 and k == 0:
        n = builtins.min(v.shape)
        return v[np.arange(n), np.arange(n)]
    if v.ndim == 1 and k == 0:
        return multiply(reshape(v, (-1, 1)), eye(v.shape[0], dtype=v.dtype))
    raise NotImplementedError("minigrad.jax.numpy.diag with k != 0")


# ----- shapes ---------------------------------------------------------------------------------

def shape(a: Any) -> tuple:
    """The shape of ``a``."""
    return tuple(np.shape(a._data if isinstance(a, Tensor) else a))


def ndim(a: Any) -> int:
    """The number of axes of ``a``."""
    return len(shape(a))


def size(a: Any) -> int:
    """The number of entries of ``a``."""
    return math.prod(shape(a))


def reshape(a: Any, newshape: Any = None, order: str = "C", *, shape: Any = None) -> Array:
    """The same entries in a new shape (one ``-1`` inferred).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.reshape(jnp.arange(4.), (2, 2))
    Array([[0., 1.],
           [2., 3.]], dtype=float32)
    """
    a = asarray(a)
    given = shape if shape is not None else newshape
    new = (int(given),) if isinstance(given, (builtins.int, np.integer)) else tuple(int(s) for s in given)
    try:
        np.empty(a._data.shape, bool).reshape(new)
    except ValueError:
        raise _errors.reshape(a._data.shape, a._data.size, given, math.prod(new)) from None
    return with_weak(ops.reshape(a, new), a.weak_type)


def ravel(a: Any) -> Array:
    """The entries as one axis.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.ravel(jnp.ones((2, 2)))
    Array([1., 1., 1., 1.], dtype=float32)
    """
    return reshape(a, (-1,))


def transpose(a: Any, axes: Any = None) -> Array:
    """Permute the axes (reverse them by default).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.transpose(jnp.arange(6.).reshape(2, 3))
    Array([[0., 3.],
           [1., 4.],
           [2., 5.]], dtype=float32)
    """
    a = asarray(a)
    axes = tuple(reversed(range(a.ndim))) if axes is None else tuple(int(x) for x in axes)
    return with_weak(ops.permute(a, *axes) if a.ndim else ops.alias(a), a.weak_type)


def swapaxes(a: Any, axis1: int, axis2: int) -> Array:
    """Swap two axes.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.swapaxes(jnp.ones((2, 3)), 0, 1).shape
    (3, 2)
    """
    a = asarray(a)
    return with_weak(ops.transpose(a, axis1, axis2), a.weak_type)


def moveaxis(a: Any, source: int, destination: int) -> Array:
    """Move one axis to a new position."""
    a = asarray(a)
    order = [i for i in range(a.ndim) if i != source % a.ndim]
    order.insert(destination % a.ndim, source % a.ndim)
    return transpose(a, order)


def expand_dims(a: Any, axis: Any) -> Array:
    """Insert axes of size 1.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.expand_dims(jnp.ones(2), 0).shape
    (1, 2)
    """
    a = asarray(a)
    new = np.expand_dims(np.empty(a.shape, bool), axis).shape
    return reshape(a, new)


def squeeze(a: Any, axis: Any = None) -> Array:
    """Drop axes of size 1 (all, or those in ``axis``).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.squeeze(jnp.ones((1, 2))).shape
    (2,)
    """
    a = asarray(a)
    return reshape(a, np.squeeze(np.empty(a.shape, bool), axis).shape)


def broadcast_to(array: Any, shape: Any) -> Array:
    """``array`` broadcast to ``shape``.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.broadcast_to(jnp.array([1., 2.]), (2, 2))
    Array([[1., 2.],
           [1., 2.]], dtype=float32)
    """
    a = asarray(array)
    shape = (shape,) if isinstance(shape, (builtins.int, np.integer)) else tuple(shape)
    return with_weak(ops.expand(a, *shape) if a.shape != shape else ops.alias(a), a.weak_type)


def concatenate(arrays: Sequence[Any], axis: int = 0) -> Array:
    """Join arrays along an existing axis.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.concatenate([jnp.zeros(1), jnp.ones(2)])
    Array([0., 1., 1.], dtype=float32)
    """
    arrays = [asarray(a) for a in arrays]
    d, weak = _promote(arrays)
    arrays = [_cast(a, d) for a in arrays]
    return with_weak(_core("cat")(arrays, axis), weak)


def stack(arrays: Sequence[Any], axis: int = 0) -> Array:
    """Join arrays along a new axis.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.stack([jnp.zeros(2), jnp.ones(2)])
    Array([[0., 0.],
           [1., 1.]], dtype=float32)
    """
    arrays = [asarray(a) for a in arrays]
    d, weak = _promote(arrays)
    arrays = [_cast(a, d) for a in arrays]
    return with_weak(_core("stack")(arrays, axis), weak)


def hstack(tup: Sequence[Any]) -> Array:
    """Join along axis 1 (axis 0 for vectors)."""
    arrays = [atleast_1d(a) for a in tup]
    return concatenate(arrays, 0 if arrays[0].ndim == 1 else 1)


def vstack(tup: Sequence[Any]) -> Array:
    """Join along axis 0 (vectors become rows)."""
    return concatenate([atleast_2d(a) for a in tup], 0)


def atleast_1d(a: Any) -> Array:
    """``a`` with at least one axis."""
    a = asarray(a)
    return reshape(a, (1,)) if a.ndim == 0 else a


def atleast_2d(a: Any) -> Array:
    """``a`` with at least two axes."""
    a = asarray(a)
    return reshape(a, (1,) * (2 - a.ndim) + a.shape) if a.ndim < 2 else a


def split(ary: Any, indices_or_sections: Any, axis: int = 0) -> list:
    """Split into pieces along ``axis`` (equal sections, or at the given indices).

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.split(jnp.arange(4.), 2)
    [Array([0., 1.], dtype=float32), Array([2., 3.], dtype=float32)]
    """
    a = asarray(ary)
    n = a.shape[axis]
    if isinstance(indices_or_sections, (builtins.int, np.integer)):
        cuts = list(range(0, n, n // int(indices_or_sections)))[1:]
    else:
        cuts = [int(i) for i in indices_or_sections]
    bounds = [0, *cuts, n]
    lead = (slice(None),) * (axis % a.ndim)
    return [a[(*lead, slice(lo, hi))] for lo, hi in zip(bounds[:-1], bounds[1:])]


def take(a: Any, indices: Any, axis: Any = None) -> Array:
    """Entries at ``indices`` (of the flattened array, or along ``axis``)."""
    a = asarray(a)
    idx = np.asarray(indices)
    if axis is None:
        return ravel(a)[idx]
    return a[(slice(None),) * (axis % a.ndim) + (idx,)]


def tile(a: Any, reps: Any) -> Array:
    """``a`` repeated ``reps`` times (as concatenations)."""
    a = asarray(a)
    reps = (reps,) if isinstance(reps, (builtins.int, np.integer)) else tuple(reps)
    if len(reps) > a.ndim:
        a = reshape(a, (1,) * (len(reps) - a.ndim) + a.shape)
    reps = (1,) * (a.ndim - len(reps)) + reps
    for axis, r in enumerate(reps):
        if r != 1:
            a = concatenate([a] * r, axis)
    return a


def take_along_axis(arr: Any, indices: Any, axis: int | None) -> Array:
    """Entries of ``arr`` at ``indices`` along ``axis`` (NumPy's rule)."""
    a = asarray(arr)
    idx = np.asarray(indices)
    if axis is None:
        return ravel(a)[idx.ravel()]
    axis = axis % a.ndim
    grids = list(np.ix_(*[np.arange(n) for n in idx.shape]))
    grids[axis] = idx
    return a[tuple(grids)]


def argsort(a: Any, axis: int = -1) -> Array:
    """Indices that sort ``a`` along ``axis`` (int32, stable)."""
    return make(np.argsort(np.asarray(a), axis=axis, kind="stable").astype(default_int()))


def sort(a: Any, axis: int = -1) -> Array:
    """``a`` sorted along ``axis``; the gradient follows the entries to where they came from.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.sort(jnp.array([3., 1., 2.]))
    Array([1., 2., 3.], dtype=float32)
    """
    return take_along_axis(a, argsort(a, axis)._data, axis)


def cumsum(a: Any, axis: Any = None, dtype: Any = None) -> Array:
    """Running sums along ``axis`` (of the flattened array by default), as a product with a
    triangular matrix of ones.

    >>> import minigrad.jax.numpy as jnp
    >>> jnp.cumsum(jnp.array([1., 2., 3.]))
    Array([1., 3., 6.], dtype=float32)
    """
    a = asarray(a)
    if axis is None:
        a, axis = ravel(a), 0
    moved = moveaxis(a, axis, -1)
    n = moved.shape[-1]
    ones = make(np.triu(np.ones((n, n), dtype=a._data.dtype)))
    return moveaxis(matmul(moved, ones), -1, axis)


# ----- namespaces -----------------------------------------------------------------------------

class _Linalg:
    """``jnp.linalg``: ``norm`` (vector 2-norm or Frobenius) only."""

    @staticmethod
    def norm(x: Any, ord: Any = None, axis: Any = None, keepdims: bool = False) -> Array:
        if ord not in (None, 2, "fro") or (ord == 2 and asarray(x).ndim == 2 and axis is None):
            raise NotImplementedError("minigrad.jax.numpy.linalg.norm: only the 2-norm of vectors "
                                      "and the Frobenius norm")
        return sqrt(sum(square(x), axis=axis, keepdims=keepdims))


linalg = _Linalg()
