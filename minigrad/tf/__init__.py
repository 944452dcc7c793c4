# ruff: noqa: F401, A004
"""minigrad's TensorFlow dialect: ``import minigrad.tf as tf``.

TF1's ``tf.gradients`` and ``Session`` (graph mode: any tensor of the computation can be
differentiated) and TF2's ``GradientTape``, on minigrad's one tape. The dialect only translates:
names, signatures, dtype rules, errors and printing; the derivatives are the core's rules.
"""
from __future__ import annotations

from . import compat, errors, keras, math, nn, random  # noqa: F401
from .function import function
from .printing import print  # noqa: A004
from .dtypes import (DType, as_dtype, bool, complex64, complex128, double, float16, float32,
                     float64, half, int8, int16, int32, int64, uint8, uint16, uint32, uint64)
from .gradients import (AggregationMethod, UnconnectedGradients, custom_gradient, gradients,  # noqa: F401
                        stop_gradient)
from .math_ops import (abs, add, add_n, argmax, argmin, cast, clip_by_value, concat, cos, divide,
                       equal, exp, expand_dims, eye, fill, floordiv, gather, greater, greater_equal,
                       identity, less, less_equal, linspace, log, logical_and, logical_not, logical_or,
                       matmul, maximum, minimum, multiply, negative, norm, not_equal, one_hot, ones,
                       ones_like, pow, range, rank, realdiv, reduce_all, reduce_any, reduce_logsumexp,
                       reduce_max, reduce_mean, reduce_min, reduce_prod, reduce_std, reduce_sum,
                       reduce_variance, reshape, shape, sigmoid, sign, sin, size, split, sqrt, square,
                       squeeze, stack, subtract, tanh, tensordot, tile, transpose, truediv, unstack, where,
                       zeros, zeros_like)
from .session import (Graph, Operation, Session, InteractiveSession, executing_eagerly,  # noqa: F401
                      global_variables, global_variables_initializer, initialize_all_variables,
                      reset_default_graph, trainable_variables, variables_initializer)
from .tape import GradientTape  # noqa: F401
from .tensor import (Tensor, TensorShape, Variable, constant, convert_to_tensor,  # noqa: F401
                     get_variable)

from . import dtypes  # noqa: E402,F401 (tf.dtypes.float32, tf.dtypes.as_dtype)
from ._namespaces import linalg, nest  # noqa: E402,F401

newaxis = None
optimizers = keras.optimizers
