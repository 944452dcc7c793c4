"""``Array``: the JAX face of the core Tensor. Immutable, printed as JAX prints it, with JAX's
dtype canonicalisation (float32/int32 unless x64 is enabled) and weak types (a Python scalar
makes a *weakly typed* array, which does not widen the dtype of what it meets)."""
from __future__ import annotations

import builtins
from typing import Any

import numpy as np

from .. import ops
from ..tensor import Tensor
from . import _errors

_CANONICAL = {np.dtype(np.float64): np.dtype(np.float32), np.dtype(np.int64): np.dtype(np.int32),
              np.dtype(np.uint64): np.dtype(np.uint32), np.dtype(np.complex128): np.dtype(np.complex64),
              np.dtype(np.longdouble): np.dtype(np.float32)}


class _Config:
    """``jax.config``: only ``jax_enable_x64`` changes anything here."""

    def __init__(self) -> None:
        self.jax_enable_x64 = False

    def update(self, name: str, value: Any) -> None:
        setattr(self, name, value)

    def read(self, name: str) -> Any:
        return getattr(self, name)


config = _Config()


def canonical(dtype: Any) -> np.dtype:
    """The dtype JAX really uses for ``dtype`` (64-bit types narrowed unless x64 is enabled)."""
    inner = getattr(dtype, "dtype", None)
    d = np.dtype(inner if isinstance(inner, np.dtype) else dtype)
    return d if config.jax_enable_x64 else _CANONICAL.get(d, d)


def default_float() -> np.dtype:
    return np.dtype(np.float64 if config.jax_enable_x64 else np.float32)


def default_int() -> np.dtype:
    return np.dtype(np.int64 if config.jax_enable_x64 else np.int32)


def _python_scalar_dtype(value: Any) -> np.dtype:
    if isinstance(value, builtins.bool):
        return np.dtype(np.bool_)
    if isinstance(value, builtins.int):
        return default_int()
    if isinstance(value, builtins.float):
        return default_float()
    return np.dtype(np.complex128 if config.jax_enable_x64 else np.complex64)


def make(data: np.ndarray, weak: bool = False) -> "Array":
    """An Array around ``data`` (no copy), weakly typed if ``weak``."""
    out = Array._make(data if type(data) is np.ndarray else np.asarray(data), False)
    if weak:
        out.weak_type = True
    return out


def with_weak(tensor: Any, weak: bool) -> "Array":
    """``tensor`` as an Array carrying the weak type ``weak`` (Tensors of other classes re-wrapped,
    keeping their graph: they are the results of core ops)."""
    if not isinstance(tensor, Array):
        out = Array._make(tensor._data, False)
        out.grad_fn, out._output_nr, out._version = tensor.grad_fn, tensor._output_nr, tensor._version
        out._requires_grad = tensor._requires_grad
        tensor = out
    if weak:
        tensor.weak_type = True
    elif tensor.weak_type:
        tensor.weak_type = False
    return tensor


def is_weak(value: Any) -> bool:
    if isinstance(value, Array):
        return value.weak_type
    return isinstance(value, (builtins.int, builtins.float, builtins.complex)) and not isinstance(
        value, builtins.bool)


def asarray(value: Any, dtype: Any = None) -> "Array":
    """``value`` as an Array: Python scalars weakly typed, everything else canonicalised.

    >>> asarray(2.0)
    Array(2., dtype=float32, weak_type=True)
    """
    if isinstance(value, Array):
        if dtype is None or canonical(dtype) == value._data.dtype:
            return value
        return with_weak(ops.to_dtype(value, dtype=canonical(dtype)), False)
    if isinstance(value, Tensor):
        return asarray(with_weak(value, False), dtype)
    if isinstance(value, (builtins.bool, builtins.int, builtins.float, builtins.complex)) and not isinstance(
            value, np.generic):
        want = canonical(dtype) if dtype is not None else _python_scalar_dtype(value)
        weak = dtype is None and not isinstance(value, builtins.bool)
        return make(np.asarray(value, dtype=want), weak=weak)
    if isinstance(value, (list, tuple)) and _holds_tensor(value):
        from . import numpy as jnp
        return asarray(with_weak(jnp.stack([asarray(v) for v in value]), False), dtype)
    array = np.asarray(value)
    if array.dtype.kind in "OUSV":
        raise _errors.invalid_type(value)
    want = canonical(dtype if dtype is not None else array.dtype)
    return make(np.array(array, dtype=want, copy=True))


def _holds_tensor(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Tensor):
            return True
        if isinstance(item, (list, tuple)):
            stack.extend(item)
    return False


def _np_key(key: Any) -> tuple:
    """An index as a tuple of NumPy-ready parts (arrays become NumPy arrays)."""
    parts = key if isinstance(key, tuple) else (key,)
    return tuple(np.asarray(k._data) if isinstance(k, Tensor) else
                 np.asarray(k) if isinstance(k, list) else k for k in parts)


def _flat_index(shape: tuple, key: Any) -> np.ndarray | None:
    """For a key with a negative-step slice (JAX allows it, torch's indexing does not): the flat
    positions it selects, as an integer array of the result's shape; None for any other key."""
    parts = key if isinstance(key, tuple) else (key,)
    if not any(isinstance(k, slice) and k.step is not None and k.step < 0 for k in parts):
        return None
    return np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)[key]


def _type_str(data: np.ndarray) -> str:
    """JAX's short type: ``float32[3]``, ``float32[]``."""
    return f"{data.dtype.name}[{','.join(str(s) for s in data.shape)}]"


class _IndexUpdateRef:
    """``x.at[key]``: out-of-place updates, each a new Array (JAX arrays are immutable)."""

    def __init__(self, array: "Array", key: Any) -> None:
        self.array, self.key = array, key
        flat = _flat_index(array._data.shape, _np_key(key) if isinstance(key, tuple) else key)
        self.shape = None
        if flat is not None:        # negative steps: update the flat array, reshape back after
            self.array, self.key, self.shape = with_weak(ops.reshape(array, (-1,)), array.weak_type), flat, \
                array._data.shape

    def _back(self, out: "Array") -> "Array":
        return out if self.shape is None else with_weak(ops.reshape(out, self.shape), out.weak_type)

    def get(self) -> "Array":
        """``x[key]``."""
        return self.array[self.key]

    def set(self, values: Any) -> "Array":
        """A copy of ``x`` with ``values`` written at ``key``.

        >>> from minigrad.jax import numpy as jnp
        >>> jnp.ones(3).at[0].set(5.)
        Array([5., 1., 1.], dtype=float32)
        """
        x = self.array
        values = asarray(values)
        if values._data.dtype != x._data.dtype:
            values = with_weak(ops.to_dtype(values, dtype=x._data.dtype), False)
        out = ops.clone(x)
        ops.setitem(out, self.key, values)          # the in-place write lands on the fresh copy
        return self._back(with_weak(out, x.weak_type))

    def add(self, values: Any) -> "Array":
        """A copy of ``x`` with ``values`` added at ``key`` (repeated indices add up).

        >>> from minigrad.jax import numpy as jnp
        >>> jnp.ones(3).at[jnp.array([0, 0])].add(5.)
        Array([11.,  1.,  1.], dtype=float32)
        """
        x = self.array
        key = _np_key(self.key)
        region = np.empty(x._data.shape, dtype=np.bool_)[key].shape
        values = asarray(values)
        if values._data.dtype != x._data.dtype:
            values = with_weak(ops.to_dtype(values, dtype=x._data.dtype), False)
        if values._data.shape != region:
            values = ops.expand(values, *region)
        spread = ops.index_backward(values, shape=x._data.shape, key=key)   # scatter-add
        return self._back(with_weak(ops.add(x, spread), x.weak_type))

    def multiply(self, values: Any) -> "Array":
        """A copy of ``x`` with the entries at ``key`` multiplied by ``values``."""
        return self.set(self.get() * values)

    mul = multiply

    def divide(self, values: Any) -> "Array":
        """A copy of ``x`` with the entries at ``key`` divided by ``values``."""
        return self.set(self.get() / values)

    def power(self, values: Any) -> "Array":
        """A copy of ``x`` with the entries at ``key`` raised to ``values``."""
        return self.set(self.get() ** values)

    def min(self, values: Any) -> "Array":
        """A copy of ``x`` with the entries at ``key`` replaced by their minimum with ``values``."""
        from . import numpy as jnp
        return self.set(jnp.minimum(self.get(), values))

    def max(self, values: Any) -> "Array":
        """A copy of ``x`` with the entries at ``key`` replaced by their maximum with ``values``."""
        from . import numpy as jnp
        return self.set(jnp.maximum(self.get(), values))


class _IndexUpdateHelper:
    def __init__(self, array: "Array") -> None:
        self.array = array

    def __getitem__(self, key: Any) -> _IndexUpdateRef:
        return _IndexUpdateRef(self.array, key)

    def __repr__(self) -> str:
        return f"_IndexUpdateHelper({self.array!r})"


class _Refused:
    """A torch method JAX arrays do not have (in-place updates above all): AttributeError."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        raise _errors.no_attribute(self.name)


class Array(Tensor):
    """A JAX array: immutable, printed as JAX prints it.

    It keeps the core Tensor's torch-style methods that the engine itself calls on gradients
    (``sum(dim, keepdim=)``, ``expand``, ``unsqueeze``, ``permute``, ``transpose(d0, d1)`` with
    negative axes); what a JAX user calls (``sum(axis=, keepdims=)``, ``transpose()``,
    ``reshape``, ``astype``, ``.at``) behaves as in JAX.

    >>> from minigrad.jax import numpy as jnp
    >>> x = jnp.array([1., 2.])
    >>> x * 2
    Array([2., 4.], dtype=float32)
    >>> print(jnp.sum(x * x))
    5.0
    """

    weak_type = False

    # ----- printing ------------------------------------------------------------------------
    def __repr__(self) -> str:
        # jax/_src/array.py ArrayImpl.__repr__
        prefix = "Array("
        dtype_str = f"dtype={self._data.dtype.name}" + (", weak_type=True)" if self.weak_type else ")")
        line_width = np.get_printoptions()["linewidth"]
        if self._data.size == 0:
            s = f"[], shape={self._data.shape}"
        else:
            s = np.array2string(self._data, prefix=prefix, suffix=",", separator=", ",
                                max_line_width=line_width)
        last_line_len = len(s) - s.rfind("\n") + 1
        sep = " "
        if last_line_len + len(dtype_str) + 1 > line_width:
            sep = " " * len(prefix)
        return f"{prefix}{s},{sep}{dtype_str}"

    def __str__(self) -> str:
        return str(self._data)

    def __format__(self, spec: str) -> str:
        if self._data.ndim == 0:
            return self._data.item().__format__(spec)
        return str(self).__format__(spec)

    # ----- metadata --------------------------------------------------------------------------
    @property
    def shape(self) -> tuple:  # type: ignore[override]
        return tuple(self._data.shape)

    @property
    def dtype(self) -> np.dtype:  # type: ignore[override]
        return self._data.dtype

    @property
    def size(self) -> int:  # type: ignore[override]
        return int(self._data.size)

    @property
    def aval(self) -> str:
        return "ShapedArray(" + _type_str(self._data) + (", weak_type=True)" if self.weak_type else ")")

    @property
    def at(self) -> _IndexUpdateHelper:
        """Out-of-place indexed updates: ``x.at[i].set(v)``, ``.add``, ``.multiply``, ``.get``."""
        return _IndexUpdateHelper(self)

    def __getattr__(self, name: str) -> Any:
        raise _errors.no_attribute(name)

    def __setitem__(self, key: Any, value: Any) -> None:
        raise _errors.immutable()

    def __bool__(self) -> bool:
        if self._data.size != 1:
            raise _errors.truth_value()
        return bool(self._data)

    def __float__(self) -> float:
        if self._data.ndim:
            raise _errors.not_scalar(self._data.ndim)
        return float(self._data)

    def __int__(self) -> int:
        if self._data.ndim:
            raise _errors.not_scalar(self._data.ndim)
        return int(self._data)

    def item(self, *args: Any) -> Any:
        if not args and self._data.size != 1:
            raise _errors.item_size()
        return self._data.item(*args)

    def __len__(self) -> int:
        if not self._data.ndim:
            raise _errors.unsized()
        return self._data.shape[0]

    # torch's in-place methods and autograd state: a JAX array has none of them
    add_ = sub_ = mul_ = div_ = pow_ = exp_ = relu_ = clamp_ = neg_ = zero_ = fill_ = _Refused()
    copy_ = normal_ = uniform_ = requires_grad_ = retain_grad = backward = register_hook = _Refused()

    def __iadd__(self, other: Any) -> "Array":
        return self + other

    def __isub__(self, other: Any) -> "Array":
        return self - other

    def __imul__(self, other: Any) -> "Array":
        return self * other

    def __itruediv__(self, other: Any) -> "Array":
        return self / other

    # ----- operators with JAX's dtype and weak-type rules ----------------------------------
    def __add__(self, other: Any) -> "Array":
        return _jnp().add(self, other)

    def __radd__(self, other: Any) -> "Array":
        return _jnp().add(other, self)

    def __sub__(self, other: Any) -> "Array":
        return _jnp().subtract(self, other)

    def __rsub__(self, other: Any) -> "Array":
        return _jnp().subtract(other, self)

    def __mul__(self, other: Any) -> "Array":
        return _jnp().multiply(self, other)

    def __rmul__(self, other: Any) -> "Array":
        return _jnp().multiply(other, self)

    def __truediv__(self, other: Any) -> "Array":
        return _jnp().divide(self, other)

    def __rtruediv__(self, other: Any) -> "Array":
        return _jnp().divide(other, self)

    def __pow__(self, other: Any) -> "Array":
        return _jnp().power(self, other)

    def __rpow__(self, other: Any) -> "Array":
        return _jnp().power(other, self)

    def __matmul__(self, other: Any) -> "Array":
        return _jnp().matmul(self, other)

    def __rmatmul__(self, other: Any) -> "Array":
        return _jnp().matmul(other, self)

    def __neg__(self) -> "Array":
        return _jnp().negative(self)

    def __abs__(self) -> "Array":
        return _jnp().abs(self)

    def __floordiv__(self, other: Any) -> "Array":
        return _jnp().floor_divide(self, other)

    def __rfloordiv__(self, other: Any) -> "Array":
        return _jnp().floor_divide(other, self)

    def __mod__(self, other: Any) -> "Array":
        return _jnp().mod(self, other)

    def __getitem__(self, key: Any) -> "Array":
        if isinstance(key, Tensor) or (isinstance(key, tuple) and any(isinstance(k, Tensor) for k in key)):
            key = tuple(k._data if isinstance(k, Tensor) else k for k in key) if isinstance(key, tuple) \
                else key._data
        flat = _flat_index(self._data.shape, key)
        if flat is not None:       # NumPy slicing the core (torch's rules) refuses: index the flat array
            return with_weak(ops.getitem(ops.reshape(self, (-1,)), flat), self.weak_type)
        return with_weak(ops.getitem(self, key), self.weak_type)

    def __iter__(self) -> Any:
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d array")
        return (self[i] for i in range(self._data.shape[0]))

    # comparisons: bool arrays, never weak
    def __eq__(self, other: Any) -> "Array":  # type: ignore[override]
        return _compare(np.equal, self, other)

    def __ne__(self, other: Any) -> "Array":  # type: ignore[override]
        return _compare(np.not_equal, self, other)

    def __lt__(self, other: Any) -> "Array":
        return _compare(np.less, self, other)

    def __le__(self, other: Any) -> "Array":
        return _compare(np.less_equal, self, other)

    def __gt__(self, other: Any) -> "Array":
        return _compare(np.greater, self, other)

    def __ge__(self, other: Any) -> "Array":
        return _compare(np.greater_equal, self, other)

    __hash__ = Tensor.__hash__

    # ----- methods: JAX's names, also serving the engine's torch-style calls -------------------
    def sum(self, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False, *,
            dim: Any = None, keepdim: Any = None) -> "Array":
        return _jnp().sum(self, axis if dim is None else dim, dtype=dtype,
                          keepdims=keepdims if keepdim is None else keepdim)

    def mean(self, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False, *,
             dim: Any = None, keepdim: Any = None) -> "Array":
        return _jnp().mean(self, axis if dim is None else dim,
                           keepdims=keepdims if keepdim is None else keepdim)

    def max(self, axis: Any = None, out: Any = None, keepdims: bool = False) -> "Array":
        return _jnp().max(self, axis, keepdims=keepdims)

    def min(self, axis: Any = None, out: Any = None, keepdims: bool = False) -> "Array":
        return _jnp().min(self, axis, keepdims=keepdims)

    def prod(self, axis: Any = None, dtype: Any = None, out: Any = None, keepdims: bool = False) -> "Array":
        return _jnp().prod(self, axis, keepdims=keepdims)

    def argmax(self, axis: Any = None, keepdims: bool = False) -> "Array":
        return _jnp().argmax(self, axis, keepdims=keepdims)

    def argmin(self, axis: Any = None, keepdims: bool = False) -> "Array":
        return _jnp().argmin(self, axis, keepdims=keepdims)

    def reshape(self, *shape: Any, order: str = "C") -> "Array":
        return _jnp().reshape(self, shape[0] if len(shape) == 1 else shape)

    def transpose(self, *axes: Any) -> "Array":
        # Two negative axes are the engine's torch-style swap (transpose_vjp, swap_last); anything
        # else is JAX's permutation.
        if len(axes) == 2 and all(isinstance(a, (builtins.int, np.integer)) and a < 0 for a in axes) \
                and self._data.ndim != 2:
            return with_weak(ops.transpose(self, *axes), self.weak_type)
        if len(axes) == 2 and self._data.ndim == 2 and all(
                isinstance(a, (builtins.int, np.integer)) and a < 0 for a in axes):
            return _jnp().transpose(self)
        if len(axes) == 1 and (axes[0] is None or isinstance(axes[0], (tuple, list))):
            axes = axes[0]
        return _jnp().transpose(self, axes or None)

    @property
    def T(self) -> "Array":  # type: ignore[override]
        return _jnp().transpose(self)

    def astype(self, dtype: Any) -> "Array":
        return _jnp().astype(self, dtype)

    def squeeze(self, axis: Any = None) -> "Array":
        return _jnp().squeeze(self, axis)

    def ravel(self) -> "Array":
        return _jnp().ravel(self)

    def flatten(self) -> "Array":  # type: ignore[override]
        return _jnp().ravel(self)

    def dot(self, other: Any) -> "Array":
        return _jnp().dot(self, other)

    def clip(self, min: Any = None, max: Any = None) -> "Array":  # type: ignore[override]
        return _jnp().clip(self, min, max)

    def copy(self) -> "Array":
        return with_weak(ops.clone(self), self.weak_type)

    def block_until_ready(self) -> "Array":
        """Nothing runs asynchronously here: returns the array itself."""
        return self

    def tolist(self) -> Any:
        return self._data.tolist()

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self._data if dtype is None else self._data.astype(dtype)


def _compare(fn: Any, a: Any, b: Any) -> Array:
    return make(np.asarray(fn(np.asarray(a), np.asarray(b))))


def _jnp() -> Any:
    from . import numpy as jnp
    return jnp
