"""minigrad: a small tape-based reverse-mode autodiff engine over NumPy, with the PyTorch
gradient API as its native face (``import minigrad as torch``)."""
from __future__ import annotations

__version__ = "0.1.0"

from ._mode import enable_grad, is_grad_enabled, no_grad, set_grad_enabled  # noqa: F401
from .tensor import (Size, Tensor, bool_ as bool, double, dtype, float, float16, float32,  # noqa: F401,A004
                     float64, half, int, int8, int16, int32, int64, long, short, uint8)
from ._random import Generator, default_generator  # noqa: F401
from .creation import (arange, empty, eye, from_numpy, full, full_like, initial_seed, linspace,  # noqa: F401
                       manual_seed, ones, ones_like, rand, rand_like, randint, randn, randn_like, tensor,
                       zeros, zeros_like)
from .ops import (abs, add, addmm, amax, amin, argmax, argmin, bmm, cat, clamp, clone, cos, div, dot,  # noqa: F401,A004
                  eq, exp, expand, flatten, ge, gt, le, log, log_softmax, logsumexp, lt, matmul, max,
                  maximum, mean, min, minimum, mm, mul, mv, ne, neg, norm, permute, pow, prod, reciprocal,
                  relu, reshape, sigmoid, sign, sin, softmax, sqrt, squeeze, stack, std, sub, sum, t,
                  tanh, transpose, unsqueeze, var, view, where)
from . import autograd  # noqa: F401,E402
from . import linalg, nn, optim  # noqa: F401,E402

clip = clamp
square = lambda input: pow(input, 2)  # noqa: E731
get_default_dtype = lambda: float32  # noqa: E731
