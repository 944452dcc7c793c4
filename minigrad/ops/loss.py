"""Losses as single ops, so a loss prints and draws as torch's does: ``grad_fn=<MseLossBackward0>``,
``<NllLossBackward0>``, ``<BinaryCrossEntropyBackward0>``. Arguments that carry no gradient in
torch (class indices, weights) are parameters here, not inputs.
"""
from __future__ import annotations

import numpy as np

from . import _dual as F
from ._rule import rule
from .reduce import mean_all_vjp, sum_all_vjp


def _reduced(loss: np.ndarray, reduction: str) -> np.ndarray:
    return loss if reduction == "none" else np.mean(loss) if reduction == "mean" else np.sum(loss)


def _per_element(grad, reduction: str, shape: tuple):
    """The gradient reaching each element of the unreduced loss: ``grad`` (``none``), or what
    ``sum``'s and ``mean``'s own vjps spread over ``shape`` (batch axes stay in front)."""
    if reduction == "none":
        return grad
    vjp = mean_all_vjp if reduction == "mean" else sum_all_vjp
    return vjp(grad, shape=tuple(shape))[0]


@rule("mse_loss", node="MseLossBackward0", saves=("input", "target"))
def mse_loss(input, target, *, reduction):
    """``(input - target) ** 2``, reduced (``mean``, ``sum`` or ``none``)."""
    d = np.subtract(input, target)
    return _reduced(np.multiply(d, d, out=d), reduction)


@mse_loss.vjp
def mse_loss_vjp(grad, input, target, *, reduction, needs=(True, True)):
    diff = input - target
    g = _per_element(grad, reduction, F.shape(diff)) * (diff * 2)
    return g if needs[0] else None, -g if needs[1] else None


@rule("nll_loss", node="NllLossBackward0", promotion="none")
def nll_loss(input, *, target, weight, reduction, classes):
    """``-input[n, target[n]] * weight[n]`` for ``(N, C)`` log-probabilities (or ``(C,)`` with a
    0-d target). ``weight`` is per sample, 0 where the target is ignored; ``mean`` divides by its
    sum. ``classes`` (C) is for the vjp."""
    picked = input[np.arange(len(target)), target] if input.ndim == 2 else input[target]
    loss = -(picked * weight)
    if reduction != "mean":
        return _reduced(loss, reduction)
    with np.errstate(invalid="ignore", divide="ignore"):     # every target ignored: nan, as torch
        return np.sum(loss) / np.sum(weight)


@nll_loss.vjp
def nll_loss_vjp(grad, *, target, weight, reduction, classes):
    w = -weight / np.sum(weight) if reduction == "mean" else -weight
    g = grad * w if reduction == "none" else F.reshape(grad, F.shape(grad) + (1,) * w.ndim) * w
    if target.ndim:
        return (F.scatter(g, (len(target), classes), (np.arange(len(target)), target)),)
    return (F.scatter(g, (classes,), (int(target),)),)


@rule("binary_cross_entropy", node="BinaryCrossEntropyBackward0", saves=("input", "target"))
def binary_cross_entropy(input, target, *, weight, reduction):
    """``-(t log x + (1 - t) log(1 - x))``, each log clamped at -100 as torch clamps it."""
    with np.errstate(divide="ignore"):
        loss = -(target * np.maximum(np.log(input), -100) + (1 - target) * np.maximum(np.log1p(-input), -100))
    return _reduced(loss if weight is None else loss * weight, reduction)


@binary_cross_entropy.vjp
def binary_cross_entropy_vjp(grad, input, target, *, weight, reduction, needs=(True, True)):
    # d/dx = (x - t) / (x (1 - x)), the denominator kept above 1e-12 (torch's EPSILON)
    g = _per_element(grad, reduction, F.shape(input))
    den = (1 - input) * input
    g = g * (input - target) / F.where(F.data(den) > 1e-12, den, den * 0 + 1e-12)
    return (g if weight is None else g * weight), None


@rule("binary_cross_entropy_with_logits", node="BinaryCrossEntropyWithLogitsBackward0",
      saves=("input", "target"))
def binary_cross_entropy_with_logits(input, target, *, weight, pos_weight, reduction):
    """``binary_cross_entropy(sigmoid(x), t)`` computed stably: ``(1 - t) x + c softplus(-x)`` with
    ``c = 1 + (pos_weight - 1) t`` (1 without ``pos_weight``)."""
    softplus = np.logaddexp(0, -input)
    if pos_weight is not None:
        softplus = (1 + (pos_weight - 1) * target) * softplus
    loss = (1 - target) * input + softplus
    return _reduced(loss if weight is None else loss * weight, reduction)


@binary_cross_entropy_with_logits.vjp
def binary_cross_entropy_with_logits_vjp(grad, input, target, *, weight, pos_weight, reduction,
                                         needs=(True, True)):
    # d/dx = sigmoid(x) - t, or c sigmoid(x) - ... with pos_weight: (c s - c + 1 - t) = c (s - 1) + 1 - t
    g = _per_element(grad, reduction, F.shape(input))
    s = 1 / (1 + F.exp(-input))
    d = s - target if pos_weight is None else (1 + (pos_weight - 1) * target) * (s - 1) + 1 - target
    g = g * d
    return (g if weight is None else g * weight), None
