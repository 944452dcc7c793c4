"""MindSpore's dtypes (``mindspore.float32`` prints ``Float32``), each standing for a NumPy dtype.

>>> from minigrad.ms import dtype as mstype
>>> print(mstype.float32, mstype.int32, mstype.bool_)
Float32 Int32 Bool
"""
from __future__ import annotations

from typing import Any

import numpy as np


class Type:
    """One MindSpore dtype: ``str`` is its MindSpore name, ``repr`` its module path."""

    def __init__(self, name: str, attr: str, numpy: Any) -> None:
        self.name, self._attr, self.numpy_dtype = name, attr, np.dtype(numpy)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return "mindspore." + self._attr

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Type) and other.numpy_dtype == self.numpy_dtype

    def __hash__(self) -> int:
        return hash(self.numpy_dtype)


float16 = Type("Float16", "float16", np.float16)
float32 = Type("Float32", "float32", np.float32)
float64 = Type("Float64", "float64", np.float64)
int8 = Type("Int8", "int8", np.int8)
int16 = Type("Int16", "int16", np.int16)
int32 = Type("Int32", "int32", np.int32)
int64 = Type("Int64", "int64", np.int64)
uint8 = Type("UInt8", "uint8", np.uint8)
uint16 = Type("UInt16", "uint16", np.uint16)
uint32 = Type("UInt32", "uint32", np.uint32)
uint64 = Type("UInt64", "uint64", np.uint64)
bool_ = Type("Bool", "bool_", np.bool_)
half, single, double = float16, float32, float64
int_, uint = int32, uint32
_BY_NUMPY = {t.numpy_dtype: t for t in (float16, float32, float64, int8, int16, int32, int64, uint8,
                                         uint16, uint32, uint64, bool_)}


def dtype_to_nptype(type_: Type) -> type:
    """The NumPy scalar type of a MindSpore dtype.

    >>> from minigrad.ms import dtype as mstype
    >>> mstype.dtype_to_nptype(mstype.float32)
    <class 'numpy.float32'>
    """
    return type_.numpy_dtype.type


def pytype_to_dtype(obj: Any) -> Type:
    """The MindSpore dtype of a NumPy dtype or Python type (float -> Float32... as MindSpore reads data)."""
    if isinstance(obj, Type):
        return obj
    if obj is float:
        return float32
    if obj is int:
        return int64
    if obj is bool:
        return bool_
    return _BY_NUMPY[np.dtype(obj)]


def from_numpy(np_dtype: Any) -> Type:
    """The MindSpore dtype standing for a NumPy dtype."""
    return _BY_NUMPY[np.dtype(np_dtype)]
