"""Copies, casts and fills: forward and vjp side by side."""
from __future__ import annotations

import numpy as np

from ._rule import rule


@rule("to", node="ToCopyBackward0", promotion="none")
def to_dtype(input, *, dtype):
    """A copy converted to ``dtype``; the gradient is converted back by the engine."""
    return input.astype(dtype)


@to_dtype.vjp
def to_dtype_vjp(grad, *, dtype):
    return (grad,)


@rule("clone", node="CloneBackward0", promotion="none")
def clone(input):
    """A copy that stays in the graph.

    >>> import minigrad as torch
    >>> x = torch.tensor([1., 2.], requires_grad=True)
    >>> x.clone()
    tensor([1., 2.], grad_fn=<CloneBackward0>)
    """
    return np.array(input, copy=True)


@clone.vjp
def clone_vjp(grad):
    return (grad,)


@rule("grad_copy", node="CopyBackwards", promotion="none")
def grad_copy(input):
    """What ``.grad`` holds after ``backward(create_graph=True)``: a copy in the graph."""
    return np.array(input, copy=True)


@grad_copy.vjp
def grad_copy_vjp(grad):
    return (grad,)


@rule("alias", node="AliasBackward0", promotion="none", view=True)
def alias(input):
    """The same values as a new tensor in the graph: how a transform gives each argument an
    identity of its own (``f(x, x)`` differentiated in each slot)."""
    return input


@alias.vjp
def alias_vjp(grad):
    return (grad,)


@rule("fill", node="ZeroBackward0", promotion="none")
def fill_like(input, *, value):
    """A tensor of ``input``'s shape filled with ``value``; no gradient reaches ``input``."""
    return np.broadcast_to(np.asarray(value, dtype=input.dtype), input.shape).copy()


@fill_like.vjp
def fill_like_vjp(grad, *, value):
    return (None,)
