"""Bad input, answered as torch answers it: the same exception class and message, or the same
result, for each case. Each case runs under `import torch` and `import minigrad as torch`."""
import warnings

import numpy as np
import pytest

import minigrad

torch_real = pytest.importorskip("torch")

CASES = {
    "ragged nested lists": lambda t: t.tensor([[1., 2.], [3.]]),
    "deeper ragged lists": lambda t: t.tensor([[[1], [2, 3]]]),
    "a string": lambda t: t.tensor("abc"),
    "a list of strings": lambda t: t.tensor(["a", "b"]),
    "an object": lambda t: t.tensor(object()),
    "None as data": lambda t: t.tensor(None),
    "a dict as data": lambda t: t.tensor({1: 2}),
    "bool tensor requiring grad": lambda t: t.tensor([True], requires_grad=True),
    "int tensor requiring grad": lambda t: t.tensor([1, 2], requires_grad=True),
    "nan and inf printed": lambda t: t.tensor([float("nan"), float("inf"), -float("inf"), 1.5]),
    "nan propagates into grad": lambda t: _grad_of(t, [float("nan"), 1.0]),
    "inf propagates into grad": lambda t: _grad_of(t, [float("inf"), 1.0]),
    "empty tensor backward": lambda t: _empty(t),
    "zero-size dimension sum": lambda t: t.zeros(2, 0).sum(1),
    "float64 mixed with float32": lambda t: _mixed(t),
    "None as outputs": lambda t: t.autograd.grad(None, t.ones(1, requires_grad=True)),
    "None as inputs": lambda t: t.autograd.grad(t.ones(1, requires_grad=True).sum(), None),
    "a string as outputs": lambda t: t.autograd.grad("x", t.ones(1, requires_grad=True)),
    "an int seed for backward": lambda t: (t.ones(2, requires_grad=True) * 2).backward(t.tensor([1, 2])),
    "a float among inputs": lambda t: t.autograd.grad(t.ones(1, requires_grad=True).sum(), [1.0]),
    "tensor + str": lambda t: t.ones(2) + "a",
    "tensor * None": lambda t: t.ones(2) * None,
    "shapes that do not broadcast": lambda t: t.ones(2) + t.ones(3),
    "matmul shape mismatch": lambda t: t.ones(2, 3) @ t.ones(2, 3),
    "item of many elements": lambda t: t.ones(2).item(),
    "float() of many elements": lambda t: float(t.ones(2)),
    "bool() of many elements": lambda t: bool(t.ones(2)),
    "int tensor times float": lambda t: t.tensor([1, 2]) * 1.5,
    "int tensor divided by int": lambda t: t.tensor([1, 2]) / 2,
    "0-d float64 times float32 vector": lambda t: (t.ones(2) * t.tensor(2., dtype=t.float64)).dtype,
    "requires_grad_(None)": lambda t: t.ones(2).requires_grad_(None),
    "mean of ints": lambda t: t.tensor([1, 2]).mean(),
    "negating a bool tensor": lambda t: -t.tensor([True]),
    "negative size": lambda t: t.ones(2, -3),
    "reshape to a wrong size": lambda t: t.ones(6).reshape(4, 2),
    "index out of range": lambda t: t.ones(3)[5],
    "len of a 0-d tensor": lambda t: len(t.tensor(1.)),
    "tensor == None": lambda t: t.ones(2) == None,  # noqa: E711 - the comparison is the case
    "numpy() of a tensor requiring grad": lambda t: t.ones(1, requires_grad=True).numpy(),
}


def _grad_of(t, values):
    x = t.tensor(values, requires_grad=True)
    (x * x).sum().backward()
    return x.grad


def _empty(t):
    x = t.zeros(0, 3, requires_grad=True)
    y = (x * 2).sum()
    y.backward()
    return x.grad, y


def _mixed(t):
    a = t.ones(2, dtype=t.float64, requires_grad=True)
    b = t.ones(2, requires_grad=True)
    c = a * b
    c.sum().backward()
    return c.dtype, a.grad.dtype, b.grad.dtype


def outcome(case, module):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            try:
                return "value", repr(case(module))
            except Exception as error:  # noqa: BLE001 - the error itself is compared
                return type(error).__name__, str(error)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_answered_as_torch_answers_it(name):
    assert outcome(CASES[name], minigrad) == outcome(CASES[name], torch_real)
