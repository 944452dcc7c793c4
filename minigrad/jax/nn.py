"""``jax.nn``: the activations the tutorials use, over the core's rules.

>>> import minigrad.jax as jax
>>> jax.nn.relu(-1.)
Array(0., dtype=float32, weak_type=True)
"""
from __future__ import annotations

from typing import Any

from .. import ops
from ._array import with_weak
from .numpy import _reduced, _unary, asarray


def relu(x: Any) -> Any:
    """``max(x, 0)``."""
    return _unary(ops.relu, x)


def sigmoid(x: Any) -> Any:
    """``1 / (1 + e^-x)``."""
    return _unary(ops.sigmoid, x)


def softplus(x: Any) -> Any:
    """``log(1 + e^x)``."""
    from .numpy import exp, log1p
    return log1p(exp(x))


def softmax(x: Any, axis: int = -1) -> Any:
    """``exp(x) / sum(exp(x))`` along ``axis``."""
    x = asarray(x)
    return with_weak(ops.softmax(x, axis), x.weak_type)


def log_softmax(x: Any, axis: int = -1) -> Any:
    """``x - logsumexp(x)`` along ``axis``."""
    x = asarray(x)
    return with_weak(ops.log_softmax(x, axis), x.weak_type)


def logsumexp(a: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """``log(sum(exp(a)))`` over ``axis``, computed stably."""
    a = asarray(a)
    dims = tuple(range(a.ndim)) if axis is None else axis
    return _reduced(ops.logsumexp(a, dims, keepdims))



def silu(x: Any) -> Any:
    """``x * sigmoid(x)``."""
    return asarray(x) * sigmoid(x)


swish = silu


def gelu(x: Any, approximate: bool = True) -> Any:
    """GELU; JAX's default ``approximate=True`` is the tanh form."""
    from .numpy import tanh
    x = asarray(x)
    if not approximate:
        raise NotImplementedError("minigrad.jax.nn.gelu(approximate=False) needs erf, which minigrad lacks")
    return 0.5 * x * (1 + tanh(0.7978845608028654 * (x + 0.044715 * x ** 3)))


def elu(x: Any, alpha: float = 1.0) -> Any:
    """``x`` where positive, ``alpha * (e^x - 1)`` elsewhere."""
    from .numpy import expm1, minimum, where
    x = asarray(x)
    return where(x._data > 0, x, alpha * expm1(minimum(x, 0.)))


def leaky_relu(x: Any, negative_slope: float = 0.01) -> Any:
    """``x`` where non-negative, ``negative_slope * x`` elsewhere."""
    from .numpy import where
    x = asarray(x)
    return where(x._data >= 0, x, negative_slope * x)


def one_hot(x: Any, num_classes: int, dtype: Any = None) -> Any:
    """Rows of the identity picked by the integers ``x`` (float32)."""
    import numpy as np
    from ._array import canonical, default_float, make
    idx = np.asarray(x)
    return make((idx[..., None] == np.arange(num_classes)).astype(canonical(dtype or default_float())))
