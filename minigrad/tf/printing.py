"""``tf.print``: values summarized as TensorFlow's C++ kernel writes them (shortest of 6 or 9
significant digits for float32, 15 or 17 for float64; bools as 1 and 0; ``...`` past
``summarize`` items at each end), to stderr unless told otherwise."""
from __future__ import annotations

import sys
from typing import Any

import numpy as np

from ..tensor import Tensor as _CoreTensor


def _number(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "1" if value else "0"
    if isinstance(value, (np.floating, float)):
        if np.isnan(value):
            return "nan"
        if np.isinf(value):
            return "inf" if value > 0 else "-inf"
        short, full = (6, 9) if np.asarray(value).dtype.itemsize <= 4 else (15, 17)
        text = "%.*g" % (short, value)
        kind = type(value) if isinstance(value, np.floating) else np.float64
        return text if kind(text) == value else "%.*g" % (full, value)
    return str(value)


def _summarize(array: np.ndarray, summarize: int) -> str:
    """The array's text: brackets, spaces, a newline (more between blocks) per extra dimension."""
    if array.ndim == 0:
        return _number(array[()])

    def lines(x: np.ndarray, depth: int) -> str:
        n = x.shape[0]
        if summarize < 0 or n <= 2 * summarize:
            picks: list = list(range(n))
        else:
            picks = [*range(summarize), None, *range(n - summarize, n)]
        if x.ndim == 1:
            return "[" + " ".join("..." if i is None else _number(x[i]) for i in picks) + "]"
        sep = "\n" * (x.ndim - 1) + " " * (depth + 1)
        # Depth is bounded by the array's rank: this recursion never follows a graph.
        return "[" + sep.join("..." if i is None else lines(x[i], depth + 1) for i in picks) + "]"

    return lines(array, 0)


def _text(value: Any, summarize: int, nested: bool = False) -> str:
    if isinstance(value, _CoreTensor):
        return _summarize(value._data, summarize)
    if isinstance(value, (list, tuple)):
        parts = [_text(v, summarize, True) for v in value]
        if isinstance(value, tuple):
            return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"
        return "[" + ", ".join(parts) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_text(v, summarize, True)}" for k, v in value.items()) + "}"
    return repr(value) if nested else str(value)


_STDERR = sys.stderr


def print(*inputs: Any, output_stream: Any = sys.stderr, summarize: int = 3, sep: str = " ",  # noqa: A001
          end: str = "\n", name: str | None = None) -> None:
    """Print tensors (and Python values) as TensorFlow's print kernel does, to stderr by default.

    >>> import sys
    >>> import minigrad.tf as tf
    >>> tf.print("loss:", tf.constant(0.1) * 3, tf.constant([[1, 2], [3, 4]]), output_stream=sys.stdout)
    loss: 0.3 [[1 2]
     [3 4]]
    """
    text = sep.join(_text(v, summarize) for v in inputs) + end
    if output_stream is _STDERR:
        output_stream = sys.stderr          # the stream of the moment (it may have been redirected)
    if isinstance(output_stream, str):
        path = output_stream[len("file://"):] if output_stream.startswith("file://") else None
        if path is None:
            stream = sys.stderr if output_stream == "stderr" else sys.stdout
            stream.write(text)
            return
        with open(path, "a") as handle:
            handle.write(text)
        return
    output_stream.write(text)
