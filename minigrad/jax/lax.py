"""``jax.lax``: the few primitives JAX's autodiff tutorial uses.

>>> import minigrad.jax as jax
>>> jax.grad(lambda x: jax.lax.stop_gradient(x) * x)(3.)
Array(3., dtype=float32, weak_type=True)
"""
from __future__ import annotations

from typing import Any

from ..tensor import Tensor
from ._array import asarray, make
from .tree_util import tree_map


def stop_gradient(x: Any) -> Any:
    """The same values with no derivative at any order: every leaf of the pytree ``x`` becomes a
    fresh array that no transform tracks (JAX's zero cotangent)."""
    def stop(leaf: Any) -> Any:
        if not isinstance(leaf, Tensor):
            return leaf             # a constant already (JAX hands Python numbers back as they are)
        a = asarray(leaf)
        return make(a._data, a.weak_type)
    return tree_map(stop, x)
