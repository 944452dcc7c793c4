"""autograd.functional: every result against central finite differences and, when torch is
installed, against torch.autograd.functional on the same inputs (values and return structure)."""
from __future__ import annotations

import numpy as np
import pytest

import minigrad
from minigrad.autograd import functional as AF

RNG = np.random.default_rng(0)
X = RNG.normal(size=3)
Y = RNG.normal(size=(2, 2))


def f_vec(lib, x):                     # R^3 -> R^2
    return lib.stack([(x * x).sum(), (x.sin() * x[0]).sum()])


def f_pair(lib, x, y):                 # (R^3, R^2x2) -> (R^2, R^2x2)
    return lib.stack([(x.exp() * y.sum()).sum(), x[1] * y[0, 1]]), y * x[:2].unsqueeze(0)


def f_scalar(lib, x):                  # R^3 -> R
    return (x ** 3).sum() + x[0] * x[1] * x[2] + x.sin().sum()


def f_scalar2(lib, x, y):              # (R^3, R^2x2) -> R
    return (x.exp().sum() * (y * y).sum()) + (y[0] * x[:2]).sum()


def _m(*arrays):
    return tuple(minigrad.tensor(a, dtype=minigrad.float64) for a in arrays)


def _lib_fn(fn, lib):
    return lambda *args: fn(lib, *args)


def _numeric_jacobian(fn, arrays, eps=1e-6):
    """[out][in] blocks of shape out.shape + in.shape by central differences."""
    def run(values):
        out = fn(minigrad, *_m(*values))
        return [o._data for o in (out if isinstance(out, tuple) else (out,))]
    base = run(arrays)
    blocks = [[np.zeros(o.shape + a.shape) for a in arrays] for o in base]
    for j, a in enumerate(arrays):
        for idx in np.ndindex(a.shape):
            hi, lo = [np.array(v, dtype=float) for v in arrays], [np.array(v, dtype=float) for v in arrays]
            hi[j][idx] += eps
            lo[j][idx] -= eps
            for i, (p, q) in enumerate(zip(run(hi), run(lo))):
                blocks[i][j][(Ellipsis,) + idx] = (p - q) / (2 * eps)
    return blocks


def _flat(result):
    """Nested tuples of tensors as a list of arrays (and their nesting, to compare structures)."""
    if isinstance(result, tuple):
        items = [_flat(r) for r in result]
        return [a for arrays, _ in items for a in arrays], tuple(s for _, s in items)
    data = result._data if isinstance(result, minigrad.Tensor) else result.detach().numpy()
    return [np.asarray(data)], tuple(np.shape(data))


def _same_as_torch(ours, theirs, tol=1e-10):
    a, sa = _flat(ours)
    b, sb = _flat(theirs)
    assert sa == sb
    for x, y in zip(a, b):
        np.testing.assert_allclose(x, y, rtol=tol, atol=tol)


def _torch():
    return pytest.importorskip("torch")


def _t(torch, *arrays):
    return tuple(torch.tensor(a, dtype=torch.float64) for a in arrays)


# ----- vjp and jvp --------------------------------------------------------------------------------

def test_vjp_single_tensor_against_finite_differences_and_torch():
    v = np.array([0.5, -2.0])
    out, vj = AF.vjp(_lib_fn(f_vec, minigrad), _m(X)[0], _m(v)[0])
    (jac,), = _numeric_jacobian(f_vec, [X])
    np.testing.assert_allclose(vj._data, v @ jac, rtol=1e-6, atol=1e-8)
    assert vj.grad_fn is None and not vj.requires_grad and out.grad_fn is None
    torch = _torch()
    _same_as_torch((out, vj), torch.autograd.functional.vjp(_lib_fn(f_vec, torch), _t(torch, X)[0],
                                                            _t(torch, v)[0]))


def test_vjp_tuple_inputs_and_outputs():
    v = (np.array([1.0, 2.0]), np.ones((2, 2)))
    out, vj = AF.vjp(_lib_fn(f_pair, minigrad), _m(X, Y), _m(*v))
    blocks = _numeric_jacobian(f_pair, [X, Y])
    for j, got in enumerate(vj):
        expected = sum(np.tensordot(v[i], blocks[i][j], axes=v[i].ndim) for i in range(2))
        np.testing.assert_allclose(got._data, expected, rtol=1e-6, atol=1e-8)
    torch = _torch()
    _same_as_torch((out, vj), torch.autograd.functional.vjp(_lib_fn(f_pair, torch), _t(torch, X, Y),
                                                            _t(torch, *v)))


def test_vjp_of_scalar_needs_no_v_and_create_graph_keeps_the_graph():
    x = minigrad.tensor(X, requires_grad=True)
    out, vj = AF.vjp(_lib_fn(f_scalar, minigrad), x, create_graph=True)
    assert vj.grad_fn is not None and out.grad_fn is not None
    (h_row,) = minigrad.autograd.grad(vj[0], x)
    torch = _torch()
    tx = torch.tensor(X, requires_grad=True)
    tout, tvj = torch.autograd.functional.vjp(_lib_fn(f_scalar, torch), tx, create_graph=True)
    (th_row,) = torch.autograd.grad(tvj[0], tx)
    _same_as_torch((out, vj, h_row), (tout, tvj, th_row))


def test_jvp_against_finite_differences_and_torch():
    v = (np.array([0.3, -1.0, 2.0]), np.array([[1.0, 0.0], [0.5, -0.5]]))
    out, jv = AF.jvp(_lib_fn(f_pair, minigrad), _m(X, Y), _m(*v))
    blocks = _numeric_jacobian(f_pair, [X, Y])
    for i, got in enumerate(jv):
        expected = sum(np.tensordot(blocks[i][j], v[j], axes=v[j].ndim) for j in range(2))
        np.testing.assert_allclose(got._data, expected, rtol=1e-6, atol=1e-8)
    torch = _torch()
    _same_as_torch((out, jv), torch.autograd.functional.jvp(_lib_fn(f_pair, torch), _t(torch, X, Y),
                                                            _t(torch, *v)))
    x1 = minigrad.tensor(1.5, dtype=minigrad.float64)
    ours = AF.jvp(lambda t: t.sin() * t, x1)
    theirs = torch.autograd.functional.jvp(lambda t: t.sin() * t, torch.tensor(1.5, dtype=torch.float64))
    _same_as_torch(ours, theirs)


def test_unused_input_gives_zeros_and_strict_raises_torchs_error():
    torch = _torch()
    for lib in (minigrad, torch):
        x, y = (minigrad.tensor(X) if lib is minigrad else torch.tensor(X)), (
            minigrad.tensor(Y) if lib is minigrad else torch.tensor(Y))
        _, (gx, gy) = lib.autograd.functional.vjp(lambda a, b: (a * a).sum(), (x, y))
        assert not np.any(np.asarray(gy.detach().numpy() if lib is torch else gy._data))
        with pytest.raises(RuntimeError) as err:
            lib.autograd.functional.vjp(lambda a, b: (a * a).sum(), (x, y), strict=True)
        assert str(err.value) == ("The output of the user-provided function is independent of input 1. "
                                  "This is not allowed in strict mode.")
        with pytest.raises(RuntimeError) as err:
            lib.autograd.functional.jvp(lambda a, b: (a * a).sum(), (x, y), (x, y), strict=True)
        assert "independent of" in str(err.value)


@pytest.mark.parametrize("call", [
    lambda lib, x: lib.autograd.functional.vjp(lambda t: t * 2, x),
    lambda lib, x: lib.autograd.functional.jvp(lambda t: t * 2, x),
    lambda lib, x: lib.autograd.functional.vjp(lambda t: t * 2, x, x[:2]),
    lambda lib, x: lib.autograd.functional.jvp(lambda t: t * 2, (x, x), (x,)),
    lambda lib, x: lib.autograd.functional.vjp(lambda t: 3, x, x),
    lambda lib, x: lib.autograd.functional.vjp(lambda t: t, (x, 2)),
    lambda lib, x: lib.autograd.functional.hessian(lambda t: t * 2, x),
    lambda lib, x: lib.autograd.functional.hvp(lambda t: (t, t), x, x),
    lambda lib, x: lib.autograd.functional.vhp(lambda t: t * 2, x, x),
    lambda lib, x: lib.autograd.functional.jacobian(lambda t: t * 2, x, strict=True, vectorize=True),
    lambda lib, x: lib.autograd.functional.jacobian(lambda t: (t * 2, x * 2), x, strict=True),
    lambda lib, x: lib.autograd.functional.jacobian(lambda t, u: (t * 2).sum(), (x, x), strict=True),
    lambda lib, x: lib.autograd.functional.jacobian(lambda t: t, x, strategy="sideways"),
    lambda lib, x: lib.autograd.functional.hessian(lambda t: t.sum(), x, strict=True),
])
def test_errors_match_torch(call):
    torch = _torch()
    errors = []
    for lib in (minigrad, torch):
        with pytest.raises((RuntimeError, TypeError, AssertionError)) as err:
            call(lib, lib.tensor([1.0, 2.0, 3.0], dtype=lib.float64))
        errors.append((type(err.value), str(err.value)))
    assert errors[0] == errors[1]


# ----- jacobian ---------------------------------------------------------------------------------

@pytest.mark.parametrize("vectorize", [False, True])
def test_jacobian_structures_and_values(vectorize):
    (jac,), = _numeric_jacobian(f_vec, [X])
    ours = AF.jacobian(_lib_fn(f_vec, minigrad), _m(X)[0], vectorize=vectorize)
    np.testing.assert_allclose(ours._data, jac, rtol=1e-6, atol=1e-8)
    pair = AF.jacobian(_lib_fn(f_pair, minigrad), _m(X, Y), vectorize=vectorize)
    blocks = _numeric_jacobian(f_pair, [X, Y])
    for i in range(2):
        for j in range(2):
            np.testing.assert_allclose(pair[i][j]._data, blocks[i][j], rtol=1e-6, atol=1e-8)
    tuple_in = AF.jacobian(lambda x, y: (x * y.sum()).sum(), _m(X, Y), vectorize=vectorize)
    assert isinstance(tuple_in, tuple) and [t.shape for t in tuple_in] == [(3,), (2, 2)]
    torch = _torch()
    tj = torch.autograd.functional
    _same_as_torch(ours, tj.jacobian(_lib_fn(f_vec, torch), _t(torch, X)[0], vectorize=vectorize))
    _same_as_torch(pair, tj.jacobian(_lib_fn(f_pair, torch), _t(torch, X, Y), vectorize=vectorize))
    _same_as_torch(tuple_in, tj.jacobian(lambda x, y: (x * y.sum()).sum(), _t(torch, X, Y),
                                         vectorize=vectorize))
    unused = AF.jacobian(lambda x, y: x * 2, _m(X, Y), vectorize=vectorize)
    _same_as_torch(unused, tj.jacobian(lambda x, y: x * 2, _t(torch, X, Y), vectorize=vectorize))


def test_vectorized_jacobian_is_one_batched_backward_pass(monkeypatch):
    calls = []
    real = AF._grad

    def counting(*args, **kwargs):
        calls.append(kwargs.get("is_grads_batched"))
        return real(*args, **kwargs)
    monkeypatch.setattr(AF, "_grad", counting)
    x = minigrad.tensor(RNG.normal(size=50), dtype=minigrad.float64)
    jac = AF.jacobian(lambda t: (t.sin(), t * t.sum()), x, vectorize=True)
    assert calls == [True]                       # 150 Jacobian rows, one pass
    assert jac[0].shape == (50, 50) and np.allclose(jac[0]._data, np.diag(np.cos(x._data)))
    calls.clear()
    AF.jacobian(lambda t: (t.sin(), t * t.sum()), x)
    assert calls == [True]                       # built-in ops take batched seeds: one pass again
    calls.clear()
    AF.jacobian(lambda t: (Twice.apply(t), t * t.sum()), x)
    assert calls == [False] * 100                # a custom Function: one pass per output element, as torch


class Twice(minigrad.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, grad):
        assert grad.shape == (50,)               # never a batch of gradients
        return grad * 2


def test_jacobian_create_graph_is_differentiable():
    x = minigrad.tensor(X, requires_grad=True)
    jac = AF.jacobian(lambda t: t ** 3, x, create_graph=True)
    assert jac.grad_fn is not None
    (g,) = minigrad.autograd.grad(jac.sum(), x)
    np.testing.assert_allclose(g._data, 6 * X)


# ----- hessian, hvp, vhp ------------------------------------------------------------------------

def _numeric_hessian(fn, arrays, eps=1e-4):
    """[i][j] blocks by finite differences of the (exact) gradient."""
    def grads(values):
        xs = tuple(minigrad.tensor(v, requires_grad=True) for v in values)
        return [g._data for g in minigrad.autograd.grad(fn(minigrad, *xs), xs)]
    blocks = [[np.zeros(a.shape + b.shape) for b in arrays] for a in arrays]
    for j, a in enumerate(arrays):
        for idx in np.ndindex(a.shape):
            hi, lo = [np.array(v, dtype=float) for v in arrays], [np.array(v, dtype=float) for v in arrays]
            hi[j][idx] += eps
            lo[j][idx] -= eps
            for i, (p, q) in enumerate(zip(grads(hi), grads(lo))):
                blocks[i][j][(Ellipsis,) + idx] = (p - q) / (2 * eps)
    return blocks


@pytest.mark.parametrize("vectorize", [False, True])
def test_hessian_against_finite_differences_and_torch(vectorize):
    h = AF.hessian(_lib_fn(f_scalar, minigrad), _m(X)[0], vectorize=vectorize)
    (num,), = _numeric_hessian(f_scalar, [X])
    np.testing.assert_allclose(h._data, num, rtol=1e-6, atol=1e-7)
    pair = AF.hessian(_lib_fn(f_scalar2, minigrad), _m(X, Y), vectorize=vectorize)
    blocks = _numeric_hessian(f_scalar2, [X, Y])
    for i in range(2):
        for j in range(2):
            np.testing.assert_allclose(pair[i][j]._data, blocks[i][j], rtol=1e-6, atol=1e-7)
    torch = _torch()
    th = torch.autograd.functional.hessian
    _same_as_torch(h, th(_lib_fn(f_scalar, torch), _t(torch, X)[0], vectorize=vectorize))
    _same_as_torch(pair, th(_lib_fn(f_scalar2, torch), _t(torch, X, Y), vectorize=vectorize))


def test_hvp_and_vhp_against_the_hessian_and_torch():
    v = (np.array([1.0, -0.5, 2.0]), np.array([[0.1, 0.2], [0.3, 0.4]]))
    blocks = _numeric_hessian(f_scalar2, [X, Y])
    out, hv = AF.hvp(_lib_fn(f_scalar2, minigrad), _m(X, Y), _m(*v))
    out2, vh = AF.vhp(_lib_fn(f_scalar2, minigrad), _m(X, Y), _m(*v))
    for i in range(2):
        expected = sum(np.tensordot(blocks[i][j], v[j], axes=v[j].ndim) for j in range(2))
        np.testing.assert_allclose(hv[i]._data, expected, rtol=1e-6, atol=1e-7)
        np.testing.assert_allclose(vh[i]._data, expected, rtol=1e-6, atol=1e-7)   # symmetric Hessian
    torch = _torch()
    tf = torch.autograd.functional
    _same_as_torch((out, hv), tf.hvp(_lib_fn(f_scalar2, torch), _t(torch, X, Y), _t(torch, *v)))
    _same_as_torch((out2, vh), tf.vhp(_lib_fn(f_scalar2, torch), _t(torch, X, Y), _t(torch, *v)))
    single = AF.hvp(_lib_fn(f_scalar, minigrad), _m(X)[0], _m(v[0])[0], create_graph=True)
    assert single[1].grad_fn is not None
    _same_as_torch(single, tf.hvp(_lib_fn(f_scalar, torch), _t(torch, X)[0], _t(torch, v[0])[0],
                                  create_graph=True))


def test_vectorized_jacobian_of_several_outputs_is_differentiable_like_torch():
    torch = _torch()
    results = []
    for lib in (minigrad, torch):
        x = lib.tensor(X, dtype=lib.float64, requires_grad=True)
        jac = lib.autograd.functional.jacobian(lambda a: ((a ** 3).sum(), a.sin() * a[0]), x,
                                               create_graph=True, vectorize=True)
        results.append(lib.autograd.grad(jac[0].sum() + (jac[1] * jac[1]).sum(), x))
    _same_as_torch(results[0], results[1])
