"""Writing through a view, as torch does: an in-place op on a view changes its base, so the base
is rebased onto a CopySlices node (the base with the view's new values written in) and the view
onto an AsStridedBackward0 node reading them back out of the new base.

A view made from a tensor that requires grad remembers its base and how it was taken:
``(base, "key", parts)`` for basic indexing, ``("shape", base_shape)`` for view/reshape/squeeze,
``("permute", dims)`` for permute/transpose/t, ``("expand", shape)`` for expand; the base keeps
weak references to its views. After any recorded in-place write, every live view of the written
storage is re-read from its (new) base, as torch regenerates a stale view's grad_fn.
"""
from __future__ import annotations

import weakref
from typing import Any

import numpy as np

from .. import _mode
from .indexing import write
from .shape import _renamed, expand, getitem, permute, view

as_strided_index = _renamed(getitem, "as_strided", "AsStridedBackward0", True)
as_strided_shape = _renamed(view, "as_strided", "AsStridedBackward0", True)
as_strided_permute = _renamed(permute, "as_strided", "AsStridedBackward0", True)
as_strided_expand = _renamed(expand, "as_strided", "AsStridedBackward0", True)


def link(out: Any, base: Any, kind: str, arg: Any) -> Any:
    """Mark ``out`` as a view of ``base`` (only where a write through it must be recorded)."""
    if base._requires_grad:
        out._view_of = (base, kind, arg)
        if base.grad_fn is not None:        # a leaf's graph never changes: nothing to re-read
            views = base.__dict__.get("_views")
            if views is None:
                views = base._views = weakref.WeakSet()
            views.add(out)
    return out


def _chain(target: Any) -> list:
    """The views from ``target`` up to its root base: [(view, base, kind, arg), ...]."""
    out = []
    info = target.__dict__.get("_view_of")
    while info is not None:
        base, kind, arg = info
        out.append((target, base, kind, arg))
        target, info = base, base.__dict__.get("_view_of")
    return out


def check(target: Any) -> list:
    """torch's errors for an in-place write through a view; returns the chain to rebase."""
    if not _mode._grad_enabled.get():
        return []
    chain = _chain(target)
    for _, base, kind, _ in chain:
        if kind == "expand":
            raise RuntimeError("unsupported operation: more than one element of the written-to tensor "
                               "refers to a single memory location. Please clone() the tensor before "
                               "performing the operation.")
        if base.grad_fn is None and base._requires_grad:
            raise RuntimeError("a view of a leaf Variable that requires grad is being used in an "
                               "in-place operation.")
    return chain


def rebase(target: Any, chain: list) -> None:
    """After ``target`` was written in place: each base up the chain gets a CopySlices node
    writing the view's new values, then every live view below the root reads its values back."""
    for view_, base, kind, arg in chain:
        value, key = view_, arg
        if kind != "key":   # the view covers the whole base: write all of it, in the base's layout
            key = ()
            value = (as_strided_shape(view_, shape=base._data.shape, old=view_._data.shape)
                     if kind == "shape" else as_strided_permute(view_, dims=_inverse(arg)))
        new = write(base, value, key=key, shape=base._data.shape, value_shape=value._data.shape)
        base.grad_fn, base._output_nr, base._requires_grad = new.grad_fn, 0, new._requires_grad
    refresh(chain[-1][1] if chain else target)


def refresh(root: Any) -> None:
    """Give every live view below ``root`` a node reading it out of its base's current graph."""
    stack = [root]
    while stack:
        base = stack.pop()
        for view_ in list(base.__dict__.get("_views") or ()):
            _, kind, arg = view_._view_of
            if kind == "key":
                again = as_strided_index(base, key=arg, shape=base._data.shape)
            elif kind == "shape":
                again = as_strided_shape(base, shape=view_._data.shape, old=base._data.shape)
            elif kind == "permute":
                again = as_strided_permute(base, dims=arg)
            else:
                again = as_strided_expand(base, shape=arg)
            view_.grad_fn, view_._output_nr = again.grad_fn, 0
            view_._requires_grad = again._requires_grad
            stack.append(view_)


def _inverse(dims: tuple) -> tuple:
    n = len(dims)
    return tuple(int(i) - n for i in np.argsort([d % n for d in dims]))
