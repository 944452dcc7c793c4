"""gradcheck and gradgradcheck: built-in ops pass, a deliberately wrong custom Function fails
with a report naming the output, the input and the mismatching Jacobian entries."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

import minigrad
from minigrad.autograd import Function, gradcheck, gradgradcheck
from minigrad.autograd.gradcheck import GradcheckError

RNG = np.random.default_rng(0)


def _x(*shape, low=-1.0, high=1.0):
    return minigrad.tensor(RNG.uniform(low, high, size=shape), dtype=minigrad.float64, requires_grad=True)


def _v(*values):
    return minigrad.tensor(list(values), dtype=minigrad.float64, requires_grad=True)


# (name, function, inputs); inputs kept away from kinks (abs, relu, max, clamp) and from log/sqrt's 0
OPS = [
    ("add", lambda a, b: a + b, lambda: (_x(2, 3), _x(3))),
    ("sub", lambda a, b: a - b, lambda: (_x(2, 3), _x(2, 1))),
    ("mul", lambda a, b: a * b, lambda: (_x(2, 3), _x(3))),
    ("div", lambda a, b: a / b, lambda: (_x(2, 3), _x(3, low=1, high=2))),
    ("neg", lambda a: -a, lambda: (_x(3),)),
    ("pow_scalar", lambda a: a ** 3, lambda: (_x(3),)),
    ("pow_tensor", lambda a, b: a ** b, lambda: (_x(3, low=0.5, high=2), _x(3))),
    ("pow_base", lambda b: 2.0 ** b, lambda: (_x(3),)),
    ("exp", lambda a: a.exp(), lambda: (_x(3),)),
    ("log", lambda a: a.log(), lambda: (_x(3, low=0.5, high=2),)),
    ("sqrt", lambda a: a.sqrt(), lambda: (_x(3, low=0.5, high=2),)),
    ("sin", lambda a: a.sin(), lambda: (_x(3),)),
    ("cos", lambda a: a.cos(), lambda: (_x(3),)),
    ("tanh", lambda a: a.tanh(), lambda: (_x(3),)),
    ("sigmoid", lambda a: a.sigmoid(), lambda: (_x(3),)),
    ("relu", lambda a: a.relu(), lambda: (_v(-1.0, 0.5, 2.0),)),
    ("abs", lambda a: a.abs(), lambda: (_v(-1.0, 0.5),)),
    ("reciprocal", lambda a: a.reciprocal(), lambda: (_x(3, low=1, high=2),)),
    ("clamp", lambda a: a.clamp(-0.5, 0.5), lambda: (_v(-1.0, 0.2, 0.9),)),
    ("maximum", lambda a, b: minigrad.maximum(a, b), lambda: (_v(1.0, -1.0), _v(0.05, -0.02))),
    ("where", lambda a, b: minigrad.where(a > 0, a, b), lambda: (_x(4), _x(4))),
    ("sum", lambda a: a.sum(), lambda: (_x(2, 3),)),
    ("sum_dim", lambda a: a.sum(1, keepdim=True), lambda: (_x(2, 3),)),
    ("mean_dim", lambda a: a.mean(0), lambda: (_x(2, 3),)),
    ("prod", lambda a: a.prod(1), lambda: (_x(2, 3),)),
    ("var", lambda a: a.var(1), lambda: (_x(2, 3),)),
    ("std", lambda a: a.std(), lambda: (_x(2, 3),)),
    ("max_dim", lambda a: a.max(1)[0], lambda: (_x(2, 3),)),
    ("amax", lambda a: a.amax(0), lambda: (_x(2, 3),)),
    ("reshape", lambda a: a.reshape(3, 2) * a.reshape(3, 2), lambda: (_x(2, 3),)),
    ("transpose", lambda a: a.transpose(0, 1) * 2, lambda: (_x(2, 3),)),
    ("permute", lambda a: a.permute(2, 0, 1) ** 2, lambda: (_x(2, 3, 2),)),
    ("expand", lambda a: a.expand(3, 2) ** 2, lambda: (_x(1, 2),)),
    ("squeeze_unsqueeze", lambda a: a.unsqueeze(0).squeeze(1) ** 2, lambda: (_x(3, 1),)),
    ("getitem_basic", lambda a: a[1:, ::2] ** 2, lambda: (_x(3, 4),)),
    ("getitem_advanced", lambda a: a[[0, 2, 0]] ** 2, lambda: (_x(3, 2),)),
    ("cat", lambda a, b: minigrad.cat([a, b * b], 0), lambda: (_x(2, 2), _x(1, 2))),
    ("stack", lambda a, b: minigrad.stack([a, b * b], 1), lambda: (_x(3), _x(3))),
    ("softmax", lambda a: a.softmax(1), lambda: (_x(2, 3),)),
    ("log_softmax", lambda a: a.log_softmax(0), lambda: (_x(2, 3),)),
    ("logsumexp", lambda a: a.logsumexp(1), lambda: (_x(2, 3),)),
    ("matmul", lambda a, b: a @ b, lambda: (_x(2, 3), _x(3, 2))),
    ("matmul_batched", lambda a, b: a @ b, lambda: (_x(2, 2, 3), _x(3))),
    ("mm", lambda a, b: minigrad.mm(a, b), lambda: (_x(2, 3), _x(3, 2))),
    ("bmm", lambda a, b: minigrad.bmm(a, b), lambda: (_x(2, 2, 3), _x(2, 3, 2))),
    ("mv", lambda a, b: minigrad.mv(a, b), lambda: (_x(2, 3), _x(3))),
    ("dot", lambda a, b: minigrad.dot(a, b), lambda: (_x(3), _x(3))),
    ("minimum", lambda a, b: minigrad.minimum(a, b), lambda: (_v(1.0, -1.0), _v(0.05, -0.02))),
    ("mean", lambda a: (a * a).mean(), lambda: (_x(2, 3),)),
    ("prod_all", lambda a: a.prod(), lambda: (_x(4),)),
    ("max_all", lambda a: a.max(), lambda: (_v(0.1, 0.9, -0.4),)),
    ("min_dim", lambda a: a.min(0)[0], lambda: (_x(3, 2),)),
    ("amin", lambda a: a.amin(1), lambda: (_x(2, 3),)),
    ("t", lambda a: a.t() ** 2, lambda: (_x(2, 3),)),
    ("view_flatten", lambda a: a.view(6).flatten() ** 2, lambda: (_x(2, 3),)),
    ("clone", lambda a: a.clone() ** 2, lambda: (_x(3),)),
    ("to_float64", lambda a: a.to(minigrad.float64) ** 2, lambda: (_x(3),)),
    ("setitem", lambda a, b: _setitem(a, b), lambda: (_x(4), _x(2))),
]


def _setitem(a, b):
    out = a * 1
    out[1:3] = b * b
    return out * a


@pytest.mark.parametrize("name, fn, make", OPS, ids=[op[0] for op in OPS])
def test_gradcheck_and_gradgradcheck_pass_on_built_in_ops(name, fn, make):
    inputs = make()
    assert gradcheck(fn, inputs, check_batched_grad=True)
    assert gradgradcheck(fn, inputs)


def test_gradcheck_with_forward_mode_check_passes():
    assert gradcheck(lambda a, b: (a * b.exp(), a.sum()), (_x(3), _x(3)), check_forward_ad=True)


class WrongSquare(Function):
    """x**2 whose backward says 3x instead of 2x."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return 3 * x * grad


def test_gradcheck_fails_on_a_wrong_function_with_a_report():
    x = minigrad.tensor([1.0, 2.0], dtype=minigrad.float64, requires_grad=True)
    with pytest.raises(GradcheckError) as err:
        gradcheck(WrongSquare.apply, (x,))
    text = str(err.value)
    assert text.startswith("Jacobian mismatch for output 0 with respect to input 0,\n"
                           "numerical:tensor([[2.0000, 0.0000],\n        [0.0000, 4.0000]], "
                           "dtype=torch.float64)\n"
                           "analytical:tensor([[3., 0.],\n        [0., 6.]], dtype=torch.float64)\n")
    assert "Mismatched entries [input element, output element] (2 of 4):" in text
    assert "[0, 0]: numerical 2, analytical 3" in text and "[1, 1]: numerical 4, analytical 6" in text
    assert isinstance(err.value, RuntimeError)
    assert gradcheck(WrongSquare.apply, (x,), raise_exception=False) is False


def test_gradcheck_report_starts_with_torchs_text():
    torch = pytest.importorskip("torch")

    class TorchWrong(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return 3 * x * grad

    values = np.array([[1.0, -2.0], [0.5, 3.0]])
    with pytest.raises(RuntimeError) as theirs:
        torch.autograd.gradcheck(lambda a, b: (a + b, TorchWrong.apply(a * b)),
                                 (torch.tensor(values, requires_grad=True),
                                  torch.tensor(values, requires_grad=True)))
    assert type(theirs.value).__name__ == "GradcheckError"
    with pytest.raises(GradcheckError) as ours:
        gradcheck(lambda a, b: (a + b, WrongSquare.apply(a * b)),
                  (minigrad.tensor(values, requires_grad=True), minigrad.tensor(values, requires_grad=True)))
    assert str(ours.value).startswith(str(theirs.value))
    assert str(theirs.value).startswith("Jacobian mismatch for output 1 with respect to input 0,")


def test_gradgradcheck_fails_when_the_backward_is_not_differentiable_correctly():
    class DetachedBackward(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x ** 3

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return 3 * x.detach() ** 2 * grad        # right first derivative, no second

    x = minigrad.tensor([1.0, 2.0], dtype=minigrad.float64, requires_grad=True)
    assert gradcheck(DetachedBackward.apply, (x,))
    with pytest.raises(GradcheckError, match="Jacobian mismatch for output 0 with respect to input 0"):
        gradgradcheck(DetachedBackward.apply, (x,))
    assert gradgradcheck(DetachedBackward.apply, (x,), raise_exception=False) is False


def test_float32_inputs_warn_as_torch():
    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert gradcheck(lambda t: t * 2, (x,), eps=1e-3, atol=1e-2)
    assert [str(w.message) for w in caught] == [
        "Input #0 requires gradient and is not a double precision floating point or complex. This check will "
        "likely fail if all the inputs are not of double precision floating point or complex. "]


def test_gradcheck_argument_errors_match_torch():
    torch = pytest.importorskip("torch")
    for lib in (minigrad, torch):
        with pytest.raises(ValueError) as err:
            lib.autograd.gradcheck(lambda t: t * 2, (lib.tensor([1.0], dtype=lib.float64),))
        assert str(err.value) == ("gradcheck expects at least one input tensor to require gradient, but none "
                                  "of them have requires_grad=True.")
        with pytest.raises(AssertionError, match="Expected at least one of check_forward_ad or "
                                                 "check_backward_ad"):
            lib.autograd.gradcheck(lambda t: t, (lib.tensor([1.0], dtype=lib.float64, requires_grad=True),),
                                   check_backward_ad=False)


def test_tolerances_are_used():
    class SlightlyOff(Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad * 2.01

    x = minigrad.tensor([1.0], dtype=minigrad.float64, requires_grad=True)
    assert not gradcheck(SlightlyOff.apply, (x,), raise_exception=False)
    assert gradcheck(SlightlyOff.apply, (x,), rtol=1e-2)
    assert gradcheck(SlightlyOff.apply, (x,), atol=1e-2)


def test_non_reentrant_backward_is_reported():
    calls = []

    class Drifting(Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            calls.append(1)
            return grad * (2 + 1e-9 * len(calls))

    x = minigrad.tensor([1.0], dtype=minigrad.float64, requires_grad=True)
    with pytest.raises(GradcheckError, match="Backward is not reentrant"):
        gradcheck(Drifting.apply, (x,))
    assert gradcheck(Drifting.apply, (x,), nondet_tol=1e-6)
