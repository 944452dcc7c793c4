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

