"""Render every kind of viz picture for the seed examples to PNG files, for a person to look at.

    python tools/gallery.py [OUTPUT_DIR]        (default: artifacts/gallery)

Seed examples: z = x * x * y with backward() and with autograd.grad; y = x ** 2 with
create_graph=True for the second derivative. Also: an in-place error, a traced function, a long
chain, the node limit, repeated blocks collapsed (a 20-layer network, a loop body with shared
weights, residual blocks), and the three plots. Writes one PNG per picture and index.md listing them.
Without Graphviz's dot the graphs are written as .dot files (and a warning says how to install it).
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import minigrad as torch  # noqa: E402
import viz  # noqa: E402


def seed_xxy() -> tuple:
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.tensor(3.0, requires_grad=True)
    z = x * x * y
    return x, y, z, {"x": x, "y": y, "z": z}


def pictures() -> list:
    """(file stem, caption, picture or figure), in the order a reader meets them."""
    out = []
    x, y, z, names = seed_xxy()
    out.append(("01_xxy_forward", "x*x*y: forward graph (values known before backward)",
                viz.forward(z, names=names)))
    out.append(("02_xxy_backward_before", "x*x*y: backward graph before backward (saved tensors alive)",
                viz.backward(z, names=names)))
    with viz.Flow() as flow:
        z.backward()
    out.append(("03_xxy_flow_after_backward", "x*x*y after backward(): gradients on edges, saved freed",
                viz.backward(z, flow=flow, names=names)))
    out.append(("04_xxy_forward_backward", "x*x*y: forward and backward side by side, matching ids",
                viz.forward_backward(z, flow=flow, names=names)))
    steps = viz.steps(z, flow=flow, names=names)
    for k, frame in enumerate(steps.frames()):
        out.append((f"05_xxy_step{k}", steps.caption(k), frame))

    x, y, z, names = seed_xxy()
    with viz.Flow() as flow:
        torch.autograd.grad(z, x)
    out.append(("06_xxy_flow_of_grad", "x*x*y: autograd.grad(z, x) (the edge to y carries nothing)",
                viz.backward(z, flow=flow, names=names)))

    x = torch.tensor(3.0, requires_grad=True)
    y = x ** 2
    (g,) = torch.autograd.grad(y, x, create_graph=True)
    out.append(("07_square_higher_order", "x**2: first-order graph beside the create_graph=True graph",
                viz.higher_order(y, g, names={"x": x, "y": y, "dy/dx": g})))
    with viz.Flow() as flow:
        g.backward()
    out.append(("08_square_second_derivative_flow", f"x**2: backward of dy/dx, x.grad = {float(x.grad):g}",
                viz.backward(g, flow=flow, names={"x": x, "dy/dx": g})))

    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = a * 2
    c = b * b
    b += 1
    out.append(("09_inplace_modified", "b modified in place after b*b saved it",
                viz.backward(c, names={"a": a, "b": b, "c": c})))

    t = viz.trace(lambda x, y: (x * y).sum(), torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))
    t.grad()
    out.append(("10_trace_function", "viz.trace(f, x, y) then .grad(): a recorder's graph",
                viz.forward_backward(*t.outputs, flow=t.flow, names=t.names)))

    import minigrad.ms as ms

    class Scale(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor([2.0, 3.0], ms.float32), name="w")

        def construct(self, x):
            return (x * self.w).sum()
    t = viz.trace(Scale(), ms.Tensor([1.0, 2.0], ms.float32))
    t.grad()
    out.append(("10b_trace_ms_cell", "viz.trace(cell, x): x named after construct's argument, the Cell's "
                "Parameter w drawn as a named parameter", viz.forward_backward(*t.outputs, flow=t.flow,
                                                                                names=t.names)))

    x = torch.tensor(1.0, requires_grad=True)
    chain = x
    for _ in range(100_000):
        chain = chain * 1.0
    out.append(("11_chain_100000_collapsed", "a 100,000-node chain, collapsed",
                viz.backward(chain, saved=False)))

    xs = [torch.tensor(float(i), requires_grad=True) for i in range(40)]
    total = xs[0] * 1.0
    for v in xs[1:]:
        total = total + v * v
    out.append(("12_node_limit", "a wide graph with max_nodes=12 (repeated blocks not collapsed)",
                viz.backward(total, max_nodes=12, saved=False, collapse=0)))
    out.append(("12b_repeated_block_and_node_limit", "the same graph as drawn by default: its repeated "
                "block x*x + total as one box", viz.backward(total, saved=False)))

    out.extend(repeated_blocks())
    out.append(("13_plot_derivatives", "f(x) = sin(x) * x with f', f'' from the tape",
                viz.plot_derivatives(lambda v: torch.sin(v) * v)))
    out.append(("14_plot_field", "f(x, y) = x² + 3y²: contours, -grad f, descent path",
                viz.plot_field(lambda u, v: u * u + 3 * v * v, start=(1.8, 1.2), lr=0.1, steps=25)))
    out.append(("15_plot_training", "training curves of a least-squares fit", viz.plot_training(training())))
    return out


def repeated_blocks() -> list:
    """A stack of 20 identical Linear+ReLU layers, a loop body run 50 times with shared weights,
    and a stack of residual blocks: each repetition collapsed to one box."""
    from minigrad import nn
    torch.manual_seed(0)
    layers: list = []
    for _ in range(20):
        layers += [nn.Linear(8, 8), nn.ReLU()]
    model = nn.Sequential(*layers, nn.Linear(8, 1))
    loss = ((model(torch.randn(4, 8)) - 1) ** 2).mean()
    names = {**dict(model.named_parameters()), "loss": loss}
    out = [("16_mlp_20_layers_forward", "nn.Sequential of 20 Linear+ReLU layers: forward graph, the 19 "
            "identical layers as one box", viz.forward(loss, names=names))]
    with viz.Flow() as flow:
        loss.backward()
    out.append(("17_mlp_20_layers_flow", "the same network after loss.backward(): gradients into and "
                "out of the box", viz.backward(loss, flow=flow, names={"loss": loss}, saved=False)))
    w = torch.randn(4, 4, requires_grad=True)
    b = torch.zeros(4, requires_grad=True)
    h = torch.ones(4)
    for _ in range(50):
        h = torch.tanh(h @ w + b)
    out.append(("18_loop_shared_weights", "h = tanh(h @ w + b) run 50 times: the loop body as one box, "
                "the shared w and b outside it", viz.backward(h.sum(), names={"w": w, "b": b}, saved=False)))
    x = torch.randn(3, requires_grad=True)
    y = x
    for _ in range(12):
        y = y + torch.sin(y) * 0.5
    out.append(("19_residual_blocks", "12 residual blocks y = y + sin(y) * 0.5: forward graph",
                viz.forward(y, names={"x": x, "y": y})))
    return out


def training() -> dict:
    """Fit w in y = 2x + 1 by gradient descent on minigrad, recording train and held-out loss."""
    torch.manual_seed(0)
    xs = torch.linspace(-1, 1, 20)
    ys = 2 * xs + 1
    w = torch.tensor(0.0, requires_grad=True)
    b = torch.tensor(0.0, requires_grad=True)
    history: dict = {"train": [], "held out": []}
    for _ in range(60):
        loss = ((w * xs + b - ys) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            history["train"].append(float(loss))
            history["held out"].append(float(((w * 1.5 + b - 4.0) ** 2)))
            w -= 0.1 * w.grad
            b -= 0.1 * b.grad
        w.grad = None
        b.grad = None
    return history


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="artifacts/gallery", help="folder for the PNG files")
    args = parser.parse_args(argv)
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["# viz gallery", ""]
    for stem, caption, pic in pictures():
        if isinstance(pic, viz.Picture):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                path = pic.save(folder / f"{stem}.png")
            for w in caught:
                print(w.message, file=sys.stderr)
        else:
            path = folder / f"{stem}.png"
            pic.savefig(path, dpi=110)
        lines.append(f"- `{path.name}`: {caption}")
        print(path)
    (folder / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
