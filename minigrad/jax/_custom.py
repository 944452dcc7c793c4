"""``custom_vjp`` and ``custom_jvp``: user-written derivative rules, recorded as one node each
through the core's custom-Function path (``minigrad.autograd.function.Function``), so the
engine treats them like any rule.

A ``custom_vjp`` node's backward is the user's ``bwd``. Its residuals come from calling ``fwd``
with recording on, so an outer transform can differentiate ``bwd`` through them (higher order).
A ``custom_jvp`` node's backward is the transpose of the user's (linear) tangent rule: the
cotangent is pulled back through a recording of that rule, the same trick forward mode uses.
"""
from __future__ import annotations

import functools
import inspect
from typing import Any, Callable

from .. import _mode
from ..autograd.function import Function
from ..tensor import Tensor
from . import _errors
from ._array import asarray, make, with_weak
from .tree_util import flatten_up_to, tree_flatten, tree_structure


def _bind(fun: Callable, args: tuple, kwargs: dict) -> tuple:
    if not kwargs:
        return args
    bound = inspect.signature(fun).bind(*args, **kwargs)
    bound.apply_defaults()
    return tuple(bound.args)


def _tracked(arrays: list) -> bool:
    recorders = _mode.recording_recorders()
    return _mode.is_grad_enabled() and any(r.tracks(a) for r in recorders for a in arrays)


class _Custom:
    """What custom_vjp and custom_jvp share: the differentiated arguments as Array leaves."""

    def __init__(self, fun: Callable, nondiff_argnums: tuple = ()) -> None:
        functools.update_wrapper(self, fun)
        self.fun = fun
        self.nondiff_argnums = tuple(nondiff_argnums)
        self._inside = 0          # > 0 while the user's rules run: calling f there means f itself

    def _rule(self, fn: Callable, *args: Any) -> Any:
        self._inside += 1
        try:
            return fn(*args)
        finally:
            self._inside -= 1

    def _split(self, args: tuple) -> tuple:
        nondiff = {i % len(args) for i in self.nondiff_argnums} if args else set()
        diff_idx = [i for i in range(len(args)) if i not in nondiff]
        leaves, treedef = tree_flatten(tuple(args[i] for i in diff_idx))
        return diff_idx, [asarray(leaf) for leaf in leaves], treedef

    def _node(self, name: str, args: tuple, arrays: list, out: Any, backward: Callable) -> Any:
        """Record one node from ``arrays`` to fresh copies of ``out``'s leaves."""
        out_leaves, out_def = tree_flatten(out)
        outs = [asarray(o) for o in out_leaves]

        class Rule(Function):
            @staticmethod
            def forward(ctx: Any, *xs: Any) -> tuple:
                return tuple(make(o._data, o.weak_type) for o in outs)

            @staticmethod
            def backward(ctx: Any, *gs: Any) -> tuple:
                return backward(out_def.unflatten(list(gs)))

        Rule.__name__ = Rule.__qualname__ = name
        results = Rule.apply(*arrays)
        results = results if isinstance(results, tuple) else (results,)
        return out_def.unflatten([with_weak(r, o.weak_type) if isinstance(r, Tensor) else r
                                  for r, o in zip(results, outs)])


class custom_vjp(_Custom):
    """A function with a user-defined vjp: ``f.defvjp(fwd, bwd)``, where ``fwd(*args)`` returns
    ``(out, residuals)`` and ``bwd(*nondiff_args, residuals, g)`` one cotangent per argument
    (None for none). Unlike JAX, a cotangent of a broadcast shape is summed, not refused.

    >>> import minigrad.jax as jax, minigrad.jax.numpy as jnp
    >>> @jax.custom_vjp
    ... def f(x):
    ...     return jnp.sin(x)
    >>> f.defvjp(lambda x: (jnp.sin(x), jnp.cos(x)), lambda cos_x, g: (2 * cos_x * g,))
    >>> jax.grad(f)(0.)
    Array(2., dtype=float32, weak_type=True)
    """

    def __init__(self, fun: Callable, nondiff_argnums: tuple = ()) -> None:
        super().__init__(fun, nondiff_argnums)
        self.fwd: Callable | None = None
        self.bwd: Callable | None = None

    def defvjp(self, fwd: Callable, bwd: Callable, symbolic_zeros: bool = False,
               optimize_remat: bool = False) -> None:
        """Set the forward (``(out, residuals)``) and backward rules."""
        self.fwd, self.bwd = fwd, bwd

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        args = _bind(self.fun, args, kwargs)
        if self.fwd is None:
            raise AttributeError(f"No VJP defined for custom_vjp function {self.__name__} using defvjp.")
        diff_idx, arrays, in_def = self._split(args)
        if self._inside or not _tracked(arrays):
            return self.fun(*args)
        # recorded, so that outer transforms can differentiate bwd through the residuals
        out, res = self._rule(self.fwd, *args)
        nondiff = [args[i] for i in range(len(args)) if i not in diff_idx]
        bwd = self.bwd

        def backward(ct: Any) -> tuple:
            cts = self._rule(bwd, *nondiff, res, ct)
            if not isinstance(cts, (tuple, list)) or len(cts) != len(diff_idx):
                raise _errors.custom_vjp_structure(tree_structure(cts), in_def)
            flat = []
            for ct_i, i in zip(cts, diff_idx):
                arg_def = tree_structure(args[i])
                parts = [None] * arg_def.num_leaves if ct_i is None else flatten_up_to(arg_def, ct_i)
                flat.extend(None if p is None else asarray(p) for p in parts)
            return tuple(flat)

        return self._node("custom_vjp", args, arrays, out, backward)


class custom_jvp(_Custom):
    """A function with a user-defined jvp: ``@f.defjvp`` over ``rule(primals, tangents) ->
    (out, tangent_out)``, or ``f.defjvps(*per_argument_rules)``. Reverse mode transposes the
    (linear) tangent rule.

    >>> import minigrad.jax as jax, minigrad.jax.numpy as jnp
    >>> @jax.custom_jvp
    ... def f(x):
    ...     return jnp.sin(x)
    >>> @f.defjvp
    ... def f_jvp(primals, tangents):
    ...     return f(primals[0]), 2 * jnp.cos(primals[0]) * tangents[0]
    >>> jax.grad(f)(0.), jax.jvp(f, (0.,), (1.,))[1]
    (Array(2., dtype=float32, weak_type=True), Array(2., dtype=float32, weak_type=True))
    """

    def __init__(self, fun: Callable, nondiff_argnums: tuple = ()) -> None:
        super().__init__(fun, nondiff_argnums)
        self.jvp: Callable | None = None

    def defjvp(self, jvp: Callable, symbolic_zeros: bool = False) -> Callable:
        """Set the rule ``jvp(primals, tangents) -> (primal_out, tangent_out)``."""
        self.jvp = jvp
        return jvp

    def defjvps(self, *jvps: Callable | None) -> None:
        """One rule per argument, ``rule(tangent, primal_out, *primals)``; their sum is the jvp."""
        def jvp(primals: tuple, tangents: tuple) -> tuple:
            out = self.fun(*primals)
            parts = [rule(t, out, *primals) for rule, t in zip(jvps, tangents) if rule is not None]
            total = parts[0]
            for part in parts[1:]:
                total = total + part
            return out, total
        self.jvp = jvp

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        args = _bind(self.fun, args, kwargs)
        if self.jvp is None:
            raise AttributeError(f"No JVP defined for custom_jvp function {self.__name__} using defjvp.")
        diff_idx, arrays, in_def = self._split(args)
        if self._inside or not _tracked(arrays):
            return self.fun(*args)
        with _mode.no_grad():
            out = self.fun(*args)
        rule = self.jvp
        from ._api import vjp

        def tangent_out(*tangents: Any) -> Any:
            ts = list(args)
            for i, t in zip(diff_idx, tangents):
                ts[i] = t
            dots = tuple(ts[i] if i in diff_idx else None for i in range(len(args)))
            return self._rule(rule, args, dots)[1]

        def backward(ct: Any) -> tuple:
            zeros = [jnp_zeros_like(args[i]) for i in diff_idx]
            with _mode.enable_grad():       # the engine runs backward with recording off
                _, pullback = vjp(tangent_out, *zeros)
            flat = []
            for ct_i in pullback(ct):
                flat.extend(asarray(p) for p in tree_flatten(ct_i)[0])
            return tuple(flat)

        return self._node("custom_jvp", args, arrays, out, backward)


def jnp_zeros_like(tree: Any) -> Any:
    from .tree_util import tree_map
    return tree_map(lambda leaf: make(asarray(leaf)._data * 0, asarray(leaf).weak_type), tree)


__all__ = ["custom_vjp", "custom_jvp"]
