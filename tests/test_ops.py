"""Each op against real torch: forward values and dtype, the grad_fn name, the gradients of
every input for a random seed, and torch's error messages. Skipped without torch."""
from __future__ import annotations

import numpy as np
import pytest

import minigrad

torch = pytest.importorskip("torch")

rng = np.random.default_rng(1)
f32 = np.float32


def normal(*shape):
    return rng.standard_normal(shape).astype(f32)


def positive(*shape):
    return rng.uniform(0.5, 2.0, shape).astype(f32)


def ints(*values):
    return np.array(values, dtype=np.int64)


TIES = np.array([[1.0, 5.0, 5.0], [2.0, 0.0, 2.0]], dtype=f32)

# (name, f(T, *inputs) with T the module (torch or minigrad), inputs); float inputs require grad
CASES = [
    ("add broadcast", lambda T, a, b: a + b, [normal(2, 3), normal(3)]),
    ("add scalar", lambda T, a: a + 2, [normal(3)]),
    ("sub broadcast", lambda T, a, b: a - b, [normal(2, 1), normal(1, 3)]),
    ("rsub", lambda T, a: 2 - a, [normal(3)]),
    ("mul broadcast", lambda T, a, b: a * b, [normal(4, 1, 3), normal(2, 1)]),
    ("div", lambda T, a, b: a / b, [normal(2, 3), positive(3)]),
    ("rdiv", lambda T, a: 2 / a, [positive(3)]),
    ("neg", lambda T, a: -a, [normal(3)]),
    ("pow scalar", lambda T, a: a ** 2, [normal(3)]),
    ("pow tensor", lambda T, a, b: a ** b, [positive(3), normal(3)]),
    ("pow base", lambda T, a: 2 ** a, [normal(3)]),
    ("square", lambda T, a: T.square(a), [normal(3)]),
    ("exp log sqrt", lambda T, a: T.sqrt(T.exp(a) + T.log(a)), [positive(3)]),
    ("sin cos", lambda T, a: T.sin(a) * T.cos(a), [normal(3)]),
    ("abs", lambda T, a: T.abs(a), [np.array([-1.0, 0.0, 2.0], f32)]),
    ("where", lambda T, a, b: T.where(a > 0, a, b), [normal(2, 3), normal(3)]),
    ("maximum ties", lambda T, a, b: T.maximum(a, b),
     [np.array([1.0, 2.0, 3.0], f32), np.array([1.0, 3.0, 2.0], f32)]),
    ("minimum", lambda T, a, b: T.minimum(a, b), [normal(2, 3), normal(3)]),
    ("clamp", lambda T, a: a.clamp(-0.5, 0.5), [normal(6)]),
    ("clamp at bounds", lambda T, a: a.clamp(0.0, 1.0), [np.array([0.0, 1.0, 0.5, 2.0], f32)]),
    ("clamp tensors", lambda T, a, lo, hi: T.clamp(a, lo, hi),
     [np.array([-2.0, 0.5, 3.0, 1.0], f32), np.array([-1.0, 1.0, 0.0, 0.2], f32),
      np.array([2.0, 2.0, 2.0, 0.1], f32)]),
    ("sum", lambda T, a: a.sum(), [normal(2, 3)]),
    ("sum dim keepdim", lambda T, a: a.sum((0, 2), keepdim=True), [normal(2, 3, 2)]),
    ("mean dim", lambda T, a: a.mean(-1), [normal(2, 3)]),
    ("prod", lambda T, a: a.prod(), [normal(2, 3)]),
    ("prod one zero", lambda T, a: a.prod(), [np.array([0.0, 2.0, 3.0], f32)]),
    ("prod two zeros", lambda T, a: a.prod(), [np.array([0.0, 0.0, 3.0], f32)]),
    ("prod dim zeros", lambda T, a: a.prod(1, keepdim=True), [np.array([[0.0, 2.0], [1.0, 3.0]], f32)]),
    ("prod int", lambda T, a: a.prod(), [ints(1, 2, 3)]),
    ("max ties", lambda T, a: a.max(), [TIES]),
    ("min ties", lambda T, a: a.min(), [TIES]),
    ("max with nans", lambda T, a: a.max(), [np.array([1.0, np.nan, 3.0, np.nan], f32)]),
    ("amax with a nan", lambda T, a: a.amax(0), [np.array([[1.0, np.nan], [3.0, 2.0]], f32)]),
    ("max dim with a nan", lambda T, a: a.max(1)[0], [np.array([[1.0, np.nan, 2.0]], f32)]),
    ("max dim", lambda T, a: a.max(1)[0], [TIES]),
    ("max dim keepdim", lambda T, a: a.max(1, keepdim=True).values, [TIES]),
    ("max dim indices", lambda T, a: a.max(1).indices, [TIES]),
    ("min dim", lambda T, a: T.min(a, dim=0)[0], [TIES]),
    ("max of two", lambda T, a, b: T.max(a, b), [normal(3), normal(3)]),
    ("amax ties", lambda T, a: a.amax(1), [TIES]),
    ("amax all", lambda T, a: a.amax(), [TIES]),
    ("amin keepdim", lambda T, a: a.amin(0, keepdim=True), [TIES]),
    ("var", lambda T, a: a.var(), [normal(2, 3)]),
    ("var dim biased", lambda T, a: a.var(0, unbiased=False), [normal(2, 3)]),
    ("var correction keepdim", lambda T, a: a.var(1, keepdim=True, correction=2), [normal(2, 4)]),
    ("var positional unbiased", lambda T, a: a.var(False), [normal(2, 3)]),
    ("std", lambda T, a: a.std(), [normal(2, 3)]),
    ("std dims", lambda T, a: a.std((0, 1)), [normal(2, 3, 2)]),
    ("std of constant", lambda T, a: a.std(1), [np.array([[1.0, 1.0], [1.0, 2.0]], f32)]),
    ("argmax", lambda T, a: a.argmax(), [TIES]),
    ("argmax dim keepdim", lambda T, a: a.argmax(1, keepdim=True), [TIES]),
    ("argmin dim", lambda T, a: T.argmin(a, 0), [TIES]),
    ("relu", lambda T, a: T.relu(a), [np.array([-1.0, 0.0, 2.0], f32)]),
    ("relu int", lambda T, a: T.relu(a), [ints(-1, 2)]),
    ("relu nan and -0", lambda T, a: T.relu(a), [np.array([np.nan, -0.0, 2.0, -1.0], f32)]),
    ("abs of nan", lambda T, a: a.abs(), [np.array([np.nan, 0.0, -2.0], f32)]),
    ("sign", lambda T, a: a.sign() * a, [np.array([np.nan, -0.0, 2.0, -3.0], f32)]),
    ("maximum with nan", lambda T, a, b: T.maximum(a, b),
     [np.array([np.nan, 0.0, 2.0], f32), np.array([0.0, 0.0, np.nan], f32)]),
    ("minimum with nan", lambda T, a, b: T.minimum(a, b),
     [np.array([np.nan, 1.0, 2.0], f32), np.array([0.0, 1.0, 3.0], f32)]),
    ("softmax of inf", lambda T, a: a.softmax(0), [np.array([np.inf, 1.0, -np.inf], f32)]),
    ("softmax of all -inf", lambda T, a: a.log_softmax(0), [np.array([-np.inf, -np.inf], f32)]),
    ("sigmoid", lambda T, a: T.sigmoid(a), [normal(2, 3) * 10]),
    ("sigmoid int", lambda T, a: T.sigmoid(a), [ints(-1, 2)]),
    ("tanh", lambda T, a: a.tanh(), [normal(2, 3)]),
    ("softmax", lambda T, a: T.softmax(a, 1), [normal(2, 3)]),
    ("softmax large", lambda T, a: a.softmax(0), [np.array([1000.0, 1000.0, -1000.0], f32)]),
    ("softmax -inf", lambda T, a: a.softmax(0), [np.array([-np.inf, 0.0, 1.0], f32)]),
    ("log_softmax large", lambda T, a: T.log_softmax(a, -1), [np.array([[1000.0, 0.0, -1000.0]], f32)]),
    ("logsumexp", lambda T, a: T.logsumexp(a, 1), [normal(2, 3)]),
    ("logsumexp large keepdim", lambda T, a: a.logsumexp((0, 1), keepdim=True),
     [np.array([[1e4, 1e4]], f32)]),
    ("logsumexp -inf", lambda T, a: T.logsumexp(a, 0), [np.array([-np.inf, -np.inf], f32)]),
    ("dot", lambda T, a, b: a @ b, [normal(3), normal(3)]),
    ("mv", lambda T, a, b: a @ b, [normal(2, 3), normal(3)]),
    ("vector @ matrix", lambda T, a, b: a @ b, [normal(2), normal(2, 3)]),
    ("mm", lambda T, a, b: a @ b, [normal(2, 3), normal(3, 4)]),
    ("mm function", lambda T, a, b: T.mm(a, b), [normal(2, 3), normal(3, 4)]),
    ("bmm", lambda T, a, b: T.bmm(a, b), [normal(2, 2, 3), normal(2, 3, 4)]),
    ("matmul batched", lambda T, a, b: T.matmul(a, b), [normal(2, 2, 3), normal(2, 3, 4)]),
    ("matmul broadcast", lambda T, a, b: a @ b, [normal(3, 1, 2, 3), normal(4, 3, 2)]),
    ("matmul batch @ matrix", lambda T, a, b: a @ b, [normal(2, 2, 3), normal(3, 4)]),
    ("matmul batch @ vector", lambda T, a, b: a @ b, [normal(2, 2, 3), normal(3)]),
    ("matmul vector @ batch", lambda T, a, b: a @ b, [normal(2), normal(3, 2, 4)]),
    ("matmul int", lambda T, a, b: a @ b, [ints(1, 2, 3, 4).reshape(2, 2), ints(1, 0, 0, 1).reshape(2, 2)]),
    ("view", lambda T, a: a.view(3, 2), [normal(2, 3)]),
    ("reshape -1", lambda T, a: a.reshape(-1, 2), [normal(2, 3, 2)]),
    ("flatten", lambda T, a: a.flatten(), [normal(2, 3)]),
    ("flatten 0-d", lambda T, a: a.flatten(), [normal()]),
    ("expand", lambda T, a: a.expand(2, -1, 3), [normal(4, 1)]),
    ("permute", lambda T, a: a.permute(2, 0, 1), [normal(2, 3, 4)]),
    ("T", lambda T, a: a.T, [normal(2, 3)]),
    ("mT", lambda T, a: a.mT, [normal(2, 3, 4)]),
    ("t", lambda T, a: a.t(), [normal(2, 3)]),
    ("transpose", lambda T, a: a.transpose(0, -1), [normal(2, 3, 4)]),
    ("squeeze", lambda T, a: a.squeeze(), [normal(1, 3, 1)]),
    ("squeeze dim", lambda T, a: a.squeeze(0), [normal(1, 3, 1)]),
    ("squeeze dim not 1", lambda T, a: a.squeeze(1), [normal(1, 3, 1)]),
    ("squeeze dims", lambda T, a: a.squeeze((0, 2)), [normal(1, 3, 1)]),
    ("unsqueeze", lambda T, a: a.unsqueeze(-1), [normal(2, 3)]),
    ("unsqueeze 0", lambda T, a: T.unsqueeze(a, 0), [normal(2, 3)]),
    ("select", lambda T, a: a[1], [normal(3, 2)]),
    ("select negative", lambda T, a: a[-1, 0], [normal(3, 2)]),
    ("select 0-d tensor", lambda T, a: a[T.tensor(1)], [normal(3, 2)]),
    ("slice", lambda T, a: a[1:], [normal(3, 2)]),
    ("full slice", lambda T, a: a[:], [normal(3, 2)]),
    ("slice step", lambda T, a: a[::2, 1:], [normal(5, 3)]),
    ("slice then select", lambda T, a: a[1:, 0], [normal(3, 2)]),
    ("select then full slice", lambda T, a: a[0, :], [normal(3, 2)]),
    ("all full", lambda T, a: a[:, :], [normal(3, 2)]),
    ("ellipsis", lambda T, a: a[...], [normal(3, 2)]),
    ("ellipsis select", lambda T, a: a[..., 1], [normal(2, 3, 2)]),
    ("none", lambda T, a: a[None], [normal(3)]),
    ("none after select", lambda T, a: a[0, None], [normal(3, 2)]),
    ("select after none", lambda T, a: a[None, 0], [normal(3, 2)]),
    ("repeated indices", lambda T, a: a[[0, 2, 0, 0]], [normal(3, 2)]),
    ("repeated tensor index", lambda T, a: a[T.tensor([[1, 1], [0, 1]])], [normal(3)]),
    ("index pairs", lambda T, a: a[[0, 1, 1], [2, 0, 2]], [normal(2, 3)]),
    ("index after slice", lambda T, a: a[1:, [0, 0]], [normal(3, 2)]),
    ("split advanced", lambda T, a: a[[0, 1], :, [1, 1]], [normal(2, 3, 2)]),
    ("int and list split", lambda T, a: a[[0, 1], :, 0], [normal(2, 3, 2)]),
    ("bool mask", lambda T, a: a[a > 0], [normal(3, 4)]),
    ("bool row mask", lambda T, a: a[T.tensor([True, False, True])], [normal(3, 2)]),
    ("cat", lambda T, a, b: T.cat([a, b]), [normal(2, 3), normal(1, 3)]),
    ("cat dim", lambda T, a, b: T.cat((a, b), dim=-1), [normal(2, 3), normal(2, 1)]),
    ("cat promotes", lambda T, a, b: T.cat([a, b.double()]), [normal(2), normal(3)]),
    ("cat skips 1-d empties", lambda T, a: T.cat([T.tensor([]), a, T.tensor([])], 1), [normal(2, 3)]),
    ("stack", lambda T, a, b: T.stack([a, b]), [normal(2, 3), normal(2, 3)]),
    ("stack 0-d", lambda T, a, b: T.stack([a, b]), [normal(), normal()]),
    ("stack last", lambda T, a, b: T.stack([a, b], dim=-1), [normal(2, 3), normal(2, 3)]),
    ("setitem", lambda T, a, b: _setitem(a, (0, slice(1, None)), b), [normal(2, 3), normal(2)]),
    ("setitem leading ones", lambda T, a, b: _setitem(a, 1, b), [normal(2, 3), normal(1, 1, 3)]),
    ("list of floats index", lambda T, a: a[[1.0, 0.0]], [normal(3, 2)]),
    ("setitem repeated", lambda T, a, b: _setitem(a, [0, 0], b), [normal(3, 2), normal(2)]),
    ("0-d sum dim", lambda T, a: a.sum(0) + a.mean(-1, keepdim=True), [normal()]),
    ("0-d max dim", lambda T, a: a.max(0)[0] * a.min(-1, keepdim=True).values, [normal()]),
    ("0-d prod dim", lambda T, a: a.prod(0), [normal()]),
    ("0-d softmax", lambda T, a: a.softmax(0) + a.log_softmax(-1), [normal()]),
    ("0-d logsumexp", lambda T, a: a.logsumexp(0), [normal()]),
    ("0-d amax var", lambda T, a: a.amax(0) + a.argmax(0), [normal()]),
    ("0-d T", lambda T, a: a.T * 2, [normal()]),
    ("empty dim list sums all", lambda T, a: a.sum(dim=[]) + a.mean(dim=()), [normal(2, 3)]),
    ("to double", lambda T, a: a.double() * 2, [normal(3)]),
    ("clone", lambda T, a: a.clone(), [normal(3)]),
]


def _setitem(a, key, value):
    b = a * 1
    b[key] = value
    return b


def _run(module, fn, arrays, seed):
    xs = [module.tensor(a, requires_grad=a.dtype.kind == "f") for a in arrays]
    out = fn(module, *xs)
    grads = None
    if out.requires_grad:
        grads = module.autograd.grad(out, [x for x in xs if x.requires_grad],
                                     module.tensor(seed.astype(out.numpy(force=True).dtype)),
                                     allow_unused=True)
    values = out.detach().numpy()
    # what the repr shows: grad_fn=<CopySlices> (torch's name() says torch::autograd::CopySlices)
    name = None if out.grad_fn is None else (
        type(out.grad_fn).__name__ if module is torch else out.grad_fn.name())
    return values, str(out.dtype), name, grads


@pytest.mark.parametrize("name, fn, arrays", CASES, ids=[c[0] for c in CASES])
def test_matches_torch(name, fn, arrays):
    with torch.no_grad():
        seed = rng.standard_normal(tuple(fn(torch, *[torch.tensor(a) for a in arrays]).shape))
    want, want_dtype, want_node, want_grads = _run(torch, fn, arrays, seed)
    got, got_dtype, got_node, got_grads = _run(minigrad, fn, arrays, seed)
    assert got.shape == want.shape
    assert got_dtype == want_dtype
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert got_node == want_node
    if want_grads is not None:
        assert len(got_grads) == len(want_grads)
        for g, w in zip(got_grads, want_grads):
            assert (g is None) == (w is None)
            if w is not None:
                assert str(g.dtype) == str(w.dtype)
                np.testing.assert_allclose(g.numpy(), w.numpy(), rtol=1e-4, atol=1e-5)


def test_max_with_dim_prints_as_torch_return_type():
    for module in (torch, minigrad):
        a = module.tensor(TIES, requires_grad=True)
        result = a.max(1, keepdim=True)
        values, indices = result
        assert values is result.values and indices is result.indices
    mine, theirs = minigrad.tensor(TIES, requires_grad=True), torch.tensor(TIES, requires_grad=True)
    assert repr(mine.max(1)) == repr(theirs.max(1))
    assert repr(minigrad.tensor(TIES).min(0)) == repr(torch.tensor(TIES).min(0))
    assert type(minigrad.tensor(TIES).max(0)).__name__ == type(torch.tensor(TIES).max(0)).__name__


def test_second_derivatives_match_torch():
    x = normal(2, 3)
    results = []
    for module in (torch, minigrad):
        t = module.tensor(x, requires_grad=True)
        y = (module.softmax(t, 1) * t.tanh()).sum() + t.prod() + (t @ t.T).logsumexp(0).sum()
        (g,) = module.autograd.grad(y, t, create_graph=True)
        (h,) = module.autograd.grad((g * g).sum(), t)
        results.append((g.detach().numpy(), h.numpy()))
    np.testing.assert_allclose(results[1][0], results[0][0], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(results[1][1], results[0][1], rtol=1e-3, atol=1e-4)


def test_next_functions_of_matmul_and_cat_reach_the_leaves():
    a = minigrad.tensor(normal(2, 3), requires_grad=True)
    b = minigrad.tensor(normal(2, 3), requires_grad=True)
    out = minigrad.cat([a, b])
    assert [type(fn).__name__ for fn, _ in out.grad_fn.next_functions] == ["AccumulateGrad"] * 2
    assert [fn.name() for fn, _ in (a @ b.T).grad_fn.next_functions] == ["torch::autograd::AccumulateGrad",
                                                                            "PermuteBackward0"]


ERRORS = [
    ("mm shapes", lambda T: T.ones(3, 4) @ T.ones(3, 4)),
    ("mm dtypes", lambda T: T.ones(3, 4) @ T.ones(4, 3).double()),
    ("mm not matrix", lambda T: T.mm(T.ones(3, 4), T.ones(4))),
    ("mv size", lambda T: T.ones(3, 4) @ T.ones(3)),
    ("dot size", lambda T: T.ones(4) @ T.ones(3)),
    ("dot dtypes", lambda T: T.dot(T.ones(4), T.ones(4).double())),
    ("bmm rank", lambda T: T.bmm(T.ones(3, 4), T.ones(4, 3))),
    ("bmm sizes", lambda T: T.bmm(T.ones(2, 3, 4), T.ones(2, 3, 5))),
    ("matmul 0-d", lambda T: T.tensor(1.0) @ T.ones(3)),
    ("matmul batch", lambda T: T.ones(2, 3, 4) @ T.ones(3, 4, 5)),
    ("cat ranks", lambda T: T.cat([T.ones(3, 4), T.ones(4)])),
    ("cat sizes", lambda T: T.cat([T.ones(3, 4), T.ones(3, 5)])),
    ("cat empty", lambda T: T.cat([])),
    ("cat dim", lambda T: T.cat([T.ones(3, 4)], 2)),
    ("cat 0-d", lambda T: T.cat([T.tensor(1.0), T.tensor(2.0)])),
    ("stack empty", lambda T: T.stack([])),
    ("stack sizes", lambda T: T.stack([T.ones(3, 4), T.ones(4, 3)])),
    ("stack dim", lambda T: T.stack([T.ones(3, 4)], 3)),
    ("max of empty", lambda T: T.tensor([]).max()),
    ("max dim", lambda T: T.ones(3, 4).max(5)),
    ("var of ints", lambda T: T.tensor([1, 2]).var()),
    ("softmax of ints", lambda T: T.arange(3).softmax(0)),
    ("softmax of ints not last", lambda T: T.arange(6).reshape(2, 3).softmax(0)),
    ("log_softmax of ints", lambda T: T.arange(6).reshape(2, 3).log_softmax(1)),
    ("relu of bools", lambda T: T.tensor([True]).relu()),
    ("index out of range", lambda T: T.ones(3, 4)[5]),
    ("index out of range dim 1", lambda T: T.ones(3, 4)[0, 7]),
    ("too many indices", lambda T: T.ones(3)[0, 0]),
    ("unsqueeze dim", lambda T: T.ones(3, 4).unsqueeze(4)),
    ("int index of a 0-d tensor", lambda T: T.tensor(1.0)[0]),
    ("slice of a 0-d tensor", lambda T: T.tensor(1.0)[:]),
    ("negative step", lambda T: T.ones(3, 4)[::-1]),
    ("zero step", lambda T: T.ones(3, 4)[0:2:0]),
    ("float index", lambda T: T.ones(3, 4)[1.5]),
    ("float tensor index", lambda T: T.ones(3, 4)[T.tensor([1.0])]),
    ("index tensor out of range", lambda T: T.ones(3, 4, 5)[:, [9]]),
    ("second index tensor out of range", lambda T: T.ones(3, 4, 5)[[0], :, [9]]),
    ("index tensors do not broadcast", lambda T: T.ones(3, 4)[[0, 1], [1, 2, 3]]),
    ("setitem value too short", lambda T: T.zeros(2, 3, 4).__setitem__(0, T.ones(3))),
    ("setitem value too long", lambda T: T.zeros(2, 3, 4).__setitem__(0, T.ones(5, 3, 4))),
    ("index_put value mismatch", lambda T: T.zeros(2, 3, 4).__setitem__([0, 1], T.ones(2, 4))),
    ("t of 3-d", lambda T: T.ones(2, 3, 4).t()),
]


@pytest.mark.parametrize("name, fn", ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_match_torch(name, fn):
    with pytest.raises(Exception) as want:
        fn(torch)
    with pytest.raises(Exception) as got:
        fn(minigrad)
    assert type(got.value).__name__ == type(want.value).__name__
    assert str(got.value) == str(want.value)


def test_degrees_of_freedom_warning_matches_torch():
    with pytest.warns(UserWarning, match=r"var\(\): degrees of freedom is <= 0") as record:
        out = minigrad.tensor([1.0]).var()
    assert np.isnan(out.item())
    assert "Correction should be strictly less than the reduction factor" in str(record[0].message)


# Where the graph that create_graph=True builds is named differently from torch's (same numbers):
# torch folds batched matmuls into mm/bmm plus views, and writes prod's and vm's formulas otherwise.
CREATE_GRAPH_NAMES_DIFFER = {"mul broadcast", "pow tensor", "prod", "prod one zero", "prod two zeros",
                             "matmul batched", "matmul broadcast",
                             "matmul batch @ matrix", "matmul batch @ vector", "matmul vector @ batch"}


@pytest.mark.parametrize("name, fn, arrays", [c for c in CASES if c[0] not in CREATE_GRAPH_NAMES_DIFFER],
                         ids=[c[0] for c in CASES if c[0] not in CREATE_GRAPH_NAMES_DIFFER])
def test_create_graph_gradients_are_named_as_torch(name, fn, arrays):
    names = []
    for module in (torch, minigrad):
        xs = [module.tensor(a, requires_grad=a.dtype.kind == "f") for a in arrays]
        out = fn(module, *xs)
        if not out.requires_grad:
            return
        grads = module.autograd.grad(out, [x for x in xs if x.requires_grad], module.ones_like(out),
                                     create_graph=True, allow_unused=True)
        names.append([g.grad_fn.name() if g is not None and g.grad_fn is not None else None for g in grads])
    assert names[1] == names[0]


CREATION = [
    lambda T: T.full((2,), 1), lambda T: T.full((2,), 1.0), lambda T: T.full((2,), True),
    lambda T: T.full([2, 2], 7, dtype=T.float64), lambda T: T.arange(5), lambda T: T.arange(0, 1, 0.25),
    lambda T: T.arange(1, 4, dtype=T.float32), lambda T: T.arange(5.0), lambda T: T.linspace(0, 1, 5),
    lambda T: T.eye(2, 3), lambda T: T.zeros((2, 3)), lambda T: T.ones(2, dtype=T.int64),
    lambda T: T.zeros(()),
    lambda T: T.zeros_like(T.ones(2, dtype=T.int64)), lambda T: T.ones_like(T.ones(2), dtype=T.float64),
    lambda T: T.full_like(T.ones(2), 3), lambda T: T.tensor([T.tensor(1.0), T.tensor(2.0)]),
    lambda T: T.tensor([[1, 2], [3, 4]], dtype=T.float32), lambda T: T.tensor(np.float64(2.5)),
    lambda T: T.tensor(np.array([1, 2], dtype=np.int32)), lambda T: T.tensor([True, 1]),
    lambda T: T.tensor([1, 2.5]),
    lambda T: T.from_numpy(np.array([1.0, 2.0])), lambda T: T.zeros(2, requires_grad=True),
    lambda T: T.linspace(-1, 1, 4, dtype=T.float64), lambda T: T.eye(3, dtype=T.int64),
    lambda T: T.randint(5, (2, 2)).shape, lambda T: T.randn(2, dtype=T.float64).dtype,
]


@pytest.mark.parametrize("fn", CREATION)
def test_creation_matches_torch(fn):
    assert repr(fn(minigrad)) == repr(fn(torch))


def test_factories_refuse_integer_tensors_that_require_grad_as_torch():
    for fn in (lambda T: T.arange(3, requires_grad=True), lambda T: T.tensor([1, 2], requires_grad=True)):
        with pytest.raises(RuntimeError) as want:
            fn(torch)
        with pytest.raises(RuntimeError) as got:
            fn(minigrad)
        assert str(got.value) == str(want.value)


def _write_slice(T, y):
    y[1:3].mul_(3)
    return y


def _write_iadd(T, y):
    y[0] += 1
    return y


def _write_column(T, y):
    y[:, 1] *= 2
    return y


def _write_view_of_view(T, y):
    y.view(3, 4)[0].zero_()
    return y


def _write_transposed(T, y):
    y.t()[1].mul_(-1)
    return y


def _write_permuted(T, y):
    y.permute(1, 0).add_(T.ones(4, 3))
    return y


def _write_unsqueezed(T, y):
    y.unsqueeze(0).squeeze(0).clamp_(max=0.0)
    return y


def _write_base_of_views(T, y):
    row, col = y[1], y[:, 2:]
    y.mul_(3)                 # the views now read the new values out of y
    return y + row + col.sum()


VIEW_WRITES = [_write_base_of_views, _write_slice, _write_iadd, _write_column, _write_view_of_view,
               _write_transposed, _write_permuted, _write_unsqueezed]


@pytest.mark.parametrize("write", VIEW_WRITES, ids=[w.__name__ for w in VIEW_WRITES])
def test_in_place_writes_through_views_match_torch(write):
    # the base is rebased onto CopySlices, so its gradient sees the write (torch 2.13)
    data = normal(3, 4)
    seen = []
    for module in (torch, minigrad):
        x = module.tensor(data, requires_grad=True)
        y = write(module, x * 2)
        (y * y).sum().backward()
        seen.append((y.detach().numpy().copy(), y.grad_fn.name().split("::")[-1], x.grad.numpy().copy()))
    np.testing.assert_allclose(seen[1][0], seen[0][0], rtol=1e-6)
    assert seen[1][1] == seen[0][1]
    np.testing.assert_allclose(seen[1][2], seen[0][2], rtol=1e-5)


def test_a_written_view_reads_back_from_its_base_as_torch():
    names = []
    for module in (torch, minigrad):
        y = module.tensor([1.0, 2.0, 3.0], requires_grad=True) * 2
        v = y[1:]
        v.mul_(2)
        names.append((v.grad_fn.name(), repr(v)))
    assert names[1] == names[0]


@pytest.mark.parametrize("write", [lambda T, x: x[0].mul_(2), lambda T, x: x.view(2, 2).zero_(),
                                   lambda T, x: (x * 1).expand(3, 4).add_(1)])
def test_in_place_on_views_refused_as_torch(write):
    with pytest.raises(RuntimeError) as want:
        write(torch, torch.ones(4, requires_grad=True))
    with pytest.raises(RuntimeError) as got:
        write(minigrad, minigrad.ones(4, requires_grad=True))
    assert str(got.value) == str(want.value)


def _examples():
    """Every docstring example of the op tables and the factories, rules included (doctest
    itself does not look inside Rule objects)."""
    import doctest
    import inspect

    from minigrad import creation, ops
    from minigrad.ops import (Rule, activation, compare, copying, indexing, linalg, pointwise, reduce,
                              shape, views)
    seen, out = set(), []
    for module in (ops, pointwise, compare, reduce, shape, linalg, activation, copying, indexing, views,
                   creation):
        for name, value in vars(module).items():
            doc = getattr(value, "__doc__", None)
            if not (isinstance(value, Rule) or inspect.isfunction(value)) or not doc or id(value) in seen:
                continue
            seen.add(id(value))
            test = doctest.DocTestParser().get_doctest(doc, {}, f"{module.__name__}.{name}", None, 0)
            if test.examples:
                out.append(test)
    return out


@pytest.mark.parametrize("example", _examples(), ids=lambda t: t.name)
def test_docstring_examples_print_what_torch_prints(example):
    import copy
    import doctest
    for module_name in ("minigrad", "torch"):
        test = copy.copy(example)
        test.examples = [copy.copy(e) for e in example.examples]
        for e in test.examples:
            e.source = e.source.replace("import minigrad as torch", f"import {module_name} as torch")
        test.globs = {}
        runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
        runner.run(test, out=lambda text: None)
        assert runner.failures == 0, f"{example.name} differs under {module_name}"


SEEDED = {
    "select": lambda T, x: x[0], "slice": lambda T, x: x[1:], "index": lambda T, x: x[[0, 0]],
    "none": lambda T, x: x[None], "alias": lambda T, x: x[...], "sum": lambda T, x: x.sum(),
    "sum dim": lambda T, x: x.sum(0), "mean": lambda T, x: x.mean(), "mean dim": lambda T, x: x.mean(1),
    "view": lambda T, x: x.view(12), "expand": lambda T, x: x[0].expand(2, 4),
    "permute": lambda T, x: x.permute(1, 0), "transpose": lambda T, x: x.transpose(0, 1),
    "t": lambda T, x: x.t(), "squeeze": lambda T, x: x[None].squeeze(0),
    "unsqueeze": lambda T, x: x.unsqueeze(1),
    "cat": lambda T, x: T.cat([x, x]), "stack": lambda T, x: T.stack([x, x]),
    "max dim": lambda T, x: (x * T.arange(12.0).reshape(3, 4)).max(1)[0],
    "amax": lambda T, x: (x * T.arange(12.0).reshape(3, 4)).amax(1), "clone": lambda T, x: x.clone(),
    "double": lambda T, x: x.double(), "neg": lambda T, x: -x, "add": lambda T, x: x + 1,
    "where": lambda T, x: T.where(x > 0, x, 0.0), "mm": lambda T, x: x @ T.ones(4, 2),
    "relu": lambda T, x: x.relu(), "clamp": lambda T, x: x.clamp(0, 2),
}


@pytest.mark.parametrize("name", SEEDED)
def test_create_graph_with_a_tracked_seed_is_named_as_torch(name):
    # the seed requires grad (as in the double-vjp trick), so every vjp's own op is recorded
    names = []
    for module in (torch, minigrad):
        x = module.ones(3, 4, requires_grad=True)
        y = SEEDED[name](module, x)
        (g,) = module.autograd.grad(y, x, module.ones_like(y, requires_grad=True), create_graph=True)
        names.append(g.grad_fn.name() if g.grad_fn is not None else None)
    assert names[1] == names[0]


def test_T_warns_once_per_process_as_torch():
    # torch's TORCH_WARN_ONCE: run in fresh interpreters so earlier tests cannot have used it up
    import os
    import subprocess
    import sys
    from pathlib import Path
    script = ("import warnings; warnings.simplefilter('always'); import {m} as torch\n"
              "for shape in [(2, 3), (3,), (2, 3, 4), (), ()]:\n"
              "    with warnings.catch_warnings(record=True) as w:\n"
              "        warnings.simplefilter('always'); torch.zeros(shape).T\n"
              "    print([str(x.message).split(' (Triggered internally')[0] for x in w])\n")
    outs = [subprocess.run([sys.executable, "-c", script.format(m=m)], capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}).stdout
            for m in ("torch", "minigrad")]
    assert outs[0] and outs[1] == outs[0]


def test_tensor_of_a_tensor_warns_as_torch():
    messages = []
    for module in (torch, minigrad):
        with pytest.warns(UserWarning) as record:
            module.tensor(module.ones(2))
        messages.append(str(record[0].message))
    assert messages[1] == messages[0]
