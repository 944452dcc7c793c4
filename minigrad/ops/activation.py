"""Activations and the numerically stable softmax family: forward and vjp side by side.

``dim`` is always negative here, so each vjp also works on a gradient with leading batch axes.
"""
from __future__ import annotations

import numpy as np

from . import _dual as F
from ._rule import rule


@rule("relu", node="ReluBackward0", saves=("result",), promotion="none")
def relu(input):
    """``max(x, 0)``; the gradient passes where the result is positive.

    >>> import minigrad as torch
    >>> torch.relu(torch.tensor([-1., 2.]))
    tensor([0., 2.])
    """
    # NumPy's maximum returns its second argument on ties and propagates nan, so zero first keeps
    # -0. and nan as torch does, at a tenth of the cost of np.where.
    return np.maximum(np.zeros((), input.dtype), input)


@relu.vjp
def relu_vjp(grad, result):
    return (F.call(threshold_backward, grad, result),)


@rule("threshold_backward", node="ThresholdBackwardBackward0", saves=("input",), promotion="none")
def threshold_backward(grad, input):
    """relu's vjp as an op (what create_graph records): ``grad`` except where ``input <= 0``
    (so a nan passes its gradient, as in torch; where it is blocked, the gradient is 0 even if it was
    inf or nan)."""
    keep = ~np.less_equal(input, 0)
    out = grad * keep                       # one fast pass; an inf or nan blocked here made a nan,
    if not np.isfinite(out.sum()):          # which the sum shows: then select, the slow exact way
        out = np.where(keep, grad, np.zeros((), out.dtype))
    return out


@threshold_backward.vjp
def threshold_backward_vjp(grad, input):
    # linear in grad; piecewise constant (derivative 0) in input
    return F.call(threshold_backward, grad, input), F.zeros_like(grad)


@rule("sigmoid", node="SigmoidBackward0", saves=("result",), promotion="float")
def sigmoid(input):
    """``1 / (1 + e^-x)``; its derivative ``s (1 - s)`` reuses the output.

    >>> import minigrad as torch
    >>> torch.sigmoid(torch.tensor([0.]))
    tensor([0.5000])
    """
    # e^-|x| never overflows: for x < 0 use e^x / (1 + e^x)
    e = np.exp(-np.abs(input))
    return np.where(input >= 0, 1 / (1 + e), e / (1 + e)).astype(input.dtype, copy=False)


@sigmoid.vjp
def sigmoid_vjp(grad, result):
    return (F.call(sigmoid_backward, grad, result),)


@rule("sigmoid_backward", node="SigmoidBackwardBackward0", saves=("grad_output", "output"), promotion="none")
def sigmoid_backward(grad_output, output):
    """sigmoid's vjp as an op: ``g s (1 - s)``."""
    return grad_output * output * (1 - output)


@sigmoid_backward.vjp
def sigmoid_backward_vjp(grad, grad_output, output):
    # d/dg = s (1 - s); d/ds = g (1 - 2 s)
    return F.call(sigmoid_backward, grad, output), grad * grad_output * (1 - 2 * output)


@rule("tanh", node="TanhBackward0", saves=("result",), promotion="float")
def tanh(input):
    """Hyperbolic tangent; its derivative ``1 - tanh^2`` reuses the output.

    >>> import minigrad as torch
    >>> torch.tanh(torch.tensor([0., 1.]))
    tensor([0.0000, 0.7616])
    """
    return np.tanh(input)


@tanh.vjp
def tanh_vjp(grad, result):
    return (F.call(tanh_backward, grad, result),)


@rule("tanh_backward", node="TanhBackwardBackward0", saves=("grad_output", "output"), promotion="none")
def tanh_backward(grad_output, output):
    """tanh's vjp as an op: ``g (1 - t^2)``."""
    return grad_output * (1 - output * output)


@tanh_backward.vjp
def tanh_backward_vjp(grad, grad_output, output):
    # d/dg = 1 - t^2; d/dt = -2 g t
    return F.call(tanh_backward, grad, output), -2 * grad * grad_output * output


def _shifted(input, dim):
    """``x - max(x)`` along ``dim``, so that exp cannot overflow (an infinite maximum gives nan,
    as in torch)."""
    with np.errstate(invalid="ignore"):
        return input - np.max(input, axis=dim, keepdims=True, initial=-np.inf)


@rule("softmax", node="SoftmaxBackward0", saves=("result",), promotion="none")
def softmax(input, *, dim):
    """``e^x / sum(e^x)`` along ``dim``, computed after subtracting the maximum.

    >>> import minigrad as torch
    >>> torch.softmax(torch.tensor([1000., 1000.]), 0)
    tensor([0.5000, 0.5000])
    """
    e = np.exp(_shifted(input, dim))
    return e / np.sum(e, axis=dim, keepdims=True)


@softmax.vjp
def softmax_vjp(grad, result, *, dim):
    return (F.call(softmax_backward, grad, result, dim=dim),)


@rule("softmax_backward", node="SoftmaxBackwardDataBackward0", saves=("grad_output", "output"),
      promotion="none")
def softmax_backward(grad_output, output, *, dim):
    """softmax's vjp as an op. J = diag(s) - s s^T, so J^T g = s (g - <g, s>)."""
    return output * (grad_output - np.sum(grad_output * output, axis=dim, keepdims=True))


@softmax_backward.vjp
def softmax_backward_vjp(grad, grad_output, output, *, dim):
    # out = s (g - <g, s>): d/dg is the same symmetric map; d/ds = v (g - <g, s>) - g <v, s>
    inner = F.sum(grad_output * output, dim, keepdims=True)
    return (F.call(softmax_backward, grad, output, dim=dim),
            grad * (grad_output - inner) - grad_output * F.sum(grad * output, dim, keepdims=True))


@rule("log_softmax", node="LogSoftmaxBackward0", saves=("result",), promotion="none")
def log_softmax(input, *, dim):
    """``x - logsumexp(x)`` along ``dim``, stable for large inputs.

    >>> import minigrad as torch
    >>> torch.log_softmax(torch.tensor([1000., 1000.]), 0)
    tensor([-0.6931, -0.6931])
    """
    z = _shifted(input, dim)
    return z - np.log(np.sum(np.exp(z), axis=dim, keepdims=True))


@log_softmax.vjp
def log_softmax_vjp(grad, result, *, dim):
    return (F.call(log_softmax_backward, grad, result, dim=dim),)


@rule("log_softmax_backward", node="LogSoftmaxBackwardDataBackward0", saves=("grad_output", "output"),
      promotion="none")
def log_softmax_backward(grad_output, output, *, dim):
    """log_softmax's vjp as an op: d/dx (x - lse(x)) = I - softmax^T, softmax = exp(output)."""
    return grad_output - np.exp(output) * np.sum(grad_output, axis=dim, keepdims=True)


@log_softmax_backward.vjp
def log_softmax_backward_vjp(grad, grad_output, output, *, dim):
    # out = g - e^o sum(g): d/dg = v - <v, e^o>; d/do = -v e^o sum(g)
    e = F.exp(output)
    return (grad - F.sum(grad * e, dim, keepdims=True),
            -grad * e * F.sum(grad_output, dim, keepdims=True))


@rule("logsumexp", node="LogsumexpBackward0", saves=("input", "result"), promotion="float")
def logsumexp(input, *, dim, keepdim):
    """``log(sum(e^x))`` over ``dim`` (a tuple), stable for large inputs.

    >>> import minigrad as torch
    >>> torch.logsumexp(torch.tensor([1000., 1000.]), 0)
    tensor(1000.6932)
    """
    m = np.max(input, axis=dim, keepdims=True, initial=-np.inf)
    m = np.where(np.isfinite(m), m, 0)
    with np.errstate(divide="ignore"):     # all -inf: log(0) = -inf, as torch
        out = np.log(np.sum(np.exp(input - m), axis=dim, keepdims=True)) + m
    return out if keepdim else np.squeeze(out, dim)


@logsumexp.vjp
def logsumexp_vjp(grad, input, result, *, dim, keepdim):
    # d lse = softmax(x) = e^(x - lse)
    g, r = (grad, result) if keepdim else (F.expand_dims(grad, dim), F.expand_dims(result, dim))
    with np.errstate(invalid="ignore"):    # -inf - -inf: nan, as torch gives
        return (g * F.exp(input - r),)
