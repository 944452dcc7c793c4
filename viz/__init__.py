"""viz: pictures of what minigrad's tape recorded, for notebooks.

Reads the tape only through `minigrad.autograd.graph` (walk, describe, saved_values, observe);
node ids are creation numbers, so a node has the same id in every picture.

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
