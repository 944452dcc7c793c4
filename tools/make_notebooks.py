"""Write the tutorial notebooks in notebooks/ (unexecuted) from the cell lists below.

    python tools/make_notebooks.py [NAME ...]      (default: every notebook)

Then execute them (stored outputs are what nbval compares) from the repo root:

    PYTHONHASHSEED=0 .venv/bin/jupyter nbconvert --to notebook --execute --inplace \
      --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.store_widget_state=False \
      notebooks/*.ipynb

NOTEBOOKS maps each name to a list of ("md" | "code" | "error", text) pairs; "error" is a code cell
tagged ``raises-exception`` (nbval checks the error's class and message).
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def build(cells: list) -> nbformat.NotebookNode:
    """A notebook from (kind, text) pairs, with the python3 kernelspec."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    for kind, text in cells:
        text = text.strip("\n")
        if kind == "md":
            nb.cells.append(nbformat.v4.new_markdown_cell(text))
        else:
            cell = nbformat.v4.new_code_cell(text)
            if kind == "error":
                cell.metadata["tags"] = ["raises-exception"]
            nb.cells.append(cell)
    for k, cell in enumerate(nb.cells):          # stable ids: diffs stay small between rebuilds
        cell["id"] = f"c{k:02d}"
    return nb


NOTEBOOKS: dict = {}

# ---------------------------------------------------------------------------------------------------
# The notebooks' cells follow, one block per notebook (see the end of the file for main()).

NOTEBOOKS["01_what_a_tape_records"] = [
    ("md", """
# 1. What does a tape record, and what does `backward` do with it?

When you compute with tensors that require gradients, the engine quietly writes down every
operation on a **tape**: which op ran, on which inputs, and which values it will need later to
compute derivatives (the *saved tensors*). `backward()` reads that tape in reverse and applies the
chain rule, node by node.

We use the example from the PyTorch/MindSpore migration guide: `z = x * x * y` at `x = 2`, `y = 3`,
with minigrad standing in for PyTorch (`import minigrad as torch`).

**What to look for**
- the forward graph holds *values*; the backward graph holds *nodes* (`MulBackward0`,
  `AccumulateGrad`) and the *saved tensors* each node keeps;
- after `backward()` the saved tensors are **freed**, and each edge carried a number: the
  derivative flowing from `z` back to `x` and `y`;
- `x` is used twice, so two gradients meet at `x` and are **added**: 6 + 6 = 12.
"""),
    ("code", """
import numpy as np
import minigrad as torch          # the PyTorch dialect: same names, same printing
import viz                        # pictures of the tape

np.random.seed(0)
_ = torch.manual_seed(0)
"""),
    ("md", """
## The computation

Exactly the seed program: two leaf tensors that require gradients, one product, one `backward()`.
"""),
    ("code", """
x = torch.tensor(2., requires_grad=True)
y = torch.tensor(3., requires_grad=True)
z = x * x * y
z
"""),
    ("md", """
`z` prints with `grad_fn=<MulBackward0>`: it was produced by a recorded multiplication. `x` and
`y` have no `grad_fn`; they are **leaves**, the tensors whose gradients we want. The node's
`next_functions` are the tape's edges: `z = (x * x) * y`, so its inputs are the node of `x * x`
and the `AccumulateGrad` node of the leaf `y` (the `0x…` addresses change from run to run).
"""),
    ("code", """
print("x is a leaf:", x.is_leaf, "| z is a leaf:", z.is_leaf)
print("z.grad_fn:", z.grad_fn)
print("its inputs:", z.grad_fn.next_functions)
"""),
    ("md", """
## The forward picture: values

`viz.forward` draws tensors (name, shape, dtype, value) and the ops between them. Nodes carry an
id (`#n`, their creation number); the same id appears in every picture below.
"""),
    ("code", """
names = {"x": x, "y": y, "z": z}
viz.forward(z, names=names)
"""),
    ("md", """
## The backward picture: what the tape keeps for later

`viz.backward` draws the graph the engine will walk: one node per recorded op, plus an
`AccumulateGrad` node per leaf (it adds the incoming gradient into `leaf.grad`). Each `Mul` node
*saved* its two inputs, because d(a·b)/da = b and d(a·b)/db = a: those are the saved tensors,
still **alive** now.
"""),
    ("code", """
viz.backward(z, names=names)
"""),
    ("md", """
## Running backward, and watching the derivatives flow

`viz.Flow()` records, during the pass, what each node received and what it sent on each edge.
The seed's result: `x.grad` = 2·x·y = 12, `y.grad` = x² = 4.
"""),
    ("code", """
with viz.Flow() as flow:
    z.backward()
print(x.grad, y.grad)
"""),
    ("code", """
[(e.name, f"#{e.id}") for e in flow.events]
"""),
    ("md", """
The engine ran each node once, outputs before inputs. Now the same backward graph, with the
flow: every edge is labelled with the gradient it carried (thicker = larger), and the saved
tensors are marked **freed**: without `retain_graph=True`, `backward()` releases them as soon as
a node has run. Note the two edges into `x`'s `AccumulateGrad`: 6 (as the first factor of `x*x`)
and 6 (as the second), summed to 12.
"""),
    ("code", """
viz.backward(z, flow=flow, names=names)
"""),
    ("md", """
Side by side, forward and backward share ids: `#3` in the forward graph is the op whose
`MulBackward0` is `#3` in the backward graph.
"""),
    ("code", """
viz.forward_backward(z, flow=flow, names=names)
"""),
    ("md", """
## The same numbers from `autograd.grad`

The seed's second half asks only for `dz/dx`, with `torch.autograd.grad`. It *returns* the
gradient instead of adding it to `.grad`, and the edge to `y` carries nothing: `y` was not asked
for, so nothing is computed for it.
"""),
    ("code", """
x = torch.tensor(2.).requires_grad_()
y = torch.tensor(3.).requires_grad_()
z = x * x * y
with viz.Flow() as flow:
    grad_x = torch.autograd.grad(outputs=z, inputs=x)
print(grad_x[0])
print("x.grad after autograd.grad:", x.grad)
"""),
    ("code", """
viz.backward(z, flow=flow, names={"x": x, "y": y, "z": z})
"""),
    ("md", """
## What was learned

- The **tape** is a graph of backward nodes built *during* the forward computation; each node
  knows its inputs (`next_functions`) and keeps the **saved tensors** its derivative needs.
- `backward()` walks that graph from the output, multiplies by local derivatives (chain rule) and
  **sums** gradients that meet at the same tensor (x is used twice: 6 + 6 = 12).
- Leaves receive their gradient through `AccumulateGrad` into `.grad`; after the pass the saved
  tensors are **freed**, so a second `backward()` through the same graph fails (notebook 2).
- `torch.autograd.grad` runs the same pass but returns the gradients and touches only what
  was asked for.
"""),
]

NOTEBOOKS["02_backward_vs_grad"] = [
    ("md", """
# 2. `backward` versus `autograd.grad`: who gets the gradient, and when does it fail?

Both run the same backward pass. They differ in **where the result goes** (`.grad` attributes
versus a returned tuple) and in what they let you ask for. Around them sit the options that
trip people up: `retain_graph`, `grad_outputs`, `allow_unused`, `inputs=`, gradients of non-leaf
tensors, and hooks.

**What to look for**
- `backward()` *accumulates* into `.grad`; `grad()` returns and leaves `.grad` alone;
- every error below is the exact PyTorch message; after each one, a picture shows *why*
  (freed saved tensors, a tensor modified in place, an input the graph never used);
- hooks see (and may replace) a gradient as it flows past.
"""),
    ("code", """
import warnings
import numpy as np
import minigrad as torch
import viz

np.random.seed(0)
_ = torch.manual_seed(0)
"""),
    ("md", """
## 1. `backward()` accumulates

Calling `backward()` twice on two fresh graphs adds into `.grad`; that is why training loops call
`optimizer.zero_grad()`. `autograd.grad` returns the gradient and does not touch `.grad`.
"""),
    ("code", """
w = torch.tensor(3., requires_grad=True)
(w * w).backward()
print("after one backward: ", w.grad)
(w * w).backward()
print("after two backwards:", w.grad)
(g,) = torch.autograd.grad(w * w, w)
print("autograd.grad returns", g, "and w.grad is still", w.grad)
w.grad = None
"""),
    ("md", """
## 2. `retain_graph`: the second pass through one graph

By default the pass frees the saved tensors as it goes. A second `backward()` through the *same*
graph then has nothing to work with:
"""),
    ("code", """
x = torch.tensor(2., requires_grad=True)
y = torch.tensor(3., requires_grad=True)
z = x * x * y
z.backward()
"""),
    ("error", """
z.backward()
"""),
    ("md", """
The picture says why: every saved tensor is marked **freed**.
"""),
    ("code", """
viz.backward(z, names={"x": x, "y": y, "z": z})
"""),
    ("md", """
With `retain_graph=True` the saved tensors survive, and a second pass works (and accumulates:
12 + 12).
"""),
    ("code", """
x = torch.tensor(2., requires_grad=True)
y = torch.tensor(3., requires_grad=True)
z = x * x * y
z.backward(retain_graph=True)
z.backward()
print(x.grad, y.grad)
"""),
    ("md", """
## 3. Saved tensors modified in place

A saved tensor must still hold the value it had when it was saved. Each tensor has a version
counter; an in-place op bumps it, and backward checks it:
"""),
    ("code", """
a = torch.tensor([1., 2.], requires_grad=True)
b = a * 2
c = (b * b).sum()     # MulBackward0 saves b (at version 0)
b += 1                # b is now at version 1
"""),
    ("error", """
c.backward()
"""),
    ("code", """
viz.backward(c, names={"a": a, "b": b, "c": c})
"""),
    ("md", """
The saved `b` is marked **modified**. The fix is to not overwrite a tensor the graph still
needs: `b = b + 1` makes a new tensor and leaves the saved one alone.

## 4. Non-scalar outputs need `grad_outputs` (or `gradient=`)

`backward()` without arguments is only defined for a scalar: for a vector output, the engine
needs the vector `v` in the vector-Jacobian product `vᵀJ`.
"""),
    ("code", """
v = torch.tensor([1., 2., 3.], requires_grad=True)
y = v * v
"""),
    ("error", """
y.backward()
"""),
    ("md", """
`y` has three entries (`[3] float32` at the top of the graph), and the pass must start from one
gradient per entry. Give it with `grad_outputs=` (for `grad`) or as the argument of
`backward(...)`: the picture shows that vector entering as the seed and flowing down.
"""),
    ("code", """
weight = torch.tensor([1., 0.1, 0.01])
with viz.Flow() as flow:
    (g,) = torch.autograd.grad(y, v, grad_outputs=weight, retain_graph=True)
print("grad_outputs:", g)                   # 2 v * weight
viz.backward(y, flow=flow, names={"v": v, "y": y})
"""),
    ("code", """
y.backward(torch.ones(3))                   # the same as y.sum().backward()
print("backward(ones):", v.grad)
"""),
    ("md", """
## 5. `allow_unused`: asking for an input the graph never touched

`grad` must return one gradient per input; for an input the output does not depend on, it
refuses, unless `allow_unused=True`, and then it returns `None` (not zero: "no path" is
different from "the derivative is 0").
"""),
    ("code", """
x = torch.tensor(2., requires_grad=True)
unused = torch.tensor(5., requires_grad=True)
out = x * x
"""),
    ("error", """
torch.autograd.grad(out, [x, unused], retain_graph=True)
"""),
    ("code", """
torch.autograd.grad(out, [x, unused], allow_unused=True, retain_graph=True)
"""),
    ("md", """
There is no edge from `out` to `unused` in the graph, which is what the error means:
"""),
    ("code", """
viz.backward(out, names={"x": x, "unused": unused, "out": out})
"""),
    ("md", """
## 6. `inputs=`: accumulate into some leaves only

`backward(inputs=[...])` runs the pass but only fills the listed leaves' `.grad`.
"""),
    ("code", """
p = torch.tensor(1., requires_grad=True)
q = torch.tensor(4., requires_grad=True)
loss = p * p * q
loss.backward(inputs=[p])
print("p.grad:", p.grad, "| q.grad:", q.grad)
"""),
    ("md", """
## 7. Gradients of non-leaf tensors

Only leaves get `.grad`. Reading `.grad` of an intermediate tensor gives `None` and a warning;
`retain_grad()` asks the engine to keep it. (The warning is caught and its first sentence
printed, so the notebook shows it without file paths.)
"""),
    ("code", """
a = torch.tensor([1., 2.], requires_grad=True)
h = a * 2                      # an intermediate (non-leaf) tensor
(h * h).sum().backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print("h.grad:", h.grad)
for w in caught:
    print(f"{w.category.__name__}: {str(w.message).split('. ')[0]}.")
"""),
    ("code", """
a = torch.tensor([1., 2.], requires_grad=True)
h = a * 2
h.retain_grad()
(h * h).sum().backward()
print("h.grad (= 2h):", h.grad, "| a.grad (= 2 · 2h):", a.grad)
"""),
    ("md", """
## 8. Hooks: seeing and changing a gradient in flight

`register_hook(fn)` calls `fn(grad)` when the gradient of that tensor has been computed; if `fn`
returns a tensor, it replaces the gradient from there on. Here a hook prints what reaches `h`, and
a second one on the leaf doubles what is accumulated into `a.grad`.
"""),
    ("code", """
a = torch.tensor([1., 2.], requires_grad=True)
h = a * 2
handle = h.register_hook(lambda g: print("gradient reaching h:", g))
a.register_hook(lambda g: g * 2)
(h * h).sum().backward()
print("a.grad, doubled by its hook:", a.grad)
handle.remove()
"""),
    ("md", """
A tensor that does not require gradients has no place on the tape, so it cannot take a hook:
"""),
    ("error", """
plain = torch.tensor([1., 2.])
plain.register_hook(lambda g: g)
"""),
    ("md", """
Drawn, such a tensor is a lone box: no node, no edges, nowhere for a gradient to pass.
"""),
    ("code", """
viz.backward(plain, names={"plain": plain})
"""),
    ("md", """
## What was learned

| | `backward()` | `autograd.grad()` |
|---|---|---|
| result | added into leaves' `.grad` | returned as a tuple, `.grad` untouched |
| non-scalar output | `gradient=` | `grad_outputs=` |
| choose inputs | `inputs=[...]`, accumulated into their `.grad` | `inputs` (required), returned |
| unused input | silently no gradient | error, unless `allow_unused=True` (then `None`) |
| second pass | needs `retain_graph=True` on the first | same |

- The saved tensors are **freed** by a pass and **checked** for in-place changes: both errors
  are about the tape's saved values, and `viz.backward` shows their state.
- Non-leaf tensors get `.grad` only with `retain_grad()`; hooks observe or replace gradients.
"""),
]

NOTEBOOKS["03_higher_order"] = [
    ("md", """
# 3. How do you differentiate a derivative?

A gradient is computed by operations, sin, mul, add, just like the forward pass. If the engine
**records** those operations too (`create_graph=True`), the gradient is itself a tensor with a
`grad_fn`, and you can differentiate it again: second derivatives, Hessians, gradient penalties.

**What to look for**
- the seed example: `y = x ** 2` differentiated twice gives `2x` and then `2` everywhere;
- the *graph of the graph*: with `create_graph=True` the backward pass builds a second graph
  (right-hand picture) whose nodes are the backward formulas of the first;
- Jacobians and Hessians from `torch.autograd.functional` are built from the same passes.
"""),
    ("code", """
import numpy as np
import minigrad as torch
import viz

np.random.seed(0)
_ = torch.manual_seed(0)
"""),
    ("md", """
## The seed example

From the Chinese blog post on `backward` and `autograd.grad`: a random 3×4 `x`, `y = x ** 2`, and
`grad_outputs=weight` of ones (the vector in `vᵀJ`; with ones it sums the outputs). minigrad's
random numbers come from NumPy, so they are not the post's numbers, but the structure is: the
first derivative is `2x` and carries a `grad_fn`; the second derivative is `2`.
"""),
    ("code", """
x = torch.randn(3, 4).requires_grad_(True)
y = x ** 2
weight = torch.ones(y.size())
y.backward(weight, retain_graph=True)
print('backward grad')
print(x.grad)
dydx = torch.autograd.grad(outputs=y, inputs=x, grad_outputs=weight,
                           retain_graph=True, create_graph=True, only_inputs=True)
print('autograd grad')
print(dydx[0])
d2ydx2 = torch.autograd.grad(outputs=dydx[0], inputs=x, grad_outputs=weight,
                             retain_graph=True, create_graph=True, only_inputs=True)
print('Second Derivative')
print(d2ydx2[0])
"""),
    ("md", """
Without `create_graph=True` the first derivative is a plain tensor (no `grad_fn`), and asking for
its derivative fails with PyTorch's message:
"""),
    ("code", """
(plain,) = torch.autograd.grad(y, x, grad_outputs=weight, retain_graph=True)
print(plain.requires_grad, plain.grad_fn)
"""),
    ("error", """
torch.autograd.grad(plain, x, grad_outputs=weight)
"""),
    ("md", """
Drawn, `plain` has no graph at all: the first pass computed its values but recorded nothing.
"""),
    ("code", """
viz.backward(plain, names={"dy/dx": plain})
"""),
    ("md", """
## The graph of the graph

On a scalar, to keep the pictures small: `y = x ** 2` at `x = 3`. Left: the first-order graph
(`PowBackward0` saved `x`). Right: the graph that `grad(..., create_graph=True)` recorded while
computing `dy/dx = 2 · x`: the backward formula of `pow`, written as ordinary recorded ops.
"""),
    ("code", """
x = torch.tensor(3.0, requires_grad=True)
y = x ** 2
(g,) = torch.autograd.grad(y, x, create_graph=True)
print("dy/dx =", g)
viz.higher_order(y, g, names={"x": x, "y": y, "dy/dx": g})
"""),
    ("md", """
Differentiating `dy/dx` walks that second graph. The flow shows the 2 reaching `x`:
"""),
    ("code", """
with viz.Flow() as flow:
    g.backward()
print("d2y/dx2 =", x.grad)
viz.backward(g, flow=flow, names={"x": x, "dy/dx": g})
"""),
    ("md", """
## Derivatives of any order, plotted

`viz.plot_derivatives` computes f′ and f″ on the tape with `grad(..., create_graph=True)` over 201
points at once (one pass per order, since the function works elementwise) and plots them. For
f(x) = sin(x)·x: f′ = sin x + x cos x, f″ = 2 cos x − x sin x.
"""),
    ("code", """
viz.plot_derivatives(lambda t: torch.sin(t) * t, title="f(x) = sin(x) · x")
"""),
    ("md", """
## Jacobians and Hessians

`torch.autograd.functional.jacobian(f, x)` gives ∂fᵢ/∂xⱼ for a vector function: one
vector-Jacobian product per row (PyTorch loops over the rows; minigrad pushes them through one
batched pass, with the same numbers). `hessian(f, x)` is the Jacobian of the gradient, so it needs
`create_graph` inside. For f(x) = (x₀·x₁, sin x₀, x₁²):
"""),
    ("code", """
from minigrad.autograd.functional import hessian, jacobian

def f(v):
    return torch.stack([v[0] * v[1], torch.sin(v[0]), v[1] ** 2])

point = torch.tensor([1.0, 2.0])
jacobian(f, point)
"""),
    ("md", """
The Hessian of the scalar g(x) = x₀²·x₁ + x₁³ is symmetric, [[2x₁, 2x₀], [2x₀, 6x₁]]:
"""),
    ("code", """
def g_scalar(v):
    return v[0] ** 2 * v[1] + v[1] ** 3

hessian(g_scalar, point)
"""),
    ("md", """
The same Hessian by hand, row by row, from a gradient built with `create_graph=True`: the
functional API does nothing more than this.
"""),
    ("code", """
v = point.clone().requires_grad_(True)
(grad_g,) = torch.autograd.grad(g_scalar(v), v, create_graph=True)
rows = [torch.autograd.grad(grad_g[i], v, retain_graph=True)[0] for i in range(2)]
torch.stack(rows)
"""),
    ("md", """
## What was learned

- `create_graph=True` makes the backward pass **record itself**: the gradient gets a `grad_fn`
  and can be differentiated again; without it, the gradient is a constant and a second `grad`
  fails.
- The second graph is made of the first graph's backward formulas (`viz.higher_order` shows them
  side by side); its backward pass is an ordinary one.
- A Jacobian is one vector-Jacobian product per output; a Hessian is the Jacobian of a gradient
  built with `create_graph=True`. `autograd.functional` packages exactly that.
"""),
]

NOTEBOOKS["04_tensorflow"] = [
    ("md", """
# 4. TensorFlow: how do `tf.gradients` and `GradientTape` find the gradient?

TensorFlow has had two gradient APIs. **TF1** builds a graph first and asks `tf.gradients(ys, xs)`
for the symbolic gradient, which a `Session` then runs. **TF2** runs eagerly and records on a
`tf.GradientTape` only what happens inside its `with` block, for the variables (and watched
tensors) it tracks. minigrad's TensorFlow dialect (`import minigrad.tf as tf`) provides both on
the same tape as the other dialects.

**What to look for**
- `grad_ys` plays the role of PyTorch's `grad_outputs`; gradients from several `ys` are summed;
- an unconnected `x` gives `None` (or zeros with `unconnected_gradients='zero'`);
- a tape records only inside `with`, only variables or `watch`ed tensors, and only once unless
  `persistent=True`; nested tapes give second derivatives; `jacobian` gives the full matrix.
"""),
    ("code", """
import numpy as np
import minigrad as torch
import minigrad.tf as tf
import viz

np.random.seed(0)
_ = torch.manual_seed(0)
tf1 = tf.compat.v1     # the TF1 names, as TensorFlow 2 spells them
"""),
    ("md", """
## TF1: `tf.gradients` and a `Session` (the seed example)

The MindSpore migration guide's TensorFlow example: four variables, two sums, and `grad_ys` giving
each output's weight. In TensorFlow 2 this TF1 code runs inside a graph
(`with tf.Graph().as_default():`), where `tf.gradients` is allowed; eagerly it is not.
"""),
    ("code", """
with tf.Graph().as_default():
    w1 = tf1.get_variable('w1', shape=[3])
    w2 = tf1.get_variable('w2', shape=[3])
    w3 = tf1.get_variable('w3', shape=[3])
    w4 = tf1.get_variable('w4', shape=[3])
    z1 = w1 + w2 + w3
    z2 = w3 + w4
    grads = tf.gradients([z1, z2], [w1, w2, w3, w4],
                         grad_ys=[tf.convert_to_tensor([2., 2., 3.]), tf.convert_to_tensor([3., 2., 4.])])
    with tf1.Session() as sess:
        tf1.global_variables_initializer().run()
        print(sess.run(grads))
"""),
    ("md", """
Read it as PyTorch's `grad_outputs`: `z1` is weighted by [2, 2, 3] and `z2` by [3, 2, 4]; `w3`
feeds both sums, so its gradient is the sum of the two weights, [5, 4, 7].

## Unconnected inputs

`w4` does not reach `z1`. `tf.gradients` returns `None` for it, which a `Session` refuses to
fetch; `unconnected_gradients='zero'` returns zeros instead.
"""),
    ("code", """
with tf.Graph().as_default():
    a = tf1.get_variable('a', shape=[2])
    b = tf1.get_variable('b', shape=[2])
    s = 3.0 * a
    print(tf.gradients(s, [a, b])[1])
    with tf1.Session() as sess:
        tf1.global_variables_initializer().run()
        print(sess.run(tf.gradients(s, [a, b], unconnected_gradients='zero')))
"""),
    ("error", """
with tf.Graph().as_default():
    a = tf1.get_variable('a', shape=[2])
    b = tf1.get_variable('b', shape=[2])
    with tf1.Session() as sess:
        tf1.global_variables_initializer().run()
        sess.run(tf.gradients(3.0 * a, [a, b]))
"""),
    ("md", """
## TF2: `GradientTape`

Outside a graph, TensorFlow runs eagerly. A tape records the operations run inside its `with`
block; `tape.gradient(target, sources)` then runs the backward pass. Variables are watched
automatically; a constant is watched only if you say so.
"""),
    ("code", """
x = tf.constant(3.0)
v = tf.Variable(3.0)
with tf.GradientTape() as tape:
    y_const = x * x
    y_var = v * v
print("d(x*x)/dx, x a constant not watched:", tape.gradient(y_const, x))

with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
print("with tape.watch(x):", tape.gradient(y, x))
"""),
    ("md", """
### A tape gives one set of gradients, unless it is persistent
"""),
    ("code", """
w = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y = w * w
    z = y * y
print(tape.gradient(z, w))
"""),
    ("error", """
tape.gradient(y, w)
"""),
    ("code", """
with tf.GradientTape(persistent=True) as tape:
    y = w * w
    z = y * y
print("dz/dw =", tape.gradient(z, w))
print("dy/dw =", tape.gradient(y, w))
del tape      # a persistent tape holds its resources until it is deleted
"""),
    ("md", """
### Several sources, and one that is not used

`tape.gradient(target, [v1, v2])` returns one gradient per source, `None` for a source the target
does not depend on (again `unconnected_gradients=tf.UnconnectedGradients.ZERO` gives zeros).
"""),
    ("code", """
u = tf.Variable(1.0)
with tf.GradientTape() as tape:
    y = w * w
print(tape.gradient(y, [w, u]))
"""),
    ("code", """
with tf.GradientTape() as tape:
    y = w * w
print(tape.gradient(y, [w, u], unconnected_gradients=tf.UnconnectedGradients.ZERO))
"""),
    ("md", """
### Nested tapes: second derivatives

The outer tape records what the inner tape's `gradient` computes, so it can differentiate it:
d/dw (w³) = 3w² = 12 and d²/dw² = 6w = 12 at w = 2.
"""),
    ("code", """
with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:
        y = w ** 3
    dy_dw = inner.gradient(y, w)
d2y_dw2 = outer.gradient(dy_dw, w)
print(dy_dw, d2y_dw2)
"""),
    ("md", """
### `jacobian`: a full matrix

For a non-scalar target, `gradient` sums the outputs (seeds every output with 1); `jacobian` keeps
them apart.
"""),
    ("code", """
xs = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape(persistent=True) as tape:
    ys = xs * xs
print(tape.gradient(ys, xs))
print(tape.jacobian(ys, xs))
del tape
"""),
    ("md", """
## The tape, drawn

`viz.trace(f, *args)` records one call of a function on minigrad's tape, whichever dialect's ops
it uses, and draws forward and backward graphs after `grad()`. The TensorFlow ops record the same
nodes as their PyTorch counterparts.
"""),
    ("code", """
def f(a, b):
    return tf.reduce_sum(a * b + tf.sin(a))

t = viz.trace(f, tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0]))
print([np.round(g, 4).tolist() for g in t.grad()])
t
"""),
    ("md", """
## What was learned

- `tf.gradients(ys, xs, grad_ys)` (TF1, inside a graph) is `autograd.grad(outputs, inputs,
  grad_outputs)`: several `ys` are summed, `grad_ys` weights them, unconnected `xs` give `None`.
- `GradientTape` records only inside `with`, only for variables and `watch`ed tensors; one
  `gradient` call per tape unless `persistent=True`; nesting tapes gives higher derivatives.
- `gradient` of a vector target sums it; `jacobian` keeps each output's row.
"""),
]

NOTEBOOKS["05_mindspore"] = [
    ("md", """
# 5. MindSpore: what does each `GradOperation` flag change?

MindSpore differentiates **functions and Cells**, not tensors: `ops.GradOperation(...)` turns a
network into a function returning gradients, and `ms.grad(fn, grad_position, weights, has_aux)`
is the newer, functional form. minigrad's MindSpore dialect (`import minigrad.ms as ms`) mimics
both, on the same tape as the other dialects.

**What to look for**
- the seed example (`GradNetWrtX`) gives the gradient with respect to the **first input** only;
- three flags, eight combinations: `get_all` (all inputs, not just the first), `get_by_list`
  (the weights passed as a `ParameterTuple`), `sens_param` (an extra last argument weighting the
  output, PyTorch's `grad_outputs`); the *shape* of the result changes with them;
- `ms.grad` says the same with `grad_position` and `weights`, and adds `has_aux`.
"""),
    ("code", """
import numpy as np
import minigrad as torch
import minigrad.ms as ms
from minigrad.ms import nn, ops
import viz

np.random.seed(0)
_ = torch.manual_seed(0)
"""),
    ("md", """
## The seed example: `GradOperation()` on a Cell

From the MindSpore migration guide: `out = (x · z) @ y` with a weight `z = [1.0]`. The default
`GradOperation()` differentiates the sum of the output with respect to `x` alone, so each row of
the result is the row sums of `y`: [1.41, 1.6, 6.6].
"""),
    ("code", """
class Net(nn.Cell):
    def __init__(self):
        super(Net, self).__init__()
        self.matmul = ops.MatMul()
        self.z = ms.Parameter(ms.Tensor(np.array([1.0], np.float32)), name='z')
    def construct(self, x, y):
        x = x * self.z
        out = self.matmul(x, y)
        return out

class GradNetWrtX(nn.Cell):
    def __init__(self, net):
        super(GradNetWrtX, self).__init__()
        self.net = net
        self.grad_op = ops.GradOperation()
    def construct(self, x, y):
        gradient_function = self.grad_op(self.net)
        return gradient_function(x, y)

x = ms.Tensor([[0.5, 0.6, 0.4], [1.2, 1.3, 1.1]], dtype=ms.float32)
y = ms.Tensor([[0.01, 0.3, 1.1], [0.1, 0.2, 1.3], [2.1, 1.2, 3.3]], dtype=ms.float32)
output = GradNetWrtX(Net())(x, y)
print(output)
"""),
    ("md", """
Underneath, the Cell's ops were recorded on minigrad's one tape, like PyTorch's. `viz.trace`
records one call of the seed network (its arguments `x` and `y`, named after `construct`'s, are
watched, and so is its Parameter `z`, drawn as a named parameter) and draws it; its `grad()`
seeds every output entry with 1, as `GradOperation()` does, so `x`'s gradient is the seed
example's result. The weight's gradient, which `GradOperation()` was not asked for, is in
`t.param_grads`.
"""),
    ("code", """
seed_net = Net()
t = viz.trace(seed_net, x, y)
print(t.grad()[0])
print(t.param_grads[0])
t
"""),
    ("md", """
## Flag by flag

A smaller network to read the numbers: `out = x * y * w` with inputs `x = [1, 2]`, `y = [3, 4]`
and one weight `w = [2]`. So ∂/∂x = y·w = [6, 8], ∂/∂y = x·w = [2, 4], ∂/∂w = Σ x·y = 11.
With `sens_param=True` the last argument `sens = [1, 10]` weights the outputs, which scales the
second entries by 10, and ∂/∂w becomes 1·(1·3) + 10·(2·4) = 83.
"""),
    ("code", """
class Small(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = ms.Parameter(ms.Tensor(np.array([2.0], np.float32)), name='w')
    def construct(self, x, y):
        return x * y * self.w

net = Small()
params = ms.ParameterTuple(net.trainable_params())
x = ms.Tensor(np.array([1.0, 2.0], np.float32))
y = ms.Tensor(np.array([3.0, 4.0], np.float32))
sens = ms.Tensor(np.array([1.0, 10.0], np.float32))

def shape_of(r):
    \"\"\"The nesting of a result: T for a tensor, (...) for a tuple.\"\"\"
    return "(" + ", ".join(shape_of(e) for e in r) + ")" if isinstance(r, tuple) else "T"

def values(r):
    return [values(e) for e in r] if isinstance(r, tuple) else r.asnumpy().tolist()

print(f"{'get_all':8} {'get_by_list':12} {'sens_param':11} {'result':16} values")
for get_all in (False, True):
    for get_by_list in (False, True):
        for sens_param in (False, True):
            grad_op = ops.GradOperation(get_all=get_all, get_by_list=get_by_list, sens_param=sens_param)
            fn = grad_op(net, params) if get_by_list else grad_op(net)
            r = fn(x, y, sens) if sens_param else fn(x, y)
            print(f"{get_all!s:8} {get_by_list!s:12} {sens_param!s:11} {shape_of(r):16} {values(r)}")
"""),
    ("md", """
Reading the table:

| flags | returns |
|---|---|
| none | the gradient of the **first input** alone, as a Tensor (not a tuple) |
| `get_all` | a tuple, one gradient per input |
| `get_by_list` | a tuple, one gradient per weight in the `ParameterTuple` (no input gradients) |
| `get_all` + `get_by_list` | `((input grads...), (weight grads...))` |
| `sens_param` | the same shapes, with the output weighted by the extra last argument |

The shapes (and the values) match MindSpore 2.10's; the project checks every combination
against the real framework in its oracle tests.

## `ms.grad`: positions and weights by argument

`ms.grad(fn, grad_position=0, weights=None, has_aux=False)` covers the same ground:
"""),
    ("code", """
print("grad_position=0 (default): ", ms.grad(net)(x, y))
print("grad_position=(0, 1):       ", values(ms.grad(net, grad_position=(0, 1))(x, y)))
weights = net.trainable_params()
print("grad_position=None, weights:", values(ms.grad(net, grad_position=None, weights=weights)(x, y)))
print("grad_position=0, weights:   ", values(ms.grad(net, grad_position=0, weights=weights)(x, y)))
"""),
    ("md", """
The seed example once more, written with `ms.grad` (the newer migration guide's version):
"""),
    ("code", """
class GradNetWrtX(nn.Cell):
    def __init__(self, net):
        super(GradNetWrtX, self).__init__()
        self.net = net
    def construct(self, x, y):
        gradient_function = ms.grad(self.net)
        return gradient_function(x, y)

x2 = ms.Tensor([[0.5, 0.6, 0.4], [1.2, 1.3, 1.1]], dtype=ms.float32)
y2 = ms.Tensor([[0.01, 0.3, 1.1], [0.1, 0.2, 1.3], [2.1, 1.2, 3.3]], dtype=ms.float32)
print(GradNetWrtX(Net())(x2, y2))
"""),
    ("md", """
### `has_aux`: extra outputs that are not differentiated

With `has_aux=True` only the first output is differentiated; the others come back unchanged.
`ms.value_and_grad` returns the value as well.
"""),
    ("code", """
def loss_and_stats(x, y):
    return (x * y).sum(), x + y

print(ms.grad(loss_and_stats, has_aux=True)(x, y))
print(ms.value_and_grad(loss_and_stats, has_aux=True)(x, y))
"""),
    ("md", """
## What was learned

- MindSpore differentiates a **function or Cell**; the gradient function takes the same
  arguments (plus `sens` with `sens_param=True`).
- By default only the **first input** is differentiated; `get_all` gives all inputs,
  `get_by_list` the weights, both together a pair of tuples; `sens_param` is PyTorch's
  `grad_outputs`.
- `ms.grad` expresses the same with `grad_position` and `weights`, and `has_aux` keeps extra
  outputs out of the differentiation.
"""),
]

NOTEBOOKS["06_jax"] = [
    ("md", """
# 6. JAX: what changes when derivatives are functions of functions?

JAX has no `.backward()` and no `.grad` attribute: `jax.grad(f)` is a **new function**, which can
be differentiated again, mapped, composed. There are two ways to push derivatives through a
function: **forward mode** (`jvp`, one input direction at a time, `jacfwd`) and **reverse mode**
(`vjp`, one output weighting at a time, `jacrev`, and `grad`). minigrad's JAX dialect
(`import minigrad.jax as jax`) mimics the API on the same tape as the other dialects.

**What to look for**
- `grad(grad(f))` is just composition; `vmap(grad(f))` evaluates it on many points;
- `jvp` gives J·v (a column direction), `vjp` gives uᵀJ (a row direction);
- for f: ℝⁿ → ℝᵐ a full Jacobian takes **n** forward passes or **m** reverse passes: reverse
  mode wins for a loss (m = 1), forward mode for few inputs and many outputs.
"""),
    ("code", """
import numpy as np
import minigrad as torch
import minigrad.jax as jax
import minigrad.jax.numpy as jnp

np.random.seed(0)
_ = torch.manual_seed(0)
key = jax.random.PRNGKey(0)
"""),
    ("md", """
## Functions of functions
"""),
    ("code", """
def f(x):
    return jnp.sin(x) * x

df = jax.grad(f)            # a function
d2f = jax.grad(df)          # the derivative of that function
print(f(1.0), df(1.0), d2f(1.0))
print(jax.vmap(df)(jnp.array([0.0, 1.0, 2.0])))
"""),
    ("md", """
f′(x) = sin x + x cos x and f″(x) = 2 cos x − x sin x: at x = 1, 1.3818 and 0.2391. (The last
digit of a float32 result may differ from real JAX's, whose `sin` is XLA's rather than NumPy's.)

`grad` insists on a scalar output, and on float inputs, with JAX's messages:
"""),
    ("error", """
jax.grad(lambda v: v * 2.0)(jnp.array([1.0, 2.0]))
"""),
    ("error", """
jax.grad(lambda n: n * 2)(1)
"""),
    ("md", """
`argnums` picks the arguments; `has_aux` returns extra outputs untouched; `value_and_grad`
returns the value too. Gradients with respect to a pytree (a dict of parameters) come back as the
same pytree.
"""),
    ("code", """
def loss(params, x):
    pred = params["w"] * x + params["b"]
    return jnp.mean(pred ** 2), {"pred": pred}

params = {"w": jnp.array(2.0), "b": jnp.array(0.5)}
xs = jnp.array([1.0, 2.0, 3.0])
(value, aux), grads = jax.value_and_grad(loss, has_aux=True)(params, xs)
print(value)
print(grads)
print(jax.grad(lambda a, b: a * b ** 2, argnums=(0, 1))(3.0, 2.0))
"""),
    ("md", """
Under the transform, `f` ran once on minigrad's tape with its argument watched, and one backward
pass read the tape: `viz.trace` shows what was recorded for f(x) = Σ sin(x)·x at x = [1, 2].
"""),
    ("code", """
import viz

t = viz.trace(lambda x: jnp.sum(jnp.sin(x) * x), jnp.array([1.0, 2.0]))
print(np.round(t.grad()[0], 4))
t
"""),
    ("md", """
## Forward mode and reverse mode

For g: ℝ² → ℝ³, g(x) = (x₀x₁, sin x₀, x₁²), the Jacobian is 3×2. `jvp` pushes a tangent
(an input direction) forward and returns one **column** combination J·v; `vjp` returns a function
pulling a cotangent (an output weighting) back, one **row** combination uᵀJ.
"""),
    ("code", """
def g(x):
    return jnp.array([x[0] * x[1], jnp.sin(x[0]), x[1] ** 2])

x = jnp.array([1.0, 2.0])
y, column = jax.jvp(g, (x,), (jnp.array([1.0, 0.0]),))
print("g(x)         =", y)
print("J @ [1, 0]   =", column, "(first column)")
y, pullback = jax.vjp(g, x)
print("[1, 0, 0] @ J =", pullback(jnp.array([1.0, 0.0, 0.0]))[0], "(first row)")
"""),
    ("code", """
print(jax.jacfwd(g)(x))
print(jax.jacrev(g)(x))
"""),
    ("md", """
## What each costs

A full Jacobian of f: ℝⁿ → ℝᵐ needs **n** jvps (one per input direction) or **m** vjps (one per
output). Count them on a loss-like function, ℝ²⁰⁰ → ℝ, and on a curve-like one, ℝ → ℝ²⁰⁰:
"""),
    ("code", """
n = 200
W = jax.random.normal(key, (n, n)) / np.sqrt(n)

def loss_like(v):            # R^200 -> R: many inputs, one output
    return jnp.sum(jnp.tanh(W @ v) ** 2)

def curve_like(t):           # R -> R^200: one input, many outputs
    return jnp.tanh(W @ jnp.tanh(W[:, 0] * t))

def jacobian_by_jvps(fun, x):
    basis = np.eye(x.size, dtype=np.float32)
    return [jax.jvp(fun, (x,), (jnp.array(e.reshape(x.shape)),))[1] for e in basis]

def jacobian_by_vjps(fun, x):
    out, pullback = jax.vjp(fun, x)
    basis = np.eye(out.size, dtype=np.float32)
    return [pullback(jnp.array(e.reshape(out.shape)))[0] for e in basis]

v0 = jax.random.normal(key, (n,))
t0 = jnp.array([0.5])
for name, fun, point in (("loss_like ", loss_like, v0), ("curve_like", curve_like, t0)):
    print(f"{name}: jvps {len(jacobian_by_jvps(fun, point))} | vjps {len(jacobian_by_vjps(fun, point))}")
"""),
    ("md", """
So `jax.grad` (a single vjp) is the right tool for a loss, whatever the number of parameters.
`jacfwd` and `jacrev` push all their directions through **as one batch** (JAX with `vmap`,
minigrad with a batched pass), so they run one pass, but the batch is n wide for `jacfwd` and
m wide for `jacrev`: the same n-versus-m rule shows up as time. Expect `jacrev` to be far faster
on the loss and `jacfwd` far faster on the curve (the figures vary from run to run and machine to
machine; the tests do not compare `%timeit` output):
"""),
    ("code", """
%timeit -n 5 -r 3 jax.jacrev(loss_like)(v0)
%timeit -n 5 -r 3 jax.jacfwd(loss_like)(v0)
"""),
    ("code", """
%timeit -n 5 -r 3 jax.jacrev(curve_like)(t0)
%timeit -n 5 -r 3 jax.jacfwd(curve_like)(t0)
"""),
    ("md", """
Both give the same numbers, of course:
"""),
    ("code", """
print(np.allclose(jax.jacfwd(loss_like)(v0), jax.jacrev(loss_like)(v0), atol=1e-5),
      np.allclose(jax.jacfwd(curve_like)(t0), jax.jacrev(curve_like)(t0), atol=1e-5))
"""),
    ("md", """
A note on how minigrad does forward mode: its rules carry only vjps, so `jvp` uses the
*double-vjp trick* (the pullback u ↦ uᵀJ is linear in u; differentiating it gives J·v). It costs
a constant multiple of a reverse pass; real JAX has dedicated jvp rules. The counting argument
above is the same for both.

`hessian` is `jacfwd(jacrev(f))`: forward over reverse, the usual cheap combination.
"""),
    ("code", """
jax.hessian(lambda v: jnp.sum(v ** 3))(jnp.array([1.0, 2.0]))
"""),
    ("md", """
## What was learned

- In JAX a derivative is a **function**: `grad`, `value_and_grad`, `jvp`, `vjp`, `jacfwd`,
  `jacrev`, `hessian` transform functions and compose (`grad(grad(f))`, `vmap(grad(f))`).
- `jvp` computes J·v (forward mode, one input direction), `vjp` computes uᵀJ (reverse mode, one
  output weighting).
- A full Jacobian of ℝⁿ → ℝᵐ costs n jvps or m vjps: reverse mode for losses (m = 1), forward
  mode for few inputs and many outputs.
"""),
]

NOTEBOOKS["07_four_dialects"] = [
    ("md", """
# 7. One computation, four dialects: where do they really differ?

PyTorch, TensorFlow, MindSpore and JAX compute the same derivatives; what differs is **how you ask**
and **what happens at the edges**: a non-scalar output, an input that is not used, asking twice,
returning extra values, blocking a gradient. minigrad runs all four dialects on one tape, so we
can ask each the same questions in one notebook and build the table from live answers.

**What to look for**
- the seed computation z = x·x·y gives dz/dx = 12, dz/dy = 4 in every dialect;
- the table at the end is computed by the cells above it (each entry is what the call returned
  or the error it raised); read down a row to see four answers to one question.
"""),
    ("code", """
import html
import numpy as np
import minigrad as torch
import minigrad.tf as tf
import minigrad.ms as ms
from minigrad.ms import ops
import minigrad.jax as jax
import minigrad.jax.numpy as jnp
from IPython.display import HTML

np.random.seed(0)
_ = torch.manual_seed(0)
"""),
    ("md", """
## The same computation four times

Tensor-centred dialects (PyTorch, TensorFlow) record while you compute, then ask the record.
Function-centred dialects (MindSpore, JAX) take the function and return a new one.
"""),
    ("code", """
# PyTorch: flag the leaves, compute, call backward, read .grad
x = torch.tensor(2., requires_grad=True)
y = torch.tensor(3., requires_grad=True)
z = x * x * y
z.backward()
print("torch:", x.grad, y.grad)

# TensorFlow 2: record on a tape, ask the tape
xv, yv = tf.Variable(2.), tf.Variable(3.)
with tf.GradientTape() as tape:
    z = xv * xv * yv
print("tf:   ", tape.gradient(z, [xv, yv]))

# MindSpore: transform the function; grad_position picks the inputs
def f(x, y):
    return x * x * y
print("ms:   ", ms.grad(f, grad_position=(0, 1))(ms.Tensor(2.), ms.Tensor(3.)))

# JAX: transform the function; argnums picks the arguments
print("jax:  ", jax.grad(lambda x, y: x * x * y, argnums=(0, 1))(2., 3.))
"""),
    ("md", """
## Asking the edge questions

Each probe below is a tiny function run in each dialect; `outcome` turns whatever it returned (or
raised) into short text. The probes are ordinary code: read them to see exactly what was asked.
"""),
    ("code", """
def as_list(v):
    \"\"\"A result of any dialect as plain numbers (None stays None).\"\"\"
    if v is None:
        return None
    if isinstance(v, (tuple, list)):
        return [as_list(e) for e in v]
    if isinstance(v, dict):
        return {k: as_list(e) for k, e in sorted(v.items())}
    for get in (lambda: v.asnumpy(), lambda: v.detach().numpy(), lambda: v.numpy(), lambda: v):
        try:
            return np.round(np.asarray(get(), dtype=np.float64), 4).tolist()
        except Exception:
            continue

def outcome(probe):
    \"\"\"What `probe()` returned, or the error it raised, as short text.\"\"\"
    try:
        return str(as_list(probe()))
    except Exception as e:
        message = str(e).split(". ")[0]
        return f"{type(e).__name__}: {message[:90]}{'…' if len(message) > 90 else ''}"

rows = {}
"""),
    ("md", """
### 1. A non-scalar output: y = x² for x = [1, 2]

PyTorch and JAX refuse (you must say how to weight the outputs); TensorFlow and MindSpore seed
every output with 1, i.e. differentiate the sum.
"""),
    ("code", """
def torch_nonscalar():
    x = torch.tensor([1., 2.], requires_grad=True)
    return torch.autograd.grad(x * x, x)

def tf_nonscalar():
    x = tf.Variable([1., 2.])
    with tf.GradientTape() as tape:
        y = x * x
    return tape.gradient(y, x)

def ms_nonscalar():
    return ms.grad(lambda x: x * x)(ms.Tensor(np.array([1., 2.], np.float32)))

def jax_nonscalar():
    return jax.grad(lambda x: x * x)(jnp.array([1., 2.]))

rows["non-scalar output"] = [outcome(p) for p in
                             (torch_nonscalar, tf_nonscalar, ms_nonscalar, jax_nonscalar)]
rows["non-scalar output"]
"""),
    ("md", """
### 2. An input that is not used: f(x, u) = x², gradient with respect to both
"""),
    ("code", """
def torch_unused():
    x, u = torch.tensor(3., requires_grad=True), torch.tensor(1., requires_grad=True)
    return torch.autograd.grad(x * x, [x, u])

def tf_unused():
    x, u = tf.Variable(3.), tf.Variable(1.)
    with tf.GradientTape() as tape:
        y = x * x
    return tape.gradient(y, [x, u])

def ms_unused():
    return ms.grad(lambda x, u: x * x, grad_position=(0, 1))(ms.Tensor(3.), ms.Tensor(1.))

def jax_unused():
    return jax.grad(lambda x, u: x * x, argnums=(0, 1))(3., 1.)

rows["unused input"] = [outcome(p) for p in (torch_unused, tf_unused, ms_unused, jax_unused)]
rows["unused input"]
"""),
    ("md", """
PyTorch needs `allow_unused=True` (then `None`); TensorFlow says `None`; MindSpore and JAX return
zeros, since for them a gradient is a function's value and "no dependence" is derivative 0.

### 3. Asking twice

The tensor-centred dialects keep state: a tape (or graph) is used up by one pass. The
function-centred ones just run the function again.
"""),
    ("code", """
def torch_twice():
    x = torch.tensor(3., requires_grad=True)
    y = x * x
    first = torch.autograd.grad(y, x)
    return first, torch.autograd.grad(y, x)

def tf_twice():
    x = tf.Variable(3.)
    with tf.GradientTape() as tape:
        y = x * x
    return tape.gradient(y, x), tape.gradient(y, x)

def ms_twice():
    df = ms.grad(lambda x: x * x)
    return df(ms.Tensor(3.)), df(ms.Tensor(3.))

def jax_twice():
    df = jax.grad(lambda x: x * x)
    return df(3.), df(3.)

rows["second call"] = [outcome(p) for p in (torch_twice, tf_twice, ms_twice, jax_twice)]
rows["second call"]
"""),
    ("md", """
(`retain_graph=True` in PyTorch and `persistent=True` in TensorFlow allow the second call.)

### 4. Extra (auxiliary) outputs: the function returns (loss, something else)

PyTorch and TensorFlow differentiate a *tensor*, so extra values are simply other Python
variables. MindSpore and JAX differentiate a *function*: `has_aux=True` says "differentiate the
first output, pass the rest through".
"""),
    ("code", """
def torch_aux():
    x = torch.tensor(3., requires_grad=True)
    loss, extra = x * x, x + 1          # nothing special: differentiate loss, keep extra
    return torch.autograd.grad(loss, x), extra

def tf_aux():
    x = tf.Variable(3.)
    with tf.GradientTape() as tape:
        loss, extra = x * x, x + 1
    return tape.gradient(loss, x), extra

def ms_aux():
    return ms.grad(lambda x: (x * x, x + 1), has_aux=True)(ms.Tensor(3.))

def jax_aux():
    return jax.grad(lambda x: (x * x, x + 1), has_aux=True)(3.)

def jax_aux_missing():
    return jax.grad(lambda x: (x * x, x + 1))(3.)

rows["aux output"] = [outcome(p) for p in (torch_aux, tf_aux, ms_aux, jax_aux)]
print(rows["aux output"])
print("JAX without has_aux:", outcome(jax_aux_missing))
"""),
    ("md", """
### 5. Stopping a gradient: f(x) = stop(x) · x, so f′(x) = x (not 2x)
"""),
    ("code", """
def torch_stop():
    x = torch.tensor([1., 2.], requires_grad=True)
    (x.detach() * x).sum().backward()
    return x.grad

def tf_stop():
    x = tf.Variable([1., 2.])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.stop_gradient(x) * x)
    return tape.gradient(y, x)

def ms_stop():
    return ms.grad(lambda x: (ops.stop_gradient(x) * x).sum())(ms.Tensor(np.array([1., 2.], np.float32)))

def jax_stop():
    return jax.grad(lambda x: jnp.sum(jax.lax.stop_gradient(x) * x))(jnp.array([1., 2.]))

rows["stop-gradient"] = [outcome(p) for p in (torch_stop, tf_stop, ms_stop, jax_stop)]
rows["stop-gradient"]
"""),
    ("md", """
## The table, from the answers above
"""),
    ("code", """
how = {"non-scalar output": "d(x²)/dx at x = [1, 2]", "unused input": "d(x²)/d(x, u)",
       "second call": "d(x²)/dx twice at 3", "aux output": "(x², x + 1) at 3",
       "stop-gradient": "d(stop(x)·x)/dx at [1, 2]"}
left = 'style="text-align:left; vertical-align:top"'
columns = ("question", "PyTorch", "TensorFlow (tape)", "MindSpore", "JAX")
head = "".join(f"<th {left}>{h}</th>" for h in columns)
asking = ["x.backward(), autograd.grad", "tape.gradient", "ms.grad, GradOperation", "jax.grad, vjp"]
body = f"<tr><td {left}><b>how you ask</b></td>"
body += "".join(f"<td {left}><code>{a}</code></td>" for a in asking) + "</tr>"
for name, answers in rows.items():
    cells = "".join(f"<td {left}><code>{html.escape(a)}</code></td>" for a in answers)
    body += f"<tr><td {left}><b>{name}</b><br><small>{how[name]}</small></td>{cells}</tr>"
HTML(f"<table><tr>{head}</tr>{body}</table>")
"""),
    ("md", """
## What was learned

- Same numbers, four styles: **record then ask** (PyTorch `backward`/`grad`, TensorFlow tape) versus
  **transform the function** (MindSpore `grad`/`GradOperation`, JAX `grad`).
- Non-scalar outputs: PyTorch and JAX want an explicit weighting (`grad_outputs`, `vjp`);
  TensorFlow and MindSpore silently sum.
- Unused inputs: an error (PyTorch, unless `allow_unused`), `None` (TensorFlow), zeros (MindSpore, JAX).
- Asking twice: the recorded graph or tape is used up (unless `retain_graph` / `persistent`); a
  transformed function can be called any number of times.
- Auxiliary outputs need `has_aux=True` only where you differentiate functions; stop-gradient is
  `detach` in PyTorch and `stop_gradient` everywhere else.
"""),
]

NOTEBOOKS["08_derivative_flow"] = [
    ("md", """
# 8. How does the derivative flow through a network, one node at a time?

A network's `backward()` is the same walk as in notebook 1, only longer: from the loss, each node
receives a gradient, multiplies it by its local derivative and sends the result on to its inputs;
at the parameters, `AccumulateGrad` stores it in `.grad`. Here we **step through** that walk on a
tiny network (2 inputs → 2 tanh units → 1 output), then look at how the size of the gradient
changes with depth.

**What to look for**
- the order in which nodes run (a node runs only once everything that feeds it has sent its
  gradient) and what each one sends;
- in the widget: drag the slider (or press ◀ ▶) and watch the highlighted node, the thick edges
  it sends along, and the parameters' gradients filling in;
- in a deep stack of sigmoids, the gradient reaching the first layers is much smaller than the
  gradient at the last ones.
"""),
    ("code", """
import numpy as np
import matplotlib.pyplot as plt
import minigrad as torch
import minigrad.nn as nn
import viz

np.random.seed(0)
_ = torch.manual_seed(0)
"""),
    ("md", """
## A tiny network and one loss
"""),
    ("code", """
net = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1))
x = torch.tensor([[1.0, -2.0]])
target = torch.tensor([[0.5]])
loss = ((net(x) - target) ** 2).mean()
names = dict(net.named_parameters())
names.update(x=x, target=target, loss=loss)
print(net)
print("loss:", loss)
"""),
    ("code", """
viz.forward(loss, names=names)
"""),
    ("md", """
Each `Linear` layer is recorded as a matrix product with the transposed weight (`MmBackward0`,
`TBackward0`) and a bias addition (`AddBackward0`). (PyTorch fuses the two into one `addmm` and
records a single `AddmmBackward0` node; minigrad records them separately, with the same numbers.)

## Stepping through the backward pass

`viz.steps(loss, run=...)` runs the backward pass while recording every node run. Displayed in
JupyterLab it is a widget: a slider and buttons walk the frames, the caption says what happened.
"""),
    ("code", """
steps = viz.steps(loss, run=lambda l: l.backward(), names=names)
steps
"""),
    ("md", """
The same information as text: the order in which the nodes ran, and each step's caption.
"""),
    ("code", """
for k in range(len(steps)):
    print(steps.caption(k))
"""),
    ("md", """
Frame 9, say, as a picture (without the widget): the `TanhBackward0` node is running; the
gradient it received is multiplied by 1 − tanh², the tanh's local derivative.
"""),
    ("code", """
steps.frame(9)
"""),
    ("md", """
The gradients the walk left in `.grad` are the ones the last frame lists:
"""),
    ("code", """
for name, p in net.named_parameters():
    print(f"{name:9}", np.round(p.grad.numpy().astype(np.float64), 5).tolist())
"""),
    ("md", """
## Depth: how big is the gradient that reaches the first layer?

Every node multiplies by its local derivative. A sigmoid's derivative is at most 1/4, so through a
stack of sigmoid layers the gradient shrinks layer by layer (the *vanishing gradient*); tanh (at
most 1) shrinks it less. We build two 8-layer networks, run one backward pass each and plot the
norm of each layer's weight gradient.
"""),
    ("code", """
def layer_gradient_norms(activation, depth=8, width=16):
    _ = torch.manual_seed(1)
    layers = []
    for _ in range(depth):
        layers += [nn.Linear(width, width), activation()]
    deep = nn.Sequential(*layers, nn.Linear(width, 1))
    inputs = torch.randn(32, width)
    (deep(inputs) ** 2).mean().backward()
    return [float(np.linalg.norm(m.weight.grad.numpy())) for m in deep if isinstance(m, nn.Linear)]

norms = {"sigmoid": layer_gradient_norms(nn.Sigmoid), "tanh": layer_gradient_norms(nn.Tanh)}
for name, values in norms.items():
    print(f"{name:8} first layer {values[0]:.2e}, last layer {values[-1]:.2e}")
"""),
    ("code", """
fig, ax = plt.subplots(figsize=(6, 3.4))
for name, values in norms.items():
    ax.semilogy(range(1, len(values) + 1), values, "o-", label=name)
ax.set_xlabel("layer (1 = nearest the input)")
ax.set_ylabel("‖weight gradient‖")
ax.set_title("gradient size by depth, one backward pass")
ax.legend(frameon=False)
ax.grid(alpha=0.3)
fig.tight_layout()
plt.close(fig)
fig
"""),
    ("md", """
The sigmoid network drawn with its derivative flow. Its graph has more than forty nodes, but seven
of its eight layers are identical (the first differs: it reads the input, a constant), so `viz`
draws them as one box, "×7 repeated block", listing one layer's ops. The edge into the box and the
edge out of it carry the gradient that crossed the seven layers: compare their norms.
"""),
    ("code", """
_ = torch.manual_seed(1)
layers = []
for _ in range(8):
    layers += [nn.Linear(16, 16), nn.Sigmoid()]
deep = nn.Sequential(*layers, nn.Linear(16, 1))
loss = (deep(torch.randn(32, 16)) ** 2).mean()
with viz.Flow() as flow:
    loss.backward()
viz.backward(loss, flow=flow, names={"loss": loss}, saved=False)
"""),
    ("md", """
## What was learned

- `backward()` visits each node once, in an order where a node runs only after every consumer of
  its output has sent its gradient; leaves are filled by `AccumulateGrad`.
- Each node multiplies what it received by its **local derivative** (tanh: 1 − tanh²; matrix
  product: the other factor, transposed) and sends one gradient per input.
- `viz.steps` shows this walk frame by frame (a widget in JupyterLab, `.frame(k)` and
  `.caption(k)` anywhere).
- Repeated multiplication by small local derivatives makes gradients shrink with depth: sigmoid
  stacks suffer much more than tanh ones.
- Large graphs stay readable: `viz` draws a block repeated along the graph (identical layers, a
  loop body) as one box with its count.
"""),
]

NOTEBOOKS["09_training"] = [
    ("md", """
# 9. What does training a network end to end involve?

Everything from the previous notebooks, in a loop: a forward pass builds the tape, `backward()`
fills every parameter's `.grad`, an optimiser takes a step, `zero_grad()` clears the gradients
(notebook 2: they accumulate). We train a small multi-layer perceptron to separate the **two moons**,
a 2-D data set no straight line can split.

**What to look for**
- the loop is five lines; the tape is rebuilt at every step and freed by every `backward()`;
- the loss curve (`viz.plot_training`) for the training set and a held-out set;
- the decision boundary bending around the moons as the network learns.
"""),
    ("code", """
import numpy as np
import matplotlib.pyplot as plt
import minigrad as torch
import minigrad.nn as nn
import minigrad.optim as optim
import viz

np.random.seed(0)
_ = torch.manual_seed(0)
"""),
    ("md", """
## Data: two moons, generated with NumPy

Two interleaved half circles with Gaussian noise (the same construction as scikit-learn's
`make_moons`), 200 points for training and 200 held out.
"""),
    ("code", """
def two_moons(n, noise, rng):
    \"\"\"n points (n/2 per moon) with labels 0 and 1.\"\"\"
    t = rng.uniform(0, np.pi, n)
    labels = np.arange(n) % 2
    upper = np.stack([np.cos(t), np.sin(t)], axis=1)
    lower = np.stack([1 - np.cos(t), 0.5 - np.sin(t)], axis=1)
    points = np.where(labels[:, None] == 0, upper, lower) + rng.normal(0, noise, (n, 2))
    return points.astype(np.float32), labels

rng = np.random.default_rng(0)
X_train, y_train = two_moons(200, 0.15, rng)
X_test, y_test = two_moons(200, 0.15, rng)
print(X_train.shape, np.bincount(y_train))
"""),
    ("code", """
fig, ax = plt.subplots(figsize=(5, 3.4))
for label, colour in ((0, "#1f77b4"), (1, "#d62728")):
    pts = X_train[y_train == label]
    ax.scatter(pts[:, 0], pts[:, 1], s=12, color=colour, label=f"class {label}")
ax.set_title("two moons (training set)")
ax.legend(frameon=False)
fig.tight_layout()
plt.close(fig)
fig
"""),
    ("md", """
## Model, loss, optimiser

Two hidden layers of 16 tanh units, two output logits, cross-entropy, Adam.
"""),
    ("code", """
model = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 2))
loss_fn = nn.CrossEntropyLoss()
optimizer = optim.Adam(model.parameters(), lr=0.03)
print(model)
print("parameters:", sum(p.numel() for p in model.parameters()))
"""),
    ("md", """
## The loop

Full-batch training: 300 steps. The held-out loss is computed under `torch.no_grad()`, so it
records no tape.
"""),
    ("code", """
xb, yb = torch.tensor(X_train), torch.tensor(y_train)
xt, yt = torch.tensor(X_test), torch.tensor(y_test)

def accuracy(logits, labels):
    return float((logits.argmax(dim=1) == labels).float().mean())

history = {"train loss": [], "held-out loss": []}
for step in range(300):
    loss = loss_fn(model(xb), yb)     # forward: builds the tape
    optimizer.zero_grad()             # clear last step's gradients
    loss.backward()                   # fills p.grad for every parameter
    optimizer.step()                  # p -= lr * (Adam's update)
    with torch.no_grad():
        history["train loss"].append(float(loss))
        history["held-out loss"].append(float(loss_fn(model(xt), yt)))
    if step % 50 == 0 or step == 299:
        print(f"step {step:3d}  train loss {history['train loss'][-1]:.3f}"
              f"  held-out loss {history['held-out loss'][-1]:.3f}")
"""),
    ("code", """
with torch.no_grad():
    print(f"train accuracy {accuracy(model(xb), yb):.3f}, held-out accuracy {accuracy(model(xt), yt):.3f}")
"""),
    ("code", """
viz.plot_training(history, title="two moons: cross-entropy per step")
"""),
    ("md", """
## The decision boundary

The network's probability for class 1 over a grid, with the held-out points on top. The
boundary (probability 0.5) curls between the moons.
"""),
    ("code", """
grid_x, grid_y = np.meshgrid(np.linspace(-1.6, 2.6, 120), np.linspace(-1.2, 1.7, 90))
grid = torch.tensor(np.stack([grid_x.ravel(), grid_y.ravel()], axis=1).astype(np.float32))
with torch.no_grad():
    prob = torch.softmax(model(grid), dim=1)[:, 1].numpy().reshape(grid_x.shape)

fig, ax = plt.subplots(figsize=(6, 4))
ax.contourf(grid_x, grid_y, prob, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.6)
ax.contour(grid_x, grid_y, prob, levels=[0.5], colors="k", linewidths=1.5)
for label, colour in ((0, "#1f77b4"), (1, "#d62728")):
    pts = X_test[y_test == label]
    ax.scatter(pts[:, 0], pts[:, 1], s=10, color=colour, edgecolor="white", linewidth=0.3)
ax.set_title("decision boundary (black) and held-out points")
fig.tight_layout()
plt.close(fig)
fig
"""),
    ("md", """
## What was learned

- A training step is: forward (records the tape), `zero_grad()`, `backward()` (walks and frees
  it), `optimizer.step()` (updates the parameters in place, outside the tape).
- Evaluation runs under `no_grad()`: no tape, nothing to free.
- A two-hidden-layer tanh network separates the two moons: both losses fall steeply in the first
  50 steps; after that the training loss keeps creeping down while the held-out loss levels off
  (and turns up slightly at the end, the first hint of overfitting). The decision boundary shows
  what was learned.
"""),
]

NOTEBOOKS["10_custom_ops"] = [
    ("md", """
# 10. How do you add your own operation, and how do you know its derivative is right?

Sometimes the derivative you want is not the one the engine would compute: a numerically stable
formula, a cheaper one, or a deliberately different one (gradient clipping, straight-through
estimators). PyTorch's `autograd.Function` and TensorFlow's `tf.custom_gradient` let you supply
the backward yourself. Then you must **check** it: `torch.autograd.gradcheck` compares your
backward with finite differences.

**What to look for**
- a custom `Function` appears on the tape as one node (`MyExpBackward`), with what you saved;
- `gradcheck` passes for a correct backward and, for a wrong one, says which entries disagree;
- `tf.custom_gradient` fixes a derivative that overflows (`log(1 + eˣ)` at x = 100).
"""),
    ("code", """
import warnings
import numpy as np
import minigrad as torch
import minigrad.tf as tf
import viz

np.random.seed(0)
_ = torch.manual_seed(0)
"""),
    ("md", """
## `autograd.Function`: forward and backward, written by hand

`forward(ctx, ...)` computes the result and saves what backward needs; `backward(ctx, grad)`
returns one gradient per input. For exp, the derivative is the result itself, so we save the
output.
"""),
    ("code", """
class MyExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = x.exp()
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        (y,) = ctx.saved_tensors
        return grad_output * y

x = torch.tensor([0.5, 1.0], dtype=torch.float64, requires_grad=True)
y = MyExp.apply(x)
y.sum().backward()
print(y)
print(x.grad)
"""),
    ("code", """
viz.backward(y, names={"x": x, "y": y})
"""),
    ("md", """
## `gradcheck`: compare with finite differences

`gradcheck(f, inputs)` perturbs each input entry by ±ε, measures how each output moves (central
differences) and compares that numerical Jacobian with the one your backward produces. Use
`float64` inputs: in `float32` the finite differences are too noisy. `gradgradcheck` does the same
for the derivative of the backward (second order).
"""),
    ("code", """
print(torch.autograd.gradcheck(MyExp.apply, (x,)))
print(torch.autograd.gradgradcheck(MyExp.apply, (x,)))
"""),
    ("md", """
### A wrong backward, caught

d(x²)/dx = 2x, but this backward forgets the 2. The forward is right, so nothing looks wrong
until you check:
"""),
    ("code", """
class BadSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * x          # wrong: should be 2 * x * grad_output

print(BadSquare.apply(x))
"""),
    ("error", """
torch.autograd.gradcheck(BadSquare.apply, (x,))
"""),
    ("md", """
The error lists the numerical and the analytical Jacobian: the diagonal is off by a factor of 2,
exactly the missing factor. With `raise_exception=False` gradcheck returns `False` instead:
"""),
    ("code", """
torch.autograd.gradcheck(BadSquare.apply, (x,), raise_exception=False)
"""),
    ("md", """
## `tf.custom_gradient`: a stable derivative

TensorFlow's documentation example: log(1 + eˣ). At x = 100, eˣ overflows float32; the value is
`inf` either way, but the automatic derivative e·(1/(1+e)) becomes inf/inf = `nan`. Written with
a custom gradient, 1 − 1/(1 + eˣ), it is the correct 1.0. NumPy reports the overflow as
warnings, which we catch and print (TensorFlow computes the same values without warning).
"""),
    ("code", """
@tf.custom_gradient
def log1pexp(x):
    e = tf.exp(x)
    def grad(upstream):
        return upstream * (1 - 1 / (1 + e))
    return tf.math.log(1 + e), grad

def naive_log1pexp(x):
    return tf.math.log(1 + tf.exp(x))

x100 = tf.constant(100.)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for f in (naive_log1pexp, log1pexp):
        with tf.GradientTape() as tape:
            tape.watch(x100)
            value = f(x100)
        print(f"{f.__name__:15} value {value.numpy()}  derivative {tape.gradient(value, x100).numpy()}")
for w in caught:
    print(f"{w.category.__name__}: {w.message}")
"""),
    ("md", """
### Checking it against finite differences

`gradcheck` is PyTorch's tool; TensorFlow's is `tf.test.compute_gradient`, which minigrad's
TensorFlow dialect does not provide. The idea is simple enough to write out: central
differences in float64, compared with the tape's gradient.
"""),
    ("code", """
def check_tf_gradient(f, x, eps=1e-6, tol=1e-6):
    x = tf.constant(np.asarray(x, dtype=np.float64))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(f(x))
    analytical = tape.gradient(y, x).numpy()
    base = x.numpy()
    numerical = np.array([
        (tf.reduce_sum(f(tf.constant(base + eps * e))).numpy()
         - tf.reduce_sum(f(tf.constant(base - eps * e))).numpy()) / (2 * eps)
        for e in np.eye(base.size)])
    print("analytical", np.round(analytical, 6))
    print("numerical ", np.round(numerical, 6))
    return bool(np.allclose(analytical, numerical, atol=tol, rtol=tol))

check_tf_gradient(log1pexp, [0.5, -1.0, 3.0])
"""),
    ("md", """
A custom gradient can also be *deliberately* different from the true derivative: here the
forward is the identity, but the gradient is clipped to [−0.1, 0.1]. Finite differences disagree,
as they should: this is a design choice, not a bug, and the check makes it visible.
"""),
    ("code", """
@tf.custom_gradient
def clip_gradient(x):
    def grad(dy):
        return tf.clip_by_value(dy, -0.1, 0.1)
    return tf.identity(x), grad

check_tf_gradient(lambda t: clip_gradient(t) * 5.0, [1.0, 2.0])
"""),
    ("md", """
## What was learned

- `autograd.Function` (PyTorch) and `tf.custom_gradient` (TensorFlow) replace the engine's
  derivative for one operation; the node on the tape then runs *your* backward.
- A hand-written backward is easy to get wrong and hard to notice: `gradcheck` (and
  `gradgradcheck`) compare it with finite differences in float64 and name the entries that
  disagree.
- Custom gradients fix numerical problems (log1pexp at 100: `nan` becomes 1.0) or implement
  deliberate changes (clipping); a finite-difference check tells the two kinds apart.
"""),
]


def main(argv: list) -> int:
    names = argv or sorted(NOTEBOOKS)
    for name in names:
        path = ROOT / "notebooks" / f"{name}.ipynb"
        path.parent.mkdir(exist_ok=True)
        nbformat.write(build(NOTEBOOKS[name]), path)
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
