"""Property-based differential fuzzing against torch: random programs (ops, shapes, broadcasts,
reuse, indexing, reductions) run in minigrad and in torch, comparing values, gradients and
second derivatives, and the error class of each misuse.

One generator (`programs`) serves every fuzz test. Failing examples are kept in
tests/fuzz_db (in the repository) so that a failure found once stays fixed. The default run is
CI-sized; `MINIGRAD_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz_torch.py` runs a longer one.
"""
import os
import pathlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

import minigrad

torch = pytest.importorskip("torch")



class _KeepingDatabase(DirectoryBasedExampleDatabase):
    """Saves every failure found; never deletes one that passes now, as Hypothesis would: the
    repository keeps them, replayed on every run, so a failure found once stays fixed."""

    def delete(self, key: bytes, value: bytes) -> None:
        pass

    def move(self, src: bytes, dest: bytes, value: bytes) -> None:
        self.save(dest, value)


EXAMPLES = int(os.environ.get("MINIGRAD_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                database=_KeepingDatabase(str(pathlib.Path(__file__).parent / "fuzz_db")),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Each op: (name, arity, function of (module, *tensors, param)). The same code runs on both
# modules: only the library differs, so any difference is minigrad's.
UNARY = {
    "neg": lambda m, a, p: -a,
    "tanh": lambda m, a, p: m.tanh(a),
    "sin": lambda m, a, p: m.sin(a),
    "sigmoid": lambda m, a, p: m.sigmoid(a),
    "square": lambda m, a, p: a ** 2,
    "exp_tanh": lambda m, a, p: m.exp(m.tanh(a)),
    "cube_scaled": lambda m, a, p: (a * 0.5) ** 3,
    "relu_shift": lambda m, a, p: m.relu(a + 0.3),
    "scalar_ops": lambda m, a, p: 2.0 - a / 3.0 + 1,
    "sum_dim": lambda m, a, p: a.sum(p % a.dim(), keepdim=bool(p % 2)) if a.dim() else a.sum(),
    "mean_all": lambda m, a, p: a.mean(),
    "transpose": lambda m, a, p: a.transpose(0, a.dim() - 1) if a.dim() >= 2 else a,
    "flatten": lambda m, a, p: a.reshape(-1),
    "unsqueeze": lambda m, a, p: a.unsqueeze(0),
    "index_first": lambda m, a, p: a[p % a.shape[0]] if a.dim() else a,
    "index_repeat": lambda m, a, p: a[[0, 0, a.shape[0] - 1]] if a.dim() else a,
    "softmax": lambda m, a, p: m.softmax(a, dim=-1) if a.dim() else a,
    "logsumexp": lambda m, a, p: m.logsumexp(a, dim=-1) if a.dim() else a,
    "log_softmax": lambda m, a, p: m.log_softmax(a, dim=0) if a.dim() else a,
    "prod_dim": lambda m, a, p: a.prod(p % a.dim()) if a.dim() else a.prod(),
    "var": lambda m, a, p: a.var() if a.numel() > 1 else a,
    "max_dim": lambda m, a, p: a.max(p % a.dim())[0] if a.dim() else a.max(),
    "amax": lambda m, a, p: a.amax(-1) if a.dim() else a,
    "abs": lambda m, a, p: (a - 0.25).abs(),
    "clamp": lambda m, a, p: a.clamp(-0.5, 0.7),
    "std_dim": lambda m, a, p: a.std(0) if a.dim() and a.shape[0] > 1 else a,
    "expand": lambda m, a, p: a.unsqueeze(0).expand(2, *a.shape),
    "permute": lambda m, a, p: a.permute(*reversed(range(a.dim()))) if a.dim() else a,
    "slice": lambda m, a, p: a[1:] if a.dim() and a.shape[0] > 1 else a,
    "mask_index": lambda m, a, p: a[a > 0.1],
    "no_grad_detour": lambda m, a, p: a * _no_grad_copy(m, a),
    "inplace_mul": lambda m, a, p: _inplace(m, a),
    "setitem": lambda m, a, p: _setitem(m, a),
}


def _no_grad_copy(m, a):
    with m.no_grad():
        return a * 2


def _inplace(m, a):
    b = a * 1.5
    b.mul_(2)
    b.add_(a)
    return b


def _setitem(m, a):
    b = a * 1.0
    if b.dim():
        b[0] = a[0] * 3
    return b
BINARY = {
    "add": lambda m, a, b, p: a + b,
    "sub": lambda m, a, b, p: a - b,
    "mul": lambda m, a, b, p: a * b,
    "div": lambda m, a, b, p: a / (2.0 + m.sigmoid(b)),
    "maximum": lambda m, a, b, p: m.maximum(a, b * 0.7 + 0.01),
    "where": lambda m, a, b, p: m.where(a > b, a, b * 2),
    "matmul": lambda m, a, b, p: a @ b,
    "matmul_t": lambda m, a, b, p: a @ b.transpose(-1, -2) if b.dim() >= 2 else a @ b,
    "cat": lambda m, a, b, p: m.cat([a, b]) if a.dim() else m.stack([a, b]),
    "stack": lambda m, a, b, p: m.stack([a, a * b]),
    "pow": lambda m, a, b, p: (a * a + 0.5) ** (b * 0.5),
}


@st.composite
def programs(draw):
    """A random program: leaves of broadcast-compatible shapes and a list of op steps."""
    base = draw(st.lists(st.integers(1, 3), min_size=0, max_size=3))
    n_leaves = draw(st.integers(1, 3))
    shapes = []
    for _ in range(n_leaves):
        keep = draw(st.integers(0, len(base)))
        shape = [s if draw(st.booleans()) else 1 for s in base[len(base) - keep:]]
        shapes.append(tuple(shape))
    # Values of |x| < 1e-6 become 0: zeros are kept (prod, abs, relu treat them specially),
    # vanishing magnitudes where float64 itself under- or overflows are not.
    values = [draw(st.lists(st.floats(-2, 2, allow_nan=False).map(lambda v: 0.0 if abs(v) < 1e-6 else v),
                            min_size=int(np.prod(s)), max_size=int(np.prod(s)))) for s in shapes]
    steps = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            steps.append(("u", draw(st.sampled_from(sorted(UNARY))), draw(st.integers(0, 99)),
                          draw(st.integers(0, 99)), 0))
        else:
            steps.append(("b", draw(st.sampled_from(sorted(BINARY))), draw(st.integers(0, 99)),
                          draw(st.integers(0, 99)), draw(st.integers(0, 99))))
    return shapes, values, steps


def run_program(module, program):
    """Build the program's graph in ``module``; returns (leaves, output) or raises."""
    shapes, values, steps = program
    leaves = [module.tensor(np.array(v, dtype=np.float64).reshape(s), dtype=module.float64,
                            requires_grad=True) for v, s in zip(shapes and values, shapes)]
    return leaves, run_steps(module, leaves, steps)


def run_steps(module, leaves, steps):
    """The program's ops applied to ``leaves``; returns the last result."""
    pool = list(leaves)
    for kind, name, i, p, j in steps:
        a = pool[i % len(pool)]
        b = pool[j % len(pool)]
        pool.append(UNARY[name](module, a, p) if kind == "u" else BINARY[name](module, a, b, p))
    return pool[-1]


def outcome(module, program):
    """Values, gradients and second derivatives of a random program, as NumPy arrays."""
    try:
        leaves, out = run_program(module, program)
        loss = (out * out).sum() if out.dim() else out * out
        grads = module.autograd.grad(loss, leaves, create_graph=True, allow_unused=True)
        used = [g for g in grads if g is not None and g.requires_grad]
        total = sum(((g * g).sum() for g in used), module.tensor(0., dtype=module.float64))
        second = (module.autograd.grad(total, leaves, allow_unused=True) if used
                  else [None] * len(leaves))
    except Exception as error:  # noqa: BLE001 - the error class is part of the comparison
        return ("error", type(error).__name__)
    to_np = lambda t: None if t is None else np.asarray(t.detach().numpy())  # noqa: E731
    return ("ok", to_np(out), [to_np(g) for g in grads], [to_np(g) for g in second])


def assert_same(a, b):
    assert a[0] == b[0], (a, b)
    if a[0] == "error":
        assert a[1] == b[1]
        return
    np.testing.assert_allclose(a[1], b[1], rtol=1e-9, atol=1e-12)
    for ga, gb in zip(a[2] + a[3], b[2] + b[3]):
        if ga is None or gb is None:
            # torch gives None where nothing flowed; zeros where a path existed but carried 0.
            assert (ga is None or not np.any(ga)) and (gb is None or not np.any(gb))
            continue
        np.testing.assert_allclose(ga, gb, rtol=1e-7, atol=1e-9)


@FUZZ
@given(programs())
def test_random_programs_match_torch(program):
    assert_same(outcome(minigrad, program), outcome(torch, program))


def second_backward(m, x):
    y = (x * x).sum()
    y.backward()
    return y.backward


def nonscalar_backward(m, x):
    return (x.reshape(-1) * m.ones(2, dtype=m.float64)[:, None]).backward


def unused_input(m, x):
    other = m.ones(1, dtype=m.float64, requires_grad=True)
    return lambda: m.autograd.grad((x * 2).sum(), [x, other])


def output_without_grad(m, x):
    return lambda: m.autograd.grad(x.detach().sum(), x)


def mismatched_grad_output(m, x):
    y = x * 2
    return lambda: m.autograd.grad(y, x, m.ones(*x.shape, 2, dtype=m.float64))


def modified_saved(m, x):
    a = x * 2
    b = (a * a).sum()
    a.mul_(3)
    return b.backward


def leaf_in_place(m, x):
    return lambda: x.add_(1)


def hook_that_fails(m, x):
    y = x.exp() * 2
    x.register_hook(lambda g: 1 / 0)
    return y.sum().backward


MISUSES = [second_backward, nonscalar_backward, unused_input, output_without_grad,
           mismatched_grad_output, modified_saved, leaf_in_place, hook_that_fails]


@FUZZ
@given(programs(), st.sampled_from(MISUSES))
def test_misuse_raises_the_same_error_class_as_torch_and_keeps_grad(program, misuse):
    results = []
    for module in (minigrad, torch):
        try:
            leaves, _ = run_program(module, program)
        except Exception:  # noqa: BLE001 - an invalid program (checked by the test above): no misuse to try
            results.append("invalid")
            continue
        x = leaves[0]
        call = misuse(module, x)
        before = None if x.grad is None else x.grad.detach().numpy().copy()
        try:
            call()
            results.append("ok")
        except Exception as error:  # noqa: BLE001 - the class is compared
            results.append(type(error).__name__)
            if module is minigrad:
                # minigrad is stricter than torch on purpose: a call that raises changes no .grad.
                after = None if x.grad is None else x.grad.detach().numpy()
                assert (before is None and after is None) or np.array_equal(before, after)
    assert results[0] == results[1]


# The same programs differentiated through the other dialects' calls (jax.grad, ms.grad,
# tf.GradientTape) must give what autograd.grad gives: four front doors, one tape.
# Only steps that mean the same in every dialect: operators, core functions (minigrad.tanh(x)
# on any dialect's tensor) and indexing. Tensor methods are each framework's own (JAX's
# x.max(0) is not torch's, TensorFlow's `@` refuses vectors), so those steps stay torch-only.
COMMON_STEPS = {"neg", "tanh", "sin", "sigmoid", "square", "exp_tanh", "cube_scaled", "relu_shift",
                "scalar_ops", "mean_all", "flatten", "index_first", "softmax", "logsumexp", "log_softmax",
                "slice", "add", "sub", "mul", "div", "maximum", "where", "pow"}


@st.composite
def pure_programs(draw):
    """Programs of common steps only, without in-place ops or no_grad sections (a function a
    transform can replay)."""
    shapes, values, steps = draw(programs())
    steps = [s for s in steps if s[1] in COMMON_STEPS]
    return shapes, values, steps or [("u", "tanh", 0, 0, 0)]


def dialect_grads(dialect, program):
    shapes, values, steps = program
    arrays = [np.array(v, dtype=np.float32).reshape(s) for v, s in zip(values, shapes)]

    def loss(*leaves):
        out = run_steps(minigrad, leaves, steps)
        return (out * out).sum()
    try:
        if dialect == "torch":
            leaves = [minigrad.tensor(a, requires_grad=True) for a in arrays]
            grads = minigrad.autograd.grad(loss(*leaves), leaves, allow_unused=True, materialize_grads=True)
        elif dialect == "jax":
            import minigrad.jax as jax
            grads = jax.grad(loss, argnums=tuple(range(len(arrays))))(*[jax.numpy.asarray(a) for a in arrays])
        elif dialect == "ms":
            import minigrad.ms as ms
            grads = ms.grad(loss, grad_position=tuple(range(len(arrays))))(*[ms.Tensor(a) for a in arrays])
            grads = grads if isinstance(grads, tuple) else (grads,)
        else:
            import minigrad.tf as tf
            leaves = [tf.constant(a) for a in arrays]
            with tf.GradientTape() as tape:
                for leaf in leaves:
                    tape.watch(leaf)
                y = loss(*leaves)
            grads = tape.gradient(y, leaves, unconnected_gradients="zero")
    except Exception as error:  # noqa: BLE001 - the class is compared
        return type(error).__name__
    return [np.asarray(g) for g in grads]


@FUZZ
@given(pure_programs(), st.sampled_from(["jax", "ms", "tf"]))
def test_other_dialects_differentiate_random_programs_as_autograd_grad(program, dialect):
    want, got = dialect_grads("torch", program), dialect_grads(dialect, program)
    if isinstance(want, str) or isinstance(got, str):
        assert isinstance(want, str) and isinstance(got, str), (want, got)
        return
    for w, g in zip(want, got):
        np.testing.assert_allclose(g, w, rtol=1e-5, atol=1e-6)
