"""The MindSpore dialect (MindSpore 2.10, PyNative): ``import minigrad.ms as ms``.

Tensors print as MindSpore prints them; ``ops.GradOperation``, ``grad``, ``value_and_grad``,
``vjp``, ``jvp``, ``jacfwd`` and ``jacrev`` translate MindSpore's calls into the core's one backward
pass, with MindSpore's seeds (ones for every output), return structures and errors.

>>> import minigrad.ms as ms
>>> def f(x):
...     return x * x
>>> print(ms.grad(f)(ms.Tensor([1.0, 2.0, 3.0])))
[2. 4. 6.]
"""
from __future__ import annotations

from . import dtype  # noqa: F401
from ._grad import grad, jacfwd, jacrev, jvp, value_and_grad, vjp  # noqa: F401
from ._tensor import Parameter, ParameterTuple, Tensor, tensor  # noqa: F401
from .dtype import (bool_, double, dtype_to_nptype, float16, float32, float64, half, int8, int16,  # noqa: F401
                    int32, int64, single, uint8, uint16, uint32, uint64)
from . import context, nn, ops  # noqa: F401,E402
from .context import GRAPH_MODE, PYNATIVE_MODE, get_context, set_context  # noqa: F401,E402
