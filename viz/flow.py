"""Recording the gradients a backward pass sends along each edge (through `graph.observe`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from minigrad.autograd import graph as G

from ._tape import as_array, short_name


@dataclass
class Event:
    """One node run by a backward pass: what reached its outputs and what it sent to each input."""

    id: int
    name: str
    edges: list           # per input: (source id, output_nr) or None
    grads_in: list        # arrays or None, per output
    grads_out: list       # arrays or None, per input (empty for AccumulateGrad)
    leaf: Any = None


class Flow:
    """Context manager recording every backward pass run inside it, node by node.

    >>> import minigrad as torch, viz
    >>> x = torch.tensor(3., requires_grad=True)
    >>> with viz.Flow() as flow:
    ...     (x * x).backward()
    >>> [(e.name, e.grads_out and float(e.grads_out[0])) for e in flow.events]
    [('MulBackward0', 3.0), ('AccumulateGrad', [])]
    """

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._observer: Any = None

    def __enter__(self) -> "Flow":
        self._observer = G.observe(self._record)
        self._observer.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._observer.__exit__(*exc)

    def _record(self, node: Any, grads_in: tuple, grads_out: tuple) -> None:
        d = G.describe(node)
        self.events.append(Event(d["id"], short_name(node), d["edges"], [as_array(g) for g in grads_in],
                                 [as_array(g) for g in grads_out], d["leaf"]))

    def __repr__(self) -> str:
        return f"<viz.Flow: {len(self.events)} node runs>"

    def upto(self, k: int) -> "Flow":
        """The same record cut after its first ``k`` node runs (a step of the step-through)."""
        out = Flow()
        out.events = self.events[:k]
        return out

    def sent(self) -> dict:
        """(consumer id, input index) -> the gradient sent along that edge (summed over passes)."""
        out: dict[tuple, np.ndarray] = {}
        for e in self.events:
            for k, g in enumerate(e.grads_out):
                if g is not None and k < len(e.edges) and e.edges[k] is not None:
                    out[(e.id, k)] = g if (e.id, k) not in out else out[(e.id, k)] + g
        return out

    def received(self) -> dict:
        """(node id, output_nr) -> the gradient that reached that output (summed over passes);
        for a leaf's AccumulateGrad, what the leaf received."""
        out: dict[tuple, np.ndarray] = {}
        for e in self.events:
            for nr, g in enumerate(e.grads_in):
                if g is not None:
                    out[(e.id, nr)] = g if (e.id, nr) not in out else out[(e.id, nr)] + g
        return out

    def order(self) -> list:
        """(id, name) of each node run, in run order."""
        return [(e.id, e.name) for e in self.events]
