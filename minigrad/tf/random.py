"""``tf.random``: seeded random tensors (a NumPy generator of its own: TensorFlow's exact streams
are not reproduced, only their shapes, dtypes and distributions)."""
from __future__ import annotations

from typing import Any

import numpy as np

from .dtypes import as_dtype, float32
from .tensor import Tensor, _to_array


_rng = [np.random.default_rng()]


def _generator() -> np.random.Generator:
    return _rng[0]


def _shape(shape: Any) -> tuple:
    return tuple(int(s) for s in (_to_array(shape).reshape(-1) if not isinstance(shape, int) else [shape]))


def set_seed(seed: int) -> None:
    """Seed the generator behind ``tf.random`` (and ``get_variable``'s initial values).

    >>> import minigrad.tf as tf
    >>> tf.random.set_seed(1); a = tf.random.uniform([2])
    >>> tf.random.set_seed(1); bool(tf.reduce_all(a == tf.random.uniform([2])))
    True
    """
    _rng[0] = np.random.default_rng(int(seed))


def normal(shape: Any, mean: float = 0.0, stddev: float = 1.0, dtype: Any = float32, seed: Any = None,
           name: str | None = None) -> Tensor:
    """Normally distributed values.

    >>> import minigrad.tf as tf
    >>> tf.random.normal([2, 3]).shape
    TensorShape([2, 3])
    """
    array = _generator().normal(mean, stddev, _shape(shape))
    return Tensor._make(np.asarray(array, as_dtype(dtype).numpy_dtype), False)


def truncated_normal(shape: Any, mean: float = 0.0, stddev: float = 1.0, dtype: Any = float32,
                     seed: Any = None, name: str | None = None) -> Tensor:
    """Normal values redrawn until within two standard deviations of the mean.

    >>> import minigrad.tf as tf
    >>> bool(tf.reduce_all(tf.abs(tf.random.truncated_normal([50])) <= 2.))
    True
    """
    size = _shape(shape)
    array = _generator().normal(0.0, 1.0, size)
    bad = np.abs(array) > 2
    while bad.any():
        array[bad] = _generator().normal(0.0, 1.0, int(bad.sum()))
        bad = np.abs(array) > 2
    return Tensor._make(np.asarray(mean + stddev * array, as_dtype(dtype).numpy_dtype), False)


def uniform(shape: Any, minval: Any = 0, maxval: Any = None, dtype: Any = float32, seed: Any = None,
            name: str | None = None) -> Tensor:
    """Uniform values in ``[minval, maxval)`` (``maxval`` 1 for floats).

    >>> import minigrad.tf as tf
    >>> tf.random.uniform([3], maxval=10, dtype=tf.int32).dtype
    tf.int32
    """
    np_dtype = as_dtype(dtype).numpy_dtype
    if np_dtype.kind in "iu":
        array = _generator().integers(minval, maxval, _shape(shape))
    else:
        array = _generator().uniform(minval, 1.0 if maxval is None else maxval, _shape(shape))
    return Tensor._make(np.asarray(array, np_dtype), False)
