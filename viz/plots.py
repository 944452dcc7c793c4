"""matplotlib plots whose derivatives come from the tape: f with f' and f'', a gradient field
with contours and a descent path, and training curves. Each returns its Figure, closed (so a
notebook shows it once, as the cell's value)."""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

import minigrad


def _figure(figsize: tuple) -> tuple:
    import matplotlib.pyplot as plt
    return plt.subplots(figsize=figsize)


def _close(fig: Any) -> Any:
    import matplotlib.pyplot as plt
    plt.close(fig)
    return fig


def derivatives(f: Callable, x: Any = None, order: int = 2) -> tuple:
    """f(x), f'(x) and f''(x) (up to ``order``) at the points ``x``, computed on the tape:
    ``grad(..., create_graph=True)`` once per order. ``f`` works elementwise on a tensor.

    >>> import minigrad as torch
    >>> [v.tolist() for v in derivatives(lambda x: x ** 3, [1., 2.])]
    [[1.0, 8.0], [3.0, 12.0], [6.0, 12.0]]
    """
    xs = np.linspace(-3, 3, 201) if x is None else np.asarray(x, dtype=np.float64)
    t = minigrad.tensor(xs, requires_grad=True)
    y = f(t)
    out = [y.detach().numpy()]
    current = y
    for k in range(order):
        if not current.requires_grad:     # f^(k) no longer depends on x: the rest are 0
            out.extend(np.zeros_like(xs) for _ in range(order - k))
            break
        (g,) = minigrad.autograd.grad(current.sum(), t, create_graph=k < order - 1, allow_unused=True)
        if g is None:
            out.extend(np.zeros_like(xs) for _ in range(order - k))
            break
        out.append(g.detach().numpy())
        current = g
    return tuple(out)


def plot_derivatives(f: Callable, x: Any = None, title: str | None = None, figsize: tuple = (6, 3.6)) -> Any:
    """f with f' and f'' computed on the tape, over ``x`` (default: 201 points in [-3, 3]).

    >>> import minigrad as torch
    >>> fig = plot_derivatives(lambda x: torch.sin(x))
    >>> fig.axes[0].get_legend_handles_labels()[1]
    ['f(x)', "f'(x)", "f''(x)"]
    """
    xs = np.linspace(-3, 3, 201) if x is None else np.asarray(x, dtype=np.float64)
    y, d1, d2 = derivatives(f, xs, 2)
    fig, ax = _figure(figsize)
    ax.plot(xs, y, label="f(x)", color="#1f4e79", lw=2)
    ax.plot(xs, d1, label="f'(x)", color="#c55a11", lw=1.6)
    ax.plot(xs, d2, label="f''(x)", color="#548235", lw=1.6, ls="--")
    ax.axhline(0, color="#999999", lw=0.6)
    ax.set_xlabel("x")
    ax.legend(loc="best", frameon=False)
    ax.set_title(title or "f and its derivatives, from the tape")
    fig.tight_layout()
    return _close(fig)


def descent_path(f: Callable, start: Sequence[float], lr: float = 0.1, steps: int = 30) -> np.ndarray:
    """Points of gradient descent on ``f(x, y)`` from ``start``, gradients from backward().

    >>> descent_path(lambda x, y: x * x + y * y, (1., 1.), lr=0.25, steps=2).tolist()
    [[1.0, 1.0], [0.5, 0.5], [0.25, 0.25]]
    """
    point = np.asarray(start, dtype=np.float64)
    path = [point.copy()]
    for _ in range(steps):
        x = minigrad.tensor(point[0], requires_grad=True)
        y = minigrad.tensor(point[1], requires_grad=True)
        f(x, y).backward()
        point = point - lr * np.array([float(x.grad), float(y.grad)])
        path.append(point.copy())
    return np.array(path)


def plot_field(f: Callable, xlim: tuple = (-2, 2), ylim: tuple = (-2, 2),
               start: Sequence[float] | None = None, lr: float = 0.1, steps: int = 30, n: int = 21,
               title: str | None = None, figsize: tuple = (5, 4.4)) -> Any:
    """Contours of ``f(x, y)``, its gradient field (arrows point downhill: -∇f) computed on the
    tape over an n×n grid, and, from ``start``, the path gradient descent takes.

    >>> fig = plot_field(lambda x, y: x * x + 3 * y * y, start=(1.5, 1.))
    >>> len(fig.axes[0].get_lines())
    1
    """
    xs, ys = np.linspace(*xlim, n), np.linspace(*ylim, n)
    X, Y = np.meshgrid(xs, ys)
    tx = minigrad.tensor(X, requires_grad=True)
    ty = minigrad.tensor(Y, requires_grad=True)
    Z = f(tx, ty)
    gx, gy = minigrad.autograd.grad(Z.sum(), (tx, ty))
    fine = np.meshgrid(np.linspace(*xlim, 121), np.linspace(*ylim, 121))
    Zf = f(minigrad.tensor(fine[0]), minigrad.tensor(fine[1])).detach().numpy()
    fig, ax = _figure(figsize)
    cs = ax.contour(fine[0], fine[1], Zf, levels=15, cmap="viridis", linewidths=0.9)
    ax.clabel(cs, fontsize=7, fmt="%.2g")
    U, V = -gx.numpy(), -gy.numpy()
    longest = float(np.max(np.hypot(U, V))) or 1.0
    spacing = min(xs[1] - xs[0], ys[1] - ys[0]) if n > 1 else 1.0
    # the longest arrow spans 0.9 grid cells; lengths stay proportional to |grad f|
    ax.quiver(X, Y, U, V, color="#555555", alpha=0.7, angles="xy", scale_units="xy",
              scale=longest / (0.9 * spacing), width=0.004)
    if start is not None:
        path = descent_path(f, start, lr, steps)
        ax.plot(path[:, 0], path[:, 1], "o-", color="#c00000", ms=3, lw=1.4, label=f"descent, lr={lr}")
        ax.legend(loc="upper right", fontsize=8)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title(title or "contours of f and −∇f")
    fig.tight_layout()
    return _close(fig)


def plot_training(history: Any, log: bool | None = None, title: str | None = None,
                  figsize: tuple = (6, 3.4)) -> Any:
    """Training curves: ``history`` is a list of losses or a dict name -> list (one curve each);
    a log y-axis when every value is positive and they span more than two decades.

    >>> fig = plot_training({"train": [1.0, 0.5, 0.25], "val": [1.1, 0.7, 0.5]})
    >>> [line.get_label() for line in fig.axes[0].get_lines()]
    ['train', 'val']
    """
    curves = history if isinstance(history, dict) else {"loss": history}
    fig, ax = _figure(figsize)
    values = []
    for name, ys in curves.items():
        ys = np.asarray([float(v) for v in ys], dtype=np.float64)
        values.append(ys)
        ax.plot(np.arange(len(ys)), ys, label=str(name), lw=1.6)
    flat = np.concatenate(values) if values else np.array([1.0])
    if log is None:
        log = bool(flat.size and np.all(flat > 0) and flat.max() / flat.min() > 100)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("step")
    ax.set_ylabel("value")
    ax.legend(loc="best", frameon=False)
    ax.set_title(title or "training curves")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return _close(fig)
