"""Every rule of the op tables, checked numerically in float64 against central differences:
its vjp, the vjp's own vjp (create_graph=True), and batched seeds (is_grads_batched=True).

One table, RULES: (name, function of tensors, sample inputs). Float inputs are differentiated;
integer inputs are fixed arguments. Sample points keep away from kinks (|x| at 0, ties of max,
clamp bounds) where a derivative is not defined.
"""
from __future__ import annotations

import inspect

import numpy as np
import pytest

import minigrad as torch
from minigrad import ops
from minigrad.autograd.graph import walk
from minigrad.ops import (Rule, activation, compare, copying, indexing, linalg, pointwise, reduce, shape,
                          views)

rng = np.random.default_rng(0)


def normal(*shape):
    return rng.standard_normal(shape)


def away(*shape):
    """Values at least 0.3 away from 0 (for abs, relu, sign-dependent rules)."""
    return rng.choice([-1.0, 1.0], shape) * rng.uniform(0.3, 1.5, shape)


def positive(*shape):
    return rng.uniform(0.5, 2.0, shape)


def distinct(*shape):
    """A permutation of well-separated values (no ties for max/min)."""
    n = int(np.prod(shape))
    return rng.permutation(np.linspace(-1.5, 1.5, n)).reshape(shape)


def view_writes(a):
    """In-place writes through a slice, a reshaped view and a transposed one (CopySlices and
    AsStridedBackward0 nodes)."""
    y = a * 1
    row = y[1:]
    spread = y[0].expand(2, 3)
    row.mul_(a[0])
    y.view(3, 2)[2].mul_(2)
    y.t().mul_(a.t())
    return y + row * spread   # row and spread now read their values back out of y


def setitem(key):
    def fn(x, v):
        y = x.clone()
        y[key] = v
        return y
    return fn


RULES = [
    # pointwise
    ("add", lambda a, b: a + b, [normal(2, 3), normal(3)]),
    ("add scalar", lambda a: a + 2, [normal(3)]),
    ("sub", lambda a, b: a - b, [normal(2, 1), normal(3)]),
    ("rsub", lambda a: 2 - a, [normal(3)]),
    ("mul", lambda a, b: a * b, [normal(2, 3), normal(2, 1)]),
    ("div", lambda a, b: a / b, [normal(2, 3), away(3)]),
    ("neg", lambda a: -a, [normal(2, 2)]),
    ("reciprocal", lambda a: a.reciprocal(), [away(4)]),
    ("rdiv", lambda a: 2 / a, [away(4)]),
    ("pow scalar", lambda a: a ** 3, [normal(4)]),
    ("pow fractional", lambda a: a ** 1.5, [positive(4)]),
    ("pow zero", lambda a: a ** 0, [normal(3)]),
    ("square", lambda a: torch.square(a), [normal(3)]),
    ("pow tensor", lambda a, b: a ** b, [positive(2, 3), normal(3)]),
    ("pow base", lambda a: 2.0 ** a, [normal(4)]),
    ("exp", torch.exp, [normal(2, 3)]),
    ("log", torch.log, [positive(2, 3)]),
    ("sqrt", torch.sqrt, [positive(5)]),
    ("sin", torch.sin, [normal(5)]),
    ("cos", torch.cos, [normal(5)]),
    ("abs", torch.abs, [away(5)]),
    ("sign", lambda a: a.sign() * a, [away(4)]),
    ("threshold backward", lambda g, r: ops.threshold_backward(g, r), [normal(4), away(4)]),
    ("sigmoid backward", ops.sigmoid_backward, [normal(2, 3), positive(2, 3) / 2]),
    ("tanh backward", ops.tanh_backward, [normal(2, 3), normal(2, 3)]),
    ("softmax backward", lambda g, s: ops.softmax_backward(g, s, dim=-1), [normal(2, 3), positive(2, 3)]),
    ("log_softmax backward", lambda g, s: ops.log_softmax_backward(g, s, dim=-2),
     [normal(2, 3), normal(2, 3)]),
    ("where", lambda a, b: torch.where(torch.tensor([True, False, True]), a, b), [normal(2, 3), normal(3)]),
    ("maximum", torch.maximum, [distinct(2, 3), distinct(3) + 0.05]),
    ("minimum", torch.minimum, [distinct(2, 3), distinct(3) + 0.05]),
    ("clamp numbers", lambda a: a.clamp(-0.5, 0.5), [np.array([-1.2, -0.2, 0.1, 0.9, 0.3])]),
    ("clamp min only", lambda a: torch.clamp(a, min=0.0), [away(5)]),
    ("clamp tensors", lambda a, lo, hi: torch.clamp(a, lo, hi),
     [np.array([-2.0, 0.5, 3.0, 1.0]), np.array([-1.0, 1.0, 0.0, 0.2]), np.array([2.0, 2.0, 2.0, 0.1])]),
    ("to dtype", lambda a: ops.to_dtype(a, dtype=np.dtype(np.float64)), [normal(3)]),
    ("clone", torch.clone, [normal(2, 2)]),
    ("grad copy", ops.grad_copy, [normal(3)]),
    ("alias", ops.alias, [normal(3)]),
    # reductions
    ("sum", lambda a: a.sum(), [normal(2, 3)]),
    ("sum dim", lambda a: a.sum(0), [normal(2, 3)]),
    ("sum dims keepdim", lambda a: a.sum((0, 2), keepdim=True), [normal(2, 3, 2)]),
    ("mean", lambda a: a.mean(), [normal(2, 3)]),
    ("mean dim keepdim", lambda a: a.mean(-1, keepdim=True), [normal(2, 3)]),
    ("prod", lambda a: a.prod(), [normal(2, 3)]),
    ("prod with a zero", lambda a: a.prod(), [np.array([[0.0, 2.0], [1.5, -1.0]])]),
    ("prod dim", lambda a: a.prod(1), [normal(2, 3)]),
    ("prod dim with zeros", lambda a: a.prod(0, keepdim=True),
     [np.array([[0.0, 2.0, 0.0], [1.5, 0.0, 0.0], [0.5, 3.0, 2.0]])]),
    ("max", lambda a: a.max(), [distinct(2, 3)]),
    ("min", lambda a: a.min(), [distinct(2, 3)]),
    ("max dim", lambda a: a.max(1)[0], [distinct(2, 3)]),
    ("min dim keepdim", lambda a: a.min(0, keepdim=True).values, [distinct(2, 3)]),
    ("amax", lambda a: a.amax((0, 2)), [distinct(2, 3, 2)]),
    ("amin", lambda a: a.amin(keepdim=True), [distinct(2, 3)]),
    ("var", lambda a: a.var(), [normal(2, 3)]),
    ("var dim", lambda a: a.var(0, keepdim=True, correction=0), [normal(3, 2)]),
    ("std", lambda a: a.std(), [normal(2, 3)]),
    ("std dims", lambda a: a.std((0, 2)), [normal(2, 3, 2)]),
    ("0-d reductions with dim", lambda a: a.sum(0) * a.prod(-1) + a.max(0)[0] + a.logsumexp(0), [normal()]),
    ("0-d softmax", lambda a: a.softmax(0) * a.log_softmax(0), [normal()]),
    # activations
    ("relu", torch.relu, [away(2, 3)]),
    ("sigmoid", torch.sigmoid, [normal(2, 3)]),
    ("tanh", torch.tanh, [normal(2, 3)]),
    ("softmax", lambda a: torch.softmax(a, 0), [normal(3, 2)]),
    ("log_softmax", lambda a: torch.log_softmax(a, -1), [normal(2, 3)]),
    ("logsumexp", lambda a: torch.logsumexp(a, 1), [normal(2, 3)]),
    ("logsumexp keepdim", lambda a: torch.logsumexp(a, (0, 1), keepdim=True), [normal(2, 3)]),
    # losses
    ("mse_loss", torch.nn.functional.mse_loss, [normal(2, 3), normal(2, 3)]),
    ("mse_loss none", lambda a, b: torch.nn.functional.mse_loss(a, b, reduction="none"),
     [normal(3), normal(3)]),
    ("nll_loss", lambda a: torch.nn.functional.nll_loss(a, torch.tensor([2, 0, 2])), [normal(3, 3)]),
    ("nll_loss weighted sum", lambda a: torch.nn.functional.nll_loss(
        a, torch.tensor([1, -100]), weight=torch.tensor([1., 2., 3.], dtype=torch.float64), reduction="sum"),
     [normal(2, 3)]),
    ("nll_loss 1-D none", lambda a: torch.nn.functional.nll_loss(a, torch.tensor(1), reduction="none"),
     [normal(3)]),
    ("cross_entropy", lambda a: torch.nn.functional.cross_entropy(a, torch.tensor([1, 0])), [normal(2, 3)]),
    ("binary_cross_entropy", lambda a: torch.nn.functional.binary_cross_entropy(
        a.sigmoid(), torch.tensor([[0., 1., 0.3], [1., 0.5, 0.]], dtype=torch.float64)), [normal(2, 3)]),
    ("binary_cross_entropy_with_logits", lambda a: torch.nn.functional.binary_cross_entropy_with_logits(
        a, torch.tensor([[0., 1., 0.3], [1., 0.5, 0.]], dtype=torch.float64),
        pos_weight=torch.tensor([1., 2., 3.], dtype=torch.float64), reduction="none"), [normal(2, 3)]),
    # norms
    ("norm", lambda a: a.norm(), [normal(2, 3)]),
    ("norm dim keepdim", lambda a: a.norm(dim=1, keepdim=True), [normal(2, 3)]),
    ("norm p=1", lambda a: a.norm(p=1, dim=0), [away(2, 3)]),
    ("norm p=3", lambda a: a.norm(p=3), [normal(2, 3)]),
    ("norm p=1.5", lambda a: torch.linalg.vector_norm(a, 1.5, dim=(0, 1)), [away(2, 3)]),
    ("norm p=0.5", lambda a: torch.linalg.vector_norm(a, 0.5), [away(3)]),
    ("norm inf", lambda a: torch.linalg.vector_norm(a, float("inf"), dim=1), [distinct(2, 3)]),
    # matrix products
    ("dot", torch.dot, [normal(3), normal(3)]),
    ("mv", lambda a, b: a @ b, [normal(2, 3), normal(3)]),
    ("vm", lambda a, b: a @ b, [normal(2), normal(2, 3)]),
    ("mm", torch.mm, [normal(2, 3), normal(3, 2)]),
    ("mm of a transposed matrix", lambda a, b: a @ b.t(), [normal(2, 3), normal(4, 3)]),
    ("addmm", lambda c, a, b: torch.addmm(c, a, b.t(), beta=0.5, alpha=2),
     [normal(4), normal(2, 3), normal(4, 3)]),
    ("linear", torch.nn.functional.linear, [normal(2, 3), normal(4, 3), normal(1, 4)]),
    ("bmm", torch.bmm, [normal(2, 2, 3), normal(2, 3, 2)]),
    ("matmul batched", lambda a, b: a @ b, [normal(2, 2, 3), normal(2, 3, 2)]),
    ("matmul broadcast", lambda a, b: a @ b, [normal(2, 1, 2, 3), normal(3, 3, 2)]),
    ("matmul batch @ vector", lambda a, b: a @ b, [normal(2, 2, 3), normal(3)]),
    ("matmul vector @ batch", lambda a, b: a @ b, [normal(2), normal(2, 2, 3)]),
    # shapes
    ("view", lambda a: a.view(3, 2), [normal(2, 3)]),
    ("reshape -1", lambda a: a.reshape(-1), [normal(2, 3)]),
    ("flatten", lambda a: a.flatten(1), [normal(2, 2, 2)]),
    ("expand", lambda a: a.expand(2, 3, 2), [normal(3, 1)]),
    ("permute", lambda a: a.permute(2, 0, 1), [normal(2, 3, 2)]),
    ("transpose", lambda a: a.transpose(0, 2), [normal(2, 3, 2)]),
    ("T", lambda a: a.T, [normal(2, 3)]),
    ("t", lambda a: a.t(), [normal(2, 3)]),
    ("t of a vector", lambda a: a.t(), [normal(3)]),
    ("squeeze", lambda a: a.squeeze(), [normal(1, 3, 1)]),
    ("squeeze dim", lambda a: a.squeeze(0), [normal(1, 3)]),
    ("squeeze dims", lambda a: a.squeeze((0, 2)), [normal(1, 3, 1)]),
    ("unsqueeze", lambda a: a.unsqueeze(-1), [normal(2, 3)]),
    ("select", lambda a: a[1], [normal(3, 2)]),
    ("slice", lambda a: a[0, 1:], [normal(2, 3)]),
    ("index None", lambda a: a[:, None], [normal(2, 3)]),
    ("index ellipsis", lambda a: a[..., 1], [normal(2, 2, 3)]),
    ("alias by ...", lambda a: a[...], [normal(2, 3)]),
    ("advanced repeated", lambda a: a[[0, 2, 0, 0]], [normal(3, 2)]),
    ("advanced 2-D index", lambda a: a[:, torch.tensor([[1, 1], [0, 2]])], [normal(2, 3)]),
    ("advanced pair", lambda a: a[[0, 1, 1], [2, 0, 2]], [normal(2, 3)]),
    ("advanced split", lambda a: a[[0, 1], :, [1, 1]], [normal(2, 3, 2)]),
    ("bool mask", lambda a: a[torch.tensor([[True, False, True], [False, True, True]])], [normal(2, 3)]),
    ("index backward", lambda g: ops.index_backward(g, shape=(4, 2), key=(np.array([0, 3, 0]),)),
     [normal(3, 2)]),
    ("cat", lambda a, b: torch.cat([a, b], 1), [normal(2, 1), normal(2, 3)]),
    ("cat promotes", lambda a: torch.cat([a, torch.tensor([1.0, 2.0])]), [normal(2)]),
    ("stack", lambda a, b: torch.stack([a, b], -1), [normal(2, 3), normal(2, 3)]),
    ("setitem", setitem((0, slice(1, None))), [normal(2, 3), normal(2)]),
    ("setitem advanced", setitem(([0, 1],)), [normal(3, 2), normal(2)]),
    ("setitem ellipsis", setitem((Ellipsis, 0)), [normal(2, 3), normal(1)]),
    ("setitem extra leading 1s", setitem(0), [normal(2, 3), normal(1, 1, 3)]),
    ("fill", lambda a: ops.zero(a) + a, [normal(3)]),
    ("writes through views", view_writes, [normal(2, 3)]),
]


def _tensors(arrays):
    return [torch.tensor(a, requires_grad=a.dtype.kind == "f") for a in arrays]


def _float(out):
    return out.double() if out.dtype != torch.float64 else out


def _vjp(fn, arrays, v):
    """The engine's vjp at ``arrays`` with seed ``v``, as arrays (zeros for unreached inputs)."""
    xs = _tensors(arrays)
    out = _float(fn(*xs))
    diff = [x for x in xs if x.requires_grad]
    grads = torch.autograd.grad(out, diff, torch.tensor(v), materialize_grads=True)
    return [g.detach().numpy() for g in grads]


def _numeric(f, arrays, eps=1e-6):
    """Central differences of the scalar function ``f`` with respect to each float array."""
    out = []
    for i, a in enumerate(arrays):
        if a.dtype.kind != "f":
            continue
        g = np.zeros_like(a)
        for j in np.ndindex(a.shape):
            hi = [b.copy() for b in arrays]
            lo = [b.copy() for b in arrays]
            hi[i][j] += eps
            lo[i][j] -= eps
            g[j] = (f(hi) - f(lo)) / (2 * eps)
        out.append(g)
    return out


def _out_shape(fn, arrays):
    with torch.no_grad():
        return tuple(fn(*_tensors(arrays)).shape)


@pytest.mark.parametrize("name, fn, arrays", RULES, ids=[r[0] for r in RULES])
def test_vjp_matches_finite_differences(name, fn, arrays):
    v = rng.standard_normal(_out_shape(fn, arrays))

    def f(arr):
        with torch.no_grad():
            return float((_float(fn(*[torch.tensor(a) for a in arr])).numpy() * v).sum())

    analytic = _vjp(fn, arrays, v)
    for a, n in zip(analytic, _numeric(f, arrays)):
        np.testing.assert_allclose(a, n, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("name, fn, arrays", RULES, ids=[r[0] for r in RULES])
def test_vjp_of_vjp_matches_finite_differences(name, fn, arrays):
    # h(x, v) = <vjp(x, v), w>; its gradient in x and in v comes from differentiating the
    # recorded backward pass, and is checked against central differences of the plain vjp.
    v = rng.standard_normal(_out_shape(fn, arrays))
    floats = [a for a in arrays if a.dtype.kind == "f"]
    ws = [rng.standard_normal(a.shape) for a in floats]

    def h(arr):
        *inputs, seed = arr
        return float(sum((g * w).sum() for g, w in zip(_vjp(fn, inputs, seed), ws)))

    xs = _tensors(arrays)
    vt = torch.tensor(v, requires_grad=True)
    diff = [x for x in xs if x.requires_grad]
    grads = torch.autograd.grad(_float(fn(*xs)), diff, vt, create_graph=True, allow_unused=True)
    total = sum((g * torch.tensor(w)).sum() for g, w in zip(grads, ws) if g is not None)
    analytic = torch.autograd.grad(total, diff + [vt], materialize_grads=True)
    for a, n in zip(analytic, _numeric(h, [*arrays, v])):
        np.testing.assert_allclose(a.detach().numpy(), n, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("create_graph", [False, True], ids=["arrays", "tensors"])
@pytest.mark.parametrize("name, fn, arrays", RULES, ids=[r[0] for r in RULES])
def test_batched_seeds_equal_one_seed_at_a_time(name, fn, arrays, create_graph):
    xs = _tensors(arrays)
    diff = [x for x in xs if x.requires_grad]
    out = _float(fn(*xs))
    seeds = torch.tensor(rng.standard_normal((3, *out.shape)))
    batched = torch.autograd.grad(out, diff, seeds, retain_graph=True, create_graph=create_graph,
                                  is_grads_batched=True, materialize_grads=True)
    for b in range(3):
        single = torch.autograd.grad(out, diff, seeds[b], retain_graph=True, materialize_grads=True)
        for g_batched, g in zip(batched, single):
            assert tuple(g_batched.shape) == (3, *g.shape)
            np.testing.assert_allclose(g_batched[b].detach().numpy(), g.numpy(), rtol=1e-12, atol=1e-12)


def _all_rules():
    found = {}
    for module in (pointwise, compare, reduce, shape, linalg, activation, copying, indexing, views, ops):
        for _, value in inspect.getmembers(module, lambda v: isinstance(v, Rule)):
            found[id(value)] = value
    return found


def test_table_covers_every_rule():
    reached = set()
    for name, fn, arrays in RULES:
        xs = _tensors(arrays)
        out = _float(fn(*xs))
        diff = [x for x in xs if x.requires_grad]
        v = torch.tensor(rng.standard_normal(tuple(out.shape)), requires_grad=True)
        grads = torch.autograd.grad(out, diff, v, create_graph=True, allow_unused=True)
        roots = [out] + [g for g in grads if g is not None and g.requires_grad]
        reached |= {id(node.rule) for node in walk(*roots)}
    missing = sorted(f"{r.name} ({r.node_name})" for key, r in _all_rules().items() if key not in reached)
    assert not missing, f"rules without a row in RULES: {missing}"
