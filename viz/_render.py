"""Turning DOT into pictures: escaping, number formatting, colours, and `Picture`, the object
every graph function returns (inline SVG in Jupyter, files on disk, DOT text without `dot`)."""
from __future__ import annotations

import html
import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np

try:
    import graphviz
except ImportError:            # the DOT text is still built; only rendering needs the package
    graphviz = None

INSTALL = ("Graphviz's `dot` program was not found, so this picture cannot be rendered. "
           "Install it: apt-get install graphviz (Debian/Ubuntu), brew install graphviz (macOS), "
           "conda install graphviz; then the pictures render. The DOT source is shown below "
           "(paste it into any Graphviz viewer).")


class DotNotFound(RuntimeError):
    """Rendering needed Graphviz's `dot` and it is missing; ``.source`` holds the DOT text."""

    def __init__(self, source: str) -> None:
        super().__init__(INSTALL)
        self.source = source


def plain(value: Any, limit: int = 40) -> str:
    """User text on one line, at most ``limit`` characters, not escaped (for captions that are
    escaped where they are shown).

    >>> plain('tab\\there ' + 'c' * 50, 12)
    'tab here cc…'
    """
    s = str(value).replace("\r\n", "\n").replace("\n", "↵").replace("\r", "↵").replace("\t", " ")
    s = "".join(ch if ch.isprintable() else "?" for ch in s)
    return s[: limit - 1] + "…" if len(s) > limit else s


def text(value: Any, limit: int = 40) -> str:
    """User text made safe inside an HTML-like Graphviz label: one line, at most ``limit``
    characters, with & < > " ' escaped (braces, brackets and backslashes mean nothing there).

    >>> text('a<b>"c"\\nd')
    'a&lt;b&gt;&quot;c&quot;↵d'
    """
    s = plain(value, limit)
    return html.escape(s, quote=False).replace('"', "&quot;").replace("'", "&#39;")


def number(v: Any) -> str:
    """A short, fixed format for one number: 4 significant digits.

    >>> number(12.0), number(0.000123456), number(True)
    ('12', '0.0001235', 'True')
    """
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    v = float(v) if np.isrealobj(v) else complex(v)
    return f"{v:.4g}"


def array(value: Any, small: int = 6) -> str:
    """A small array written out, a large one summarised (shape, mean, min, max).

    >>> array(np.array([1., 2.5])), array(np.arange(100.))
    ('[1, 2.5]', 'mean 49.5 · min 0 · max 99')
    """
    a = np.asarray(value)
    if a.size == 0:
        return "[]"
    if a.size <= small:
        if a.ndim == 0:
            return number(a[()])
        rows = a.reshape(-1, a.shape[-1]) if a.ndim > 1 else a[None]
        body = "; ".join(", ".join(number(v) for v in row) for row in rows)
        return "[" + body + "]"
    if a.dtype.kind in "fiub":
        f = a.astype(np.float64)
        return f"mean {number(f.mean())} · min {number(f.min())} · max {number(f.max())}"
    return f"{a.size} values"


def norm(value: Any) -> float:
    """The Euclidean norm of a gradient (its absolute value for a scalar)."""
    a = np.asarray(value, dtype=np.float64)
    return float(np.sqrt(np.sum(a * a)))


def shape_text(shape: Any) -> str:
    """``(2, 3)`` → ``[2, 3]``, torch's way of writing a size."""
    return "[" + ", ".join(str(int(n)) for n in (shape or ())) + "]"


# Viridis at five stops, interpolated: readable on white, and in grey print.
_STOPS = [(0.0, (68, 1, 84)), (0.25, (59, 82, 139)), (0.5, (33, 145, 140)), (0.75, (94, 201, 98)),
          (1.0, (253, 231, 37))]


def colour(t: float) -> str:
    """The colour for ``t`` in [0, 1] on the viridis scale, as #rrggbb (dark = small)."""
    t = min(max(float(t), 0.0), 1.0)
    for (t0, c0), (t1, c1) in zip(_STOPS, _STOPS[1:]):
        if t <= t1:
            w = (t - t0) / (t1 - t0) if t1 > t0 else 0.0
            return "#" + "".join(f"{round(a + (b - a) * w):02x}" for a, b in zip(c0, c1))
    return "#fde725"


class Scale:
    """Maps gradient norms to colours on a log scale between the smallest and largest seen."""

    ZERO = "#b0b0b0"

    def __init__(self, norms: list) -> None:
        positive = [n for n in norms if n > 0 and np.isfinite(n)]
        self.lo = min(positive) if positive else 1.0
        self.hi = max(positive) if positive else 1.0

    def __call__(self, n: float) -> str:
        if not n > 0 or not np.isfinite(n):
            return self.ZERO
        if self.hi <= self.lo:
            return colour(0.45)
        # 0.85 at most: the lightest yellows of viridis vanish on white.
        return colour(0.85 * (np.log(n) - np.log(self.lo)) / (np.log(self.hi) - np.log(self.lo)))

    def legend(self) -> str:
        """An HTML-like label: swatches for the smallest, middle and largest norm (each distinct
        value once), and zero."""
        mid = float(np.sqrt(self.lo * self.hi))
        cells = []
        for n in (self.lo, mid, self.hi):            # one row per distinct value
            row = (self(n), f"‖g‖ = {number(n)}")
            if row[1] not in [t for _, t in cells]:
                cells.append(row)
        cells.append((self.ZERO, "zero / none"))
        rows = "".join(f'<TR><TD BGCOLOR="{c}" WIDTH="24"> </TD><TD ALIGN="LEFT">{t}</TD></TR>'
                       for c, t in cells)
        return ('<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="3">'
                '<TR><TD COLSPAN="2"><B>gradient on each edge</B><BR/>colour: norm (log scale)</TD></TR>'
                f"{rows}</TABLE>>")


class Picture:
    """A drawn graph: shows inline as SVG in Jupyter, saves to svg/png/pdf, and keeps its DOT text.

    ``summary`` is the deterministic text repr; ``info`` holds what was drawn (node ids in order,
    edges, hidden counts) for code and tests to read.

    >>> import graphviz
    >>> p = Picture(graphviz.Digraph("demo"), "demo: 0 nodes")
    >>> p
    <viz.Picture demo: 0 nodes>
    """

    def __init__(self, graph: Any, summary: str, info: dict | None = None) -> None:
        self.graph = graph
        self.summary = summary
        self.info = info or {}

    @property
    def source(self) -> str:
        """The DOT text: the same on every run for the same graph."""
        return self.graph.source

    def __repr__(self) -> str:
        return f"<viz.Picture {self.summary}>"

    def pipe(self, format: str = "svg") -> bytes:
        """The picture rendered by `dot` as bytes; raises DotNotFound (with the DOT text) without it."""
        try:
            return self.graph.pipe(format=format, quiet=True)   # dot's warnings never reach a cell
        except graphviz.ExecutableNotFound:
            raise DotNotFound(self.source) from None

    def svg(self) -> str:
        """The picture as SVG text."""
        return self.pipe("svg").decode("utf-8")

    def save(self, path: str | os.PathLike, format: str | None = None) -> Path:
        """Write the picture to ``path`` (format from the suffix: svg, png, pdf, or dot for the
        source). Without `dot`, writes the DOT text beside it as ``.dot``, warns how to install
        Graphviz, and returns that path."""
        path = Path(path)
        fmt = (format or path.suffix.lstrip(".") or "svg").lower()
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt in ("dot", "gv"):
            path.write_text(self.source, encoding="utf-8")
            return path
        try:
            path.write_bytes(self.pipe(fmt))
            return path
        except DotNotFound:
            fallback = path.with_suffix(".dot")
            fallback.write_text(self.source, encoding="utf-8")
            warnings.warn(INSTALL + f" Wrote the DOT source to {fallback.name}.", stacklevel=2)
            return fallback

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict:
        try:
            return {"image/svg+xml": self.svg(), "text/plain": repr(self)}
        except DotNotFound:
            return {"text/plain": f"{self!r}\n{INSTALL}\n\n{self.source}",
                    "text/html": f"<p><b>{html.escape(INSTALL)}</b></p><pre>{html.escape(self.source)}</pre>"}


def digraph(name: str, **attrs: str) -> Any:
    """A named Digraph with the house look (the name keeps SVG ids the same on every run)."""
    if graphviz is None:
        raise ImportError("viz needs the graphviz Python package: pip install graphviz "
                          "(and Graphviz's dot: apt-get install graphviz)")
    g = graphviz.Digraph(name)
    g.attr(fontname="Helvetica", fontsize="11", nodesep="0.25", ranksep="0.35", **attrs)
    g.attr("node", fontname="Helvetica", fontsize="10", margin="0.06,0.03")
    g.attr("edge", fontname="Helvetica", fontsize="9", arrowsize="0.7")
    return g
