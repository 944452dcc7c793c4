"""torch.nn.Parameter: a leaf tensor that a Module registers as one of its parameters."""
from __future__ import annotations

from typing import Any

import numpy as np

from ..tensor import Tensor


class Parameter(Tensor):
    """A tensor that is a module parameter: assigning it to a Module attribute registers it.

    It shares ``data``'s storage. Results of ops on parameters are plain tensors, as in torch.

    >>> import minigrad as torch
    >>> torch.nn.Parameter(torch.tensor([1., 2.]))
    Parameter containing:
    tensor([1., 2.], requires_grad=True)
    """

    def __init__(self, data: Tensor | None = None, requires_grad: bool = True) -> None:
        if data is None:
            data = Tensor._make(np.zeros((0,), np.float32), False)
        self._init(data._data, False)
        self._version = data._version
        if requires_grad and self._data.dtype.kind not in "fc":
            raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
        self._requires_grad = bool(requires_grad)

    @classmethod
    def _make(cls, array: np.ndarray, requires_grad: bool) -> Tensor:
        # Op results, detach() and gradients built from a Parameter are plain tensors (torch's).
        return Tensor._make(array, requires_grad)

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __reduce_ex__(self, protocol: Any) -> Any:
        return Parameter, (Tensor._make(self._data, False), self._requires_grad)
