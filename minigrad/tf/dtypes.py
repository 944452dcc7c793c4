"""TensorFlow's dtypes: ``tf.float32`` and friends, each standing for a NumPy dtype."""
from __future__ import annotations

from typing import Any

import numpy as np

from . import _errors


class DType:
    """A TensorFlow dtype. ``repr`` is ``tf.float32``, ``str`` is ``<dtype: 'float32'>``.

    >>> import minigrad.tf as tf
    >>> tf.float32, tf.float32.name
    (tf.float32, 'float32')
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.numpy_dtype = np.dtype(name)        # read by the core's to_numpy_dtype

    @property
    def as_numpy_dtype(self) -> type:
        return self.numpy_dtype.type

    @property
    def is_floating(self) -> bool:
        return self.numpy_dtype.kind == "f"

    @property
    def is_integer(self) -> bool:
        return self.numpy_dtype.kind in "iu"

    @property
    def is_complex(self) -> bool:
        return self.numpy_dtype.kind == "c"

    @property
    def is_bool(self) -> bool:
        return self.numpy_dtype.kind == "b"

    @property
    def base_dtype(self) -> "DType":
        return self

    @property
    def size(self) -> int:
        return self.numpy_dtype.itemsize

    def __repr__(self) -> str:
        return "tf." + self.name

    def __str__(self) -> str:
        return f"<dtype: '{self.name}'>"

    def __eq__(self, other: Any) -> bool:
        try:
            return as_dtype(other) is self
        except TypeError:
            return False

    def __ne__(self, other: Any) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self.name)

    def __reduce__(self) -> str:
        return self.name


float16 = half = DType("float16")
float32 = DType("float32")
float64 = double = DType("float64")
int8, int16, int32, int64 = DType("int8"), DType("int16"), DType("int32"), DType("int64")
uint8, uint16, uint32, uint64 = DType("uint8"), DType("uint16"), DType("uint32"), DType("uint64")
bool = DType("bool")  # noqa: A001 (TensorFlow's name)
complex64, complex128 = DType("complex64"), DType("complex128")
_BY_NUMPY = {d.numpy_dtype: d for d in (float16, float32, float64, int8, int16, int32, int64, uint8,
                                        uint16, uint32, uint64, bool, complex64, complex128)}


def as_dtype(value: Any) -> DType:
    """The DType for a DType, a NumPy dtype, a Python type or a name (``tf.as_dtype``).

    >>> import minigrad.tf as tf
    >>> tf.as_dtype("float64")
    tf.float64
    """
    if isinstance(value, DType):
        return value
    numpy_dtype = getattr(value, "numpy", None)          # a torch-style minigrad dtype
    try:
        key = np.dtype(numpy_dtype if isinstance(numpy_dtype, np.dtype) else value)
    except TypeError:
        raise TypeError(_errors.not_a_dtype(value)) from None
    if value is float:
        key = np.dtype(np.float32)
    elif value is int:
        key = np.dtype(np.int32)
    if key not in _BY_NUMPY:
        raise TypeError(_errors.not_a_dtype(value))
    return _BY_NUMPY[key]
