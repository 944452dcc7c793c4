"""Tensors print exactly as torch 2.13 prints them (repr and str), compared with real torch on
the same data. Skipped without torch."""
from __future__ import annotations

import numpy as np
import pytest

import minigrad

torch = pytest.importorskip("torch")

rng = np.random.default_rng(3)

# (name, data as a NumPy array); each is printed plain, and floating ones also requiring grad
DATA = [
    ("float scalar", np.array(12.0, np.float32)),
    ("float scalar fraction", np.array(2.5, np.float32)),
    ("negative scalar", np.array(-0.125, np.float32)),
    ("int scalar", np.array(7)),
    ("bool scalar", np.array(True)),
    ("float64 scalar", np.array(2.0)),
    ("zero scalar", np.array(0.0, np.float32)),
    ("tiny scalar", np.array(1e-5, np.float32)),
    ("huge scalar", np.array(1e10, np.float32)),
    ("nan scalar", np.array(np.nan, np.float32)),
    ("integers as floats", np.array([1.0, 2.0, 3.0], np.float32)),
    ("fractions", np.array([1.5, 2.25], np.float32)),
    ("negatives", np.array([-1.5, 2.0, -0.001], np.float32)),
    ("mixed magnitudes", np.array([1e-5, 1.0, 1000.0], np.float32)),
    ("sci big", np.array([1e9, 2e9], np.float32)),
    ("sci small", np.array([1e-6, 3e-7], np.float32)),
    ("sci integers", np.array([1.0, 1e5], np.float32)),
    ("inf nan", np.array([np.inf, -np.inf, np.nan, 1.5], np.float32)),
    ("inf with integers", np.array([np.inf, 2.0], np.float32)),
    ("all zeros", np.zeros(3, np.float32)),
    ("ints", np.array([1, -20, 300])),
    ("int32", np.array([1, 2], np.int32)),
    ("bools", np.array([True, False, True])),
    ("float64", np.array([1.0, 2.5])),
    ("float16", np.array([1.0, 2.5], np.float16)),
    ("matrix", rng.standard_normal((2, 3)).astype(np.float32)),
    ("int matrix", np.arange(6).reshape(2, 3)),
    ("3-d", rng.standard_normal((2, 2, 3)).astype(np.float32)),
    ("4-d", np.arange(16.0, dtype=np.float32).reshape(2, 2, 2, 2)),
    ("wide row", np.arange(30.0, dtype=np.float32) / 7),
    ("wide int row", np.arange(40)),
    ("wide matrix", rng.standard_normal((3, 12)).astype(np.float32)),
    ("summarized vector", np.arange(2000.0, dtype=np.float32)),
    ("summarized matrix", rng.standard_normal((50, 50)).astype(np.float32)),
    ("summarized 3-d", np.arange(2 * 30 * 30, dtype=np.float32).reshape(2, 30, 30)),
    ("summarized ints", np.arange(1500)),
    ("empty", np.zeros(0, np.float32)),
    ("empty matrix", np.zeros((0, 3), np.float32)),
    ("empty 3-d", np.zeros((2, 0, 3), np.float32)),
    ("empty float64", np.zeros(0)),
    ("empty int64", np.zeros(0, np.int64)),
    ("empty bool matrix", np.zeros((2, 0), np.bool_)),
    ("negative zero", np.array([-0.0, 1.0], np.float32)),
    ("sci threshold", np.array([1e8, 1.0], np.float32)),
    ("just below sci", np.array([99999999.0, 1.5], np.float32)),
    ("ratio over 1000", np.array([1001.0, 1.0], np.float32)),
    ("summarized columns", rng.standard_normal((3, 2000)).astype(np.float32)),
    ("summarized rows", rng.standard_normal((2000, 3)).astype(np.float32)),
    ("big ints", np.array([-5, 10**12])),
    ("uint8", np.array([1, 2], np.uint8)),
    ("float32 extremes", np.array([1e38, -1e38], np.float32)),
    ("small sci matrix", np.arange(12, dtype=np.float32).reshape(3, 4) / 3 * 1e-5),
    ("one element", np.array([3.0], np.float32)),
    ("column", np.array([[1.0], [2.0]], np.float32)),
]


@pytest.mark.parametrize("name, array", DATA, ids=[d[0] for d in DATA])
def test_repr_matches_torch(name, array):
    assert repr(minigrad.tensor(array)) == repr(torch.tensor(array))
    assert str(minigrad.tensor(array)) == str(torch.tensor(array))


@pytest.mark.parametrize("name, array", [d for d in DATA if d[1].dtype.kind == "f"],
                         ids=[d[0] for d in DATA if d[1].dtype.kind == "f"])
def test_requires_grad_and_grad_fn_suffixes_match_torch(name, array):
    mine, theirs = minigrad.tensor(array, requires_grad=True), torch.tensor(array, requires_grad=True)
    assert repr(mine) == repr(theirs)
    assert repr(mine * 2) == repr(theirs * 2)
    assert repr(mine.sum(-1) if mine.ndim else -mine) == repr(theirs.sum(-1) if theirs.ndim else -theirs)


def test_grad_fn_suffix_wraps_onto_a_new_line_as_torch():
    array = rng.standard_normal((2, 8)).astype(np.float32)
    mine, theirs = minigrad.tensor(array, requires_grad=True), torch.tensor(array, requires_grad=True)
    assert repr(mine.double() * 3) == repr(theirs.double() * 3)
    assert repr(mine.softmax(1)) == repr(theirs.softmax(1))


def test_results_of_ops_print_as_torch():
    a = rng.standard_normal((3, 4)).astype(np.float32)
    for fn in (lambda T, x: x.max(1), lambda T, x: x.argmax(0), lambda T, x: T.cat([x, x]),
               lambda T, x: x[[0, 0]], lambda T, x: x @ x.T, lambda T, x: x.var(0, keepdim=True)):
        mine = fn(minigrad, minigrad.tensor(a, requires_grad=True))
        theirs = fn(torch, torch.tensor(a, requires_grad=True))
        assert repr(mine) == repr(theirs)


def test_grads_print_as_torch():
    a = np.array([[1.0, 5.0, 5.0], [2.0, 0.0, 2.0]], np.float32)
    reprs = []
    for module in (torch, minigrad):
        x = module.tensor(a, requires_grad=True)
        x.max().backward()
        reprs.append(repr(x.grad))
    assert reprs[0] == reprs[1]
