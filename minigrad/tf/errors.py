# ruff: noqa: F401, A004
"""``tf.errors``: TensorFlow's runtime error classes."""
from ._errors import FailedPreconditionError, InvalidArgumentError, OpError  # noqa: F401
