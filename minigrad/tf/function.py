"""``tf.function``: accepted, and the function runs as written (eagerly, on the same tape)."""
from __future__ import annotations

from typing import Any, Callable


def function(func: Callable | None = None, input_signature: Any = None, autograph: bool = True,
             jit_compile: Any = None, reduce_retracing: bool = False, experimental_implements: Any = None,
             experimental_autograph_options: Any = None, experimental_attributes: Any = None,
             experimental_relax_shapes: Any = None, experimental_compile: Any = None,
             experimental_follow_type_hints: Any = None) -> Any:
    """Decorator that TensorFlow uses to trace a graph; here the function itself, bare or called.

    >>> import minigrad.tf as tf
    >>> @tf.function
    ... def double(x):
    ...     return x * 2
    >>> double(tf.constant(2.))
    <tf.Tensor: shape=(), dtype=float32, numpy=4.0>
    """
    if func is None:
        return lambda f: f
    return func
