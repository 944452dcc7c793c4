"""``mindspore.context``: modes are accepted and ignored (minigrad always runs as PyNative).

>>> from minigrad.ms import context
>>> context.set_context(mode=context.GRAPH_MODE)
>>> context.get_context("mode") == context.PYNATIVE_MODE
True
"""
from __future__ import annotations

PYNATIVE_MODE, GRAPH_MODE = 1, 0


def set_context(**kwargs: object) -> None:
    """Accepted and ignored: minigrad always runs as MindSpore's PyNative mode."""


def get_context(key: str) -> object:
    """``mode`` is always PYNATIVE_MODE; other keys give None."""
    return PYNATIVE_MODE if key == "mode" else None
