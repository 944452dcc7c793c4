"""How much forward and reverse mode cost in minigrad.jax (a benchmark, not a test).

jacfwd on f: R^4 -> R^1000 pushes its 4 tangents through as one batch, so it should cost a small
multiple of one forward pass of f (not 1000 of anything). jacrev on g: R^1000 -> R^4 pulls its
4 cotangents back as one batch, so it should cost a small multiple of one backward pass of g.
The per-row loops (one jvp per input, one pullback per output) are timed alongside.

    .venv/bin/python benchmarks/bench_jax_modes.py
"""
from __future__ import annotations

import time

import numpy as np

import minigrad.jax as jax
import minigrad.jax.numpy as jnp


def best_of(fn, repeat: int = 7, number: int = 5) -> float:
    """The best mean time of ``number`` calls, over ``repeat`` rounds (seconds)."""
    fn()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def ratios(n: int) -> None:
    """Time jacfwd on R^4 -> R^n and jacrev on R^n -> R^4 against one forward / backward pass."""
    rng = np.random.default_rng(0)
    a = jnp.array(rng.standard_normal((n, 4)))
    b = jnp.array(rng.standard_normal((4, n)) / np.sqrt(n))

    def f(x):                                   # R^4 -> R^n
        h = jnp.tanh(jnp.matmul(a, x))
        return h * jnp.sin(h) + jnp.exp(-h * h)

    def g(x):                                   # R^n -> R^4
        h = jnp.tanh(jnp.matmul(b, x * x))
        return h * jnp.sin(h) + jnp.exp(-h * h)

    x4 = jnp.array(rng.standard_normal(4))
    xn = jnp.array(rng.standard_normal(n))
    number = max(1, 5000 // n)

    forward = best_of(lambda: f(x4), number=number)
    jacfwd = best_of(lambda: jax.jacfwd(f)(x4), number=number)
    jvp_loop = best_of(lambda: [jax.jvp(f, (x4,), (jnp.eye(4)[i],)) for i in range(4)], number=number)
    assert jax.jacfwd(f)(x4).shape == (n, 4)

    out, pullback = jax.vjp(g, xn)
    ct = jnp.ones(4)
    g_forward = best_of(lambda: g(xn), number=number)
    backward = best_of(lambda: pullback(ct), number=number)
    jacrev = best_of(lambda: jax.jacrev(g)(xn), number=number)
    vjp_loop = best_of(lambda: [pullback(jnp.eye(4)[i]) for i in range(4)], number=number)
    assert jax.jacrev(g)(xn).shape == (4, n)

    print(f"jacfwd R^4->R^{n}: forward {forward * 1e3:.2f} ms, jacfwd {jacfwd * 1e3:.2f} ms "
          f"= {jacfwd / forward:.1f}x one forward pass, {(jacfwd - forward) / 4 / forward:.1f}x per "
          f"tangent (a loop of 4 jvps: {jvp_loop / forward:.1f}x)")
    print(f"jacrev R^{n}->R^4: backward {backward * 1e3:.2f} ms (forward {g_forward * 1e3:.2f} ms), "
          f"jacrev {jacrev * 1e3:.2f} ms = {jacrev / backward:.1f}x one backward pass, "
          f"{jacrev / (g_forward + backward):.1f}x forward+backward (a loop of 4 pullbacks: "
          f"{vjp_loop / backward:.1f}x)")


def main() -> None:
    # At n = 1000 an op's NumPy work (about a microsecond) is smaller than its Python
    # bookkeeping, so the ratios count ops: jacfwd runs the forward recorded, a recorded
    # pullback and one batched pass over it (about 3x the ops of a forward, each dearer
    # than an unrecorded one). At n = 200000 the arithmetic dominates and the ratios
    # approach what the method costs.
    ratios(1000)
    ratios(200000)


if __name__ == "__main__":
    main()
