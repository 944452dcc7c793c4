"""Reading a tape into plain records, through `minigrad.autograd.graph`'s public inspection API
only, then choosing what to draw: long chains collapsed, a node limit with a summary of the rest.
Every walk here is a loop over lists: a 100,000-node chain is fine."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from minigrad import Tensor
from minigrad.autograd import graph as G

PARAMETER_TYPES = ("Parameter", "Variable", "ResourceVariable")
VALUE_LIMIT = 100_000          # saved arrays up to this size are copied to show their values


@dataclass
class Item:
    """One node of the tape, as `describe` reports it."""

    id: int
    name: str
    edges: list                      # per input: (source id, output_nr) or None
    inputs: list                     # per input: (shape, dtype)
    outputs: list                    # per output: (shape, dtype)
    saved: list                      # saved_values(node, values=True)
    leaf: Any = None                 # the variable of an AccumulateGrad
    consumers: list = field(default_factory=list)


@dataclass
class Group:
    """A run of chain nodes drawn as one box."""

    key: str
    members: list                    # ids, latest first
    names: Counter

    def label(self) -> str:
        kinds = ", ".join(f"{n} ×{c:,}" for n, c in sorted(self.names.items()))
        return f"{len(self.members):,} nodes collapsed: {kinds}", f"ids {self.members[-1]}…{self.members[0]}"


def tensor_name(t: Any) -> str | None:
    """A dialect tensor's own name (tf.Variable's ``name``), if it has one."""
    try:
        name = t.name
    except Exception:            # minigrad tensors answer unknown attributes with NotImplementedError
        return None
    return name if isinstance(name, str) else None


def role(t: Any) -> str:
    """'parameter', 'leaf' (requires grad) or 'input' (watched, or a plain tensor)."""
    if type(t).__name__ in PARAMETER_TYPES:
        return "parameter"
    return "leaf" if t.requires_grad else "input"


class Tape:
    """The nodes behind ``results`` (ids = creation numbers), with names and known values.

    ``names`` maps a display name to a tensor (a leaf, an intermediate or a result).
    """

    def __init__(self, results: list, names: dict | None = None) -> None:
        self.results = list(results)
        self.items: dict[int, Item] = {}
        for node in G.walk(*self.results):
            d = G.describe(node)
            saved = d["saved"]
            # values are copied for drawing; skip nodes that saved only big arrays
            if any(s["shape"] is not None and np.prod(s["shape"]) <= VALUE_LIMIT for s in saved):
                saved = G.saved_values(node, values=True)
            self.items[d["id"]] = Item(d["id"], node.name(), d["edges"], d["inputs"], d["outputs"],
                                       saved, d["leaf"])
        self.order = sorted(self.items, reverse=True)             # latest (closest to results) first
        for item in self.items.values():
            for edge in item.edges:
                if edge is not None and edge[0] in self.items:
                    src = self.items[edge[0]]
                    if item.id not in src.consumers:
                        src.consumers.append(item.id)
        self.roots = [self.key_of(t) for t in self.results]
        self.names: dict[tuple, str] = {}
        for i, t in enumerate(self.results):
            if self.roots[i] is not None:
                self.names.setdefault(self.roots[i], f"result{i}" if len(self.results) > 1 else "result")
        for item in self.items.values():
            own = tensor_name(item.leaf) if item.leaf is not None else None
            if own:
                self.names[(item.id, 0)] = own
        for name, t in (names or {}).items():
            key = self.key_of(t) if isinstance(t, Tensor) else None
            if key is not None:
                self.names[key] = str(name)
        self.values = self._values()

    def key_of(self, t: Any) -> tuple | None:
        """(node id, output_nr) of the tensor ``t`` in this tape, or None."""
        if t.grad_fn is not None:
            return (G.describe(t.grad_fn)["id"], t.output_nr)
        for item in self.items.values():
            if item.leaf is t:
                return (item.id, 0)
        return None

    def _values(self) -> dict:
        """Known forward values by (id, output_nr): results, leaves, and what nodes saved."""
        values: dict[tuple, Any] = {}
        for item in self.items.values():
            if item.leaf is not None:
                values[(item.id, 0)] = item.leaf.detach().numpy()
            for s in item.saved:
                if s.get("value") is None:
                    continue
                if s["output"] is not None:
                    values[(item.id, s["output"])] = s["value"]
                elif s["input"] is not None and item.edges[s["input"]] is not None:
                    values.setdefault(tuple(item.edges[s["input"]]), s["value"])
        for t, key in zip(self.results, self.roots):
            if key is not None:
                values[key] = t.detach().numpy()
        return values

    def constant(self, item: Item, index: int) -> Any:
        """The value of an untracked input of ``item``, if the node saved it."""
        for s in item.saved:
            if s["input"] == index and s.get("value") is not None:
                return s["value"]
        return None


class Layout:
    """Which items to draw: chains of ``collapse`` or more single-in, single-out nodes become one
    box (their two ends stay), and at most ``max_nodes`` boxes are kept, nearest the results first.

    ``rep[id]`` is the id itself when drawn, a Group key when collapsed, or "hidden".
    """

    def __init__(self, tape: Tape, max_nodes: int = 150, collapse: int = 12) -> None:
        self.tape = tape
        items = tape.items
        roots = {key[0] for key in tape.roots if key is not None}
        self.rep: dict[int, Any] = {i: i for i in items}
        self.groups: dict[str, Group] = {}

        def interior(item: Item) -> bool:
            sources = {e[0] for e in item.edges if e is not None and e[0] in items}
            return (item.leaf is None and item.id not in roots and len(sources) == 1
                    and len(item.consumers) == 1)

        inner = {i for i, item in items.items() if interior(item)}
        below = {}                                   # interior node -> the interior node it feeds from
        for i in inner:
            src = next(e[0] for e in items[i].edges if e is not None and e[0] in items)
            if src in inner:
                below[i] = src
        heads = sorted(set(inner) - set(below.values()), reverse=True)
        if collapse and collapse >= 3:
            for head in heads:
                run = [head]
                while run[-1] in below:
                    run.append(below[run[-1]])
                if len(run) >= collapse:
                    key = f"g{run[1]}"
                    members = run[1:-1]
                    self.groups[key] = Group(key, members, Counter(items[m].name for m in members))
                    for m in members:
                        self.rep[m] = key
        # Node limit: breadth first from the results, a collapsed group costing one box.
        self.hidden: Counter = Counter()
        units = len({r for r in self.rep.values()})
        if max_nodes is not None and units > max_nodes:
            kept: set = set()
            seen = set(roots)
            queue = sorted(roots, reverse=True)
            head = 0
            while head < len(queue) and len(kept) < max_nodes:
                i = queue[head]
                head += 1
                kept.add(self.rep[i])
                for e in items[i].edges:
                    if e is not None and e[0] in items and e[0] not in seen:
                        seen.add(e[0])
                        queue.append(e[0])
            for i in items:
                if self.rep[i] not in kept:
                    self.hidden[items[i].name] += 1
                    self.rep[i] = "hidden"
            for key in [k for k in self.groups if k not in kept]:
                del self.groups[key]

    def drawn(self) -> list:
        """Drawn item ids, latest first."""
        return [i for i in self.tape.order if self.rep[i] == i]

    def hidden_label(self) -> str:
        total = sum(self.hidden.values())
        kinds = ", ".join(f"{n} ×{c:,}" for n, c in sorted(self.hidden.items()))
        return f"{total:,} more nodes hidden (node limit): {kinds}"


def as_array(g: Any) -> np.ndarray | None:
    """A gradient from an observer (an array, a NumPy scalar or a Tensor) as an array."""
    if g is None:
        return None
    if hasattr(g, "detach"):
        return g.detach().numpy()
    return np.asarray(g)
