"""torch.nn.functional: layers and losses as compositions of minigrad ops (no derivative math here).

Each result's ``grad_fn`` is the last op of the composition (``DivBackward0`` for a mean loss, say),
where torch shows one fused node (``MseLossBackward0``, ``NllLossBackward0``); values and gradients
are torch's.
"""
from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .. import ops
from ..creation import _generator
from ..tensor import Tensor

__all__ = ["relu", "sigmoid", "tanh", "softmax", "log_softmax", "linear", "dropout", "mse_loss",
           "nll_loss", "cross_entropy"]


def relu(input: Tensor, inplace: bool = False) -> Tensor:
    """``max(x, 0)``.

    >>> import minigrad as torch
    >>> torch.nn.functional.relu(torch.tensor([-1., 2.]))
    tensor([0., 2.])
    """
    return input.relu_() if inplace else ops.relu(input)


def sigmoid(input: Tensor) -> Tensor:
    """``1 / (1 + e^-x)``.

    >>> import minigrad as torch
    >>> torch.nn.functional.sigmoid(torch.tensor([0.]))
    tensor([0.5000])
    """
    return ops.sigmoid(input)


def tanh(input: Tensor) -> Tensor:
    """Hyperbolic tangent.

    >>> import minigrad as torch
    >>> torch.nn.functional.tanh(torch.tensor([0.]))
    tensor([0.])
    """
    return ops.tanh(input)


def _softmax_dim(name: str, ndim: int, stacklevel: int) -> int:
    warnings.warn(f"Implicit dimension choice for {name} has been deprecated. Change the call to include "
                  "dim=X as an argument.", UserWarning, stacklevel=stacklevel)
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None) -> Tensor:
    """Softmax along ``dim``.

    >>> import minigrad as torch
    >>> torch.nn.functional.softmax(torch.tensor([0., 0.]), dim=0)
    tensor([0.5000, 0.5000])
    """
    if dim is None:
        dim = _softmax_dim("softmax", input.dim(), _stacklevel)
    return ops.softmax(input, dim, dtype=dtype)


def log_softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None) -> Tensor:
    """Log of softmax along ``dim``.

    >>> import minigrad as torch
    >>> torch.nn.functional.log_softmax(torch.tensor([0., 0.]), dim=0)
    tensor([-0.6931, -0.6931])
    """
    if dim is None:
        dim = _softmax_dim("log_softmax", input.dim(), _stacklevel)
    return ops.log_softmax(input, dim, dtype=dtype)


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``input @ weight.T + bias``.

    >>> import minigrad as torch
    >>> torch.nn.functional.linear(torch.ones(1, 2), torch.ones(3, 2), torch.zeros(3))
    tensor([[2., 2., 2.]])
    """
    if bias is not None and input.dim() >= 1 and weight.dim() == 2:
        # one AddmmBackward0 node, as torch records it (other ranks viewed as a matrix and back)
        if input.dim() == 2:
            return ops.addmm(bias, input, weight.t())
        flat = ops.addmm(bias, input.reshape(-1, input._data.shape[-1]), weight.t())
        return flat.view(*input._data.shape[:-1], flat._data.shape[-1])
    out = ops.matmul(input, weight.t() if weight.dim() == 2 else weight)
    return out if bias is None else out + bias


def dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """Zero each element with probability ``p`` and scale the rest by ``1 / (1 - p)`` (training only);
    the mask is the one torch draws after the same seed.

    >>> import minigrad as torch
    >>> torch.nn.functional.dropout(torch.ones(3), p=0.5, training=False)
    tensor([1., 1., 1.])
    """
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0.0:
        return input
    # torch: noise = bernoulli_(1 - p) (a 53-bit uniform below 1 - p), noise /= 1 - p, input * noise
    dtype = input._data.dtype
    if p == 1.0:                                    # all dropped: torch draws nothing
        mask = Tensor._make(np.zeros((), dtype), False)
    else:
        keep = (_generator().random(input._data.shape) < 1.0 - p).astype(dtype)
        mask = Tensor._make(keep / dtype.type(1.0 - p), False)
    return ops.inplace(input, ops.mul, mask) if inplace else input * mask


def _reduce(loss: Tensor, reduction: str) -> Tensor:
    if reduction == "none":
        return loss
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    raise ValueError(f"{reduction} is not a valid value for reduction")


def _legacy_reduction(size_average: Any, reduce: Any, reduction: str) -> str:
    if size_average is None and reduce is None:
        return reduction
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    warnings.warn("size_average and reduce args will be deprecated, please use reduction='"
                  f"{'none' if not reduce else 'mean' if size_average else 'sum'}' instead.", stacklevel=3)
    return "none" if not reduce else "mean" if size_average else "sum"


def _check_reduction(size_average: Any, reduce: Any, reduction: str) -> str:
    reduction = _legacy_reduction(size_average, reduce, reduction)
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    return reduction


def _warn_target_size(input: Tensor, target: Tensor) -> None:
    if target.shape != input.shape:
        warnings.warn(f"Using a target size ({target.shape}) that is different to the input size "
                      f"({input.shape}). This will likely lead to incorrect results due to broadcasting. "
                      "Please ensure they have the same size.", UserWarning, stacklevel=3)


def mse_loss(input: Tensor, target: Tensor, size_average: Any = None, reduce: Any = None,
             reduction: str = "mean", weight: Tensor | None = None) -> Tensor:
    """Mean squared error, ``(input - target) ** 2`` reduced; one node, ``MseLossBackward0``.

    >>> import minigrad as torch
    >>> torch.nn.functional.mse_loss(torch.tensor([1., 2.]), torch.tensor([0., 0.]))
    tensor(2.5000)
    """
    reduction = _check_reduction(size_average, reduce, reduction)
    _warn_target_size(input, target)
    if weight is not None:
        return _reduce((input - target) ** 2 * weight, reduction)
    return ops.mse_loss(input, target, reduction=reduction)


def l1_loss(input: Tensor, target: Tensor, size_average: Any = None, reduce: Any = None,
            reduction: str = "mean") -> Tensor:
    """Mean absolute error, ``|input - target|`` reduced (recorded as torch records it: Sub, Abs, Mean).

    >>> import minigrad as torch
    >>> torch.nn.functional.l1_loss(torch.tensor([1., -2.]), torch.tensor([0., 0.]))
    tensor(1.5000)
    """
    reduction = _check_reduction(size_average, reduce, reduction)
    _warn_target_size(input, target)
    return _reduce((input - target).abs(), reduction)


def _bce_checks(input: Tensor, target: Tensor) -> None:
    if target.shape != input.shape:
        raise ValueError(f"Using a target size ({target.shape}) that is different to the input size "
                         f"({input.shape}) is deprecated. Please ensure they have the same size.")


def binary_cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None,
                         size_average: Any = None, reduce: Any = None, reduction: str = "mean") -> Tensor:
    """``-(t log x + (1 - t) log(1 - x))`` for probabilities ``x``, reduced; logs clamped at -100.

    >>> import minigrad as torch
    >>> torch.nn.functional.binary_cross_entropy(torch.tensor([0.5]), torch.tensor([1.]))
    tensor(0.6931)
    """
    reduction = _check_reduction(size_average, reduce, reduction)
    _bce_checks(input, target)
    x = input._data
    if x.size and ((x < 0) | (x > 1)).any():
        raise RuntimeError("all elements of input should be between 0 and 1")
    return ops.binary_cross_entropy(input, target, weight=None if weight is None else weight._data,
                                    reduction=reduction)


def binary_cross_entropy_with_logits(input: Tensor, target: Tensor, weight: Tensor | None = None,
                                     size_average: Any = None, reduce: Any = None, reduction: str = "mean",
                                     pos_weight: Tensor | None = None) -> Tensor:
    """``binary_cross_entropy(sigmoid(input), target)``, computed stably in one op.

    >>> import minigrad as torch
    >>> torch.nn.functional.binary_cross_entropy_with_logits(torch.tensor([0.]), torch.tensor([1.]))
    tensor(0.6931)
    """
    reduction = _check_reduction(size_average, reduce, reduction)
    _bce_checks(input, target)
    return ops.binary_cross_entropy_with_logits(
        input, target, weight=None if weight is None else weight._data,
        pos_weight=None if pos_weight is None else pos_weight._data, reduction=reduction)


def _class_weights(target: np.ndarray, weight: Tensor | None, ignore_index: int,
                   dtype: np.dtype) -> np.ndarray:
    """Per-sample weights: ``weight[target]`` (or ones), zero where ``target == ignore_index``."""
    valid = target != ignore_index
    w = np.ones(target.shape, dtype) if weight is None else weight._data[np.where(valid, target, 0)]
    return np.where(valid, w, 0).astype(dtype)


def nll_loss(input: Tensor, target: Tensor, weight: Tensor | None = None, size_average: Any = None,
             ignore_index: int = -100, reduce: Any = None, reduction: str = "mean") -> Tensor:
    """Negative log-likelihood of class indices ``target`` under log-probabilities ``input``
    (``(N, C)`` or ``(C,)``): ``-input[n, target[n]] * weight[target[n]]``, reduced (``mean``
    divides by the summed weights, as torch); one node, ``NllLossBackward0``.

    >>> import minigrad as torch
    >>> torch.nn.functional.nll_loss(torch.tensor([[-1., -2.], [-3., -4.]]), torch.tensor([0, 1]))
    tensor(2.5000)
    """
    reduction = _check_reduction(size_average, reduce, reduction)
    t = target._data
    rows = 1 if input.dim() == 1 else input._data.shape[0]
    if t.size != rows or (input.dim() == 1 and t.ndim != 0):      # torch checks the sizes first
        raise ValueError(f"Expected input batch_size ({rows}) to match target batch_size "
                         f"({t.shape[0] if t.ndim else 1}).")
    if t.dtype not in (np.int64, np.uint8):
        raise RuntimeError("expected target dtype to be Long or Byte, but got "
                           f"{ops._SCALAR_NAMES[t.dtype.name]}")
    classes = input._data.shape[-1]
    bad = (t != ignore_index) & ((t < 0) | (t >= classes))
    if bad.any():
        raise IndexError(f"Target {int(t[bad].flat[0])} is out of bounds.")
    w = _class_weights(t, weight, ignore_index, input._data.dtype)
    return ops.nll_loss(input, target=np.where(t == ignore_index, 0, t), weight=w, reduction=reduction,
                        classes=classes)


def cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None, size_average: Any = None,
                  ignore_index: int = -100, reduce: Any = None, reduction: str = "mean",
                  label_smoothing: float = 0.0) -> Tensor:
    """``nll_loss(log_softmax(input, 1), target)`` for class indices; for a float ``target`` of
    ``input``'s shape, class probabilities. ``label_smoothing`` mixes in the uniform distribution.

    >>> import minigrad as torch
    >>> torch.nn.functional.cross_entropy(torch.tensor([[0., 0.]]), torch.tensor([1]))
    tensor(0.6931)
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if not 0.0 <= label_smoothing <= 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing}")
    class_dim = 0 if input.dim() == 1 else 1
    logp = log_softmax(input, class_dim)
    n_classes = input._data.shape[class_dim]
    if target._data.dtype.kind == "f" and target.shape == input.shape:     # class probabilities
        probs = target * (1 - label_smoothing) + label_smoothing / n_classes if label_smoothing else target
        terms = logp * probs if weight is None else logp * probs * weight
        loss = -terms.sum(class_dim)
        if reduction == "mean":
            return loss.sum() / (input._data.shape[0] if input.dim() > 1 else 1)
        return _reduce(loss, reduction)
    nll = nll_loss(logp, target, weight, ignore_index=ignore_index, reduction=reduction)
    if not label_smoothing:
        return nll
    # torch: (1 - eps) * nll + eps / C * smooth, smooth = -sum_c logp[n, c] * weight[c]
    logp2 = logp.unsqueeze(0) if class_dim == 0 else logp
    t = target._data.reshape(-1)
    smooth = -(logp2 if weight is None else logp2 * weight).sum(1)
    valid = Tensor._make((t != ignore_index).astype(logp._data.dtype), False)
    smooth = smooth * valid
    if reduction == "none":
        smooth = smooth.reshape(()) if class_dim == 0 else smooth
    elif reduction == "sum":
        smooth = smooth.sum()
    else:
        denom = _class_weights(t, weight, ignore_index, logp._data.dtype).sum()
        smooth = smooth.sum() / Tensor._make(np.asarray(denom, logp._data.dtype), False)
    return nll * (1 - label_smoothing) + smooth * (label_smoothing / n_classes)
