"""minigrad's JAX dialect: ``import minigrad.jax as jax`` and ``import minigrad.jax.numpy as jnp``.

Gradients are functions of functions, as in jax 0.7-0.10: ``grad``, ``value_and_grad``,
``vjp``, ``jvp``, ``jacrev``, ``jacfwd``, ``hessian`` and any composition of them, over pytrees
of tuples, lists, dicts and None. Differences from JAX: ``jit`` runs the function as it is,
``vmap`` runs it once per slice, ``random`` draws with NumPy (reproducible, not JAX's numbers),
complex differentiation (``holomorphic=True``) is not supported, and inside a transform values
are concrete Arrays (printing one shows its numbers, not a tracer).

>>> import minigrad.jax as jax
>>> import minigrad.jax.numpy as jnp
>>> print(jax.grad(lambda x: jnp.sum(x ** 2))(jnp.array([1., 2.])))
[2. 4.]
"""
from __future__ import annotations

from . import lax, nn, numpy, random, scipy, tree_util  # noqa: F401
from ._api import (block_until_ready, device_get, device_put, float0, grad, hessian, jacfwd,  # noqa: F401
                   jacobian, jacrev, jit, jvp, linearize, value_and_grad, vjp, vmap)
from ._array import Array, config  # noqa: F401
from ._custom import custom_jvp, custom_vjp  # noqa: F401


class _Tree:
    """``jax.tree``: the short names of ``tree_util``."""

    map = staticmethod(tree_util.tree_map)
    leaves = staticmethod(tree_util.tree_leaves)
    flatten = staticmethod(tree_util.tree_flatten)
    unflatten = staticmethod(tree_util.tree_unflatten)
    structure = staticmethod(tree_util.tree_structure)
    reduce = staticmethod(tree_util.tree_reduce)
    all = staticmethod(tree_util.tree_all)


tree = _Tree()
tree_map = tree_util.tree_map


def devices() -> list:
    """The one device: the CPU."""
    return ["CpuDevice(id=0)"]
