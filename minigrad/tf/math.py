# ruff: noqa: F401, A004
"""``tf.math``: the elementwise and reduction ops under their ``tf.math`` names."""
from .math_ops import (abs, add, add_n, argmax, argmin, cos, divide, equal, exp, expm1, floordiv,
                       floormod, greater, greater_equal, less, less_equal, log, log1p, logical_and,
                       logical_not, logical_or, maximum, minimum, mod, multiply, negative, not_equal, pow,
                       reciprocal, reduce_all, reduce_any, reduce_logsumexp, reduce_max, reduce_mean,
                       reduce_min, reduce_prod, reduce_std, reduce_sum, reduce_variance, rsqrt, sigmoid,
                       sign, sin, softplus, sqrt, square, subtract, tan, tanh, truediv)
from .math_ops import log_softmax, softmax  # noqa: F401
