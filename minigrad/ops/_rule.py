"""How an op is declared (`rule`) and how a call of it is recorded (`apply`).

A rule pairs a forward (NumPy arrays in, array out) with its vjp. `apply` runs the forward and,
when grad mode is on and an input is tracked (it requires grad, or an active recorder watches
it), records a Node holding the rule, the edges to the inputs' nodes and what the rule saves.
"""
from __future__ import annotations

import inspect
from typing import Any, Callable

import numpy as np

from .. import _mode
from ..autograd.graph import Node, _SavedOutput, edge_of
from ..tensor import Tensor, promote


class Rule:
    """One op: its forward, its vjp, the node name torch shows and what backward needs saved."""

    def __init__(self, forward: Callable, name: str, node: str, saves: tuple, outputs: int,
                 differentiable: tuple | None, promotion: str, view: bool) -> None:
        self.forward = forward
        self.name = name
        self.node_name = node
        self.saves = saves
        self.n_outputs = outputs
        self.differentiable = differentiable if differentiable is not None else tuple(range(outputs))
        self.promotion = promotion
        self.view = view
        self.inputs = tuple(n for n, p in inspect.signature(forward).parameters.items()
                            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))
        self.save_index = tuple(-1 - int(s[6:] or 0) if s.startswith("result") else self.inputs.index(s)
                                for s in saves)
        self.vjp_fn: Callable | None = None
        self.wants_needs = False
        self.__doc__ = forward.__doc__
        self.__name__ = forward.__name__
        self.__wrapped__ = forward

    def vjp(self, fn: Callable) -> Callable:
        """Decorator: the vjp, called as ``fn(*grads, *saved, **params)``. A vjp that takes a
        ``needs`` keyword is told which inputs want a gradient, so it can skip the others'
        (the costly half of a matmul's vjp, say)."""
        self.vjp_fn = fn
        self.wants_needs = "needs" in inspect.signature(fn).parameters
        return fn

    def call_vjp(self, node: Node, grads: list, saved: list, needs: tuple) -> tuple:
        if self.wants_needs:
            out = self.vjp_fn(*grads, *saved, needs=needs, **node.params)
        else:
            out = self.vjp_fn(*grads, *saved, **node.params)
        return out if isinstance(out, (tuple, list)) else (out,)

    def __call__(self, *args: Any, **params: Any) -> Any:
        return apply(self, args, params)

    def __repr__(self) -> str:
        return f"<rule {self.name} ({self.node_name})>"


def rule(name: str, node: str, saves: tuple = (), outputs: int = 1, differentiable: tuple | None = None,
         promotion: str = "same", view: bool = False) -> Callable[[Callable], Rule]:
    """Declare an op. ``saves`` names inputs (or ``result``) its vjp needs; ``promotion`` is
    ``same`` (inputs brought to a common dtype), ``float`` (and then to a floating one) or ``none``."""
    return lambda forward: Rule(forward, name, node, saves, outputs, differentiable, promotion, view)


def _as_tensors(rule: Rule, args: tuple) -> tuple[list, type, Any]:
    """Tensors for every positional argument, with the dtype torch's promotion gives."""
    cls = Tensor
    for a in args:
        if isinstance(a, Tensor) and type(a) is not Tensor:
            cls = type(a)
            break
    if rule.promotion == "none":
        return [a if isinstance(a, Tensor) else cls._make(np.asarray(a), False) for a in args], cls, None
    dtype = promote(args, floating=rule.promotion == "float")
    tensors = []
    for a in args:
        if not isinstance(a, Tensor):
            a = cls._make(np.asarray(a, dtype=dtype), False)
        tensors.append(a)
    return tensors, cls, dtype


def apply(rule: Rule, args: tuple, params: dict) -> Any:
    """Run ``rule`` on ``args`` and record it when an input is tracked."""
    if len(args) == 1 and isinstance(args[0], Tensor) and rule.promotion != "float":
        tensors, cls, dtype = list(args), type(args[0]), None
    else:
        tensors, cls, dtype = _as_tensors(rule, args)
    arrays = [t._data if dtype is None or t._data.dtype == dtype else t._data.astype(dtype)
              for t in tensors]
    try:
        result = rule.forward(*arrays, **params)
    except ValueError as error:
        raise _broadcast_error(arrays) or error from None
    results = result if rule.n_outputs > 1 else (result,)
    requires = tapes = False
    if _mode._grad_enabled.get():
        requires = any(t._requires_grad for t in tensors)
        recorders = _mode.recording_recorders()
        if recorders:
            tapes = tuple(r for r in recorders if any(r.tracks(t) for t in tensors))
    outs = [cls._make(r if isinstance(r, np.ndarray) else np.asarray(r), False) for r in results]
    if rule.view and not isinstance(tensors[0], type(None)):
        outs[0]._version = tensors[0]._version
    if requires or tapes:
        tapes = tapes or ()
        edges = tuple(edge_of(t) if t._requires_grad or any(r.tracks(t) for r in tapes) else None
                      for t in tensors)
        saved = tuple(tensors[i] if i >= 0 else _SavedOutput(outs[-1 - i], -1 - i) for i in rule.save_index)
        node = Node(rule, edges, saved, tuple(s._version[0] for s in saved), params, requires, tapes,
                    tuple((t._data.shape, t._data.dtype) for t in tensors),
                    tuple((o._data.shape, o._data.dtype) for o in outs))
        for i in rule.differentiable:
            out = outs[i]
            out.grad_fn, out._output_nr, out._requires_grad = node, i, requires
    return outs[0] if rule.n_outputs == 1 else tuple(outs)


def _broadcast_error(arrays: list) -> RuntimeError | None:
    """torch's words when elementwise inputs do not broadcast (None if they do)."""
    if len(arrays) != 2:
        return None
    a, b = arrays[0].shape, arrays[1].shape
    for i in range(1, min(len(a), len(b)) + 1):
        if a[-i] != b[-i] and a[-i] != 1 and b[-i] != 1:
            return RuntimeError(f"The size of tensor a ({a[-i]}) must match the size of tensor b "
                                f"({b[-i]}) at non-singleton dimension {max(len(a), len(b)) - i}")
    return None
