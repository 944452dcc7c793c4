"""Ops that choose between values by comparing them: where, maximum, minimum, clamp.
Forward and vjp side by side; a gradient goes to whichever value was chosen (ties split evenly
where torch splits them)."""
from __future__ import annotations

import numpy as np

from . import _dual as F
from ._rule import rule


@rule("where", node="WhereBackward0", saves=("condition",), promotion="none")
def where_(condition, input, other):
    """``input`` where ``condition`` holds, else ``other``."""
    return np.where(condition, input, other)


@where_.vjp
def where_vjp(grad, condition):
    mask = F.data(condition).astype(bool)
    return None, F.where(mask, grad, 0), F.where(mask, 0, grad)


@rule("maximum", node="MaximumBackward0", saves=("input", "other"))
def maximum(input, other):
    """Elementwise maximum; ties split the gradient evenly, as torch does.

    >>> import minigrad as torch
    >>> torch.maximum(torch.tensor([1., 5.]), torch.tensor([3., 2.]))
    tensor([3., 5.])
    """
    return np.maximum(input, other)


@maximum.vjp
def maximum_vjp(grad, input, other):
    a, b = F.data(input), F.data(other)
    # torch: each side keeps the gradient unless it lost (a nan loses to nothing); ties halve it
    half = np.where(a == b, 0.5, 1.0)
    return (grad * (half * ~(a < b)).astype(F.dtype(grad)), grad * (half * ~(a > b)).astype(F.dtype(grad)))


@rule("minimum", node="MinimumBackward0", saves=("input", "other"))
def minimum(input, other):
    """Elementwise minimum; ties split the gradient evenly, as torch does.

    >>> import minigrad as torch
    >>> torch.minimum(torch.tensor([1., 5.]), torch.tensor([3., 2.]))
    tensor([1., 2.])
    """
    return np.minimum(input, other)


@minimum.vjp
def minimum_vjp(grad, input, other):
    a, b = F.data(input), F.data(other)
    half = np.where(a == b, 0.5, 1.0)
    return (grad * (half * ~(a > b)).astype(F.dtype(grad)), grad * (half * ~(a < b)).astype(F.dtype(grad)))


@rule("clamp", node="ClampBackward1", saves=("input",))
def clamp_(input, *, min=None, max=None):
    """Clip into ``[min, max]``; the gradient passes where the value was inside."""
    return np.clip(input, min, max)


@clamp_.vjp
def clamp_vjp(grad, input, *, min=None, max=None):
    x = F.data(input)
    inside = np.ones(x.shape, dtype=bool)
    if min is not None:
        inside &= x >= min
    if max is not None:
        inside &= x <= max
    return (F.where(inside, grad, 0),)


@rule("clamp", node="ClampBackward0", saves=("input", "min", "max"))
def clamp_tensor(input, min, max):
    """Clip between tensors ``min`` and ``max`` (``max`` wins where ``min > max``, as in torch)."""
    return np.minimum(np.maximum(input, min), max)


@clamp_tensor.vjp
def clamp_tensor_vjp(grad, input, min, max):
    # torch's clamp_backward_min_max: each gradient goes to the one argument that was chosen
    x, lo, hi = F.data(input), F.data(min), F.data(max)
    inside = (x >= lo) & (x <= hi)
    return grad * inside, grad * ((x < lo) & (lo < hi)), grad * ((x > hi) | (hi < lo))
