"""viz: pictures of what minigrad's tape recorded, for notebooks.

Reads the tape only through `minigrad.autograd.graph` (walk, describe, saved_values, observe);
node ids are creation numbers, so a node has the same id (#n) in every picture.

- ``forward(*results, names=)``: tensors (name, shape, dtype, value) and the ops between them.
- ``backward(*results, flow=, names=)``: grad_fn nodes, AccumulateGrad, saved tensors and their
  state (alive, freed, modified in place); with a ``Flow``, the gradient on every edge.
- ``Flow()``: ``with viz.Flow() as flow: loss.backward()`` records what each node received and sent.
- ``forward_backward(...)``, ``higher_order(y, dy_dx)``: two graphs side by side, ids matching.
- ``steps(*results, run=|flow=)``: the backward pass one node at a time (``.widget()``, ``.frames()``,
  ``.svg_frames()``).
- ``trace(fn, *args)``: one call recorded on a Recorder (any dialect); ``.grad()``, ``.backward()``.
- ``plot_derivatives``, ``plot_field``, ``plot_training``: matplotlib figures.

Every picture is a ``Picture``: inline SVG in Jupyter, ``.save("g.png")`` (svg/png/pdf), ``.source``
(DOT). Large graphs stay readable: a block repeated 3 or more times in a row (a stack of identical
layers, a loop body; ``collapse`` or more nodes in all) becomes one box saying "×N" with the
block's ops, other chains of ``collapse`` or more nodes become one box, and ``max_nodes`` bounds
what is drawn (the rest summarised). Without Graphviz's ``dot`` a picture shows how to install it
and its DOT text.

>>> import minigrad as torch, viz
>>> x = torch.tensor(2., requires_grad=True); y = torch.tensor(3., requires_grad=True)
>>> z = x * x * y
>>> with viz.Flow() as flow:
...     z.backward()
>>> viz.backward(z, flow=flow, names={"x": x, "y": y, "z": z}).summary
'backward: 9 nodes, 9 edges'
"""
from ._render import DotNotFound, Picture, text  # noqa: F401
from .flow import Flow  # noqa: F401
from .graphs import backward, forward, forward_backward, higher_order  # noqa: F401
from .plots import derivatives, descent_path, plot_derivatives, plot_field, plot_training  # noqa: F401
from .steps import Steps, steps  # noqa: F401
from .trace import Trace, trace  # noqa: F401
