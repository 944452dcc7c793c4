"""How much forward and reverse mode cost in minigrad.jax (a benchmark, not a test).

jacfwd on f: R^4 -> R^1000 pushes its 4 tangents through as one batch (the double-vjp trick: a
recorded pullback, then one batched pass over it), so it should cost a small multiple of one
forward pass of f, not 1000 of anything. jacrev on g: R^1000 -> R^4 pulls its 4 cotangents back
as one batch, so it should cost a small multiple of one backward pass of g. The per-row loops
(one jvp per input, one pullback per output) are timed alongside.

Two pairs of functions: "elementwise" (a 1000x4 product and a few elementwise ops, so cheap that
each op's Python bookkeeping outweighs its arithmetic: the ratios count ops), and "mlp" (a
1000x1000 weight matrix, so the arithmetic dominates: the ratios show the method's cost).

    .venv/bin/python benchmarks/bench_jax_modes.py
"""
from __future__ import annotations

import os

# One BLAS thread: on a shared, loaded machine, waking BLAS threads between small calls costs
# more than the products themselves and would swamp what is being measured.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import time  # noqa: E402

import numpy as np  # noqa: E402

import minigrad.jax as jax  # noqa: E402
import minigrad.jax.numpy as jnp  # noqa: E402


def best_of(fn, repeat: int = 7, number: int = 10) -> float:
    """The best mean time of ``number`` calls, over ``repeat`` rounds (seconds)."""
    fn()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def functions(kind: str, rng: np.random.Generator) -> tuple:
    """f: R^4 -> R^1000 and g: R^1000 -> R^4."""
    if kind == "elementwise":
        a = jnp.array(rng.standard_normal((1000, 4)))
        b = jnp.array(rng.standard_normal((4, 1000)) / 30)

        def f(x):
            h = jnp.tanh(jnp.matmul(a, x))
            return h * jnp.sin(h) + jnp.exp(-h * h)

        def g(x):
            h = jnp.tanh(jnp.matmul(b, x * x))
            return h * jnp.sin(h) + jnp.exp(-h * h)

        return f, g
    w1, w2 = jnp.array(rng.standard_normal((1000, 4))), jnp.array(rng.standard_normal((1000, 1000)) / 30)
    w3, w4 = jnp.array(rng.standard_normal((1000, 1000)) / 30), jnp.array(rng.standard_normal((4, 1000)) / 30)
    return (lambda x: jnp.tanh(w2 @ jnp.tanh(w1 @ x))), (lambda x: jnp.tanh(w4 @ jnp.tanh(w3 @ x)))


def ratios(kind: str) -> None:
    """Time jacfwd and jacrev against one forward / backward pass and against per-row loops."""
    rng = np.random.default_rng(0)
    f, g = functions(kind, rng)
    x4, x1000 = jnp.array(rng.standard_normal(4)), jnp.array(rng.standard_normal(1000))
    eye4 = [jnp.eye(4)[i] for i in range(4)]

    forward = best_of(lambda: f(x4))
    jacfwd = best_of(lambda: jax.jacfwd(f)(x4))
    jvp_loop = best_of(lambda: [jax.jvp(f, (x4,), (e,)) for e in eye4])
    assert jax.jacfwd(f)(x4).shape == (1000, 4)

    out, pullback = jax.vjp(g, x1000)
    g_forward = best_of(lambda: g(x1000))
    backward = best_of(lambda: pullback(eye4[0]))
    jacrev = best_of(lambda: jax.jacrev(g)(x1000))
    vjp_loop = best_of(lambda: [jax.vjp(g, x1000)[1](e) for e in eye4])
    assert jax.jacrev(g)(x1000).shape == (4, 1000)

    print(f"[{kind}] jacfwd R^4->R^1000: forward {forward * 1e3:.3f} ms, jacfwd {jacfwd * 1e3:.3f} ms "
          f"= {jacfwd / forward:.1f}x one forward pass (4 separate jvps: {jvp_loop / forward:.1f}x)")
    print(f"[{kind}] jacrev R^1000->R^4: forward {g_forward * 1e3:.3f} ms, backward {backward * 1e3:.3f} ms, "
          f"jacrev {jacrev * 1e3:.3f} ms = {jacrev / backward:.1f}x one backward pass, "
          f"{jacrev / (g_forward + backward):.1f}x forward+backward (4 separate vjps: "
          f"{vjp_loop / (g_forward + backward):.1f}x)")


def main() -> None:
    ratios("elementwise")
    ratios("mlp")


if __name__ == "__main__":
    main()
