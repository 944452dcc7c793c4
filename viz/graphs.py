"""Forward graphs, backward graphs (saved tensors and their state), derivative flow, and the
create_graph graph beside the first-order one. Node ids are creation numbers, so the same node
carries the same id in every picture."""
from __future__ import annotations

import re
import textwrap
from typing import Any

import numpy as np

from ._render import Picture, Scale, array, digraph, norm, number, shape_text, text
from ._tape import Item, Layout, Run, Tape, role
from .flow import Flow

LEAF_FILL = {"leaf": "#cfe2f3", "parameter": "#fce5cd", "input": "#eeeeee"}
ROOT_FILL = "#d9ead3"
CURRENT_FILL = "#fff2a8"
RUN_FILL = "#e8eef9"
DONE_FILL = "#e6e6e6"
SAVED_STYLE = {"alive": ("#e8f4e8", "#38761d", "solid"), "freed": ("#f3f3f3", "#999999", "dashed"),
               "modified": ("#f4cccc", "#cc0000", "bold")}
FREED_NOTE = ("Dashed grey saved tensors were freed by a backward run without retain_graph=True: "
              "a second backward through those nodes raises 'Trying to backward through the graph "
              "a second time'.")
MODIFIED_NOTE = ("Red saved tensors were changed in place after being saved (their version went up): "
                 "backward through those nodes raises 'one of the variables needed for gradient "
                 "computation has been modified by an inplace operation'.")


def op_name(node_name: str) -> str:
    """The forward op behind a backward node's name: ``MulBackward0`` → ``mul``."""
    return re.sub(r"Backward\d*$", "", node_name).lower() or node_name


def _table(rows: list, border: str = "0") -> str:
    body = "".join(f"<TR><TD>{r}</TD></TR>" for r in rows if r)
    return f'<<TABLE BORDER="{border}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{body}</TABLE>>'


def _small(s: str, colour: str = "#555555") -> str:
    return f'<FONT POINT-SIZE="8" COLOR="{colour}">{s}</FONT>'


def _wrap(parts: list, sep: str, width: int = 56, lines: int = 5) -> list:
    """Escaped ``parts`` joined by ``sep`` into at most ``lines`` lines of about ``width`` characters."""
    out, line = [], ""
    for k, part in enumerate(parts):
        if line and len(line) + len(sep) + len(part) > width:
            if len(out) == lines - 1:
                out.append(text(line + sep + "…", width + 4) + f" (+{len(parts) - k:,} more)")
                return out
            out.append(text(line + sep.rstrip(), width + 4))
            line = ""
        line = f"{line}{sep}{part}" if line else part
    out.append(text(line, width + 4))
    return out


def run_label(tape: Tape, run: Run, forward: bool = False) -> str:
    """A repeated block's box: the count, the block's ops in order, what each block reads, the ids.

    >>> import minigrad as torch
    >>> from viz._tape import Layout
    >>> x = torch.tensor(1., requires_grad=True)
    >>> y = x
    >>> for _ in range(20):
    ...     y = (y * 2).sin()
    >>> tape = Tape([y])
    >>> (run,) = Layout(tape).runs.values()
    >>> "×19" in run_label(tape, run) and "MulBackward0 → SinBackward0" in run_label(tape, run)
    True
    """
    items = tape.items
    first = run.blocks[0]
    ops = [items[i].name for i in first if items[i].leaf is None]
    ops = [op_name(n) for n in ops] if forward else ops
    rows = [f'<FONT POINT-SIZE="14"><B>×{run.reps:,}</B></FONT> repeated block']
    rows += _wrap(ops, " → ")
    reads = []
    named = any((i, 0) in tape.names for i in run.leaves)
    for i in run.leaves:
        name = tape.names.get((i, 0))
        reads.append(f"{name if name else role(items[i].leaf)} {shape_text(items[i].outputs[0][0])}")
    if reads:
        reads[0] = f"each reads its own{' (first block)' if named else ''}: {reads[0]}"
        rows += [_small(line) for line in _wrap(reads, ", ", 70, 2)]
    last = max((i for i in run.blocks[-1] if items[i].leaf is None), default=run.blocks[-1][-1])
    out = items[last].outputs[0]
    per = len(first)
    rows.append(_small(f"#{run.main[0]}…#{last} · {len(run.members):,} nodes ({run.reps:,} × {per}) · "
                       f"out {shape_text(out[0])} {text(out[1])}"))
    return _table(rows)


def grad_text(g: np.ndarray) -> str:
    """A gradient's value when it has at most 4 entries, else its norm and shape."""
    g = np.asarray(g)
    if g.size <= 4:
        return array(g, small=4)
    return f"‖g‖={number(norm(g))} {shape_text(g.shape)}"


class _Draw:
    """Draws one tape into a Digraph (or into a cluster of one), node names prefixed."""

    def __init__(self, g: Any, tape: Tape, layout: Layout, prefix: str, flow: Flow | None = None,
                 scale: Scale | None = None, current: int | None = None, stepping: bool = False) -> None:
        self.g, self.tape, self.layout, self.p = g, tape, layout, prefix
        self.flow = flow
        self.sent = flow.sent() if flow is not None else {}
        self.received = flow.received() if flow is not None else {}
        self.done = {e.id for e in flow.events} if flow is not None else set()
        self.scale = scale or Scale([norm(v) for v in self.sent.values()])
        self.current = current
        self.stepping = stepping           # a frame of a step-through: nodes not run yet are "not yet"
        self.nodes: list[str] = []
        self.edges: list[tuple] = []
        self.states: set = set()

    def node(self, name: str, label: str, **attrs: str) -> None:
        self.nodes.append(name)
        self.g.node(name, label, **attrs)

    def edge(self, a: str, b: str, **attrs: str) -> None:
        self.edges.append((a, b, attrs.get("label", "")))
        self.g.edge(a, b, **{k: v for k, v in attrs.items() if v != ""})

    def rep_name(self, i: int, kind: str) -> str:
        rep = self.layout.rep[i]
        if rep == "hidden":
            return f"{self.p}hidden"
        if isinstance(rep, str):
            return f"{self.p}{rep}"
        return f"{self.p}{kind}{i}"

    def extras(self, forward: bool = False) -> None:
        """The boxes standing for repeated blocks, collapsed chains and hidden nodes."""
        for key, run in sorted(self.layout.runs.items(), key=lambda kv: kv[1].main[0]):
            attrs = {"penwidth": "3"} if self.current in run.members else {}
            fill = CURRENT_FILL if attrs else RUN_FILL
            self.node(f"{self.p}{key}", run_label(self.tape, run, forward), shape="box3d", style="filled",
                      fillcolor=fill, color="#3c78d8", **attrs)
        for key, group in sorted(self.layout.groups.items()):
            first, second = group.label()
            self.node(f"{self.p}{key}", _table([f"⋮ {text(first, 90)}", _small(text(second, 60))]),
                      shape="box", style="dashed,rounded")
        if self.layout.hidden:
            self.node(f"{self.p}hidden", _table(["…", text(self.layout.hidden_label(), 120)]),
                      shape="box", style="dashed", color="#999999", fontcolor="#555555")

    # ------------------------------------------------------------------------------------------
    def backward(self, saved: bool = True) -> None:
        tape, items = self.tape, self.tape.items
        roots = {key[0] for key in tape.roots if key is not None}
        for i in self.layout.drawn():
            item = items[i]
            rows = [f"<B>{text(item.name)}</B>", _small(f"#{i}")]
            fill = "#ffffff"
            if item.leaf is not None:
                kind = role(item.leaf)
                name = tape.names.get((i, 0))
                rows.append(_small(" · ".join(filter(None, [text(name) if name else "", kind,
                                                             shape_text(item.outputs[0][0]),
                                                             item.outputs[0][1]]))))
                fill = LEAF_FILL[kind]
                got = self.received.get((i, 0))
                if got is not None:
                    rows.append(_small(f"grad so far: {text(grad_text(got), 60)}", "#000000"))
            else:
                for nr, _ in enumerate(item.outputs):
                    if (i, nr) in tape.names and (i, nr) not in tape.roots:
                        rows.append(_small(f"makes {text(tape.names[(i, nr)])}"))
                if self.flow is not None:
                    for nr, _ in enumerate(item.outputs):
                        got = self.received.get((i, nr))
                        if got is not None:
                            where = f"[{nr}] " if len(item.outputs) > 1 else ""
                            rows.append(_small(f"received {where}{text(grad_text(got), 60)}", "#000000"))
                if i in roots:
                    fill = ROOT_FILL
            style = "filled,rounded"
            attrs = {}
            if self.flow is not None and self.current is not None:
                if i == self.current:
                    fill, attrs = CURRENT_FILL, {"penwidth": "3"}
                elif i in self.done and item.leaf is None:
                    fill = DONE_FILL
            self.node(f"{self.p}n{i}", _table(rows), shape="box", style=style, fillcolor=fill, **attrs)
            if saved:
                self.saved(item)
        self.extras()
        for k, (t, key) in enumerate(zip(tape.results, tape.roots)):
            if key is None:
                self.no_graph(k, t)
                continue
            if self.layout.rep[key[0]] != key[0]:
                continue
            name = tape.names.get(key, "result")
            shape, dtype = tape.items[key[0]].outputs[key[1]]
            self.node(f"{self.p}r{k}", _table([f"<B>{text(name)}</B>",
                                               _small(f"{shape_text(shape)} {text(dtype)}")]),
                      shape="plaintext")
            attrs = {"style": "dashed", "arrowhead": "normal"}
            seed = self.received.get(key) if self.flow is not None else None
            if seed is not None and any(e.id == key[0] for e in self.flow.events[:1]):
                attrs = {"label": f"seed {text(grad_text(seed), 40)}", "penwidth": "2",
                         "color": self.scale(norm(seed)), "fontcolor": "#333333"}
            self.edge(f"{self.p}r{k}", f"{self.p}n{key[0]}", **attrs)
        seen: set = set()
        boxed: dict = {}
        for i in tape.order:
            item = items[i]
            a = self.layout.rep[i]
            if a == "hidden":
                continue
            for k, e in enumerate(item.edges):
                if e is None or e[0] not in items:
                    continue
                b = self.layout.rep[e[0]]
                if a == b:
                    continue
                if a == i and b == e[0]:
                    self.grad_edge(item, k, e)
                elif a in self.layout.runs or b in self.layout.runs:
                    boxed.setdefault((a, b), []).append((item, k, e))
                elif (a, b) not in seen:
                    seen.add((a, b))
                    self.edge(self.rep_name(i, "n"), self.rep_name(e[0], "n"), style="dashed",
                              color="#888888")
        for crossing in boxed.values():
            item, k, e = crossing[0]
            a, b = self.rep_name(item.id, "n"), self.rep_name(e[0], "n")
            if len(crossing) == 1:
                self.grad_edge(item, k, e, a, b)
            else:
                self.edge(a, b, label=f"<{_small(f'×{len(crossing):,}')}>", color="#3c78d8")

    def no_graph(self, k: int, t: Any) -> None:
        """A result with no node: it neither requires grad nor was recorded."""
        name = self.tape.result_names.get(k, f"result{k if len(self.tape.results) > 1 else ''}")
        rows = [f"<B>{text(name)}</B>",
                _small(f"{shape_text(tuple(t.shape))} · no graph: it does not require grad "
                       "and no recorder tracked it")]
        self.node(f"{self.p}r{k}", _table(rows), shape="box", style="dashed")

    def grad_edge(self, item: Item, k: int, e: tuple, a: str = "", b: str = "") -> None:
        a, b = a or f"{self.p}n{item.id}", b or f"{self.p}n{e[0]}"
        where = f"[{k}]" if len(item.edges) > 1 else ""
        if self.flow is None:
            self.edge(a, b, label=f"<{_small(where)}>" if where else "")
            return
        g = self.sent.get((item.id, k))
        if g is None:
            words = "not yet" if self.stepping and item.id not in self.done else "no grad"
            self.edge(a, b, label=f"<{_small(f'{where} {words}'.strip())}>", style="dashed", color=Scale.ZERO)
            return
        attrs = {"penwidth": "2", "color": self.scale(norm(g)), "fontcolor": "#222222"}
        if self.current is not None and item.id == self.current:
            attrs.update(penwidth="4", fontcolor="#b45f06")
        self.edge(a, b, label=f"< {where} {text(grad_text(g), 60)} >", **attrs)

    def saved(self, item: Item) -> None:
        for k, s in enumerate(item.saved):
            fill, colour, style = SAVED_STYLE[s["state"]]
            self.states.add(s["state"])
            rows = [_small(f"saved {text(s['name'])}", "#000000")]
            if s["state"] == "freed":
                rows.append(_small("freed after backward"))
            else:
                rows.append(_small(f"{shape_text(s['shape'])} {text(s['dtype'])}"))
                if s.get("value") is not None and np.asarray(s["value"]).size <= 4:
                    now = "now " if s["state"] == "modified" else ""
                    rows.append(_small(now + text(array(s["value"], small=4), 40)))
                if s["state"] == "modified":
                    rows.append(_small(f"modified in place: version {s['version_now']}, "
                                       f"saved at {s['version_saved']}", "#cc0000"))
                else:
                    rows.append(_small(f"alive · version {s['version_saved']}"))
            name = f"{self.p}s{item.id}_{k}"
            self.node(name, _table(rows), shape="note", style=f"filled,{style}", fillcolor=fill,
                      color=colour)
            self.edge(f"{self.p}n{item.id}", name, style="dotted", arrowhead="none", color=colour)

    # ------------------------------------------------------------------------------------------
    def forward(self) -> None:
        tape, items = self.tape, self.tape.items
        results = {key for key in tape.roots if key is not None}
        used: set = set(results)
        for item in items.values():
            for e in item.edges:
                if e is not None:
                    used.add(tuple(e))
        for i in self.layout.drawn():
            item = items[i]
            if item.leaf is not None:
                kind = role(item.leaf)
                self.tensor(f"{self.p}t{i}_0", (i, 0), item.outputs[0], kind, LEAF_FILL[kind])
                continue
            self.node(f"{self.p}op{i}", _table([f"<B>{text(op_name(item.name))}</B>",
                                                 _small(f"#{i} {text(item.name)}")]),
                      shape="ellipse", style="filled", fillcolor="#f3f3f3")
            for nr, meta in enumerate(item.outputs):
                if (i, nr) in used or nr == 0:
                    fill = ROOT_FILL if (i, nr) in results else "#ffffff"
                    self.tensor(f"{self.p}t{i}_{nr}", (i, nr), meta, "", fill)
                    self.edge(f"{self.p}op{i}", f"{self.p}t{i}_{nr}")
            for k, e in enumerate(item.edges):
                if e is None:
                    shape, dtype = item.inputs[k]
                    value = tape.constant(item, k)
                    rows = ["<I>constant</I>", _small(f"{shape_text(shape)} {text(dtype)}")]
                    if value is not None:
                        rows.append(_small(text(array(value), 60)))
                    self.node(f"{self.p}c{i}_{k}", _table(rows), shape="box", style="dotted")
                    self.edge(f"{self.p}c{i}_{k}", f"{self.p}op{i}")
        self.extras(forward=True)
        for k, (t, key) in enumerate(zip(tape.results, tape.roots)):
            if key is None:
                self.no_graph(k, t)
        seen: set = set()
        boxed: dict = {}
        for i in tape.order:
            item = items[i]
            a = self.layout.rep[i]
            if a == "hidden":
                continue
            for k, e in enumerate(item.edges):
                if e is None or e[0] not in items:
                    continue
                b = self.layout.rep[e[0]]
                if a == b:
                    continue
                where = f"<{_small(f'[{k}]')}>" if len(item.edges) > 1 else ""
                if a == i and b == e[0]:
                    self.edge(f"{self.p}t{e[0]}_{e[1]}", f"{self.p}op{i}", label=where)
                elif a in self.layout.runs or b in self.layout.runs:
                    src = f"{self.p}t{e[0]}_{e[1]}" if b == e[0] else self.rep_name(e[0], "t")
                    dst = f"{self.p}op{i}" if a == i else self.rep_name(i, "op")
                    boxed.setdefault((src, dst), []).append(where)
                elif (a, b) not in seen:
                    seen.add((a, b))
                    src = f"{self.p}t{e[0]}_{e[1]}" if b == e[0] else self.rep_name(e[0], "t")
                    dst = f"{self.p}op{i}" if a == i else self.rep_name(i, "op")
                    self.edge(src, dst, style="dashed", color="#888888")
        for (src, dst), wheres in boxed.items():
            many = f"<{_small(f'×{len(wheres):,}')}>" if len(wheres) > 1 else wheres[0]
            self.edge(src, dst, label=many, color="#3c78d8" if len(wheres) > 1 else "")

    def tensor(self, name: str, key: tuple, meta: tuple, kind: str, fill: str) -> None:
        label = self.tape.names.get(key)
        anonymous = f"t{key[0]}" + (f".{key[1]}" if key[1] else "")
        title = f"<B>{text(label)}</B>" if label else f"<I>{anonymous}</I>"
        rows = [title + (f" {_small(kind)}" if kind else ""),
                _small(f"{shape_text(meta[0])} {text(meta[1])}")]
        value = self.tape.value(key)
        if value is not None:
            rows.append(text(array(value), 60))
        if self.flow is not None and key in self.received:
            rows.append(_small(f"grad: {text(grad_text(self.received[key]), 60)}", "#b45f06"))
        self.node(name, _table(rows), shape="box", style="filled,rounded", fillcolor=fill)

    def legend(self) -> None:
        if self.flow is not None and self.sent:
            self.g.node(f"{self.p}legend", self.scale.legend(), shape="plaintext")

    def notes(self) -> str:
        notes = (("freed", FREED_NOTE), ("modified", MODIFIED_NOTE))
        return " ".join(note for state, note in notes if state in self.states)


def _results(results: tuple) -> list:
    out = []
    for r in results:
        out.extend(r if isinstance(r, (list, tuple)) else [r])
    return out


def _finish(g: Any, draws: list, kind: str, caption: str = "") -> Picture:
    notes = [n for n in [caption] + [d.notes() for d in draws] if n]
    if notes:
        lines = [text(line, 10_000) for n in notes for line in textwrap.wrap(n, 110)]
        g.attr(label="<" + '<BR ALIGN="LEFT"/>'.join(lines) + '<BR ALIGN="LEFT"/>>', labelloc="b",
               labeljust="l", fontsize="10")
    counts = [f"{len(d.nodes)} nodes, {len(d.edges)} edges" for d in draws]
    info = {"nodes": [n for d in draws for n in d.nodes], "edges": [e for d in draws for e in d.edges],
            "hidden": sum(sum(d.layout.hidden.values()) for d in draws),
            "collapsed": sum(len(grp.members) for d in draws for grp in d.layout.groups.values())
            + sum(len(run.members) for d in draws for run in d.layout.runs.values()),
            "runs": [(d.p + key, run.reps, len(run.members)) for d in draws
                     for key, run in sorted(d.layout.runs.items(), key=lambda kv: kv[1].main[0])]}
    return Picture(g, f"{kind}: " + "; ".join(counts), info)


def forward(*results: Any, names: dict | None = None, flow: Flow | None = None, max_nodes: int = 150,
            collapse: int = 12) -> Picture:
    """The forward graph of ``results``: tensors (name, shape, dtype, value when known) and the
    ops between them; leaves and parameters marked. Intermediate values are known while a node
    keeps them saved (before a backward frees them) or for results.

    >>> import minigrad as torch, viz
    >>> x = torch.tensor(2., requires_grad=True)
    >>> viz.forward(x * x, names={"x": x})
    <viz.Picture forward: 3 nodes, 3 edges>
    """
    tape = Tape(_results(results), names)
    g = digraph("forward", rankdir="TB")
    d = _Draw(g, tape, Layout(tape, max_nodes, collapse), "", flow)
    d.forward()
    return _finish(g, [d], "forward")


def backward(*results: Any, flow: Flow | None = None, names: dict | None = None, saved: bool = True,
             max_nodes: int = 150, collapse: int = 12) -> Picture:
    """The backward graph of ``results`` as the engine holds it: grad_fn nodes (torch's names),
    AccumulateGrad for leaves, saved tensors (alive, freed, or modified in place). With a
    ``flow`` recorded by `viz.Flow`, each edge is labelled and coloured by the gradient it carried.

    >>> import minigrad as torch, viz
    >>> x = torch.tensor(2., requires_grad=True)
    >>> viz.backward(x * x, saved=False)
    <viz.Picture backward: 3 nodes, 3 edges>
    """
    tape = Tape(_results(results), names)
    g = digraph("backward", rankdir="TB")
    d = _Draw(g, tape, Layout(tape, max_nodes, collapse), "", flow)
    d.backward(saved)
    d.legend()
    return _finish(g, [d], "backward")


def forward_backward(*results: Any, flow: Flow | None = None, names: dict | None = None,
                     saved: bool = True, max_nodes: int = 150, collapse: int = 12) -> Picture:
    """The forward graph and the backward graph side by side; ids (#n) match across the two.

    >>> import minigrad as torch, viz
    >>> x = torch.tensor(2., requires_grad=True)
    >>> viz.forward_backward(x * x, saved=False)
    <viz.Picture forward_backward: 3 nodes, 3 edges; 3 nodes, 3 edges>
    """
    tape = Tape(_results(results), names)
    layout = Layout(tape, max_nodes, collapse)
    g = digraph("forward_backward", rankdir="TB")
    draws = []
    for kind, title in (("forward", "forward"), ("backward", "backward (gradients flow down)")):
        with g.subgraph(name=f"cluster_{kind}") as c:
            c.attr(label=title, style="rounded", color="#bbbbbb")
            d = _Draw(c, tape, layout, kind[0] + "_", flow)
            if kind == "forward":
                d.forward()
            else:
                d.backward(saved)
                d.legend()
            draws.append(d)
    return _finish(g, draws, "forward_backward")


def higher_order(first: Any, second: Any, names: dict | None = None, saved: bool = True,
                 max_nodes: int = 150, collapse: int = 12) -> Picture:
    """The first-order graph (of ``first``) beside the graph ``create_graph=True`` built (of
    ``second``, e.g. the gradient returned by grad). Nodes in both keep the same id and a bold
    border.

    >>> import minigrad as torch, viz
    >>> x = torch.tensor(3., requires_grad=True)
    >>> y = x ** 2
    >>> (g,) = torch.autograd.grad(y, x, create_graph=True)
    >>> viz.higher_order(y, g, saved=False)
    <viz.Picture higher_order: 3 nodes, 2 edges; 5 nodes, 4 edges>
    """
    tapes = [Tape(_results((first,)), names), Tape(_results((second,)), names)]
    shared = set(tapes[0].items) & set(tapes[1].items)
    g = digraph("higher_order", rankdir="TB")
    draws = []
    titles = ("first-order graph", "graph built by create_graph=True")
    for k, (tape, title) in enumerate(zip(tapes, titles)):
        with g.subgraph(name=f"cluster_order{k + 1}") as c:
            c.attr(label=title, style="rounded", color="#bbbbbb")
            d = _Draw(c, tape, Layout(tape, max_nodes, collapse), f"o{k + 1}_")
            d.backward(saved)
            for i in sorted(shared):
                if d.layout.rep.get(i) == i:
                    c.node(f"o{k + 1}_n{i}", penwidth="2.5", color="#674ea7")
            draws.append(d)
    caption = (f"Nodes in both graphs (purple border): {', '.join(f'#{i}' for i in sorted(shared))}"
               if shared else "")
    return _finish(g, draws, "higher_order", caption)
