"""The tape: nodes, recorders, the one backward pass every dialect uses, and the public
inspection API that viz reads.

A `Node` is one recorded op. Its `edges` point at the nodes that made its inputs (a leaf's
node is its `AccumulateGrad`). Backward visits the nodes reachable from the outputs in
reverse creation order, so every node runs after all the nodes that consume it, and sums
the gradients arriving by several paths. No recursion anywhere: deep graphs are fine.
"""
from __future__ import annotations

import itertools
import operator
import sys
import traceback
import warnings
import weakref
from contextvars import ContextVar
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from .. import _mode
from ..ops import _dual as F

_counter = itertools.count()          # creation numbers: ties in every ordering break on them
_observers: ContextVar[tuple] = ContextVar("minigrad_observers", default=())

FREED_MESSAGE = (
    "Trying to backward through the graph a second time (or directly access saved tensors after "
    "they have already been freed). Saved intermediate values of the graph are freed when you call "
    ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
    "graph a second time or if you need to access saved tensors after calling backward.")


class Node:
    """One recorded operation: its rule, edges to its inputs' nodes, and what it saved."""

    __slots__ = ("rule", "edges", "saved", "versions", "params", "seq", "requires_grad", "tapes",
                 "inputs_meta", "outputs_meta", "pre_hooks", "hooks", "tensor_hooks", "retained",
                 "trace", "__weakref__")

    def __init__(self, rule: Any, edges: tuple, saved: tuple, versions: tuple, params: dict,
                 requires_grad: bool, tapes: tuple, inputs_meta: tuple, outputs_meta: tuple) -> None:
        self.rule = rule
        self.edges = edges                # per input: (node, output_nr) or None
        self.saved = saved                # saved tensors, or _SavedOutput; None once freed
        self.versions = versions          # their version when saved
        self.params = params              # non-tensor arguments the rule's vjp needs
        self.seq = next(_counter)
        self.requires_grad = requires_grad    # part of the torch-style graph
        self.tapes = tapes                # the recorders that recorded it
        self.inputs_meta = inputs_meta    # per input: (shape, numpy dtype)
        self.outputs_meta = outputs_meta
        self.pre_hooks = self.hooks = self.tensor_hooks = self.retained = None
        self.trace = traceback.extract_stack()[:-3] if _mode._anomaly.get()[0] else None

    def name(self) -> str:
        """torch's name for this node, e.g. ``MulBackward0``."""
        return self.rule.node_name

    @property
    def next_functions(self) -> tuple:
        """((node, output_nr) or (None, 0)) per input, as torch shows them."""
        return tuple(edge if edge is not None else (None, 0) for edge in self.edges)

    @property
    def metadata(self) -> dict:
        return self.params

    def register_hook(self, fn: Callable) -> "RemovableHandle":
        """Run ``fn(grad_inputs, grad_outputs)`` after this node; it may return new grad_inputs."""
        if self.hooks is None:
            self.hooks = []
        return RemovableHandle(self.hooks, fn)

    def register_prehook(self, fn: Callable) -> "RemovableHandle":
        """Run ``fn(grad_outputs)`` before this node; it may return new grad_outputs."""
        if self.pre_hooks is None:
            self.pre_hooks = []
        return RemovableHandle(self.pre_hooks, fn)

    def __call__(self, *grads: Any) -> Any:
        return self.rule.vjp(*grads, *self._unpack(False), **self.params)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} object at {hex(id(self))}>"

    def _unpack(self, as_tensors: bool) -> list:
        """The saved values, checked against their versions: arrays, or tensors in create_graph."""
        if self.saved is None:
            raise RuntimeError(FREED_MESSAGE)
        out = []
        for value, version in zip(self.saved, self.versions):
            if value is None:
                out.append(None)
                continue
            if value._version[0] != version:
                raise RuntimeError(_inplace_message(value, version, self))
            if isinstance(value, _SavedOutput):
                out.append(value.unpack(self) if as_tensors else value._data)
            else:
                out.append(value if as_tensors else value._data)
        return out


class AccumulateGrad(Node):
    """The node of a leaf: gradients arriving here end up in ``leaf.grad``."""

    __slots__ = ("variable",)

    def __init__(self, variable: Any) -> None:
        self.variable = variable
        self.rule = _ACCUMULATE
        self.edges = self.params = ()
        self.saved = self.versions = ()
        self.seq = next(_counter)
        self.tapes = ()
        self.inputs_meta = ()
        self.outputs_meta = ((variable._data.shape, variable._data.dtype),)
        self.pre_hooks = self.hooks = self.tensor_hooks = self.retained = self.trace = None

    @property
    def next_functions(self) -> tuple:
        return ()

    @property
    def requires_grad(self) -> bool:
        """Whether the leaf takes part in the torch-style graph (it may stop requiring grad)."""
        return self.variable.requires_grad


class _AccumulateRule:
    node_name = "torch::autograd::AccumulateGrad"      # what torch's name() says; the class is AccumulateGrad
    n_outputs = 1


_ACCUMULATE = _AccumulateRule()


class _SavedOutput:
    """An op's own output, saved as its array (a Tensor would point back at the node: a cycle)."""

    __slots__ = ("_data", "_version", "output_nr", "cls", "owner")

    def __init__(self, tensor: Any, output_nr: int) -> None:
        self._data, self._version, self.output_nr = tensor._data, tensor._version, output_nr
        self.cls = type(tensor)
        self.owner = None       # for an in-place op's output: a weak reference to the tensor written

    def unpack(self, node: Node) -> Any:
        out = self.cls._make(self._data, node.requires_grad)
        out.grad_fn, out._output_nr, out._version = node, self.output_nr, self._version
        return out


def _inplace_message(value: Any, version: int, saver: Node) -> str:
    data = value._data
    kind = {np.dtype("float32"): "FloatTensor", np.dtype("float64"): "DoubleTensor",
            np.dtype("int64"): "LongTensor", np.dtype("bool"): "BoolTensor"}.get(data.dtype, "Tensor")
    where = ""
    node = value.grad_fn if not isinstance(value, _SavedOutput) else None
    owner = value.owner() if isinstance(value, _SavedOutput) and value.owner is not None else None
    if owner is not None and owner.grad_fn is not None:     # torch names the tensor's grad_fn now
        where = f"output {owner._output_nr} of {_short_name(owner.grad_fn.name())}"
    elif isinstance(value, _SavedOutput):
        where = f"output {value.output_nr} of {_short_name(saver.name())}"
    elif node is not None:
        where = f"output {value._output_nr} of {_short_name(node.name())}"
    clause = f", which is {where}," if where else ""
    shape = "[" + ", ".join(str(n) for n in data.shape) + "]"
    return ("one of the variables needed for gradient computation has been modified by an inplace "
            f"operation: [torch.{kind} {shape}]{clause} is at version {value._version[0]}; expected "
            f"version {version} instead. Hint: enable anomaly detection to find the operation that "
            "failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).")


def _short_name(name: str) -> str:
    # torch 2.13 names nodes in this message without the "Backward0" suffix (Exp, Add, Zero).
    if name == "CopySlices":
        return "torch::autograd::CopySlices"
    for suffix in ("Backward0", "Backward1", "Backward2", "Backward"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


class RemovableHandle:
    """What ``register_hook`` returns: ``handle.remove()`` takes the hook away."""

    def __init__(self, hooks: list, fn: Callable) -> None:
        self._hooks, self._fn = hooks, fn
        hooks.append(fn)

    def remove(self) -> None:
        if self._fn in self._hooks:
            self._hooks.remove(self._fn)


class Recorder:
    """Records the ops that touch what it watches while it is active (a tape, a transform's call).

    A recorder's backward walk visits only the nodes it recorded. Dialects subclass it: a
    GradientTape also watches trainable variables as they are read.
    """

    def __init__(self) -> None:
        self._watched: dict[int, Any] = {}

    def watch(self, tensor: Any) -> None:
        """Track ``tensor``: ops on it are recorded while this recorder is active."""
        self._watched.setdefault(id(tensor), tensor)

    def tracks(self, tensor: Any) -> bool:
        """Whether an op reading ``tensor`` now belongs on this recorder."""
        fn = tensor.grad_fn
        return (fn is not None and self in fn.tapes) or id(tensor) in self._watched

    def watched(self) -> list:
        return list(self._watched.values())

    def __enter__(self) -> "Recorder":
        _mode.push_recorder(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        _mode.pop_recorder(self)


# ---------------------------------------------------------------------------------------------
# The backward pass


def accumulator(tensor: Any, create: bool = True) -> AccumulateGrad | None:
    """The leaf's AccumulateGrad node (one per leaf while any graph holds it)."""
    ref = tensor._accumulator
    node = ref() if ref is not None else None
    if node is None and create:
        node = AccumulateGrad(tensor)
        tensor._accumulator = weakref.ref(node)
    return node


def edge_of(tensor: Any, create: bool = True) -> tuple | None:
    """Where gradients for ``tensor`` arrive: (its grad_fn, output_nr) or (its AccumulateGrad, 0)."""
    if tensor.grad_fn is not None:
        return tensor.grad_fn, tensor._output_nr
    node = accumulator(tensor, create)
    return (node, 0) if node is not None else None


def run_backward(outputs: Sequence[Any], seeds: Sequence[Any], inputs: Sequence[Any] | None = None, *,
                 retain_graph: bool = False, create_graph: bool = False, accumulate: bool = False,
                 recorder: Recorder | None = None, stop_at: Iterable[Any] = (),
                 batch_ndim: int = 0) -> list:
    """The one backward pass of every dialect.

    ``outputs`` with their ``seeds`` (arrays, or tensors when ``create_graph``); ``inputs``, the
    tensors whose gradients are returned (None: none, as for ``backward`` without ``inputs=``).
    ``accumulate`` adds into ``.grad`` of the leaves reached (only ``inputs``, when given) and of
    tensors that retain their grad, and only once the whole pass has succeeded. ``recorder``
    limits the walk to that recorder's nodes (None: the torch-style graph of tensors that
    require grad). Gradients reaching a tensor in ``stop_at`` are captured but go no further.
    ``batch_ndim`` leading seed dimensions are a batch of seeds, carried through to the results.
    Returns one gradient per input: an array (a Tensor under ``create_graph``) or None.
    """
    member = _membership(recorder)
    pending: dict[Node, list] = {}
    roots = [edge_of(out) if seed is not None else None for out, seed in zip(outputs, seeds)]
    keys = [edge_of(t, create=False) for t in inputs] if inputs is not None else []
    wanted = {key for key in keys if key is not None}
    # A tensor a recorder watches but did not make (made before it, or by another recorder) is
    # a leaf for it: the walk reaches it and captures its gradient there, going no further.
    frontier = {key[0] for t, key in zip(inputs or (), keys)
                if key is not None and recorder is not None and recorder.tracks(t)}
    reach = (lambda node: member(node) or node in frontier) if frontier else member
    for edge, seed in zip(roots, seeds):
        if edge is not None and reach(edge[0]):
            _add(pending, edge, seed)
    stops = {e for e in (edge_of(t, create=False) for t in stop_at) if e is not None}
    order = _order(list(pending), member, wanted if inputs is not None else None, reach)
    visit = set(order)
    captured: dict[tuple, Any] = {}
    staged: dict[int, list] = {}                       # id(tensor) -> [tensor, grad], committed last
    observers = _observers.get()
    token = _mode._grad_enabled.set(create_graph)
    try:
        for node in order:
            grads = pending.pop(node, None)
            if grads is None:
                continue
            leaf = type(node) is AccumulateGrad
            if node.tensor_hooks or (leaf and node.variable._hooks):
                grads = _tensor_hooks(node, grads)
            if node.pre_hooks:
                grads = _call_hooks(node.pre_hooks, grads, (tuple(grads),))
            for nr, g in enumerate(grads) if wanted or stops or node.retained else ():
                if g is None:
                    continue
                if (node, nr) in wanted:
                    captured[(node, nr)] = g
                if accumulate and inputs is None and node.retained and node.retained.get(nr):
                    tensor = node.retained[nr]()
                    if tensor is not None:
                        _stage(staged, tensor, g, create_graph)
                if (node, nr) in stops:
                    grads[nr] = None
            if leaf:
                variable = node.variable
                if accumulate and inputs is None and grads[0] is not None and variable.requires_grad:
                    _stage(staged, variable, grads[0], create_graph)
                for observe in observers:
                    observe(node, tuple(grads), ())
                continue
            if frontier and not member(node):
                continue
            if (grads[0] is None if len(grads) == 1 else all(g is None for g in grads)) or (
                    inputs is not None and not _needed(node, visit)):
                continue
            results = _call_rule(node, grads, create_graph, batch_ndim, visit)
            if node.hooks:
                results = _call_hooks(node.hooks, results, (tuple(results), tuple(grads)))
            for observe in observers:
                observe(node, tuple(grads), tuple(results))
            for edge, g in zip(node.edges, results):
                if g is not None and edge is not None and edge[0] in visit:
                    _add(pending, edge, g)
            if not retain_graph and node.saved:
                node.saved = None
    finally:
        _mode._grad_enabled.reset(token)

    if accumulate and inputs is not None:      # backward(inputs=...): exactly those tensors
        for tensor, key in zip(inputs, keys):
            if key in captured and id(tensor) not in staged:
                staged[id(tensor)] = [tensor, captured[key]]
    grads = results = g = None          # the walk's own references to gradients, dropped:
    pending.clear()                     # a gradient held only by `staged` can become .grad as is
    for entry in staged.values():
        tensor, g = entry
        entry[1] = None
        _commit(tensor, g, create_graph)
    for tensor, _ in staged.values():
        for fn in tensor._post_hooks or ():
            fn(tensor)
    return [_as_result(captured.get(key)) if key is not None else None for key in keys]


def _as_result(g: Any) -> Any:
    return np.asarray(g) if isinstance(g, np.generic) else g


def _membership(recorder: Recorder | None) -> Callable[[Node], bool]:
    """Which nodes a walk may visit: the torch-style graph, or one recorder's nodes."""
    if recorder is None:
        return _REQUIRES_GRAD
    return lambda node: (recorder.tracks(node.variable) if isinstance(node, AccumulateGrad)
                         else recorder in node.tapes)


def _order(roots: list, member: Callable, wanted: set | None, reach: Callable | None = None) -> list:
    """The member nodes reachable from ``roots``, latest first; with ``wanted``, only those that
    lead to a wanted (node, output_nr). Nodes ``reach`` admits beyond the members are visited
    but not expanded."""
    reach = reach or member
    seen = set(roots)
    stack = [root for root in roots if member(root)]
    while stack:
        node = stack.pop()
        for edge in node.edges:
            if edge is not None and edge[0] not in seen and reach(edge[0]):
                seen.add(edge[0])
                if member(edge[0]):
                    stack.append(edge[0])
    order = sorted(seen, key=_SEQ)
    if wanted is not None:
        # Creation order is a topological order: a node leads to a wanted key if one of its
        # inputs does, and its inputs come earlier.
        leads = {key[0] for key in wanted}
        keep = []
        for node in order:
            if node in leads or any(e is not None and e[0] in leads for e in node.edges):
                leads.add(node)
                keep.append(node)
        order = keep
    order.reverse()
    return order


_SEQ = operator.attrgetter("seq")
_REQUIRES_GRAD = operator.attrgetter("requires_grad")


def _needed(node: Node, visit: set) -> bool:
    return any(edge is not None and edge[0] in visit for edge in node.edges)


def _add(pending: dict, edge: tuple, g: Any) -> None:
    """Add ``g`` into the gradient slot ``edge`` points at (a node's output), summing paths."""
    node, nr = edge
    slots = pending.get(node)
    if slots is None:
        slots = pending[node] = [None] * len(node.outputs_meta)
    slots[nr] = g if slots[nr] is None else slots[nr] + g


def _call_rule(node: Node, grads: list, create_graph: bool, batch_ndim: int, visit: set) -> list:
    """Run a node's vjp and fit each result to its input: broadcast axes summed, dtype cast."""
    rule = node.rule
    saved = node._unpack(create_graph) if node.saved or node.saved is None else ()
    if len(grads) > 1:     # a multi-output op gets zeros for the outputs nothing flowed into
        lead = next(g for g in grads if g is not None).shape[:batch_ndim]
        grads = [g if g is not None else F.zeros((*lead, *shape), dtype, create_graph)
                 for g, (shape, dtype) in zip(grads, node.outputs_meta)]
    needs = tuple([edge is not None and edge[0] in visit for edge in node.edges])
    results = rule.call_vjp(node, grads, saved, needs)
    if len(results) != len(node.edges):
        raise RuntimeError(f"function {node.name()} returned an incorrect number of gradients "
                           f"(expected {len(node.edges)}, got {len(results)})")
    anomaly = _mode._anomaly.get()
    fitted = []
    for i, (g, (shape, dtype), need) in enumerate(zip(results, node.inputs_meta, needs)):
        if g is None or not need:
            fitted.append(None)
            continue
        if type(g) is np.ndarray and g.shape == shape and g.dtype == dtype and not anomaly[0]:
            fitted.append(g)            # the common case, checked in one line
            continue
        if isinstance(g, np.generic):
            g = np.asarray(g)
        if F.shape(g)[batch_ndim:] != shape:
            g = _sum_to(node, i, g, shape, batch_ndim)
        if F.dtype(g) != dtype and (dtype.kind == "f" or not create_graph):
            g = F.cast(g, dtype)
        if anomaly[0] and anomaly[1]:
            _check_nan(node, i, g)
        fitted.append(g)
    return fitted


def _sum_to(node: Node, index: int, g: Any, shape: tuple, batch_ndim: int) -> Any:
    """Sum a gradient down to the shape its input was broadcast from, keeping batch dimensions."""
    gshape = F.shape(g)[batch_ndim:]
    lead = len(gshape) - len(shape)
    ok = lead >= 0 and all(s == 1 or s == gs for s, gs in zip(shape, gshape[lead:]))
    if not ok:
        expected = "[" + ", ".join(map(str, shape)) + "]"
        got = "[" + ", ".join(map(str, gshape)) + "]"
        raise RuntimeError(f"Function {node.name()} returned an invalid gradient at index {index} - "
                           f"got {got} but expected shape compatible with {expected}")
    axes = tuple(range(batch_ndim, batch_ndim + lead)) + tuple(
        batch_ndim + lead + i for i, s in enumerate(shape) if s == 1 and gshape[lead + i] != 1)
    if axes:
        g = F.sum(g, axes, keepdims=True)
    return F.reshape(g, F.shape(g)[:batch_ndim] + shape)


def _check_nan(node: Node, index: int, g: Any) -> None:
    data = g._data if hasattr(g, "grad_fn") else g
    if np.issubdtype(data.dtype, np.inexact) and np.isnan(data).any():
        if node.trace:
            warnings.warn("Error detected in " + node.name() + ". Traceback of forward call that "
                          "caused the error:\n" + "".join(traceback.format_list(node.trace)),
                          stacklevel=2)
        raise RuntimeError(f"Function '{node.name()}' returned nan values in its {index}th output.")


def _tensor_hooks(node: Node, grads: list) -> list:
    """Hooks registered on the tensors this node produced (a leaf's on the leaf itself)."""
    from ..tensor import Tensor
    grads = list(grads)
    if isinstance(node, AccumulateGrad):
        table = {0: node.variable._hooks}
        cls = type(node.variable)
    else:
        table, cls = node.tensor_hooks, Tensor
    for nr, hooks in table.items():
        for hook in list(hooks or ()):
            if grads[nr] is None:
                break
            g = grads[nr]
            out = hook(g if isinstance(g, Tensor) else cls._make(g, False))
            if out is not None:
                grads[nr] = out if isinstance(g, Tensor) else np.asarray(out._data)
    return grads


def _call_hooks(hooks: list, values: list, args: tuple) -> list:
    from ..tensor import Tensor
    for hook in list(hooks):
        wrapped = tuple(v if v is None or isinstance(v, Tensor) else Tensor._make(v, False)
                        for v in args[0])
        out = hook(wrapped, *args[1:])
        if out is not None:
            values = [o if o is None or not isinstance(values[i], np.ndarray) else np.asarray(o._data)
                      for i, o in enumerate(out)]
            args = (tuple(values), *args[1:])
    return list(values)


def _stage(staged: dict, tensor: Any, g: Any, create_graph: bool) -> None:
    entry = staged.get(id(tensor))
    if entry is None:
        staged[id(tensor)] = [tensor, g]
    else:
        entry[1] = entry[1] + g


def _commit(tensor: Any, g: Any, create_graph: bool) -> None:
    """Add a finished gradient into ``tensor.grad``. A gradient array nothing else holds (counted
    by its references, as torch's AccumulateGrad counts them) and laid out as the tensor becomes
    ``.grad`` as it is; any other is copied, in the tensor's layout (torch's layout contract)."""
    from ..ops import grad_copy
    from ..tensor import Tensor
    old = tensor._grad
    if create_graph:
        new = g if isinstance(g, Tensor) else Tensor._make(g, False)
        tensor._grad = grad_copy(new) if old is None else old + new
    elif old is None:
        data = tensor._data
        if (type(g) is np.ndarray and g.base is not None and sys.getrefcount(g) <= _UNSHARED
                and g.base.base is None and g.shape == g.base.shape and g.strides == g.base.strides):
            g = g.base          # a view of a whole array (a transpose's transpose): the array itself
        if not (type(g) is np.ndarray and g.base is None and g.dtype == data.dtype
                and g.strides == data.strides and sys.getrefcount(g) <= _UNSHARED):
            g, new = np.empty_like(data), g
            np.copyto(g, new)
        tensor._grad = Tensor._make(g, False)
    elif old.grad_fn is None and not old.requires_grad:
        old._data += g           # torch accumulates in place when no graph is being built
        old._version[0] += 1
    else:
        tensor._grad = old + Tensor._make(g, False)


def _references_of_an_unshared_argument() -> int:
    """What sys.getrefcount reports inside _commit for an array only its caller's local holds."""
    def probe(g: Any) -> int:
        return sys.getrefcount(g)
    g = np.empty(1)
    return probe(g)


_UNSHARED = _references_of_an_unshared_argument()


# ---------------------------------------------------------------------------------------------
# Inspection: the public API viz reads


def walk(*tensors: Any) -> list:
    """The nodes of ``tensors``' graphs, inputs first (creation order), AccumulateGrad included.

    >>> import minigrad as torch
    >>> x = torch.tensor(2., requires_grad=True)
    >>> [node.name() for node in walk(x * x + 1)]
    ['torch::autograd::AccumulateGrad', 'MulBackward0', 'AddBackward0']
    """
    roots = [t.grad_fn if t.grad_fn is not None else accumulator(t, create=False) for t in tensors]
    roots = [r for r in roots if r is not None]
    seen = set(roots)
    stack = list(roots)
    while stack:
        node = stack.pop()
        for edge in node.edges:
            if edge is not None and edge[0] not in seen:
                seen.add(edge[0])
                stack.append(edge[0])
    return sorted(seen, key=_SEQ)


def saved_values(node: Node, values: bool = False) -> list:
    """What ``node`` saved for backward: one dict per value, with its state.

    Each dict has ``name`` (the rule's name for it), ``shape``, ``dtype``, ``state``
    ('alive', 'freed' or 'modified'), ``version_saved``, ``version_now``, and where the value
    came from: ``input`` (the index of the node's input it is) or ``output`` (the index of the
    node's own output it is), the other None. With ``values``, also ``value``: a read-only copy
    of the array (None once freed).
    """
    names = getattr(node.rule, "saves", ()) or ()
    where = [(i, None) if i >= 0 else (None, -1 - i) for i in getattr(node.rule, "save_index", ())]
    where += [(None, None)] * (len(names) - len(where))
    if node.saved is None:
        return [{"name": n, "shape": None, "dtype": None, "state": "freed",
                 "version_saved": None, "version_now": None, "input": w[0], "output": w[1],
                 **({"value": None} if values else {})} for n, w in zip(names, where)]
    out = []
    for name, value, version, w in zip(names, node.saved, node.versions, where):
        if value is None:
            continue
        now = value._version[0]
        entry = {"name": name, "shape": tuple(value._data.shape), "dtype": str(value._data.dtype),
                 "state": "alive" if now == version else "modified",
                 "version_saved": version, "version_now": now, "input": w[0], "output": w[1]}
        if values:
            entry["value"] = np.array(value._data, copy=True)
            entry["value"].flags.writeable = False
        out.append(entry)
    return out


def describe(node: Node) -> dict:
    """A plain summary of ``node``: id (its creation number), name, edges, shapes, dtypes."""
    return {
        "id": node.seq,
        "name": node.name(),
        "edges": [(edge[0].seq, edge[1]) if edge is not None else None for edge in node.edges],
        "inputs": [(tuple(shape), str(dtype)) for shape, dtype in node.inputs_meta],
        "outputs": [(tuple(shape), str(dtype)) for shape, dtype in node.outputs_meta],
        "saved": saved_values(node),
        "leaf": node.variable if isinstance(node, AccumulateGrad) else None,
    }


class observe:
    """Watch backward passes: ``fn(node, grads_in, grads_out)`` for each node, in run order.

    ``grads_in`` are the gradients that reached the node's outputs; ``grads_out`` what it sent to
    each input (empty for an AccumulateGrad). Use as a context manager.

    >>> import minigrad as torch
    >>> x = torch.tensor(3., requires_grad=True)
    >>> seen = []
    >>> with observe(lambda node, gin, gout: seen.append(node.name())):
    ...     (x * x).backward()
    >>> seen
    ['MulBackward0', 'torch::autograd::AccumulateGrad']
    """

    def __init__(self, fn: Callable[[Node, tuple, tuple], None]) -> None:
        self.fn = fn

    def __enter__(self) -> "observe":
        self._token = _observers.set((*_observers.get(), self.fn))
        return self

    def __exit__(self, *exc: Any) -> None:
        _observers.reset(self._token)

