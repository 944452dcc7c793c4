"""torch's CPU random numbers, reproduced: after ``manual_seed(s)``, ``rand``, ``randn``,
``randint``, ``uniform_``, ``normal_``, ``nn.init`` (so ``nn.Linear``'s initial weights) and dropout
draw the numbers torch draws.

torch's generator is a 32-bit Mersenne Twister seeded with the low 32 bits of the seed, which is
what NumPy's legacy MT19937 seeding does; on top of its raw words torch builds:

- uniform ``[0, 1)``: 24 random bits per float32 (``w & 0xFFFFFF`` / 2^24), 53 per float64 (two
  words, high first); ``uniform_(a, b)`` is ``u * (b - a) + a`` in double, ``a, b`` cast to the dtype;
- normal: below 16 values, Box-Muller on two float64 uniforms per pair, the second value of a pair
  kept in the generator for the next draw; from 16 values on, uniforms for the whole tensor first,
  then Box-Muller in blocks of 16 (the first 8 with the last 8), a ragged tail redrawn as one block
  of 16 fresh uniforms (computed in float32 there: the last bit may differ from torch's SIMD maths);
- integers in ``[low, high)``: a word (two above 2^32 values) modulo the range.
"""
from __future__ import annotations

import math
import os
from typing import Any

import numpy as np

_MASK64 = (1 << 64) - 1


class Generator:
    """A random-number generator with torch's stream (``torch.Generator``).

    >>> import minigrad as torch
    >>> g = torch.Generator().manual_seed(0)
    >>> torch.rand(2, generator=g)
    tensor([0.4963, 0.7682])
    """

    def __init__(self, device: str = "cpu") -> None:
        self.manual_seed(67280421310721)       # torch's default seed for a new Generator

    def manual_seed(self, seed: int) -> "Generator":
        """Restart the stream from ``seed`` (any int; torch keeps it modulo 2^64)."""
        self._seed = int(seed) & _MASK64
        self._mt = np.random.MT19937()
        self._mt._legacy_seeding(self._seed & 0xFFFFFFFF)
        self._normal: float | None = None      # the second value of the last Box-Muller pair
        return self

    def initial_seed(self) -> int:
        """The seed the stream started from."""
        return self._seed

    def seed(self) -> int:
        """Reseed from the operating system's entropy; returns the new seed."""
        self.manual_seed(int.from_bytes(os.urandom(8), "little"))
        return self._seed

    def __repr__(self) -> str:
        return f"<torch._C.Generator object at {hex(id(self))}>"

    # ----- torch's transforms ------------------------------------------------------------------
    def _words(self, n: int) -> np.ndarray:
        return self._mt.random_raw(n)

    def _unit(self, n: int, dtype: np.dtype) -> np.ndarray:
        """n uniforms in [0, 1), as float64 values carrying dtype's number of random bits."""
        if np.dtype(dtype) == np.float64:
            w = self._words(2 * n)
            return ((w[0::2] << np.uint64(32) | w[1::2]) & np.uint64((1 << 53) - 1)) * 2.0 ** -53
        return (self._words(n) & np.uint64(0xFFFFFF)) * 2.0 ** -24

    def uniform(self, low: float, high: float, shape: tuple, dtype: Any = np.float32) -> np.ndarray:
        """``U(low, high)`` of ``shape`` and ``dtype``, as ``torch.empty(shape).uniform_(low, high)``."""
        dtype = np.dtype(dtype)
        low, high = float(dtype.type(low)), float(dtype.type(high))
        u = self._unit(math.prod(shape), dtype)
        return (u * (high - low) + low).astype(dtype).reshape(shape)

    def normal(self, mean: float, std: float, shape: tuple, dtype: Any = np.float32) -> np.ndarray:
        """``N(mean, std^2)`` of ``shape`` and ``dtype``, as ``torch.empty(shape).normal_(mean, std)``."""
        dtype, n = np.dtype(dtype), math.prod(shape)
        if n < 16:
            return (self._box_muller_pairs(n) * std + mean).astype(dtype).reshape(shape)
        data = self._unit(n, dtype).astype(dtype)
        whole = n - n % 16
        data[:whole] = _blocks(data[:whole], mean, std)
        if n % 16:
            data[n - 16:] = _blocks(self._unit(16, dtype).astype(dtype), mean, std)
        return data.reshape(shape)

    def _box_muller_pairs(self, n: int) -> np.ndarray:
        out = np.empty(n)
        for i in range(n):
            if self._normal is not None:
                out[i], self._normal = self._normal, None
                continue
            u1, u2 = self._unit(2, np.float64)
            radius, theta = math.sqrt(-2.0 * math.log1p(-u2)), 2.0 * math.pi * u1
            out[i], self._normal = radius * math.cos(theta), radius * math.sin(theta)
        return out

    def integers(self, low: int, high: int, shape: tuple) -> np.ndarray:
        """Integers in ``[low, high)`` as int64, as ``torch.randint``."""
        span, n = high - low, math.prod(shape)
        if span >= 1 << 32:
            w = self._words(2 * n)
            raw = w[0::2] << np.uint64(32) | w[1::2]
        else:
            raw = self._words(n)
        return ((raw % np.uint64(span)).astype(np.int64) + low).reshape(shape)

    def random(self, shape: tuple) -> np.ndarray:
        """Uniforms in [0, 1) as float64: ``bernoulli_(q)`` (dropout's mask) is ``random < q``."""
        return self._unit(math.prod(shape), np.float64).reshape(shape)


def _blocks(data: np.ndarray, mean: float, std: float) -> np.ndarray:
    """Box-Muller on blocks of 16 uniforms: the first 8 give the radii, the last 8 the angles."""
    blocks = data.reshape(-1, 16)
    one, two = data.dtype.type(1), data.dtype.type(2)
    radius = np.sqrt(-two * np.log(one - blocks[:, :8]))
    theta = data.dtype.type(2 * math.pi) * blocks[:, 8:]
    std, mean = data.dtype.type(std), data.dtype.type(mean)
    return np.concatenate([radius * np.cos(theta) * std + mean, radius * np.sin(theta) * std + mean],
                          axis=1).reshape(-1)


# torch seeds its default generator from the system at start-up; minigrad starts it from torch's
# default seed, so that a program that never calls manual_seed still prints the same on every run.
default_generator = Generator()
