"""torch.autograd.Function: custom ops written by the user, recorded as nodes like any rule.

``Cls.apply`` runs the user's ``forward`` with recording off, then records one node whose rule is
a small `_FunctionRule`: the engine calls its ``call_vjp`` exactly as it calls a built-in rule's,
so broadcast summing, dtype casts, the count and shape checks, freeing saved tensors and the
version check all come from the engine. Under ``create_graph`` the user's ``backward`` runs on
Tensors with recording on, so a backward written with tensor ops has its own derivative.
"""
from __future__ import annotations

import functools
import warnings
import weakref
from typing import Any, Callable

import numpy as np

from .. import _mode
from ..tensor import Tensor
from .graph import Node, _SavedOutput, edge_of

__all__ = ["Function", "FunctionCtx", "once_differentiable"]


class FunctionCtx:
    """The ``ctx`` a custom Function's ``forward`` and ``backward`` receive."""

    def __init__(self) -> None:
        self._to_save: tuple = ()
        self._node: Callable | None = None      # weak reference: the node owns the ctx, not back
        self._unpacked: tuple | None = None     # the saved tensors while backward runs
        self._non_differentiable: tuple = ()
        self.materialize_grads = True
        self.needs_input_grad: tuple = ()

    def save_for_backward(self, *tensors: Any) -> None:
        """Keep tensors for ``backward``; they are freed after it, like a rule's saved values."""
        for i, t in enumerate(tensors):
            if t is not None and not isinstance(t, Tensor):
                raise TypeError(f"save_for_backward can only save variables, but argument {i} is of "
                                f"type {type(t).__name__}")
        self._to_save = tensors

    @property
    def saved_tensors(self) -> tuple:
        """The tensors given to ``save_for_backward`` (torch's error once they were freed)."""
        if self._unpacked is not None:
            return self._unpacked
        node = self._node() if self._node is not None else None
        if node is None:
            return tuple(self._to_save)
        return tuple(node._unpack(True))

    def mark_non_differentiable(self, *tensors: Any) -> None:
        """Outputs that get no ``grad_fn``; their gradient in ``backward`` is zeros."""
        self._non_differentiable = tensors

    def mark_dirty(self, *tensors: Any) -> None:
        raise NotImplementedError("minigrad does not implement ctx.mark_dirty (in-place custom "
                                  "Functions); return a new tensor instead")

    def set_materialize_grads(self, value: bool) -> None:
        """torch passes None for unused output gradients when False; minigrad always gives zeros."""
        self.materialize_grads = bool(value)


class _FunctionNode(Node):
    """A custom Function's node: torch shows ``ctx`` and the node as one object, so the ctx's
    attributes (``saved_tensors``, ``needs_input_grad``, the user's own) read through it."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.rule.ctx, name)

    def __repr__(self) -> str:
        return f"<torch.autograd.function.{self.name()} object at {hex(id(self))}>"


class _FunctionRule:
    """What the engine needs of a rule (``node_name``, ``saves``, ``n_outputs``, ``call_vjp``),
    for one call of a custom Function."""

    def __init__(self, cls: type, ctx: FunctionCtx, n_saved: int, save_index: tuple,
                 out_classes: tuple, is_tensor: tuple) -> None:
        self.fn_class, self.ctx = cls, ctx
        self.name = cls.__name__
        self.node_name = cls.__name__ + "Backward"
        self.saves = tuple(f"saved_tensors[{i}]" for i in range(n_saved))
        self.save_index = save_index      # input i or output k as -1 - k; empty if one is neither
        self.n_outputs = len(out_classes)
        self.out_classes = out_classes        # per output: its Tensor class, or None (not a Tensor)
        self.is_tensor = is_tensor            # per forward argument

    def call_vjp(self, node: Node, grads: list, saved: list, needs: tuple) -> tuple:
        create = _mode._grad_enabled.get()    # the engine turns recording on exactly for create_graph
        grads = tuple(None if cls is None else g if isinstance(g, Tensor) else cls._make(g, False)
                      for g, cls in zip(grads, self.out_classes))
        wrapped = tuple(s if s is None or isinstance(s, Tensor) else Tensor._make(s, False) for s in saved)
        self.ctx._unpacked = wrapped
        try:
            out = _backward_of(self.fn_class)(self.ctx, *grads)
        finally:
            self.ctx._unpacked = None
        out = out if isinstance(out, tuple) else (out,)
        if len(out) != len(self.is_tensor):
            return out                        # the engine raises torch's count error
        results = []
        for i, (g, is_tensor) in enumerate(zip(out, self.is_tensor)):
            if g is None:
                results.append(None)
                continue
            if not is_tensor:
                raise RuntimeError(f"function {self.node_name} returned a gradient different than None "
                                   f"at position {i + 1}, but the corresponding forward input was not "
                                   "a Variable")
            if not isinstance(g, Tensor):
                raise RuntimeError(f"expected Variable or None (got {type(g).__name__})")
            results.append(g if create else g._data)
        return tuple(results)

    def __repr__(self) -> str:
        return f"<custom Function {self.name} ({self.node_name})>"


def _backward_of(cls: type) -> Callable:
    if cls.backward is not Function.backward:
        return cls.backward
    if cls.vjp is not Function.vjp:
        return cls.vjp
    raise NotImplementedError("You must implement either the backward or vjp method for your custom "
                              "autograd.Function to use it with backward mode AD.")


class Function:
    """Base class of custom differentiable ops: static ``forward(ctx, *args)`` and
    ``backward(ctx, *grad_outputs)``, called through ``apply``.

    >>> import minigrad as torch
    >>> class Cube(torch.autograd.Function):
    ...     @staticmethod
    ...     def forward(ctx, x):
    ...         ctx.save_for_backward(x)
    ...         return x ** 3
    ...     @staticmethod
    ...     def backward(ctx, grad):
    ...         (x,) = ctx.saved_tensors
    ...         return 3 * x ** 2 * grad
    >>> x = torch.tensor(2., requires_grad=True)
    >>> y = Cube.apply(x); y
    tensor(8., grad_fn=<CubeBackward>)
    >>> y.backward(); x.grad
    tensor(12.)
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        warnings.warn(f"{self.__class__} should not be instantiated. Methods on autograd functions are "
                      "all static, so you should invoke them on the class itself. Instantiating an "
                      "autograd function will raise an error in a future version of PyTorch.",
                      DeprecationWarning, stacklevel=2)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("Legacy autograd function with non-static forward method is deprecated. "
                           "Please use new-style autograd function with static forward method. "
                           "(Example: https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)")

    @staticmethod
    def forward(ctx: Any, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple, output: Any) -> Any:
        raise NotImplementedError("setup_context is not implemented.")

    @staticmethod
    def backward(ctx: Any, *grad_outputs: Any) -> Any:
        raise NotImplementedError("You must implement either the backward or vjp method for your "
                                  "custom autograd.Function to use it with backward mode AD.")

    @staticmethod
    def vjp(ctx: Any, *grad_outputs: Any) -> Any:
        raise NotImplementedError("You must implement either the backward or vjp method for your "
                                  "custom autograd.Function to use it with backward mode AD.")

    @classmethod
    def apply(cls, *args: Any) -> Any:
        """Run ``forward`` and record one ``<ClsBackward>`` node for the result(s)."""
        ctx = FunctionCtx()
        ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a._requires_grad for a in args)
        with _mode.no_grad():
            if cls.setup_context is not Function.setup_context:     # torch 2's split style
                output = cls.forward(*args)
                cls.setup_context(ctx, args, output)
            else:
                output = cls.forward(ctx, *args)
        returned = output if isinstance(output, tuple) else (output,)
        outs = tuple(_fresh(o, args) for o in returned)
        _record(cls, ctx, args, returned, outs)
        return outs if isinstance(output, tuple) else outs[0]


def _fresh(out: Any, args: tuple) -> Any:
    """An output that is one of the inputs (or already in a graph) becomes a new tensor on the
    same storage, as torch returns a view: the input keeps its own ``grad_fn``."""
    if not isinstance(out, Tensor):
        return out
    if any(out is a for a in args) or out.grad_fn is not None or out._requires_grad:
        fresh = type(out)._make(out._data, False)
        fresh._version = out._version
        return fresh
    return out


def _record(cls: type, ctx: FunctionCtx, args: tuple, returned: tuple, outs: tuple) -> None:
    """Record the node when grad mode is on and an input is tracked (as `ops._rule.apply` does;
    global recorders such as TF1's graph included)."""
    tensors = [a for a in args if isinstance(a, Tensor)]
    requires, tapes = False, ()
    if _mode._grad_enabled.get():
        requires = any(t._requires_grad for t in tensors)
        recorders = _mode.recording_recorders()
        if recorders:
            tapes = tuple(r for r in recorders if any(r.tracks(t) for t in tensors))
    if not (requires or tapes):
        ctx._to_save = ()
        return
    tracked = [isinstance(a, Tensor) and (a._requires_grad or any(r.tracks(a) for r in tapes)) for a in args]
    edges = tuple(edge_of(a) if t else None for a, t in zip(args, tracked))
    saved, where = [], []
    for s in ctx._to_save:
        k = next((k for k, r in enumerate(returned) if r is s), None)
        saved.append(_SavedOutput(outs[k], k) if k is not None else s)
        # where viz finds it: input i, or output k as -1 - k (a rule's save_index)
        i = next((i for i, a in enumerate(args) if a is s), None)
        where.append(-1 - k if k is not None else i)
    saved = tuple(saved)
    versions = tuple(s._version[0] if s is not None else 0 for s in saved)
    meta = tuple((a._data.shape, a._data.dtype) if isinstance(a, Tensor) else ((), np.dtype(np.float64))
                 for a in args)
    out_meta = tuple((o._data.shape, o._data.dtype) if isinstance(o, Tensor) else ((), np.dtype(np.float64))
                     for o in outs)
    classes = tuple(type(o) if isinstance(o, Tensor) else None for o in outs)
    rule = _FunctionRule(cls, ctx, len(saved), tuple(where) if None not in where else (), classes,
                         tuple(isinstance(a, Tensor) for a in args))
    node = _FunctionNode(rule, edges, saved, versions, {}, requires, tapes, meta, out_meta)
    ctx._node, ctx._to_save = weakref.ref(node), ()
    blocked = [id(t) for t in ctx._non_differentiable]
    ctx._non_differentiable = ()          # the ctx outlives forward: hold no outputs
    for i, (out, original) in enumerate(zip(outs, returned)):
        if not isinstance(out, Tensor) or id(original) in blocked or out._data.dtype.kind not in "fc":
            continue
        out.grad_fn, out._output_nr, out._requires_grad = node, i, requires


def once_differentiable(fn: Callable) -> Callable:
    """Decorator for a ``backward`` that is not itself differentiable: it runs with recording off."""
    @functools.wraps(fn)
    def wrapper(ctx: Any, *args: Any) -> Any:
        with _mode.no_grad():
            return fn(ctx, *args)
    return wrapper
