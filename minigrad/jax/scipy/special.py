"""``jax.scipy.special``.

>>> from minigrad.jax.scipy.special import logsumexp
>>> import minigrad.jax.numpy as jnp
>>> logsumexp(jnp.zeros(4))
Array(1.3862944, dtype=float32)
"""
from __future__ import annotations

from ..nn import logsumexp  # noqa: F401
