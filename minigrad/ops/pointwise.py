"""Elementwise ops: forward and vjp side by side. This file is the table of their derivatives.

vjps use operators and `_dual` (F) functions only, so they run on arrays (plain backward) and
on Tensors (``create_graph=True``) alike. Broadcasting is undone by the engine, not here.
"""
from __future__ import annotations

import numpy as np

from . import _dual as F
from ._rule import rule


@rule("add", node="AddBackward0")
def add(input, other):
    """Elementwise sum with broadcasting.

    >>> import minigrad as torch
    >>> torch.add(torch.tensor([1., 2.]), 1)
    tensor([2., 3.])
    """
    return np.add(input, other)


@add.vjp
def add_vjp(grad):
    return grad, grad


@rule("sub", node="SubBackward0")
def sub(input, other):
    """Elementwise difference ``input - other``.

    >>> import minigrad as torch
    >>> torch.sub(torch.tensor([3., 5.]), 1)
    tensor([2., 4.])
    """
    return np.subtract(input, other)


@sub.vjp
def sub_vjp(grad):
    return grad, -grad


@rule("rsub", node="RsubBackward1")
def rsub(input, other):
    """``other - input``: what ``2 - x`` records."""
    return np.subtract(other, input)


@rsub.vjp
def rsub_vjp(grad):
    return -grad, grad


@rule("mul", node="MulBackward0", saves=("input", "other"))
def mul(input, other):
    """Elementwise product.

    >>> import minigrad as torch
    >>> x = torch.tensor(3., requires_grad=True)
    >>> torch.mul(x, x)
    tensor(9., grad_fn=<MulBackward0>)
    """
    return np.multiply(input, other)


@mul.vjp
def mul_vjp(grad, input, other, needs=(True, True)):
    return grad * other if needs[0] else None, grad * input if needs[1] else None


@rule("div", node="DivBackward0", saves=("input", "other"), promotion="float")
def div(input, other):
    """Elementwise true division.

    >>> import minigrad as torch
    >>> torch.div(torch.tensor([1., 3.]), 2)
    tensor([0.5000, 1.5000])
    """
    return np.true_divide(input, other)


@div.vjp
def div_vjp(grad, input, other, needs=(True, True)):
    # d(a/b) = da/b - a db/b^2
    return grad / other if needs[0] else None, -grad * input / (other * other) if needs[1] else None


@rule("div", node="DivBackward1", promotion="none")
def div_scalar(input, *, other):
    """``input / other`` for a number ``other``: how torch's own formulas divide (mean's vjp)."""
    return np.true_divide(input, other)


@div_scalar.vjp
def div_scalar_vjp(grad, *, other):
    return (F.call(div_scalar, grad, other=other),)


@rule("neg", node="NegBackward0")
def neg(input):
    """``-input``.

    >>> import minigrad as torch
    >>> torch.neg(torch.tensor([1., -2.]))
    tensor([-1.,  2.])
    """
    if input.dtype == np.bool_:
        raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. If you are "
                           "trying to invert a mask, use the `~` or `logical_not()` operator instead.")
    return np.negative(input)


@neg.vjp
def neg_vjp(grad):
    return (-grad,)


@rule("reciprocal", node="ReciprocalBackward0", saves=("result",), promotion="float")
def reciprocal(input):
    """``1 / input``.

    >>> import minigrad as torch
    >>> torch.reciprocal(torch.tensor([2., 4.]))
    tensor([0.5000, 0.2500])
    """
    return np.reciprocal(input)


@reciprocal.vjp
def reciprocal_vjp(grad, result):
    return (-grad * result * result,)


@rule("pow", node="PowBackward0", saves=("input",))
def pow_scalar(input, *, exponent):
    """``input ** exponent`` for a constant (Python number) exponent."""
    return np.power(input, np.asarray(exponent, dtype=input.dtype))


@pow_scalar.vjp
def pow_scalar_vjp(grad, input, *, exponent):
    # d x^n = n x^(n-1); x^0 is constant (torch gives 0, not nan, at x = 0)
    if exponent == 0:
        return (grad * 0,)
    if exponent == 2 and type(input) is np.ndarray:     # x ** 2, the common case: two passes, not three
        return (grad * (input * np.asarray(2, input.dtype)),)
    return (grad * (exponent * input ** (exponent - 1)),)


@rule("pow", node="PowBackward1", saves=("input", "exponent", "result"))
def pow_tensor(input, exponent):
    """``input ** exponent`` where both may require grad."""
    return np.power(input, exponent)


@pow_tensor.vjp
def pow_tensor_vjp(grad, input, exponent, result):
    # d a^b = b a^(b-1) da + a^b ln(a) db. As torch does, the first term is 0 where b = 0 and
    # the second where a = 0 and b >= 0 (masks, so their own derivatives are 0 there too).
    e, a = F.data(exponent), F.data(input)
    base_grad = F.where(e == 0, grad * 0, grad * (exponent * input ** (exponent - 1)))
    zero = (a == 0) & (e >= 0)
    safe = F.where(zero, input * 0 + 1, input)
    return base_grad, F.where(zero, grad * 0, grad * (result * F.log(safe)))


@rule("pow", node="PowBackward2", saves=("input", "result"))
def pow_base(input, exponent):
    """``base ** exponent`` for a constant base."""
    return np.power(input, exponent)


@pow_base.vjp
def pow_base_vjp(grad, input, result):
    return None, grad * result * F.log(input)


@rule("exp", node="ExpBackward0", saves=("result",), promotion="float")
def exp(input):
    """Elementwise e**x; its derivative is itself.

    >>> import minigrad as torch
    >>> x = torch.tensor([0., 1.], requires_grad=True)
    >>> torch.exp(x).sum().backward(); x.grad
    tensor([1.0000, 2.7183])
    """
    return np.exp(input)


@exp.vjp
def exp_vjp(grad, result):
    return (grad * result,)


@rule("log", node="LogBackward0", saves=("input",), promotion="float")
def log(input):
    """Natural logarithm.

    >>> import minigrad as torch
    >>> torch.log(torch.tensor([1., 4.]))
    tensor([0.0000, 1.3863])
    """
    return np.log(input)


@log.vjp
def log_vjp(grad, input):
    return (grad / input,)


@rule("sqrt", node="SqrtBackward0", saves=("result",), promotion="float")
def sqrt(input):
    """Square root.

    >>> import minigrad as torch
    >>> torch.sqrt(torch.tensor([4., 9.]))
    tensor([2., 3.])
    """
    return np.sqrt(input)


@sqrt.vjp
def sqrt_vjp(grad, result):
    return (grad / (2 * result),)


@rule("sin", node="SinBackward0", saves=("input",), promotion="float")
def sin(input):
    """Sine.

    >>> import minigrad as torch
    >>> torch.sin(torch.tensor([0., 1.]))
    tensor([0.0000, 0.8415])
    """
    return np.sin(input)


@sin.vjp
def sin_vjp(grad, input):
    return (grad * F.cos(input),)


@rule("cos", node="CosBackward0", saves=("input",), promotion="float")
def cos(input):
    """Cosine.

    >>> import minigrad as torch
    >>> torch.cos(torch.tensor([0., 1.]))
    tensor([1.0000, 0.5403])
    """
    return np.cos(input)


@cos.vjp
def cos_vjp(grad, input):
    return (-grad * F.sin(input),)


@rule("abs", node="AbsBackward0", saves=("input",))
def abs(input):
    """Absolute value; its derivative is sign(x), 0 at 0.

    >>> import minigrad as torch
    >>> torch.abs(torch.tensor([-1.5, 2.]))
    tensor([1.5000, 2.0000])
    """
    return np.abs(input)


@abs.vjp
def abs_vjp(grad, input):
    # torch's grad * sgn(x): under create_graph the result depends on x (with a zero derivative)
    return (grad * F.sgn(input),)


@rule("sign", node="SignBackward0", promotion="none")
def sign_(input):
    """-1, 0 or 1 by the sign of each element (0 for nan, as torch); its derivative is 0."""
    return (input > 0).astype(input.dtype) - (input < 0)


@sign_.vjp
def sign_vjp(grad):
    return (F.zeros_like(grad),)


sgn = rule("sgn", node="SgnBackward0", promotion="none")(sign_.forward)
sgn.vjp(sign_vjp)
