"""Reductions: forward and vjp side by side.

Axes are kept negative (counted from the end) so that a vjp also works on a gradient with
extra leading batch dimensions.
"""
from __future__ import annotations

import numpy as np

from . import _dual as F
from ._rule import rule


def _restore(grad, shape, dim, keepdim):
    """Put back the reduced axes of ``grad`` so that it broadcasts against the input."""
    if dim is None:
        return F.reshape(grad, F.shape(grad)[: len(F.shape(grad)) - (len(shape) if keepdim else 0)]
                         + (1,) * len(shape))
    return grad if keepdim else F.expand_dims(grad, dim)


@rule("sum", node="SumBackward0", promotion="none")
def sum_all(input, *, shape, dtype=None):
    """Sum of every element."""
    return np.sum(input, dtype=dtype)


@sum_all.vjp
def sum_all_vjp(grad, *, shape, dtype=None):
    lead = F.shape(grad)
    return (F.broadcast_to(F.reshape(grad, lead + (1,) * len(shape)), lead + tuple(shape)),)


@rule("sum", node="SumBackward1", promotion="none")
def sum_dim(input, *, dim, keepdim, shape, dtype=None):
    """Sum over ``dim`` (negative axes), keeping them if ``keepdim``."""
    return np.sum(input, axis=dim, keepdims=keepdim, dtype=dtype)


@sum_dim.vjp
def sum_dim_vjp(grad, *, dim, keepdim, shape, dtype=None):
    g = grad if keepdim else F.expand_dims(grad, dim)
    lead = F.shape(g)[: len(F.shape(g)) - len(shape)]
    return (F.broadcast_to(g, lead + tuple(shape)),)


@rule("mean", node="MeanBackward0", promotion="none")
def mean_all(input, *, shape):
    """Mean of every element."""
    return np.mean(input)


@mean_all.vjp
def mean_all_vjp(grad, *, shape):
    lead = F.shape(grad)
    n = max(int(np.prod(shape)), 1)
    return (F.broadcast_to(F.reshape(grad / n, lead + (1,) * len(shape)), lead + tuple(shape)),)


@rule("mean", node="MeanBackward1", promotion="none")
def mean_dim(input, *, dim, keepdim, shape):
    """Mean over ``dim``."""
    return np.mean(input, axis=dim, keepdims=keepdim)


@mean_dim.vjp
def mean_dim_vjp(grad, *, dim, keepdim, shape):
    n = int(np.prod([shape[d] for d in dim]))
    g = grad if keepdim else F.expand_dims(grad, dim)
    lead = F.shape(g)[: len(F.shape(g)) - len(shape)]
    return (F.broadcast_to(g / n, lead + tuple(shape)),)
