"""minigrad against hand-written NumPy (and torch, when installed), in one process, interleaved.

Every workload is the same computation three ways: minigrad, NumPy with a hand-written backward
pass (the practical limit), and torch on the CPU with one thread. Timings are interleaved (A B C,
B C A, ...) after a warm-up; each variant reports the median, min and max seconds per call, and
its ratio ``median / median(numpy)``. It measures; it asserts nothing about time.

    python benchmarks/run.py              # every workload; writes results.json and results.png
    python -m benchmarks.run W3           # one workload (prints only, unless --save)
    python benchmarks/run.py --profile W1 # cProfile of the minigrad variant, top functions
"""
from __future__ import annotations

import os
import sys

# Pin every BLAS/OpenMP pool to one thread before NumPy (or torch) is imported.
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS",
               "NUMEXPR_NUM_THREADS")
if "numpy" not in sys.modules:
    for _var in THREAD_VARS:
        os.environ[_var] = "1"

import argparse  # noqa: E402
import ctypes  # noqa: E402
import gc  # noqa: E402
import importlib  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import textwrap  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, Callable  # noqa: E402

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

import minigrad  # noqa: E402

try:
    import torch
    torch.set_num_threads(1)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
except ImportError:
    torch = None

F32, F64 = np.float32, np.float64


class Skip(Exception):
    """A variant that cannot run here (a module or op not there yet); the message says why."""


@dataclass
class Variant:
    """``run()`` is what is timed; ``result()`` returns the arrays the smoke test compares."""
    run: Callable[[], Any]
    result: Callable[[], list]


@dataclass
class Case:
    """One workload, built: variants by name (a Skip in place of a variant that cannot run)."""
    variants: dict[str, Variant | Skip]
    ops: int = 0                      # elementwise ops per call, for microseconds per op
    rtol: float = 1e-5
    atol: float = 1e-6
    extra: dict = field(default_factory=dict)


def _np(t: Any) -> np.ndarray:
    return np.array(t if isinstance(t, np.ndarray) else t.detach().numpy(), copy=True)


def _sub(lib: Any, name: str) -> Any:
    """``lib.<name>`` as a module, or Skip when it is not there (yet)."""
    try:
        return importlib.import_module(f"{lib.__name__}.{name}")
    except ImportError as e:
        raise Skip(f"{lib.__name__}.{name} is not there yet ({e})") from None


def _guard(build: Callable[[], Variant]) -> Variant | Skip:
    try:
        return build()
    except Skip as e:
        return e
    except (AttributeError, ImportError, NotImplementedError) as e:   # a part not written yet
        return Skip(f"{type(e).__name__}: {e}")


def _libs() -> list:
    return [minigrad] + ([torch] if torch is not None else [])


# --------------------------------------------------------------------------------------------
# W1 and W3: chains of h = relu(h*w + b)*s + x (five elementwise ops per step)
# --------------------------------------------------------------------------------------------

def _chain_data(branches: int, steps: int, n: int, seed: int, inverse_s: bool) -> dict:
    """w, s near 1 (s = 1/w for long chains, so products stay near 1); b, x small and positive,
    so h stays positive, every relu is active and nothing under- or overflows."""
    rng = np.random.default_rng(seed)
    w = rng.uniform(0.99, 1.01, (branches, n)).astype(F32)
    s = (1 / w).astype(F32) if inverse_s else rng.uniform(0.99, 1.01, (branches, n)).astype(F32)
    return dict(x=rng.uniform(0, 0.01, n).astype(F32), w=w, b=rng.uniform(0, 0.01, (branches, n)).astype(F32),
                s=s, steps=steps)


def _chain_numpy(d: dict, params_grad: bool) -> Variant:
    """Hand-written forward and backward; shared-parameter gradients are summed once at the end
    (stacked), not accumulated step by step."""
    x, steps = d["x"], d["steps"]
    branches = [(d["w"][i], d["b"][i], d["s"][i]) for i in range(len(d["w"]))]
    out: list = []

    def run() -> None:
        gxs, grads = [], []
        for w, b, s in branches:
            hs, acts = [x], []
            h = x
            for _ in range(steps):
                a = h * w
                a += b
                np.maximum(a, 0, out=a)
                acts.append(a)
                h = a * s
                h += x
                hs.append(h)
            g = np.ones_like(x)
            gs, gas = [g], []
            for k in range(steps - 1, -1, -1):
                ga = g * s
                ga *= acts[k] > 0
                gas.append(ga)
                g = ga * w
                gs.append(g)
            gxs.append(np.sum(gs, axis=0))       # x feeds every step and starts the chain
            if params_grad:
                ga_st = np.array(gas[::-1])
                grads += [(ga_st * np.array(hs[:-1])).sum(0), ga_st.sum(0),
                          (np.array(gs[:-1][::-1]) * np.array(acts)).sum(0)]
        out[:] = [np.sum(gxs, axis=0)] + grads

    return Variant(run, lambda: [a.copy() for a in out])


def _chain_lib(lib: Any, d: dict, params_grad: bool) -> Variant:
    x = lib.tensor(d["x"], requires_grad=True)
    branches = [tuple(lib.tensor(p[i], requires_grad=params_grad) for p in (d["w"], d["b"], d["s"]))
                for i in range(len(d["w"]))]
    leaves = [x] + ([p for br in branches for p in br] if params_grad else [])
    steps = d["steps"]

    def run() -> None:
        for p in leaves:
            p.grad = None
        total = None
        for w, b, s in branches:
            h = x
            for _ in range(steps):
                h = (h * w + b).relu() * s + x
            total = h.sum() if total is None else total + h.sum()
        total.backward()

    return Variant(run, lambda: [_np(p.grad) for p in leaves])


class _Tape:
    """The leanest Python tape for W1/W3's ops (a floor, not an engine): an op appends
    ``(kind, out, a, b)`` to a list, backward walks it in reverse. No dtypes, versions, hooks,
    graph pruning or error checks; what any Python-level engine pays at the least per op."""

    def __init__(self) -> None:
        self.ops: list = []

    def leaf(self, array: np.ndarray) -> "_Var":
        return _Var(array, self)

    def backward(self, out: "_Var") -> None:
        out.g = np.ones_like(out.d)
        for kind, o, a, b in reversed(self.ops):
            g = o.g
            if kind == 0:                               # add
                a.g = g if a.g is None else a.g + g
                b.g = g if b.g is None else b.g + g
            elif kind == 1:                             # mul
                ga, gb = g * b.d, g * a.d
                a.g = ga if a.g is None else a.g + ga
                b.g = gb if b.g is None else b.g + gb
            elif kind == 2:                             # relu
                ga = g * (o.d > 0)
                a.g = ga if a.g is None else a.g + ga
            else:                                       # sum
                ga = np.broadcast_to(g, a.d.shape)
                a.g = ga if a.g is None else a.g + ga
        self.ops.clear()


class _Var:
    __slots__ = ("d", "g", "tape")

    def __init__(self, d: np.ndarray, tape: _Tape) -> None:
        self.d, self.g, self.tape = d, None, tape

    def _op(self, kind: int, d: np.ndarray, other: "_Var | None" = None) -> "_Var":
        out = _Var(d, self.tape)
        self.tape.ops.append((kind, out, self, other))
        return out

    def __add__(self, o: "_Var") -> "_Var":
        return self._op(0, self.d + o.d, o)

    def __mul__(self, o: "_Var") -> "_Var":
        return self._op(1, self.d * o.d, o)

    def relu(self) -> "_Var":
        return self._op(2, np.maximum(self.d, 0))

    def sum(self) -> "_Var":
        return self._op(3, self.d.sum())


def _chain_tape(d: dict, params_grad: bool) -> Variant:
    """W1/W3 through the leanest Python tape (every input tracked, as it has no pruning)."""
    tape = _Tape()
    x = tape.leaf(d["x"])
    branches = [tuple(tape.leaf(p[i]) for p in (d["w"], d["b"], d["s"])) for i in range(len(d["w"]))]
    leaves = [x] + ([p for br in branches for p in br] if params_grad else [])
    steps = d["steps"]

    def run() -> None:
        for p in [x] + [p for br in branches for p in br]:
            p.g = None
        total = None
        for w, b, s in branches:
            h = x
            for _ in range(steps):
                h = (h * w + b).relu() * s + x
            total = h.sum() if total is None else total + h.sum()
        tape.backward(total)

    return Variant(run, lambda: [np.array(p.g, copy=True) for p in leaves])


def w1(tiny: bool = False) -> Case:
    """Per-op overhead: 4 branches x 100 steps x 5 ops on 4-element vectors (plus 7 to sum them),
    forward + backward; every w, b, s and x requires grad (shared across steps: accumulation)."""
    branches, steps = (2, 3) if tiny else (4, 100)
    d = _chain_data(branches, steps, 4, 1, inverse_s=False)
    variants = {"numpy": _chain_numpy(d, True)}
    for lib in _libs():
        variants[lib.__name__] = _chain_lib(lib, d, True)
    variants["minimal tape"] = _chain_tape(d, True)
    return Case(variants, ops=branches * steps * 5 + 2 * branches - 1, rtol=1e-4)


def w3(tiny: bool = False) -> Case:
    """Deep chain: 4,000 steps x 5 ops = 20,000 sequential ops on a 16-element vector, forward +
    backward; only x requires grad (w, b, s are constants)."""
    steps = 20 if tiny else 4000
    d = _chain_data(1, steps, 16, 3, inverse_s=True)
    variants = {"numpy": _chain_numpy(d, False)}
    for lib in _libs():
        variants[lib.__name__] = _chain_lib(lib, d, False)
    variants["minimal tape"] = _chain_tape(d, False)
    return Case(variants, ops=steps * 5 + 1, rtol=1e-4)


# --------------------------------------------------------------------------------------------
# W2 and W6: MLPs (torch's Linear layout: weight (out, in), y = x @ W.T + b)
# --------------------------------------------------------------------------------------------

def _mlp_data(sizes: tuple, batch: int, seed: int, classes: bool) -> dict:
    rng = np.random.default_rng(seed)
    layers = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        bound = 1 / np.sqrt(fan_in)
        layers.append((rng.uniform(-bound, bound, (fan_out, fan_in)).astype(F32),
                       rng.uniform(-bound, bound, fan_out).astype(F32)))
    X = rng.standard_normal((batch, sizes[0]), dtype=F32)
    y = rng.integers(0, sizes[-1], batch) if classes else rng.standard_normal((batch, sizes[-1]), dtype=F32)
    return dict(layers=layers, X=X, y=y)


def _mlp_numpy(d: dict, train: bool, lr: float) -> Variant:
    """Hand-written: in-place bias, relu and scaling; cross-entropy (train) or mean squared error."""
    params = [p.copy() for layer in d["layers"] for p in layer]
    X, y = d["X"], d["y"]
    B, idx = len(X), np.arange(len(X))
    out: list = []

    def run() -> None:
        acts = [X]
        for i in range(0, len(params), 2):
            z = acts[-1] @ params[i].T
            z += params[i + 1]
            if i + 2 < len(params):
                np.maximum(z, 0, out=z)
            acts.append(z)
        z = acts.pop()
        if train:                                   # softmax cross-entropy, mean over the batch
            z -= z.max(1, keepdims=True)
            e = np.exp(z)
            s = e.sum(1, keepdims=True)
            loss = np.log(s[:, 0]).mean() - z[idx, y].mean()
            e /= s
            e[idx, y] -= 1
            e *= 1 / B
            g = e
        else:                                       # mean squared error against y
            z -= y
            loss = np.vdot(z, z) / z.size
            z *= 2 / z.size
            g = z
        grads = [None] * len(params)
        for i in range(len(params) - 2, -1, -2):
            a = acts.pop()
            grads[i], grads[i + 1] = g.T @ a, g.sum(0)
            if i:
                g = g @ params[i]
                g *= a > 0
        if train:
            for p, gp in zip(params, grads):
                gp *= lr
                p -= gp
        out[:] = [np.asarray(loss)] + (params if train else grads)

    return Variant(run, lambda: [np.array(a, copy=True) for a in out])


def _mlp_lib(lib: Any, d: dict, train: bool, lr: float) -> Variant:
    """The same model in plain tensor ops (matmul, relu, log_softmax, indexing, in-place SGD)."""
    params = [lib.tensor(p, requires_grad=True) for layer in d["layers"] for p in layer]
    X = lib.tensor(d["X"])
    y = lib.tensor(d["y"])
    idx = lib.arange(len(d["X"]))
    out: list = []

    def run() -> None:
        h = X
        for i in range(0, len(params), 2):
            h = h @ params[i].t() + params[i + 1]
            if i + 2 < len(params):
                h = h.relu()
        loss = -h.log_softmax(1)[idx, y].mean() if train else ((h - y) ** 2).mean()
        for p in params:
            p.grad = None
        loss.backward()
        if train:
            with lib.no_grad():
                for p in params:
                    p.sub_(p.grad, alpha=lr)
        out[:] = [loss]

    return Variant(run, lambda: [_np(out[0])] + [_np(p if train else p.grad) for p in params])


def _mlp_nn(lib: Any, d: dict, lr: float) -> Variant:
    """Through lib.nn (Sequential, Linear, ReLU, CrossEntropyLoss) and lib.optim.SGD."""
    nn, optim = _sub(lib, "nn"), _sub(lib, "optim")
    layers: list = []
    for k in range(len(d["layers"])):
        relu = [nn.ReLU()] if k + 1 < len(d["layers"]) else []
        layers += [nn.Linear(*d["layers"][k][0].shape[::-1])] + relu
    model = nn.Sequential(*layers)
    linears = [m for m in layers if isinstance(m, nn.Linear)]
    with lib.no_grad():
        for lin, (W, b) in zip(linears, d["layers"]):
            lin.weight.copy_(lib.tensor(W))
            lin.bias.copy_(lib.tensor(b))
    loss_fn, opt = nn.CrossEntropyLoss(), optim.SGD(model.parameters(), lr=lr)
    X, y = lib.tensor(d["X"]), lib.tensor(d["y"])
    out: list = []

    def run() -> None:
        opt.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        opt.step()
        out[:] = [loss]

    return Variant(run, lambda: [_np(out[0])] + [_np(p) for lin in linears for p in (lin.weight, lin.bias)])


def w2(tiny: bool = False) -> Case:
    """Training step: MLP 784-256-128-10, batch 64, ReLU, softmax cross-entropy, SGD (lr 0.01)."""
    sizes, batch = ((12, 8, 6, 3), 5) if tiny else ((784, 256, 128, 10), 64)
    d = _mlp_data(sizes, batch, 2, classes=True)
    variants: dict = {"numpy": _mlp_numpy(d, True, 0.01)}
    for lib in _libs():
        variants[lib.__name__] = _guard(lambda: _mlp_lib(lib, d, True, 0.01))
        variants[f"{lib.__name__} nn+optim"] = _guard(lambda: _mlp_nn(lib, d, 0.01))
    return Case(variants, rtol=1e-4, atol=1e-6)


def w6(tiny: bool = False) -> Case:
    """Large tensors: MLP 1024-1024-1024, batch 4096, float32, mean squared error, forward + backward."""
    sizes, batch = ((16, 16, 16), 8) if tiny else ((1024, 1024, 1024), 4096)
    d = _mlp_data(sizes, batch, 6, classes=False)
    variants: dict = {"numpy": _mlp_numpy(d, False, 0.0)}
    for lib in _libs():
        variants[lib.__name__] = _guard(lambda: _mlp_lib(lib, d, False, 0.0))
    return Case(variants, rtol=2e-4, atol=1e-6)


# --------------------------------------------------------------------------------------------
# W4: Hessian of sum(tanh(A @ x)**2)
# --------------------------------------------------------------------------------------------

def w4(tiny: bool = False) -> Case:
    """Hessian of sum(tanh(A @ x)**2), x of size 64 (float64): closed form in NumPy
    (A.T diag(2(1-t^2)(1-3t^2)) A); in minigrad and torch, functional.hessian (default: one
    backward per row, as torch; and vectorize=True: one batched pass) and double backward with
    a batched seed (grad with create_graph, then grad with is_grads_batched)."""
    n = 5 if tiny else 64
    rng = np.random.default_rng(4)
    A, x = rng.standard_normal((n, n)) / np.sqrt(n), rng.standard_normal(n)
    out: dict = {}

    def numpy_run() -> None:
        t = np.tanh(A @ x)
        t2 = t * t
        d = (1 - t2) * (1 - 3 * t2)
        d *= 2
        out["numpy"] = (A.T * d) @ A

    variants: dict = {"numpy": Variant(numpy_run, lambda: [out["numpy"]])}

    def keep(name: str, fn: Callable) -> Variant:
        def run() -> None:
            out[name] = fn()
        return Variant(run, lambda: [_np(out[name])])

    for lib in _libs():
        At, xt, eye = lib.tensor(A), lib.tensor(x), lib.eye(n, dtype=lib.float64)

        def f(v: Any, At: Any = At) -> Any:
            return ((At @ v).tanh() ** 2).sum()

        def functional(lib: Any = lib, f: Callable = f, xt: Any = xt, **kw: Any) -> Variant:
            hessian = _sub(lib, "autograd.functional").hessian
            name = f"{lib.__name__} hessian" + ("(vectorize)" if kw else "")
            return keep(name, lambda: hessian(f, xt, **kw))

        def double(lib: Any = lib, f: Callable = f, eye: Any = eye) -> Variant:
            xr = lib.tensor(x, requires_grad=True)

            def hess() -> Any:
                (g,) = lib.autograd.grad(f(xr), xr, create_graph=True)
                return lib.autograd.grad(g, xr, grad_outputs=eye, is_grads_batched=True)[0]
            return keep(f"{lib.__name__} double-backward", hess)

        variants[f"{lib.__name__} hessian"] = _guard(functional)
        variants[f"{lib.__name__} double-backward"] = _guard(double)
        variants[f"{lib.__name__} hessian(vectorize)"] = _guard(lambda: functional(vectorize=True))
    return Case(variants, rtol=1e-9, atol=1e-12)


WORKLOADS: dict[str, tuple[str, Callable[[bool], Case], dict]] = {
    "W1": ("per-op overhead (2,007 ops, 4-vectors)", w1, dict(repeats=15, warmup=2, min_time=0.05)),
    "W2": ("training step MLP 784-256-128-10, b=64", w2, dict(repeats=15, warmup=3, min_time=0.05)),
    "W3": ("deep chain (20,001 ops, 16-vector)", w3, dict(repeats=7, warmup=1, min_time=0.0)),
    "W4": ("Hessian sum(tanh(Ax)^2), n=64", w4, dict(repeats=15, warmup=2, min_time=0.05)),
    "W6": ("MLP 1024-1024-1024, b=4096, f32", w6, dict(repeats=3, warmup=1, min_time=0.0)),
}
TARGETS = {"W1": 2.5, "W2": 1.15, "W3": 2.5, "W4": "<= torch hessian", "W5": "flat RSS, <= 1000 B/node",
           "W6": 1.05}


# --------------------------------------------------------------------------------------------
# The harness
# --------------------------------------------------------------------------------------------

def measure(variants: dict[str, Variant], repeats: int, warmup: int, min_time: float,
            skipped: dict[str, str]) -> dict[str, dict]:
    """Warm up, calibrate calls per sample (each sample lasts at least ``min_time``), then time the
    variants interleaved, rotating the order every round. Seconds per call: median, min, max of
    the process CPU time (what other processes on a shared machine disturb least), and the same
    of the wall-clock time (``wall_*``)."""
    gc.collect()
    gc.freeze()              # objects alive now (modules, data) are never rescanned: cheap collects
    live = {}
    for name, v in variants.items():
        try:
            t0 = time.perf_counter()
            for _ in range(max(warmup, 1)):
                v.run()
            per_call = (time.perf_counter() - t0) / max(warmup, 1)
        except Exception as e:               # an op or module not there yet: report, do not time
            skipped[name] = f"{type(e).__name__}: {e}"
            continue
        live[name] = (v.run, max(1, int(min_time / max(per_call, 1e-9))))
    samples: dict[str, list] = {name: [] for name in live}
    walls: dict[str, list] = {name: [] for name in live}
    names = list(live)
    for r in range(repeats):
        for name in names[r % len(names):] + names[:r % len(names)]:
            run, number = live[name]
            gc.collect()
            c0, t0 = time.process_time(), time.perf_counter()
            for _ in range(number):
                run()
            t1, c1 = time.perf_counter(), time.process_time()
            samples[name].append((c1 - c0) / number)
            walls[name].append((t1 - t0) / number)
    gc.unfreeze()
    return {name: dict(median=statistics.median(s), min=min(s), max=max(s), number=live[name][1],
                       samples=s, wall_median=statistics.median(walls[name]), wall_min=min(walls[name]),
                       wall_max=max(walls[name]), wall_samples=walls[name]) for name, s in samples.items()}


def run_workload(key: str, tiny: bool = False, repeats: int | None = None) -> dict:
    """Build and time one workload; ratios are to the median of the NumPy baseline."""
    title, build, cfg = WORKLOADS[key]
    case = build(tiny)
    skipped = {n: str(v) for n, v in case.variants.items() if isinstance(v, Skip)}
    variants = {n: v for n, v in case.variants.items() if not isinstance(v, Skip)}
    cfg = dict(cfg, repeats=repeats or cfg["repeats"])
    if tiny:
        cfg.update(warmup=1, min_time=0.0)
    stats = measure(variants, skipped=skipped, **cfg)
    base = stats.get("numpy", {}).get("median")
    wall = stats.get("numpy", {}).get("wall_median")
    for s in stats.values():
        s["ratio"] = s["median"] / base if base else None
        s["wall_ratio"] = s["wall_median"] / wall if wall else None
        if case.ops:
            s["us_per_op"] = s["median"] / case.ops * 1e6
    if key == "W4" and "torch hessian" in stats:
        for s in stats.values():
            s["vs_torch_hessian"] = s["median"] / stats["torch hessian"]["median"]
    return dict(title=title, target=TARGETS[key], ops=case.ops, config=cfg, variants=stats, skipped=skipped)


# --------------------------------------------------------------------------------------------
# W5: memory
# --------------------------------------------------------------------------------------------

def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def w5(tiny: bool = False) -> dict:
    """Resident-set growth over 500 W2 steps (after 20 warm-up steps), per variant; bytes per
    graph node of the W3 chain (tracemalloc: held after the forward, and the peak over forward +
    backward); and what stays allocated after the backward (graph still referenced) and after
    the outputs are dropped."""
    steps, warm = (5, 2) if tiny else (500, 20)
    gc.collect()
    gc.freeze()
    try:
        return _w5(tiny, steps, warm)
    finally:
        gc.unfreeze()


def _w5(tiny: bool, steps: int, warm: int) -> dict:
    res: dict = {"target": TARGETS["W5"], "rss_growth": {}, "chain": {}, "skipped": {}}
    case = w2(tiny)
    gc.collect()
    gc.freeze()                  # the data and modules just loaded: not rescanned by each collect
    for name, v in case.variants.items():
        if isinstance(v, Skip):
            res["skipped"][name] = str(v)
            continue
        try:
            for _ in range(warm):
                v.run()
            _trim()
            r0, n0 = _rss(), len(gc.get_objects())
            for _ in range(steps):
                v.run()
            _trim()
            res["rss_growth"][name] = dict(steps=steps, bytes=_rss() - r0, objects=len(gc.get_objects()) - n0)
            if not name.startswith("torch"):     # what Python and NumPy still hold, to the byte
                tracemalloc.start()
                v.run()
                gc.collect()
                t0 = tracemalloc.get_traced_memory()[0]
                for _ in range(steps // 2):
                    v.run()
                gc.collect()
                res["rss_growth"][name].update(traced_steps=steps // 2,
                                               traced_bytes=tracemalloc.get_traced_memory()[0] - t0)
                tracemalloc.stop()
        except Exception as e:
            res["skipped"][name] = f"{type(e).__name__}: {e}"
    del case
    chain = w3(tiny)
    ops = chain.ops
    for name in chain.variants:      # resident set held by the forward, every engine alike
        _trim()
        r0 = _rss()
        held = _forward_only(name, tiny)
        res["chain"][name] = dict(ops=ops, rss_held_after_forward_per_node=(_rss() - r0) / ops)
        del held
    for name, v in chain.variants.items():
        if name == "torch":          # tracemalloc does not see torch's C++ allocations
            continue
        gc.collect()
        tracemalloc.start()
        try:
            base = tracemalloc.get_traced_memory()[0]
            held = _forward_only(name, tiny)
            after_forward = tracemalloc.get_traced_memory()[0] - base
            tracemalloc.reset_peak()
            del held
            gc.collect()
            base2 = tracemalloc.get_traced_memory()[0]
            v.run()
            peak = tracemalloc.get_traced_memory()[1] - base2
            gc.collect()
            after = tracemalloc.get_traced_memory()[0] - base2
        finally:
            tracemalloc.stop()
        res["chain"][name].update(held_after_forward_per_node=after_forward / ops,
                                  peak_forward_backward_per_node=peak / ops, left_after_run_bytes=after)
    res["chain"]["minigrad"].update(_minigrad_retained(tiny))
    return res


def _trim() -> None:
    """Collect, and hand free heap memory back to the OS, so that an RSS difference is what is held."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _forward_only(name: str, tiny: bool = False) -> Any:
    """The W3 forward, kept alive (the graph of minigrad, torch or the minimal tape; the arrays
    the hand-written NumPy keeps for its backward)."""
    steps = 20 if tiny else 4000
    d = _chain_data(1, steps, 16, 3, inverse_s=True)
    w, b, s, x = d["w"][0], d["b"][0], d["s"][0], d["x"]
    if name == "numpy":
        acts, h = [], x
        for _ in range(steps):
            a = h * w
            a += b
            np.maximum(a, 0, out=a)
            acts.append(a)
            h = a * s
            h += x
        return acts, h
    if name == "minimal tape":
        tape = _Tape()
        xt, w, b, s = tape.leaf(x), tape.leaf(w), tape.leaf(b), tape.leaf(s)
    else:
        lib = torch if name == "torch" else minigrad
        xt = lib.tensor(x, requires_grad=True)
        w, b, s = lib.tensor(w), lib.tensor(b), lib.tensor(s)
    h = xt
    for _ in range(steps):
        h = (h * w + b).relu() * s + xt
    return h.sum(), xt


def _minigrad_retained(tiny: bool) -> dict:
    """tracemalloc around one minigrad W3 forward + backward: bytes held with the output (and so
    the graph) still referenced after backward, after dropping it, and the top allocation sites
    still held after backward."""
    gc.collect()
    tracemalloc.start(5)
    try:
        base = tracemalloc.get_traced_memory()[0]
        loss, xt = _forward_only("minigrad", tiny)
        fwd = tracemalloc.get_traced_memory()[0] - base
        snap0 = tracemalloc.take_snapshot()
        loss.backward()
        gc.collect()
        after_bwd = tracemalloc.get_traced_memory()[0] - base
        snap = tracemalloc.take_snapshot()
        top = [f"{s.traceback[0].filename.split('/minigrad/')[-1]}:{s.traceback[0].lineno} "
               f"{s.size} B ({s.count} blocks)" for s in snap.statistics("lineno")[:6]]
        freed = [f"{s.traceback[0].filename.split('/minigrad/')[-1]}:{s.traceback[0].lineno} "
                 f"{s.size_diff} B" for s in snap.compare_to(snap0, "lineno")[:4]]
        del loss, xt, snap, snap0
        gc.collect()
        dropped = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    return dict(forward_held_bytes=fwd, held_after_backward_bytes=after_bwd,
                held_after_dropping_output_bytes=dropped, top_sites_after_backward=top,
                biggest_changes_in_backward=freed)


# --------------------------------------------------------------------------------------------
# Environment, report, chart
# --------------------------------------------------------------------------------------------

def environment() -> dict:
    """Machine, versions, thread settings and the BLAS in use."""
    env: dict = dict(python=sys.version.split()[0], numpy=np.__version__, minigrad=minigrad.__version__,
                     torch=getattr(torch, "__version__", None), machine=platform.machine(),
                     processor=_cpu_name(), cpus=os.cpu_count(),
                     threads={v: os.environ.get(v) for v in THREAD_VARS},
                     date=time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()))
    if torch is not None:
        env["threads"]["torch.get_num_threads()"] = torch.get_num_threads()
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        env["blas"] = {k: blas.get(k) for k in ("name", "version", "openblas configuration")}
        env["simd"] = np.show_config(mode="dicts").get("SIMD Extensions")
    except Exception as e:                    # older NumPy: no dict mode
        env["blas"] = repr(e)
    try:
        from threadpoolctl import threadpool_info
        env["threadpools"] = [{k: p.get(k) for k in ("internal_api", "version", "architecture",
                                                     "num_threads", "threading_layer")}
                              for p in threadpool_info()]
    except ImportError:
        env["threadpools"] = "threadpoolctl not installed"
    return env


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            return next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor()


def _target_text(key: str, name: str, s: dict, w: dict) -> str:
    target = w["target"]
    if key == "W4":
        vs = s.get("vs_torch_hessian")
        return f"{vs:.2f}x torch hessian" if vs is not None else ""
    if name.startswith("minigrad") and isinstance(target, float) and s.get("ratio"):
        return "met" if s["ratio"] <= target else "missed"
    return ""


def print_table(results: dict) -> None:
    print("\nCPU time per call (process_time), ratio = median / median(numpy); wall ratio from perf_counter")
    print(f"{'workload':<5} {'variant':<28} {'median':>10} {'min':>10} {'max':>10} {'ratio':>8} {'wall':>7} "
          f"{'target':>8}  note")
    for key, w in results["workloads"].items():
        print(f"{key:<5} {w['title']}")
        for name, s in w["variants"].items():
            ratio = f"{s['ratio']:.2f}x" if s.get("ratio") else "-"
            note = _target_text(key, name, s, w)
            if "us_per_op" in s:
                note = f"{s['us_per_op']:.2f} us/op  {note}"
            tgt = w["target"] if isinstance(w["target"], str) else f"{w['target']}x"
            wall = f"{s['wall_ratio']:.2f}x" if s.get("wall_ratio") else "-"
            print(f"{'':<5} {name:<28} {_ms(s['median']):>10} {_ms(s['min']):>10} {_ms(s['max']):>10} "
                  f"{ratio:>8} {wall:>7} {tgt if name.startswith('minigrad') else '':>8}  {note}")
        for name, why in w.get("skipped", {}).items():
            print(f"{'':<5} {name:<28} skipped: {why}")
    if "W5" in results:
        m = results["W5"]
        print(f"W5    memory (target: {m['target']})")
        for name, g in m["rss_growth"].items():
            traced = f", traced {g['traced_bytes']:+,} B over {g['traced_steps']} steps" \
                if "traced_bytes" in g else ""
            print(f"{'':<5} {name:<28} RSS growth over {g['steps']} W2 steps: {g['bytes'] / 1024:,.0f} KiB, "
                  f"live objects {g['objects']:+d}{traced}")
        for name, c in m["chain"].items():
            line = f"{'':<5} {name:<28} W3 chain: RSS {c['rss_held_after_forward_per_node']:,.0f} B/node held"
            if "held_after_forward_per_node" in c:
                line += (f"; tracemalloc {c['held_after_forward_per_node']:,.0f} B/node held after forward, "
                         f"peak {c['peak_forward_backward_per_node']:,.0f} B/node over fwd+bwd, "
                         f"{c['left_after_run_bytes']:,} B left after the run")
            print(line)
        mg = m["chain"].get("minigrad", {})
        if mg:
            print(f"{'':<5} {'minigrad':<28} after backward (output kept): "
                  f"{mg['held_after_backward_bytes']:,} B;"
                  f" output dropped: {mg['held_after_dropping_output_bytes']:,} B")
            for site in mg["top_sites_after_backward"]:
                print(f"{'':<33}held after backward: {site}")
        for name, why in m.get("skipped", {}).items():
            print(f"{'':<5} {name:<28} skipped: {why}")


def markdown(results: dict) -> str:
    """The results as Markdown tables (for the README): environment, timings, memory."""
    env = results["environment"]
    pools = env.get("threadpools")
    if isinstance(pools, list):
        pools = ", ".join(" ".join(str(p[k]) for k in ("internal_api", "version", "architecture") if p[k])
                          + f" {p['num_threads']} thread(s)" for p in pools)
    blas = env.get("blas")
    blas = " ".join(str(blas.get(k)) for k in ("name", "version")) if isinstance(blas, dict) else blas
    threads = ", ".join(f"{k}={v}" for k, v in env["threads"].items())
    lines = [f"Run {env['date']} on {env['processor']} ({env['cpus']} CPUs, shared with other jobs: numbers "
             f"are noisy), Python {env['python']}, NumPy {env['numpy']}, torch {env['torch']}, minigrad "
             f"{env['minigrad']}; BLAS {blas}; pools: {pools}; threads: {threads}.", "",
             f"Command: `{results['command'].strip()}`.", "",
             "| | variant | CPU median | min | max | ratio to NumPy | wall-clock ratio | target |",
             "|---|---|---|---|---|---|---|---|"]
    for key, w in results["workloads"].items():
        for i, (name, s) in enumerate(w["variants"].items()):
            extra = f" ({s['us_per_op']:.2f} µs/op)" if "us_per_op" in s else ""
            if key == "W4" and "vs_torch_hessian" in s and name != "numpy":
                extra = f" ({s['vs_torch_hessian']:.2f}x torch hessian)"
            target = w["target"] if isinstance(w["target"], str) else f"≤ {w['target']}x"
            cells = [key if i == 0 else "", name, _ms(s["median"]) + extra, _ms(s["min"]), _ms(s["max"]),
                     f"**{s['ratio']:.2f}x**", f"{s['wall_ratio']:.2f}x",
                     target if name.startswith("minigrad") else ""]
            lines.append("| " + " | ".join(cells) + " |")
        for name, why in w.get("skipped", {}).items():
            lines.append(f"| | {name} | skipped: {why} | | | | | |")
    m = results.get("W5")
    if m:
        lines += ["", f"W5, memory (target: {m['target']}):", "",
                  "| variant | RSS growth, 500 W2 steps | live objects | traced growth, 250 steps | "
                  "W3 B/node held (RSS) | W3 B/node held (tracemalloc) | W3 peak B/node, fwd+bwd |",
                  "|---|---|---|---|---|---|---|"]
        for name in dict.fromkeys([*m["rss_growth"], *m["chain"]]):
            g, c = m["rss_growth"].get(name), m["chain"].get(name, {})
            cells = [f"{g['bytes'] / 1024:,.0f} KiB" if g else "", f"{g['objects']:+d}" if g else "",
                     f"{g['traced_bytes']:+,} B" if g and "traced_bytes" in g else ""]
            keys = ("rss_held_after_forward_per_node", "held_after_forward_per_node",
                    "peak_forward_backward_per_node")
            cells += [f"{c[k]:,.0f}" if k in c else "" for k in keys]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        mg = m["chain"].get("minigrad", {})
        if "held_after_backward_bytes" in mg:
            held = mg["held_after_backward_bytes"]
            lines += ["", "After the W3 backward, with the output still referenced, minigrad holds "
                      f"{held:,} B ({held / mg['ops']:,.0f} B/node: the nodes; the saved arrays are freed); "
                      f"once the output is dropped, {mg['held_after_dropping_output_bytes']:,} B."]
    return "\n".join(lines)


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.3f}ms" if seconds < 10 else f"{seconds:.1f}s"


def plot(results: dict, path: Path) -> None:
    """Bars of ratio to NumPy per workload (minigrad, torch, minimal tape), a log axis, a
    short horizontal line at each workload's target."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    keys = list(results["workloads"])
    fig, ax = plt.subplots(figsize=(10, 5.2))
    for i, key in enumerate(keys):
        w = results["workloads"][key]
        names = [n for n, s in w["variants"].items() if n != "numpy" and s.get("ratio")]
        width = 0.8 / max(len(names), 1)
        for j, name in enumerate(names):
            r = w["variants"][name]["ratio"]
            xpos = i - 0.4 + width * (j + 0.5)
            color = "tab:blue" if name.startswith("minigrad") else "tab:orange" if name.startswith("torch") \
                else "tab:gray"
            ax.bar(xpos, r, width * 0.9, color=color,
                   edgecolor="black", linewidth=0.4)
            ax.text(xpos, r * 1.04, f"{r:.2g}", ha="center", va="bottom", fontsize=7)
            ax.text(xpos, 0.52, name.replace("minigrad", "mg").replace(" ", "\n", 1), ha="center",
                    va="bottom", fontsize=6, rotation=90)
        target = w["target"]
        if key == "W4" and "torch hessian" in w["variants"]:
            target = w["variants"]["torch hessian"]["ratio"]
        if isinstance(target, float):
            ax.hlines(target, i - 0.45, i + 0.45, colors="red", linestyles="--", linewidth=1.2)
    ax.axhline(1.0, color="gray", linewidth=0.6)
    ax.set_yscale("log")
    ax.set_ylim(0.5, None)
    labels = [f"{k}\n" + textwrap.fill(results["workloads"][k]["title"], 24) for k in keys]
    ax.set_xticks(range(len(keys)), labels, fontsize=7)
    ax.set_ylabel("median time / hand-written NumPy (log)")
    ax.set_title("minigrad (blue), torch (orange), the leanest Python tape (gray) vs hand-written NumPy, "
                 "1 thread; red: target", fontsize=9)
    ax.plot([], [], "r--", label="target")
    ax.legend(loc="upper left", fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def profile(key: str, n: int = 3, top: int = 25, lines: bool = False) -> None:
    """Profile the minigrad variant of a workload: the share of the cyclic GC (CPU time with the
    collector on and off, interleaved), then cProfile (CPU-time timer) of at least ``n`` calls
    with the GC off (so that its pauses are not charged to whichever function allocated), top
    functions by own and by cumulative time."""
    import cProfile
    import pstats
    v = WORKLOADS[key][1](False).variants["minigrad"]
    v.run()
    gc.collect()
    gc.freeze()
    times: dict[bool, list] = {True: [], False: []}
    for _ in range(n + 2):
        for on in (True, False):
            (gc.enable if on else gc.disable)()
            c0 = time.process_time()
            v.run()
            times[on].append(time.process_time() - c0)
            gc.enable()
            gc.collect()
    on, off = statistics.median(times[True]), statistics.median(times[False])
    n = max(n, int(1.0 / on))          # about a second of calls, so that no one preemption dominates
    print(f"{key} minigrad: {on * 1e3:.1f} ms CPU with the GC, {off * 1e3:.1f} ms without "
          f"(GC {100 * (on - off) / on:.0f}% of the time)")
    gc.disable()
    prof = cProfile.Profile(time.process_time)       # CPU time: other jobs' time slices not charged
    prof.enable()
    for _ in range(n):
        v.run()
    prof.disable()
    gc.enable()
    gc.unfreeze()
    stats = pstats.Stats(prof).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(12)
    if lines:
        _line_profile(v, n)


# The core functions a line-level profile looks into (module, function), when they exist.
HOT = [("minigrad.ops._rule", "apply"), ("minigrad.autograd.graph", "run_backward"),
       ("minigrad.autograd.graph", "_call_rule")]


def _line_profile(v: Variant, n: int) -> None:
    """line_profiler (from PyPI) over the engine's hot functions, GC off, wall-clock timer."""
    try:
        from line_profiler import LineProfiler
    except ImportError:
        print("line-level profile: pip install line_profiler")
        return
    funcs = [getattr(sys.modules.get(mod), name, None) for mod, name in HOT]
    lp = LineProfiler(*[f for f in funcs if f is not None])
    gc.disable()
    lp.enable_by_count()
    for _ in range(n):
        v.run()
    lp.disable_by_count()
    gc.enable()
    lp.print_stats(stripzeros=True)


def main(argv: list[str] | None = None) -> dict:
    """Run the workloads named (all by default), print the table, save JSON and the chart."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("workloads", nargs="*", help="W1 .. W6 (default: all)")
    p.add_argument("--repeats", type=int, help="timed rounds per workload (default: per workload)")
    p.add_argument("--tiny", action="store_true", help="tiny sizes, one round (checks the harness)")
    p.add_argument("--save", action="store_true", help="write JSON and chart even for a subset")
    p.add_argument("--json", type=Path, default=HERE / "results.json")
    p.add_argument("--png", type=Path, default=HERE / "results.png")
    p.add_argument("--profile", action="store_true", help="cProfile the minigrad variant instead")
    p.add_argument("--lines", action="store_true", help="with --profile: line_profiler of the core")
    p.add_argument("--markdown", action="store_true", help="print the saved JSON as Markdown tables")
    args = p.parse_args(argv)
    if args.markdown:
        print(markdown(json.loads(args.json.read_text())))
        return {}
    keys = [k.upper() for k in args.workloads] or ["W1", "W2", "W3", "W4", "W5", "W6"]
    unknown = [k for k in keys if k not in WORKLOADS and k != "W5"]
    if unknown:
        p.error(f"unknown workload(s) {unknown}; choose from W1..W6")
    if args.profile:
        for k in keys:
            profile(k, lines=args.lines)
        return {}
    try:                        # NumPy imported before us (tests, notebooks): pin its pools at run time
        from threadpoolctl import threadpool_limits
        threadpool_limits(1)
    except ImportError:
        pass
    env = environment()
    print("threads:", env["threads"])
    print("blas:", env.get("blas"), "\nthreadpools:", env.get("threadpools"))
    print("note: a shared machine; numbers are noisy (see min/max)")
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    results: dict = {"environment": env, "command": command, "workloads": {}}
    for k in keys:
        t0 = time.perf_counter()
        if k == "W5":
            results["W5"] = w5(args.tiny)
        else:
            results["workloads"][k] = run_workload(k, args.tiny, args.repeats)
        print(f"  {k} done in {time.perf_counter() - t0:.1f}s", flush=True)
    print_table(results)
    if args.save or not (args.workloads or args.tiny):
        args.json.write_text(json.dumps(results, indent=1, default=float))
        try:
            plot(results, args.png)
        except ImportError as e:
            print(f"no chart: {e}")
        print(f"wrote {args.json} and {args.png}")
    return results


if __name__ == "__main__":
    main()
