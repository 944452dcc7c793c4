"""``jax.random``: explicit keys, deterministic, drawn with NumPy.

A key is a uint32 Array of two words, as JAX's raw keys are; splitting and sampling seed a
NumPy generator with the key's words. The numbers are reproducible but are not JAX's.

>>> from minigrad.jax import random
>>> random.PRNGKey(0)
Array([0, 0], dtype=uint32)
>>> random.split(random.PRNGKey(0)).shape
(2, 2)
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ._array import Array, canonical, default_float, default_int, make


def PRNGKey(seed: int) -> Array:
    """A raw key from an integer seed: ``[high 32 bits, low 32 bits]``."""
    seed = int(seed)
    return make(np.array([(seed >> 32) & 0xFFFFFFFF, seed & 0xFFFFFFFF], dtype=np.uint32))


key = PRNGKey          # new-style typed keys are not modelled: a raw key stands in


def _generator(key: Any) -> np.random.Generator:
    words = np.asarray(key).astype(np.uint32).ravel()
    return np.random.default_rng([int(w) for w in words] + [0x6A6178])


def split(key: Any, num: int = 2) -> Array:
    """``num`` new keys, shape ``(num, 2)``."""
    return make(_generator(key).integers(0, 2 ** 32, size=(num, 2), dtype=np.uint32))


def fold_in(key: Any, data: int) -> Array:
    """A new key mixing ``data`` into ``key``."""
    words = np.asarray(key).astype(np.uint32).ravel()
    rng = np.random.default_rng([int(w) for w in words] + [int(data) & 0xFFFFFFFF, 0x666F6C64])
    return make(rng.integers(0, 2 ** 32, size=(2,), dtype=np.uint32))


def _shape(shape: Any) -> tuple:
    return (int(shape),) if isinstance(shape, (int, np.integer)) else tuple(shape)


def normal(key: Any, shape: Any = (), dtype: Any = None) -> Array:
    """Standard normal samples."""
    d = canonical(dtype or default_float())
    return make(np.asarray(_generator(key).standard_normal(_shape(shape))).astype(d))


def uniform(key: Any, shape: Any = (), dtype: Any = None, minval: Any = 0.0, maxval: Any = 1.0) -> Array:
    """Uniform samples in ``[minval, maxval)``."""
    d = canonical(dtype or default_float())
    values = _generator(key).uniform(np.asarray(minval), np.asarray(maxval), _shape(shape))
    return make(np.asarray(values).astype(d))


def randint(key: Any, shape: Any, minval: Any, maxval: Any, dtype: Any = None) -> Array:
    """Integers in ``[minval, maxval)``."""
    d = canonical(dtype or default_int())
    return make(np.asarray(_generator(key).integers(minval, maxval, _shape(shape))).astype(d))


def bernoulli(key: Any, p: Any = 0.5, shape: Any = None) -> Array:
    """True with probability ``p``."""
    shape = np.shape(p) if shape is None else _shape(shape)
    return make(_generator(key).random(shape) < np.asarray(p))


def permutation(key: Any, x: Any) -> Array:
    """A shuffled ``arange(x)`` or a shuffled copy of ``x`` along its first axis."""
    rng = _generator(key)
    if isinstance(x, (int, np.integer)):
        return make(rng.permutation(int(x)).astype(default_int()))
    from .numpy import asarray
    x = asarray(x)
    return x[rng.permutation(x.shape[0])]
