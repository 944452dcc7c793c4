"""Stepping through a backward pass one node at a time: a widget in Jupyter, a list of SVG
frames anywhere else."""
from __future__ import annotations

import html
from typing import Any, Callable

from ._render import DotNotFound, INSTALL, Picture, Scale, digraph, norm, plain
from ._tape import Layout, Tape
from .flow import Flow
from .graphs import _Draw, _finish, _results, grad_text


class Steps:
    """Frame k shows the backward graph after the first k node runs: the node running now
    highlighted with the gradient it received and what it sent on (thick edges), nodes already
    run greyed, and each leaf's running gradient. Frame 0 is the graph before the pass.

    >>> import minigrad as torch, viz
    >>> x = torch.tensor(2., requires_grad=True)
    >>> s = viz.steps(x * x, run=lambda y: y.backward())
    >>> s, [name for name, _ in s.sequence()]
    (<viz.Steps: 2 node runs, 3 frames>, ['MulBackward0', 'AccumulateGrad'])
    """

    def __init__(self, results: list, flow: Flow, names: dict | None = None, saved: bool = False,
                 max_nodes: int = 150, collapse: int = 12) -> None:
        self.results, self.flow, self.saved = results, flow, saved
        self.tape = Tape(results, names)
        self.layout = Layout(self.tape, max_nodes, collapse)
        self.scale = Scale([norm(v) for v in flow.sent().values()])
        self._cache: dict[int, Picture] = {}

    def __len__(self) -> int:
        return len(self.flow.events) + 1

    def __repr__(self) -> str:
        return f"<viz.Steps: {len(self.flow.events)} node runs, {len(self)} frames>"

    def sequence(self) -> list:
        """(name, id) of the node each step runs, in order."""
        return [(e.name, e.id) for e in self.flow.events]

    def caption(self, k: int) -> str:
        """What frame ``k`` shows, in words."""
        n = len(self.flow.events)
        if k == 0:
            return f"step 0/{n}: before the backward pass"
        e = self.flow.events[k - 1]
        got = ", ".join(grad_text(g) for g in e.grads_in if g is not None) or "nothing"
        sent = ", ".join(f"{grad_text(g)} → #{edge[0]}" for g, edge in zip(e.grads_out, e.edges)
                         if g is not None and edge is not None)
        words = f"step {k}/{n}: {plain(e.name)} #{e.id} received {got}"
        run = self.layout.runs.get(self.layout.rep.get(e.id))
        if run is not None:
            words = words.replace(f" #{e.id} ", f" #{e.id} (in the ×{run.reps:,} repeated block) ", 1)
        if e.leaf is not None:
            words += "; adds it to the leaf's gradient"
        elif sent:
            words += f"; sends {sent}"
        leaves = []
        for key, g in sorted(self.flow.upto(k).received().items()):
            item = self.tape.items.get(key[0])
            if item is not None and item.leaf is not None:
                leaves.append(f"{plain(self.tape.names.get(key, f'#{key[0]}'))}: {grad_text(g)}")
        if leaves:
            words += ". Leaf gradients so far: " + ", ".join(leaves)
        return words

    def frame(self, k: int) -> Picture:
        """The picture after ``k`` node runs (0 ≤ k ≤ len(self) - 1)."""
        if not 0 <= k < len(self):
            raise IndexError(f"frame {k} out of range 0..{len(self) - 1}")
        if k not in self._cache:
            g = digraph("step", rankdir="TB")
            current = self.flow.events[k - 1].id if k else None
            d = _Draw(g, self.tape, self.layout, "", self.flow.upto(k), self.scale, current, stepping=True)
            d.backward(self.saved)
            d.legend()
            pic = _finish(g, [d], f"step {k}", self.caption(k))
            pic.info["caption"] = self.caption(k)
            self._cache[k] = pic
        return self._cache[k]

    def frames(self) -> list:
        """Every frame as a Picture."""
        return [self.frame(k) for k in range(len(self))]

    def svg_frames(self) -> list:
        """Every frame as SVG text (needs `dot`), for places where widgets cannot run."""
        return [p.svg() for p in self.frames()]

    def _html(self, k: int) -> str:
        try:
            svg = self.frame(k).svg()
            return svg[svg.find("<svg"):]          # inline in HTML: no XML prolog or doctype
        except DotNotFound as e:
            return f"<p><b>{html.escape(INSTALL)}</b></p><pre>{html.escape(e.source)}</pre>"

    def widget(self) -> Any:
        """An ipywidgets box: a slider and ◀ ▶ buttons walk the frames; the caption says what
        happened at that step."""
        import ipywidgets as W
        last = len(self) - 1
        slider = W.IntSlider(value=0, min=0, max=last, description="step", continuous_update=True)
        back, forth = W.Button(description="◀ back"), W.Button(description="next ▶")
        caption = W.HTML(value=html.escape(self.caption(0)))
        picture = W.HTML(value=self._html(0))

        def show(change: dict) -> None:
            k = change["new"]
            picture.value = self._html(k)
            caption.value = html.escape(self.caption(k))

        slider.observe(show, names="value")
        back.on_click(lambda _: setattr(slider, "value", max(slider.value - 1, 0)))
        forth.on_click(lambda _: setattr(slider, "value", min(slider.value + 1, last)))
        return W.VBox([W.HBox([back, slider, forth]), caption, picture])

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict:
        try:
            bundle = self.widget()._repr_mimebundle_()
        except Exception:           # no ipywidgets or no kernel: the first frame, as a picture
            bundle = self.frame(0)._repr_mimebundle_()
        bundle = dict(bundle or {})
        bundle["text/plain"] = repr(self)
        return bundle


def steps(*results: Any, run: Callable | None = None, flow: Flow | None = None, names: dict | None = None,
          saved: bool = False, max_nodes: int = 150, collapse: int = 12) -> Steps:
    """Step through the backward pass of ``results``: give ``run`` (called with the results, e.g.
    ``lambda y: y.backward()``) to run it now, or a ``flow`` recorded earlier with `viz.Flow`.

    >>> import minigrad as torch, viz
    >>> x = torch.tensor(2., requires_grad=True)
    >>> y = x * x
    >>> with viz.Flow() as flow:
    ...     y.backward()
    >>> viz.steps(y, flow=flow).caption(0)
    'step 0/2: before the backward pass'
    """
    results_list = _results(results)
    if flow is None:
        if run is None:
            raise ValueError("viz.steps needs run= (a callable running the backward pass) or flow=")
        with Flow() as flow:
            run(*results_list)
    return Steps(results_list, flow, names, saved, max_nodes, collapse)

