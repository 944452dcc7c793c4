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
from .._mode import _grad_enabled
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
        # Nodes of this rule are of a class named as torch names it: type(y.grad_fn).__name__
        self.node_class = _node_class(node)
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


_NODE_CLASSES: dict = {}


def _node_class(name: str) -> type:
    """A Node subclass called ``name`` (``MulBackward0``), one per name."""
    if name not in _NODE_CLASSES:
        _NODE_CLASSES[name] = type(name, (Node,), {"__slots__": (), "__module__": "builtins"})
    return _NODE_CLASSES[name]


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


def _converted(rule: Rule, args: tuple) -> tuple:
    """The general path: tensors for every argument, and their arrays in the promoted dtype."""
    tensors, cls, dtype = _as_tensors(rule, args)
    arrays = tuple(t._data if dtype is None or t._data.dtype == dtype else t._data.astype(dtype)
                   for t in tensors)
    return tensors, cls, arrays


def apply(rule: Rule, args: tuple, params: dict) -> Any:
    """Run ``rule`` on ``args`` and record it when an input is tracked.

    Written for speed: this runs once per op, so the common cases (one or two tensors of one
    dtype, nothing recorded but torch-style tracking) take the shortest path.
    """
    first = args[0]
    cls = type(first)
    if len(args) == 2:
        other = args[1]
        if (type(other) is cls and issubclass(cls, Tensor) and first._data.dtype == other._data.dtype
                and (rule.promotion != "float" or first._data.dtype.kind in "fc")):
            tensors, arrays = args, (first._data, other._data)
        else:
            tensors, cls, arrays = _converted(rule, args)
    elif (len(args) == 1 and issubclass(cls, Tensor)
          and (rule.promotion != "float" or first._data.dtype.kind in "fc")):
        tensors, arrays = args, (first._data,)
    else:
        tensors, cls, arrays = _converted(rule, args)
    try:
        result = rule.forward(*arrays, **params)
    except ValueError as error:
        raise _broadcast_error(arrays) or error from None
    requires, tapes = False, ()
    if _grad_enabled.get():
        for t in tensors:
            if t._requires_grad:
                requires = True
                break
        recorders = _mode.recording_recorders()
        if recorders:
            tapes = tuple(r for r in recorders if any(r.tracks(t) for t in tensors))
    if rule.n_outputs == 1:
        out = cls._make(result if type(result) is np.ndarray else np.asarray(result), False)
        if rule.view:
            out._version = tensors[0]._version
        if requires or tapes:
            _record(rule, tensors, (out,), params, requires, tapes)
        return out
    outs = tuple(cls._make(r if type(r) is np.ndarray else np.asarray(r), False) for r in result)
    if requires or tapes:
        _record(rule, tensors, outs, params, requires, tapes)
    return outs


def _record(rule: Rule, tensors: tuple, outs: tuple, params: dict, requires: bool, tapes: tuple) -> None:
    """Make the node: edges to the tracked inputs, saved values with their versions."""
    edges = []
    for t in tensors:
        if t._requires_grad or (tapes and any(r.tracks(t) for r in tapes)):
            edges.append((t.grad_fn, t._output_nr) if t.grad_fn is not None else edge_of(t))
        else:
            edges.append(None)
    saved = tuple([tensors[i] if i >= 0 else _SavedOutput(outs[-1 - i], -1 - i) for i in rule.save_index])
    # One shared copy of each (shape, dtype) signature: a deep graph repeats the same few, and a
    # node then holds a reference instead of its own tuples (about a third of its memory).
    meta = (tuple([(t._data.shape, t._data.dtype) for t in tensors]),
            tuple([(o._data.shape, o._data.dtype) for o in outs]))
    meta = _METAS.get(meta) or _intern(meta)
    node = rule.node_class(rule, tuple(edges), saved, tuple([s._version[0] for s in saved]), params,
                           requires, tapes, meta[0], meta[1])
    for i in rule.differentiable:
        out = outs[i]
        out.grad_fn, out._output_nr, out._requires_grad = node, i, requires


_METAS: dict = {}


def _intern(meta: tuple) -> tuple:
    if len(_METAS) > 4096:      # many distinct shapes: start over rather than grow
        _METAS.clear()
    _METAS[meta] = meta
    return meta


def _broadcast_error(arrays: list) -> RuntimeError | None:
    """torch's words when elementwise inputs do not broadcast (None if they do). torch folds the
    shapes in order: "tensor a" is what the earlier inputs broadcast to, "tensor b" the next one."""
    if len(arrays) < 2:
        return None
    a = arrays[0].shape
    for array in arrays[1:]:
        b = array.shape
        for i in range(1, min(len(a), len(b)) + 1):
            if a[-i] != b[-i] and a[-i] != 1 and b[-i] != 1:
                return RuntimeError(f"The size of tensor a ({a[-i]}) must match the size of tensor b "
                                    f"({b[-i]}) at non-singleton dimension {max(len(a), len(b)) - i}")
        a = np.broadcast_shapes(a, b)
    return None
