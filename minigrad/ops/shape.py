"""Shape ops: views, indexing, joining. Forward and vjp side by side."""
from __future__ import annotations

import numpy as np

from . import _dual as F
from ._rule import rule


@rule("view", node="ViewBackward0", promotion="none", view=True)
def view(input, *, shape, old):
    """The same elements in a new shape (``view``, ``reshape``, ``flatten``)."""
    return np.reshape(input, shape)


@view.vjp
def view_vjp(grad, *, shape, old):
    lead = F.shape(grad)[: len(F.shape(grad)) - len(shape)]
    return (F.reshape(grad, lead + tuple(old)),)


@rule("expand", node="ExpandBackward0", promotion="none", view=True)
def expand(input, *, shape):
    """Broadcast to ``shape`` without copying; the engine sums the gradient back."""
    return np.broadcast_to(input, shape)


@expand.vjp
def expand_vjp(grad, *, shape):
    return (grad,)


@rule("permute", node="PermuteBackward0", promotion="none", view=True)
def permute(input, *, dims):
    """Reorder the axes (negative ``dims``)."""
    return np.transpose(input, _full(dims, input.ndim))


@permute.vjp
def permute_vjp(grad, *, dims):
    inverse = tuple(int(i) - len(dims) for i in np.argsort([d % len(dims) for d in dims]))
    return (_permute_last(grad, inverse),)


def _full(dims, ndim):
    """Axes for np.transpose on an array whose last ``len(dims)`` axes are permuted."""
    lead = ndim - len(dims)
    return tuple(range(lead)) + tuple(lead + (d % len(dims)) for d in dims)


def _permute_last(x, dims):
    if isinstance(x, np.ndarray):
        return np.transpose(x, _full(dims, x.ndim))
    lead = x.dim() - len(dims)
    return x.permute(tuple(range(lead)) + tuple(lead + (d % len(dims)) for d in dims))


@rule("transpose", node="TransposeBackward0", promotion="none", view=True)
def transpose(input, *, dim0, dim1):
    """Swap two axes (negative)."""
    return np.swapaxes(input, dim0, dim1)


@transpose.vjp
def transpose_vjp(grad, *, dim0, dim1):
    return (grad.swapaxes(dim0, dim1) if isinstance(grad, np.ndarray) else grad.transpose(dim0, dim1),)


@rule("t", node="TBackward0", promotion="none", view=True)
def t(input, *, ndim):
    """Transpose of a matrix (a vector is returned as is)."""
    return input.T


@t.vjp
def t_vjp(grad, *, ndim):
    return (F.t(grad) if ndim == 2 else grad,)


def _renamed(base, name, node, view):
    """``base``'s forward and vjp, recorded under the node name torch shows for ``name``."""
    renamed = rule(name, node=node, saves=base.saves, promotion=base.promotion, view=view)(base.forward)
    renamed.vjp(base.vjp_fn)
    return renamed


@rule("squeeze", node="SqueezeBackward0", promotion="none", view=True)
def squeeze_all(input, *, dims):
    """``input`` without its axes ``dims`` (negative), each of size 1: ``x.squeeze()``."""
    return np.squeeze(input, dims)


@squeeze_all.vjp
def squeeze_vjp(grad, *, dims):
    # the dropped axes come back (torch records unsqueezes)
    return (F.expand_dims(grad, dims) if dims else grad,)


squeeze_dim = _renamed(squeeze_all, "squeeze", "SqueezeBackward1", True)      # x.squeeze(0)
squeeze_dims = _renamed(squeeze_all, "squeeze", "SqueezeBackward2", True)     # x.squeeze((0, 1))


@rule("unsqueeze", node="UnsqueezeBackward0", promotion="none", view=True)
def unsqueeze(input, *, dim):
    """A new axis of size 1 at ``dim`` (negative, counted in the result)."""
    return np.expand_dims(input, dim)


@unsqueeze.vjp
def unsqueeze_vjp(grad, *, dim):
    return (F.squeeze(grad, dim),)


@rule("getitem", node="IndexBackward0", promotion="none", view=False)
def getitem(input, *, key, shape):
    """Indexing, basic or advanced; repeated indices sum their gradients."""
    return input[key]


@getitem.vjp
def getitem_vjp(grad, *, key, shape):
    return (F.scatter(grad, shape, key),)


@rule("index_backward", node="IndexPutImplBackward0", promotion="none")
def index_backward(grad, *, shape, key):
    """Zeros of ``shape`` with ``grad`` added at ``key``: indexing's vjp as an op (double backward)."""
    return F.scatter(grad, shape, key)


@index_backward.vjp
def index_backward_vjp(grad, *, shape, key):
    return (F.take(grad, key, len(F.shape(grad)) - len(shape)),)


# torch names the node after the last basic step of a key (x[0, 1:] is a slice, x[1:, 0] a
# select, x[0, None] an unsqueeze); full slices are skipped, and x[...] is an alias. Their
# vjps, recorded under create_graph, are named as torch names them too.
select = rule("getitem", node="SelectBackward0", promotion="none", view=True)(getitem.forward)
slice_ = rule("getitem", node="SliceBackward0", promotion="none", view=True)(getitem.forward)
index_none = rule("getitem", node="UnsqueezeBackward0", promotion="none", view=True)(getitem.forward)
index_alias = rule("getitem", node="AliasBackward0", promotion="none", view=True)(getitem.forward)
select_backward = _renamed(index_backward, "select_backward", "SelectBackwardBackward0", False)
slice_backward = _renamed(index_backward, "slice_backward", "SliceBackwardBackward0", False)
squeeze_none = _renamed(index_backward, "squeeze", "SqueezeBackward1", False)


@select.vjp
def select_vjp(grad, *, key, shape):
    return (F.scatter(grad, shape, key, select_backward),)


@slice_.vjp
def slice_vjp(grad, *, key, shape):
    return (F.scatter(grad, shape, key, slice_backward),)


@index_none.vjp
def index_none_vjp(grad, *, key, shape):
    return (F.scatter(grad, shape, key, squeeze_none),)


@index_alias.vjp
def index_alias_vjp(grad, *, key, shape):
    return (grad,)


@rule("cat", node="CatBackward0")
def cat(*tensors, dim, sizes):
    """Join tensors along an existing ``dim`` (negative)."""
    return np.concatenate(tensors, axis=dim)


@cat.vjp
def cat_vjp(grad, *, dim, sizes):
    # each input gets its own slice of the gradient along dim
    rest = (slice(None),) * (-dim - 1)
    ends = np.cumsum(sizes).tolist()
    return tuple(grad[(Ellipsis, slice(end - size, end), *rest)] for size, end in zip(sizes, ends))


@rule("stack", node="StackBackward0")
def stack(*tensors, dim):
    """Join same-shaped tensors along a new ``dim`` (negative, counted in the result)."""
    return np.stack(tensors, axis=dim)


@stack.vjp
def stack_vjp(grad, *, dim):
    rest = (slice(None),) * (-dim - 1)
    return tuple(grad[(Ellipsis, i, *rest)] for i in range(F.shape(grad)[dim]))
