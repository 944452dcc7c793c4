"""Making tensors: ``tensor``, ``zeros``, ``randn`` and friends, with torch's defaults
(Python floats make float32) and torch's random stream (``_random.py``) for all randomness."""
from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from . import _random
from ._random import Generator
from .tensor import _DEFAULT_FLOAT, Tensor, as_array, to_numpy_dtype


def manual_seed(seed: int) -> Generator:
    """Seed the default generator; ``rand``, ``randn``, ``randint`` and ``nn.init`` then draw the
    numbers torch draws after the same seed.

    >>> import minigrad as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.rand(3)
    tensor([0.4963, 0.7682, 0.0885])
    """
    return _random.default_generator.manual_seed(seed)


def initial_seed() -> int:
    """The seed of the default generator.

    >>> import minigrad as torch
    >>> _ = torch.manual_seed(7); torch.initial_seed()
    7
    """
    return _random.default_generator.initial_seed()


def _generator(generator: Generator | None = None) -> Generator:
    return _random.default_generator if generator is None else generator


def _make(array: np.ndarray, requires_grad: bool) -> Tensor:
    if requires_grad and array.dtype.kind not in "fc":
        raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
    return Tensor._make(array, bool(requires_grad))


def _size(size: tuple) -> tuple:
    size = tuple(size[0]) if len(size) == 1 and isinstance(size[0], (tuple, list)) else tuple(size)
    if any(isinstance(s, int) and s < 0 for s in size):
        raise RuntimeError(f"Trying to create tensor with negative dimension {min(size)}: {list(size)}")
    return size


def _float(dtype: Any) -> np.dtype:
    return to_numpy_dtype(dtype) or _DEFAULT_FLOAT


def tensor(data: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    """A new tensor holding a copy of ``data``.

    >>> import minigrad as torch
    >>> torch.tensor(2., requires_grad=True)
    tensor(2., requires_grad=True)
    """
    if isinstance(data, Tensor):
        warnings.warn("To copy construct from a tensor, it is recommended to use "
                      "sourceTensor.detach().clone() or sourceTensor.detach().clone().requires_grad_(True), "
                      "rather than torch.tensor(sourceTensor).", UserWarning, stacklevel=2)
    if isinstance(data, np.generic) and dtype is None:
        array = np.array(as_array(np.asarray(data)), copy=True)     # a NumPy scalar keeps its dtype
    else:
        array = np.array(as_array(data, dtype), copy=True)
    return _make(array, requires_grad)


def from_numpy(array: np.ndarray) -> Tensor:
    """A tensor sharing ``array``'s memory.

    >>> import minigrad as torch
    >>> import numpy as np
    >>> torch.from_numpy(np.array([1, 2]))
    tensor([1, 2])
    """
    return Tensor._make(array, False)


def zeros(*size: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """A tensor of zeros (float32 unless ``dtype`` says otherwise).

    >>> import minigrad as torch
    >>> torch.zeros(2, 3).shape
    torch.Size([2, 3])
    """
    return _make(np.zeros(_size(size), _float(dtype)), requires_grad)


def ones(*size: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """A tensor of ones.

    >>> import minigrad as torch
    >>> torch.ones(2, dtype=torch.int64)
    tensor([1, 1])
    """
    return _make(np.ones(_size(size), _float(dtype)), requires_grad)


def empty(*size: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """A tensor whose values are not set (zeros here).

    >>> import minigrad as torch
    >>> torch.empty(2, 3).shape
    torch.Size([2, 3])
    """
    return zeros(*size, dtype=dtype, requires_grad=requires_grad)


def full(size: Any, fill_value: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """A tensor filled with ``fill_value`` (its dtype inferred as torch does).

    >>> import minigrad as torch
    >>> torch.full((2,), 7)
    tensor([7, 7])
    """
    want = to_numpy_dtype(dtype) or as_array(fill_value).dtype
    return _make(np.full(tuple(size), fill_value, want), requires_grad)


def zeros_like(input: Tensor, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """Zeros with ``input``'s shape and dtype.

    >>> import minigrad as torch
    >>> torch.zeros_like(torch.ones(2, dtype=torch.int64))
    tensor([0, 0])
    """
    return _make(np.zeros(input._data.shape, to_numpy_dtype(dtype) or input._data.dtype), requires_grad)


def ones_like(input: Tensor, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """Ones with ``input``'s shape and dtype.

    >>> import minigrad as torch
    >>> torch.ones_like(torch.zeros(2, 2)).sum()
    tensor(4.)
    """
    return _make(np.ones(input._data.shape, to_numpy_dtype(dtype) or input._data.dtype), requires_grad)


def full_like(input: Tensor, fill_value: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """``fill_value`` with ``input``'s shape and dtype.

    >>> import minigrad as torch
    >>> torch.full_like(torch.zeros(2), 0.5)
    tensor([0.5000, 0.5000])
    """
    return _make(np.full(input._data.shape, fill_value, to_numpy_dtype(dtype) or input._data.dtype),
                 requires_grad)


def arange(start: Any, end: Any = None, step: Any = 1, dtype: Any = None,
           requires_grad: bool = False) -> Tensor:
    """Evenly spaced values in ``[start, end)``; int64 for integer arguments.

    >>> import minigrad as torch
    >>> torch.arange(0, 1, 0.25)
    tensor([0.0000, 0.2500, 0.5000, 0.7500])
    """
    if end is None:
        start, end = 0, start
    array = np.arange(start, end, step)
    array = array.astype(to_numpy_dtype(dtype) or (np.int64 if array.dtype.kind in "iu" else _DEFAULT_FLOAT))
    return _make(array, requires_grad)


def linspace(start: float, end: float, steps: int, dtype: Any = None,
             requires_grad: bool = False) -> Tensor:
    """``steps`` evenly spaced values from ``start`` to ``end`` inclusive.

    >>> import minigrad as torch
    >>> torch.linspace(0, 1, 5)
    tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
    """
    return _make(np.linspace(start, end, steps).astype(_float(dtype)), requires_grad)


def eye(n: int, m: int | None = None, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """The identity matrix.

    >>> import minigrad as torch
    >>> torch.eye(2)
    tensor([[1., 0.],
            [0., 1.]])
    """
    return _make(np.eye(n, m, dtype=_float(dtype)), requires_grad)


def rand(*size: Any, generator: Generator | None = None, dtype: Any = None,
         requires_grad: bool = False) -> Tensor:
    """Uniform random numbers in [0, 1).

    >>> import minigrad as torch
    >>> torch.rand(2, 3).shape
    torch.Size([2, 3])
    """
    dtype = _float(dtype)
    return _make(_generator(generator).uniform(0.0, 1.0, _size(size), dtype), requires_grad)


def randn(*size: Any, generator: Generator | None = None, dtype: Any = None,
          requires_grad: bool = False) -> Tensor:
    """Standard normal random numbers.

    >>> import minigrad as torch
    >>> torch.randn(3, dtype=torch.float64).dtype
    torch.float64
    """
    return _make(_generator(generator).normal(0.0, 1.0, _size(size), _float(dtype)), requires_grad)


def randint(low: int, high: int | None = None, size: tuple = (), generator: Generator | None = None,
            dtype: Any = None) -> Tensor:
    """Random integers in ``[low, high)``; ``randint(high, size)`` as torch allows.

    >>> import minigrad as torch
    >>> torch.randint(5, (2, 2)).dtype
    torch.int64
    """
    if isinstance(high, (tuple, list)):
        low, high, size = 0, low, high
    elif high is None:
        low, high = 0, low
    size = _size(tuple(size))
    if high <= low:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")
    values = _generator(generator).integers(low, high, size)
    return _make(values.astype(to_numpy_dtype(dtype) or np.int64), False)


def rand_like(input: Tensor, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """``rand`` with ``input``'s shape and dtype.

    >>> import minigrad as torch
    >>> torch.rand_like(torch.zeros(2)).dtype
    torch.float32
    """
    return rand(*input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def randn_like(input: Tensor, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """``randn`` with ``input``'s shape and dtype.

    >>> import minigrad as torch
    >>> torch.randn_like(torch.zeros(2, 2)).shape
    torch.Size([2, 2])
    """
    return randn(*input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)
