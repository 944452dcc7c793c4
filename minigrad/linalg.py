"""``torch.linalg``: vector norms (the matrix functions are not implemented)."""
from __future__ import annotations

from typing import Any

from .ops import vector_norm
from .tensor import Tensor

__all__ = ["norm", "vector_norm"]


def norm(A: Tensor, ord: Any = None, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    """A vector norm: of ``A`` flattened when ``ord`` is None, else over ``dim`` (or of a 1-D ``A``).

    >>> import minigrad as torch
    >>> torch.linalg.norm(torch.tensor([[3., 0.], [0., 4.]]))
    tensor(5.)
    """
    if ord is not None and dim is None and A.dim() != 1 or isinstance(dim, (tuple, list)) and len(dim) == 2:
        raise NotImplementedError("minigrad does not implement matrix norms (torch.linalg.matrix_norm)")
    return vector_norm(A, 2 if ord is None else ord, dim, keepdim, dtype=dtype)
