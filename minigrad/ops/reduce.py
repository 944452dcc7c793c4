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
    return (F.spread(F.reshape(grad, lead + (1,) * len(shape)), lead + tuple(shape), n),)


@rule("mean", node="MeanBackward1", promotion="none")
def mean_dim(input, *, dim, keepdim, shape):
    """Mean over ``dim``."""
    return np.mean(input, axis=dim, keepdims=keepdim)


@mean_dim.vjp
def mean_dim_vjp(grad, *, dim, keepdim, shape):
    n = int(np.prod([shape[d] for d in dim]))
    g = grad if keepdim else F.expand_dims(grad, dim)
    lead = F.shape(g)[: len(F.shape(g)) - len(shape)]
    return (F.spread(g, lead + tuple(shape), n),)


# ----- products -------------------------------------------------------------------------------

@rule("prod", node="ProdBackward0", saves=("input", "result"), promotion="none")
def prod_all(input, *, dtype=None):
    """Product of every element."""
    return np.prod(input, dtype=dtype)


@prod_all.vjp
def prod_all_vjp(grad, input, result, *, dtype=None):
    shape = F.shape(input)
    if (F.data(input) != 0).all():
        return (_restore(grad, shape, None, False) * result / input,)
    flat = F.reshape(input, (int(np.prod(shape)),))
    return (_restore(grad, shape, None, False) * F.reshape(_others(flat, -1), shape),)


@rule("prod", node="ProdBackward1", saves=("input", "result"), promotion="none")
def prod_dim(input, *, dim, keepdim, dtype=None):
    """Product over one ``dim`` (negative)."""
    return np.prod(input, axis=dim, keepdims=keepdim, dtype=dtype)


@prod_dim.vjp
def prod_dim_vjp(grad, input, result, *, dim, keepdim, dtype=None):
    if dim == ():           # a 0-d input: the product is the element itself
        return (grad,)
    g = grad if keepdim else F.expand_dims(grad, (dim,))
    if (F.data(input) != 0).all():
        return (g * (result if keepdim else F.expand_dims(result, (dim,))) / input,)
    return (g * _others(input, dim),)


def _others(x, dim):
    """At each position, the product of the *other* elements along ``dim``.

    Used when some element is 0 (where result / x fails): a new axis i is put before axis j,
    the diagonal i == j is masked to 1, and the product runs over j. Built from ops, so its
    own derivative is right too."""
    n = F.shape(x)[dim]
    mask = np.eye(n, dtype=bool).reshape((n, n) + (1,) * (-dim - 1))
    return F.prod(F.where(mask, 1, F.expand_dims(x, (dim - 1,))), dim)


# ----- max, min, amax, amin -------------------------------------------------------------------

def _ties(grad, input, result, dims, keepdim, nans=False):
    """``grad`` shared evenly among the elements equal to the extreme (torch splits ties). A nan
    extreme is shared by the nans for max/min (``nans``); amax/amin, like torch's, give nan."""
    shape = F.shape(input)
    r = F.data(result) if keepdim or dims is None else np.expand_dims(F.data(result), dims)
    x = F.data(input)
    mask = (x == r) | (np.isnan(x) & np.isnan(r)) if nans else x == r
    with np.errstate(invalid="ignore", divide="ignore"):
        share = (mask / np.sum(mask, axis=dims, keepdims=True)).astype(F.dtype(input))
    return (_restore(grad, shape, dims, keepdim) * share,)


@rule("max", node="MaxBackward1", saves=("input", "result"), promotion="none")
def max_all(input):
    """Largest element; tied maxima share the gradient evenly."""
    _nonempty("max", input, None)
    return np.max(input)


@max_all.vjp
def max_all_vjp(grad, input, result):
    return _ties(grad, input, result, None, False, nans=True)


@rule("min", node="MinBackward1", saves=("input", "result"), promotion="none")
def min_all(input):
    """Smallest element; tied minima share the gradient evenly."""
    _nonempty("min", input, None)
    return np.min(input)


@min_all.vjp
def min_all_vjp(grad, input, result):
    return _ties(grad, input, result, None, False, nans=True)


@rule("amax", node="AmaxBackward0", saves=("input", "result"), promotion="none")
def amax(input, *, dim, keepdim):
    """Largest values over ``dim`` (a tuple; ``None`` for all); ties share the gradient."""
    _nonempty("amax", input, dim)
    return np.max(input, axis=dim, keepdims=keepdim)


@amax.vjp
def amax_vjp(grad, input, result, *, dim, keepdim):
    return _ties(grad, input, result, dim, keepdim)


@rule("amin", node="AminBackward0", saves=("input", "result"), promotion="none")
def amin(input, *, dim, keepdim):
    """Smallest values over ``dim``; ties share the gradient."""
    _nonempty("amin", input, dim)
    return np.min(input, axis=dim, keepdims=keepdim)


@amin.vjp
def amin_vjp(grad, input, result, *, dim, keepdim):
    return _ties(grad, input, result, dim, keepdim)


@rule("max", node="MaxBackward0", saves=("result1",), outputs=2, differentiable=(0,), promotion="none")
def max_dim(input, *, dim, keepdim, shape):
    """Largest values along ``dim`` and their (first) indices; the gradient goes to that index."""
    _nonempty("max", input, dim)
    return _select(input, input.ndim and np.argmax(input, axis=dim, keepdims=True), dim, keepdim)


@max_dim.vjp
def max_dim_vjp(grad, grad_indices, indices, *, dim, keepdim, shape):
    return _to_index(grad, indices, dim, keepdim, shape)


@rule("min", node="MinBackward0", saves=("result1",), outputs=2, differentiable=(0,), promotion="none")
def min_dim(input, *, dim, keepdim, shape):
    """Smallest values along ``dim`` and their (first) indices."""
    _nonempty("min", input, dim)
    return _select(input, input.ndim and np.argmin(input, axis=dim, keepdims=True), dim, keepdim)


@min_dim.vjp
def min_dim_vjp(grad, grad_indices, indices, *, dim, keepdim, shape):
    return _to_index(grad, indices, dim, keepdim, shape)


def _nonempty(name, input, dim):
    """torch's errors for a max/min over nothing."""
    if dim is None and input.size == 0:
        raise RuntimeError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
                           "Specify the reduction dim with the 'dim' argument.")
    for d in (dim,) if isinstance(dim, int) else dim or ():
        if input.ndim and input.shape[d] == 0:
            raise IndexError(f"{name}(): Expected reduction dim {d % input.ndim} to have non-zero size.")


def _select(input, index, dim, keepdim):
    if input.ndim == 0:
        return input.copy(), np.zeros((), np.int64)
    values = np.take_along_axis(input, index, axis=dim)
    index = index.astype(np.int64)
    return (values, index) if keepdim else (np.squeeze(values, dim), np.squeeze(index, dim))


def _to_index(grad, indices, dim, keepdim, shape):
    # one-hot of the index along dim, times the gradient broadcast back along dim
    if not shape:
        return (grad,)
    index = F.data(indices) if keepdim else np.expand_dims(F.data(indices), dim)
    n = shape[dim]
    onehot = np.arange(n).reshape((n,) + (1,) * (-dim - 1)) == index
    g = grad if keepdim else F.expand_dims(grad, (dim,))
    return (g * onehot.astype(F.dtype(grad)),)


# ----- variance and standard deviation ---------------------------------------------------------

def _count(shape, dim):
    return int(np.prod(shape)) if dim is None else int(np.prod([shape[d] for d in dim]))


@rule("var", node="VarBackward0", saves=("input",), promotion="none")
def var(input, *, dim, correction, keepdim):
    """Variance over ``dim`` (``None``: all) with ``correction`` (1: unbiased)."""
    return _variance(input, dim, correction, keepdim)


def _variance(input, dim, correction, keepdim):
    # sum of squared deviations / max(N - correction, 0), as torch (0 -> nan or inf, no error)
    centered = input - np.mean(input, axis=dim, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.sum(centered * centered, axis=dim, keepdims=keepdim) / max(
            _count(input.shape, dim) - correction, 0)


@var.vjp
def var_vjp(grad, input, *, dim, correction, keepdim):
    # d var = 2 (x - mean) / (N - correction)
    shape = F.shape(input)
    n = _count(shape, dim)
    centered = input - F.sum(input, dim, keepdims=True) / n
    return (_restore(grad, shape, dim, keepdim) * centered * _ratio(2, n - correction),)


@rule("std", node="StdBackward0", saves=("input", "result"), promotion="none")
def std(input, *, dim, correction, keepdim):
    """Standard deviation over ``dim`` with ``correction``."""
    return np.sqrt(_variance(input, dim, correction, keepdim))


@std.vjp
def std_vjp(grad, input, result, *, dim, correction, keepdim):
    # d std = d var / (2 std), taken as 0 where std is 0 (as torch does)
    shape = F.shape(input)
    n = _count(shape, dim)
    r = _restore(result, shape, dim, keepdim)
    zero = F.data(r) == 0
    g = _restore(grad, shape, dim, keepdim)
    centered = input - F.sum(input, dim, keepdims=True) / n
    return (F.where(zero, 0, g / F.where(zero, 1, r)) * centered * _ratio(1, n - correction),)


def _ratio(a, b):
    return a / b if b != 0 else np.inf
