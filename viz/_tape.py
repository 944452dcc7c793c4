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
    meta: list                       # saved_values(node): what it saved, without the values
    leaf: Any = None                 # the variable of an AccumulateGrad
    consumers: list = field(default_factory=list)
    node: Any = None
    _saved: list | None = None

    @property
    def saved(self) -> list:
        """saved_values(node, values=True), read when first asked (only drawn nodes are): values
        are copied only for nodes that saved an array of at most VALUE_LIMIT entries."""
        if self._saved is None:
            small = any(s["shape"] is not None and np.prod(s["shape"]) <= VALUE_LIMIT for s in self.meta)
            self._saved = G.saved_values(self.node, values=True) if small else self.meta
        return self._saved


@dataclass
class Group:
    """A run of chain nodes drawn as one box."""

    key: str
    members: list                    # ids, latest first
    names: Counter

    def label(self) -> str:
        kinds = ", ".join(f"{n} ×{c:,}" for n, c in sorted(self.names.items()))
        return f"{len(self.members):,} nodes collapsed: {kinds}", f"ids {self.members[-1]}…{self.members[0]}"


def short_name(node: Any) -> str:
    """A node's name as drawn: torch's name without its C++ namespace (``AccumulateGrad``)."""
    return node.name().rsplit("::", 1)[-1]


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
            self.items[d["id"]] = Item(d["id"], short_name(node), d["edges"], d["inputs"], d["outputs"],
                                       d["saved"], d["leaf"], node=node)
        self.order = sorted(self.items, reverse=True)             # latest (closest to results) first
        for item in self.items.values():
            for source in dict.fromkeys(e[0] for e in item.edges if e is not None and e[0] in self.items):
                self.items[source].consumers.append(item.id)
        self.roots = [self.key_of(t) for t in self.results]
        self.names: dict[tuple, str] = {}
        for i, t in enumerate(self.results):
            if self.roots[i] is not None:
                self.names.setdefault(self.roots[i], f"result{i}" if len(self.results) > 1 else "result")
        for item in self.items.values():
            own = tensor_name(item.leaf) if item.leaf is not None else None
            if own:
                self.names[(item.id, 0)] = own
        self.result_names: dict[int, str] = {}       # results with no node, named by the caller
        for name, t in (names or {}).items():
            key = self.key_of(t) if isinstance(t, Tensor) else None
            if key is not None:
                self.names[key] = str(name)
            for k, r in enumerate(self.results):
                if r is t:
                    self.result_names[k] = str(name)
        self._results = {key: t for t, key in zip(self.results, self.roots) if key is not None}

    def key_of(self, t: Any) -> tuple | None:
        """(node id, output_nr) of the tensor ``t`` in this tape, or None."""
        if t.grad_fn is not None:
            return (G.describe(t.grad_fn)["id"], t.output_nr)
        for item in self.items.values():
            if item.leaf is t:
                return (item.id, 0)
        return None

    def value(self, key: tuple) -> Any:
        """The forward value of the tensor ``key`` = (id, output_nr) when known: a result, a leaf,
        or what its node or a consumer saved (until a backward frees it); else None."""
        if key in self._results:
            return self._results[key].detach().numpy()
        item = self.items.get(key[0])
        if item is None:
            return None
        if item.leaf is not None:
            return item.leaf.detach().numpy()
        for s in item.saved if item.meta else ():
            if s["output"] == key[1] and s.get("value") is not None:
                return s["value"]
        for c in sorted(item.consumers):
            user = self.items[c]
            for s in user.saved if user.meta else ():
                edge = user.edges[s["input"]] if s["input"] is not None else None
                if edge is not None and tuple(edge) == key and s.get("value") is not None:
                    return s["value"]
        return None

    def constant(self, item: Item, index: int) -> Any:
        """The value of an untracked input of ``item``, if the node saved it."""
        for s in item.saved:
            if s["input"] == index and s.get("value") is not None:
                return s["value"]
        return None


@dataclass
class Run:
    """A block of nodes repeated ``reps`` times in a row along the graph, drawn as one box.

    ``blocks`` holds each repetition's ids (ascending); ``main`` the first block's op nodes (its
    leaves aside), ``leaves`` the first block's own leaves (its layer's parameters).
    """

    key: str
    blocks: list
    main: list
    leaves: list

    @property
    def reps(self) -> int:
        return len(self.blocks)

    @property
    def members(self) -> list:
        return [i for block in self.blocks for i in block]


def _signature(tape: Tape, segment: list, side: set, unique: set) -> tuple:
    """What a segment computes, independent of its ids: per node its name, outputs, and where
    each input comes from (inside the segment, the flow entering it, a leaf or shared input by
    its kind and shape, or an untracked constant)."""
    items = tape.items
    local = {i: k for k, i in enumerate(segment)}
    sig = []
    for i in segment:
        item = items[i]
        if i in unique:
            return ("unique", i)
        inputs = []
        for e in item.edges:
            if e is None or e[0] not in items:
                inputs.append(None)
            elif e[0] in local:
                inputs.append(("in", local[e[0]], e[1]))
            elif e[0] in side:
                s = items[e[0]]
                inputs.append(("side", s.name, e[1], s.outputs[e[1]], len(s.consumers)))
            else:
                inputs.append(("flow", e[1]))
        sig.append((item.name, tuple(item.outputs), tuple(inputs)))
    return tuple(sig)


def _repeats(seq: list, start: int, p: int) -> int:
    """How many times seq[start:start + p] occurs back to back from ``start``."""
    r = 1
    while start + (r + 1) * p <= len(seq) and seq[start + r * p] == seq[start] \
            and seq[start + r * p:start + (r + 1) * p] == seq[start:start + p]:
        r += 1
    return r


def find_runs(tape: Tape, min_nodes: int = 12, min_reps: int = 3, max_period: int = 12) -> list:
    """Blocks repeated ``min_reps`` or more times in a row, covering ``min_nodes`` or more nodes.

    The flow of the graph is cut where a single value crosses (leaves and shared inputs aside),
    each piece is given an id-free signature, and runs of a repeated sequence of up to
    ``max_period`` pieces are found left to right in creation order (a loop body, a stack of
    identical layers). Leaves and shared inputs used only inside one repetition join it.
    Deterministic and iterative: linear in the graph for the usual cases.
    """
    items = tape.items
    ids = sorted(items)
    roots = {key[0] for key in tape.roots if key is not None}
    unique = roots | {key[0] for key in tape.names if key[0] in items and items[key[0]].leaf is None}
    # The flow: nodes on a longest path from a result down to a leaf (the spine), and whatever
    # depends on them. The rest (leaves, values computed from parameters alone, like a weight's
    # transpose) are side inputs: they never cut the flow, and join a repetition that alone uses them.
    depth: dict[int, int] = {}
    for i in ids:                                   # sources have smaller ids than their consumers
        depth[i] = 1 + max((depth[e[0]] for e in items[i].edges if e is not None and e[0] in depth),
                           default=-1)
    spine: set = set()
    origins: set = set()
    for root in sorted(roots):
        i = root
        while i is not None and i not in spine and items[i].leaf is None:
            spine.add(i)
            sources = [e[0] for e in items[i].edges if e is not None and e[0] in items]
            i = max(sources, key=lambda s: (depth[s], s)) if sources else None
            if i is not None and sum(c in spine for c in items[i].consumers) >= 3:
                i = None                            # read all along the spine: a shared input
            elif i is not None and items[i].leaf is not None:
                origins.add(i)                      # the leaf the flow starts from (a loop's x)
    on_flow: set = set()
    for i in ids:
        item = items[i]
        if item.leaf is None and (i in spine or any(e is not None and e[0] in on_flow for e in item.edges)):
            on_flow.add(i)
    side = {i for i in ids if i not in on_flow}
    flow = [i for i in ids if i not in side]
    if len(ids) < min_nodes or not flow:
        return []
    pos = {i: k for k, i in enumerate(flow)}
    live = [0] * (len(flow) + 1)                    # how many flow values cross each cut
    for i in flow:
        last = len(flow) if i in roots else max((pos[c] for c in items[i].consumers if c in pos),
                                                 default=pos[i])
        if last > pos[i]:
            live[pos[i]] += 1
            live[last] -= 1
    for i in origins:                               # live from the start until its last reader
        last = max((pos[c] for c in items[i].consumers if c in pos), default=0)
        live[0] += 1
        live[last] -= 1
    segments, current, crossing = [], [], 0
    for k, i in enumerate(flow):
        current.append(i)
        crossing += live[k]
        if crossing <= 1:
            segments.append(current)
            current = []
    if current:
        segments.append(current)
    table: dict[tuple, int] = {}
    # the leaf the flow starts from reads as the flow: a loop's first pass matches the others
    seq = [table.setdefault(_signature(tape, s, side - origins, unique), len(table)) for s in segments]
    # where a repetition starts, among equally long phases: it ends with a node reading no side
    # input (an activation, a residual sum), starts reading one (a layer's weight), earliest first
    reads = [[any(e is not None and e[0] in side for e in items[i].edges) for i in s] for s in segments]

    runs_at = []                                    # (start segment, period, repetitions)
    k = 0
    while k < len(seq):
        best = None
        for p in range(1, min(max_period, (len(seq) - k) // min_reps) + 1):
            if seq[k + p] != seq[k]:
                continue
            block = seq[k:k + p]
            if any(p % q == 0 and block == block[:q] * (p // q) for q in range(1, p)):
                continue                            # a smaller period covers it
            r = _repeats(seq, k, p)
            if r >= min_reps and (best is None or r * p > best[1] * best[0]):
                best = (p, r)
        if best is None:
            k += 1
            continue
        p, r = best
        # the same run seen from a later phase (losing at most one repetition) may read better
        phases = [(s, _repeats(seq, k + s, p)) for s in range(p)]
        ok = [(not reads[k + s + p - 1][-1], reads[k + s][0], r_s, -s) for s, r_s in phases
              if r_s >= max(min_reps, r - 1)]
        *_, r, s = max(ok)
        s = -s
        runs_at.append((k + s, p, r))
        k += s + r * p

    owner: dict[int, tuple] = {}
    found = []
    for n, (start, p, r) in enumerate(runs_at):
        blocks = [[i for seg in segments[start + b * p:start + (b + 1) * p] for i in seg] for b in range(r)]
        for b, block in enumerate(blocks):
            for i in block:
                owner[i] = (len(found), b)
        found.append(blocks)
    # leaves and shared inputs used by one repetition only belong to it (latest first: consumers
    # are decided before their sources)
    absorbed: dict[tuple, list] = {}
    for i in sorted(side, reverse=True):
        users = {owner.get(c) for c in items[i].consumers}
        if len(users) == 1 and None not in users and i not in unique and i not in origins:
            (where,) = users
            owner[i] = where
            absorbed.setdefault(where, []).append(i)
    runs = []
    for n, blocks in enumerate(found):
        full = [sorted(block + absorbed.get((n, b), [])) for b, block in enumerate(blocks)]
        if sum(len(b) for b in full) < min_nodes:
            continue                                # too small to be worth a box
        main = [i for i in full[0] if items[i].leaf is None]
        leaves = [i for i in full[0] if items[i].leaf is not None]
        runs.append(Run(f"b{main[0]}", full, main, leaves))
    return runs


class Layout:
    """Which items to draw: a block repeated 3 or more times in a row (``collapse`` or more
    nodes in all) becomes one box (`find_runs`); chains of ``collapse`` or more single-in,
    single-out nodes become one box (their two ends stay); at most ``max_nodes`` boxes are kept,
    nearest the results first.

    ``rep[id]`` is the id itself when drawn, a Run or Group key when collapsed, or "hidden".
    """

    def __init__(self, tape: Tape, max_nodes: int = 150, collapse: int = 12) -> None:
        self.tape = tape
        items = tape.items
        roots = {key[0] for key in tape.roots if key is not None}
        self.rep: dict[int, Any] = {i: i for i in items}
        self.groups: dict[str, Group] = {}
        self.runs: dict[str, Run] = {}
        if collapse and collapse >= 3:
            for run in find_runs(tape, collapse):
                self.runs[run.key] = run
                for m in run.members:
                    self.rep[m] = run.key

        def interior(item: Item) -> bool:
            sources = {e[0] for e in item.edges if e is not None and e[0] in items}
            return (item.leaf is None and item.id not in roots and len(sources) == 1
                    and len(item.consumers) == 1 and self.rep[item.id] == item.id)

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
            for key in [k for k in self.runs if k not in kept]:
                del self.runs[key]

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
