"""Matrix products: forward and vjp side by side.

torch records ``@`` as a different node for each pair of ranks (1-D @ 1-D is a dot, 2-D @ 1-D
an mv, 2-D @ 2-D an mm, anything batched a folded bmm shown as UnsafeViewBackward0, and
1-D @ 2-D an unsqueeze-mm-squeeze shown as SqueezeBackward4); each is a rule here. In every vjp
the gradient may carry leading batch axes: products broadcast over them, and the engine sums
any broadcast axes of the inputs back.
"""
from __future__ import annotations

import numpy as np

from . import _dual as F
from ._rule import rule


@rule("dot", node="DotBackward0", saves=("input", "other"), promotion="none")
def dot(input, other):
    """Inner product of two vectors.

    >>> import minigrad as torch
    >>> torch.dot(torch.tensor([1., 2.]), torch.tensor([3., 4.]))
    tensor(11.)
    """
    return np.dot(input, other)


@dot.vjp
def dot_vjp(grad, input, other, needs=(True, True)):
    g = F.expand_dims(grad, (-1,))
    return g * other if needs[0] else None, g * input if needs[1] else None


@rule("mv", node="MvBackward0", saves=("input", "vec"), promotion="none")
def mv(input, vec):
    """Matrix times vector: ``(m, n) @ (n,) -> (m,)``."""
    return np.matmul(input, vec)


@mv.vjp
def mv_vjp(grad, input, vec, needs=(True, True)):
    # d(A v) = dA v + A dv: dA = g v^T (outer product), dv = A^T g (g A for a batch of g)
    grad_vec = None if not needs[1] else (
        F.swap_last(input) @ grad if len(F.shape(grad)) == 1 else grad @ input)
    return F.expand_dims(grad, (-1,)) * vec if needs[0] else None, grad_vec


@rule("vm", node="SqueezeBackward4", saves=("input", "other"), promotion="none")
def vm(input, other):
    """Vector times matrix: ``(n,) @ (n, p) -> (p,)``."""
    return np.matmul(input, other)


@vm.vjp
def vm_vjp(grad, input, other, needs=(True, True)):
    # d(v B) = dv B + v dB: dv = g B^T, dB = v^T g (outer product). As torch records it: the
    # gradient gets its row axis back, goes through mm's formulas, and loses the axis again.
    g = F.expand_dims(grad, (-2,))
    return (F.squeeze(g @ F.swap_last(other), -2) if needs[0] else None,
            F.expand_dims(input, (-1,)) @ g if needs[1] else None)


@rule("mm", node="MmBackward0", saves=("input", "mat2"), promotion="none")
def mm(input, mat2):
    """Matrix product of two matrices.

    >>> import minigrad as torch
    >>> torch.mm(torch.eye(2), torch.tensor([[1., 2.], [3., 4.]]))
    tensor([[1., 2.],
            [3., 4.]])
    """
    return np.matmul(input, mat2)


@mm.vjp
def mm_vjp(grad, input, mat2, needs=(True, True)):
    # d(A B) = dA B + A dB: dA = g B^T, dB = A^T g. When B is a transposed view (x @ W.t(), as
    # in Linear), dB is computed as (g^T A)^T: laid out as B is, so W's gradient is C-ordered.
    if (needs[1] and type(mat2) is np.ndarray and grad.ndim == 2 and mat2.flags.f_contiguous
            and not mat2.flags.c_contiguous):
        return grad @ mat2.T if needs[0] else None, (grad.T @ input).T
    return (grad @ F.swap_last(mat2) if needs[0] else None,
            F.swap_last(input) @ grad if needs[1] else None)


@rule("addmm", node="AddmmBackward0", saves=("mat1", "mat2"), promotion="none")
def addmm(input, mat1, mat2, *, beta=1, alpha=1):
    """``beta * input + alpha * (mat1 @ mat2)``: what ``nn.Linear`` records on a batch. The bias
    is added into the product's own fresh array, in place.

    >>> import minigrad as torch
    >>> torch.addmm(torch.ones(2), torch.ones(1, 3), torch.ones(3, 2))
    tensor([[4., 4.]])
    """
    out = np.matmul(mat1, mat2)
    if alpha != 1:
        out *= alpha
    out += input if beta == 1 else beta * input
    return out


@addmm.vjp
def addmm_vjp(grad, mat1, mat2, *, beta=1, alpha=1, needs=(True, True, True)):
    # the input's gradient is grad (summed over the axes it was broadcast along by the engine)
    g = grad if alpha == 1 else grad * alpha
    return (grad if beta == 1 else grad * beta,) + mm_vjp(g, mat1, mat2, needs=needs[1:])


@rule("bmm", node="BmmBackward0", saves=("input", "mat2"), promotion="none")
def bmm(input, mat2):
    """Batched matrix product: ``(b, m, n) @ (b, n, p) -> (b, m, p)``."""
    return np.matmul(input, mat2)


@bmm.vjp
def bmm_vjp(grad, input, mat2, needs=(True, True)):
    return (F.bmm(grad, F.swap_last(mat2)) if needs[0] else None,
            F.bmm(F.swap_last(input), grad) if needs[1] else None)


@rule("matmul", node="UnsafeViewBackward0", saves=("input", "other"), promotion="none")
def matmul_batched(input, other):
    """``@`` with a batched side: batch axes broadcast, a 1-D side counts as a vector."""
    return np.matmul(input, other)


@matmul_batched.vjp
def matmul_batched_vjp(grad, input, other, needs=(True, True)):
    # As mm, after giving a vector side its matrix axis back (and the gradient that axis);
    # the engine then sums the broadcast batch axes.
    a_vec, b_vec = len(F.shape(input)) == 1, len(F.shape(other)) == 1
    a = F.expand_dims(input, (0,)) if a_vec else input
    b = F.expand_dims(other, (-1,)) if b_vec else other
    g = F.expand_dims(grad, (-2,)) if a_vec else grad
    g = F.expand_dims(g, (-1,)) if b_vec else g
    grad_a = g @ F.swap_last(b) if needs[0] else None
    grad_b = F.swap_last(a) @ g if needs[1] else None
    if a_vec and needs[0]:
        grad_a = F.sum(grad_a, -2)
    if b_vec and needs[1]:
        grad_b = F.sum(grad_b, -1)
    return grad_a, grad_b


@rule("linalg_vector_norm", node="LinalgVectorNormBackward0", saves=("input", "result"), promotion="none")
def vector_norm(input, *, ord, dim, keepdim):
    """The ``ord``-norm of ``input`` over the (negative) axes ``dim``: ``sum(|x|^p)^(1/p)``, with
    ``max |x|`` for inf, ``min |x|`` for -inf and the count of non-zeros for 0."""
    a = np.abs(input)
    if ord == 2:
        return np.sqrt(np.sum(a * a, axis=dim, keepdims=keepdim))
    if ord == np.inf:
        return np.max(a, axis=dim, keepdims=keepdim, initial=0)
    if ord == -np.inf:
        return np.min(a, axis=dim, keepdims=keepdim)
    if ord == 0:
        return np.sum(a != 0, axis=dim, keepdims=keepdim).astype(input.dtype)
    if ord == 1:
        return np.sum(a, axis=dim, keepdims=keepdim)
    return np.sum(a ** ord, axis=dim, keepdims=keepdim) ** (1 / ord)


@vector_norm.vjp
def vector_norm_vjp(grad, input, result, *, ord, dim, keepdim):
    # torch's linalg_vector_norm_backward: the gradient is 0 where the norm is 0 (for p > 0)
    g, norm = (grad, result) if keepdim else (F.expand_dims(grad, dim), F.expand_dims(result, dim))
    if ord == 0:
        return (F.zeros_like(input),)
    if ord == 1:
        return (F.sgn(input) * g,)
    if ord in (np.inf, -np.inf):       # split among the entries that reach the norm (or are nan)
        a = F.data(abs(input))
        hit = ((a == F.data(norm)) | np.isnan(a)).astype(F.dtype(input))
        return (F.sgn(input) * (g / np.sum(hit, axis=dim, keepdims=True) * hit),)
    with np.errstate(divide="ignore", invalid="ignore"):     # the masked branches divide by 0
        if ord < 1:
            scaled = F.where(F.data(input) == 0, input * 0, F.sgn(input) * abs(input) ** (ord - 1))
            return (scaled * g * norm ** (1 - ord),)
        scale = F.where(F.data(norm) == 0, g * 0, g / (norm if ord == 2 else norm ** (ord - 1)))
        if ord == 2:
            return (input * scale,)
        scaled = F.sgn(input) * abs(input) ** (ord - 1) if ord < 2 else input * abs(input) ** (ord - 2)
        return (scaled * scale,)
