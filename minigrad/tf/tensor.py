"""TensorFlow's tensors and variables as core Tensors, TF1's graph as a global recorder, and
conversion of Python data the way TensorFlow converts it."""
from __future__ import annotations

import builtins
import itertools
import weakref
from typing import Any, Callable

import numpy as np

from .. import _mode, ops
from ..autograd.graph import Recorder
from ..tensor import Tensor as _CoreTensor
from . import _errors
from .dtypes import DType, _BY_NUMPY, as_dtype, float32


class _Graph(Recorder):
    """TF1's graph: every op on a minigrad.tf tensor is recorded on it, so ``tf.gradients`` can
    differentiate with respect to any tensor of the computation, constants included."""

    def tracks(self, tensor: Any) -> bool:
        return isinstance(tensor, Tensor)

    def watch(self, tensor: Any) -> None:   # everything is watched already
        pass


GRAPH = _Graph()


class TensorShape(tuple):
    """A tensor's shape: prints as ``(2, 3)``, shows as ``TensorShape([2, 3])``.

    >>> import minigrad.tf as tf
    >>> tf.ones([2, 3]).shape
    TensorShape([2, 3])
    """

    def __repr__(self) -> str:
        return f"TensorShape([{', '.join(str(d) for d in self)}])"

    def __str__(self) -> str:
        return tuple.__repr__(tuple(self))

    def __getitem__(self, key: Any) -> Any:
        out = tuple.__getitem__(self, key)
        return TensorShape(out) if isinstance(key, slice) else out

    def as_list(self) -> list:
        return list(self)

    @property
    def rank(self) -> int:
        return len(self)

    ndims = rank

    @property
    def dims(self) -> list:
        return list(self)

    def num_elements(self) -> int:
        return int(np.prod(self, dtype=np.int64))

    def is_fully_defined(self) -> bool:
        return True

    def with_rank_at_least(self, rank: int) -> "TensorShape":
        if len(self) < rank:
            raise ValueError(_errors.rank_at_least(self, rank))
        return self

    def concatenate(self, other: Any) -> "TensorShape":
        return TensorShape(tuple(self) + tuple(other))


def _text(array: np.ndarray, is_repr: bool) -> str:
    """TensorFlow's numpy_text: scalars as Python items in repr, arrays as NumPy prints them."""
    if array.ndim == 0:
        text = repr(array[()].item()) if is_repr else str(array[()])
    else:
        text = repr(array) if is_repr else str(array)
    return "\n" + text if "\n" in text else text


def _array_or_core(name: str) -> Callable:
    """A method that NumPy's function ``name`` (called with ``axis=``/``out=``) computes on the
    array, and the engine's own calls (without them) leave to the core method."""
    numpy_fn, core = getattr(np, name), getattr(_CoreTensor, name)

    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        return numpy_fn(self._data, **kwargs) if _numpy_call(kwargs) else core(self, *args, **kwargs)

    method.__name__ = name
    return method


class Tensor(_CoreTensor):
    """A TensorFlow tensor: immutable, printed as TensorFlow prints it.

    >>> import minigrad.tf as tf
    >>> print(tf.constant(6.))
    tf.Tensor(6.0, shape=(), dtype=float32)
    >>> tf.constant([1., 2.])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """

    @classmethod
    def _make(cls, array: np.ndarray, requires_grad: bool) -> "Tensor":
        # A value is an EagerTensor, as in TensorFlow (tf.Tensor is the class to test against).
        return _CoreTensor._make.__func__(EagerTensor if cls is Tensor else cls, array, requires_grad)

    @property
    def dtype(self) -> DType:  # type: ignore[override]
        return _BY_NUMPY[self._data.dtype]

    @property
    def shape(self) -> TensorShape:  # type: ignore[override]
        return TensorShape(self._data.shape)

    def get_shape(self) -> TensorShape:
        """The static shape (the same as ``shape``).

        >>> import minigrad.tf as tf
        >>> tf.ones([2, 3]).get_shape().as_list()
        [2, 3]
        """
        return self.shape

    @property
    def name(self) -> str:
        raise AttributeError(_errors.NAME_EAGER)

    @property
    def device(self) -> str:
        return "/job:localhost/replica:0/task:0/device:CPU:0"

    def numpy(self) -> Any:  # type: ignore[override]
        """The value as NumPy: a NumPy scalar for a 0-d tensor, else a copy of the array.

        >>> import minigrad.tf as tf
        >>> tf.constant([1., 2.]).numpy()
        array([1., 2.], dtype=float32)
        """
        return self._data[()] if self._data.ndim == 0 else self._data.copy()

    def eval(self, feed_dict: Any = None, session: Any = None) -> Any:
        """The value through a session (TF1), as ``session.run(tensor)``.

        >>> import minigrad.tf as tf
        >>> with tf.Session():
        ...     (tf.constant(2.) * 3).eval()
        np.float32(6.0)
        """
        from .session import _run_with
        return _run_with(session, self)

    def ref(self) -> "_Reference":
        """A hashable reference to this tensor (tensors themselves are unhashable).

        >>> import minigrad.tf as tf
        >>> t = tf.constant(1.)
        >>> {t.ref(): "one"}[t.ref()]
        'one'
        """
        return _Reference(self)

    def __repr__(self) -> str:
        return (f"<tf.Tensor: shape={self.shape}, dtype={self.dtype.name}, "
                f"numpy={_text(self._data, True)}>")

    def __str__(self) -> str:
        return f"tf.Tensor({_text(self._data, False)}, shape={self.shape}, dtype={self.dtype.name})"

    def __format__(self, spec: str) -> str:
        return (self._data[()] if self._data.ndim == 0 else self._data).__format__(spec)

    def __len__(self) -> int:
        if self._data.ndim == 0:
            raise TypeError(_errors.NO_LEN)
        return self._data.shape[0]

    def __bool__(self) -> bool:
        return bool(self._data)

    def __float__(self) -> float:
        return float(self._data)

    def __int__(self) -> int:
        return int(self._data)

    def __hash__(self) -> int:
        raise TypeError(_errors.UNHASHABLE)

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(_errors.no_attribute(type(self).__name__, name))

    # NumPy's functions call these methods by name with `axis=`/`out=` (np.mean(t, axis=0)); on a
    # TensorFlow tensor they see no such method and compute on the array: answer the same way.
    # The engine's own calls (no `axis`/`out`) keep the core methods.
    sum, mean, prod, max, min, std, var, all, any = (
        _array_or_core(name) for name in ("sum", "mean", "prod", "max", "min", "std", "var", "all", "any"))

    def __setitem__(self, key: Any, value: Any) -> None:
        raise AttributeError(_errors.NO_SETITEM)

    # Python operators: TensorFlow's binary ops convert the other operand to this tensor's dtype.
    def __add__(self, other: Any) -> "Tensor":
        return _math().add(self, other)

    def __radd__(self, other: Any) -> "Tensor":
        return _math().add(other, self, _reverse=True)

    def __sub__(self, other: Any) -> "Tensor":
        return _math().subtract(self, other)

    def __rsub__(self, other: Any) -> "Tensor":
        return _math().subtract(other, self, _reverse=True)

    def __mul__(self, other: Any) -> "Tensor":
        return _math().multiply(self, other)

    def __rmul__(self, other: Any) -> "Tensor":
        return _math().multiply(other, self, _reverse=True)

    def __truediv__(self, other: Any) -> "Tensor":
        return _math().truediv(self, other)

    def __rtruediv__(self, other: Any) -> "Tensor":
        return _math().truediv(other, self, _reverse=True)

    def __floordiv__(self, other: Any) -> "Tensor":
        return _math().floordiv(self, other)

    def __rfloordiv__(self, other: Any) -> "Tensor":
        return _math().floordiv(other, self, _reverse=True)

    def __mod__(self, other: Any) -> "Tensor":
        return _math().mod(self, other)

    def __pow__(self, other: Any) -> "Tensor":
        return _math().pow(self, other)

    def __rpow__(self, other: Any) -> "Tensor":
        return _math().pow(other, self, _reverse=True)

    def __matmul__(self, other: Any) -> "Tensor":
        return _math().matmul(self, other)

    def __rmatmul__(self, other: Any) -> "Tensor":
        return _math().matmul(other, self)

    def __neg__(self) -> "Tensor":
        return _math().negative(self)

    def __abs__(self) -> "Tensor":
        return _math().abs(self)

    def __eq__(self, other: Any) -> "Tensor":  # type: ignore[override]
        return _math().equal(self, other)

    def __ne__(self, other: Any) -> "Tensor":  # type: ignore[override]
        return _math().not_equal(self, other)

    def __lt__(self, other: Any) -> "Tensor":
        return _math().less(self, other)

    def __le__(self, other: Any) -> "Tensor":
        return _math().less_equal(self, other)

    def __gt__(self, other: Any) -> "Tensor":
        return _math().greater(self, other)

    def __ge__(self, other: Any) -> "Tensor":
        return _math().greater_equal(self, other)

    # Tensors are immutable: `t += 1` binds a new tensor.
    __iadd__, __isub__, __imul__, __itruediv__ = __add__, __sub__, __mul__, __truediv__


def _numpy_call(kwargs: dict) -> bool:
    return "axis" in kwargs or "out" in kwargs


class EagerTensor(Tensor):
    """The class of every tensor value (``type(t).__name__`` is ``EagerTensor``, as in TensorFlow)."""


class _Reference:
    """What ``tensor.ref()`` returns: hashable by identity, ``deref()`` gives the tensor back."""

    def __init__(self, tensor: Tensor) -> None:
        self._tensor = tensor

    def deref(self) -> Tensor:
        return self._tensor

    def __hash__(self) -> int:
        return id(self._tensor)

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, _Reference) and other._tensor is self._tensor

    def __repr__(self) -> str:
        return f"<Reference wrapping {self._tensor!r}>"


def _math() -> Any:
    from . import math_ops
    return math_ops


# ---------------------------------------------------------------------------------------------
# Conversion


def _python_array(value: Any) -> np.ndarray:
    """Python data as TensorFlow reads it: floats float32, ints int32 (int64 when too large)."""
    if value is None or not isinstance(value, (list, tuple, range, int, float, complex, str, bytes)) and not \
            hasattr(value, "__array__"):                 # an object, a dict: not data
        raise ValueError(_errors.convert_none(value))
    try:
        array = np.array(_plain(value))
    except ValueError:
        raise ValueError(_errors.NON_RECTANGULAR) from None
    if isinstance(value, (list, tuple)) and array.dtype.kind in "OUS" and not all(
            isinstance(v, (str, bytes)) for v in np.ravel(np.array(_plain(value), dtype=object))):
        raise ValueError(_errors.MIXED_TYPES)
    if array.dtype.kind == "f":
        return array.astype(np.float32)
    if array.dtype.kind in "iu":
        info = np.iinfo(np.int32)
        fits = array.size == 0 or (array.min() >= info.min and array.max() <= info.max)
        return array.astype(np.int32 if fits else np.int64)
    if array.dtype.kind in "bc":
        return array.astype(np.complex128) if array.dtype.kind == "c" else array
    raise TypeError(_errors.not_convertible(value))


def _plain(value: Any) -> Any:
    """Nested lists may hold tensors: replace them by their arrays."""
    if isinstance(value, _CoreTensor):
        return value._data
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _to_array(value: Any, dtype: Any = None) -> np.ndarray:
    """An array for ``value`` with TensorFlow's conversion rules (and its refusals)."""
    want = as_dtype(dtype).numpy_dtype if dtype is not None else None
    if isinstance(value, _CoreTensor):
        array = value._data
    elif isinstance(value, (np.ndarray, np.generic)):
        array = np.asarray(value)
    else:
        array = _python_array(value)
        if want is not None and want.kind in "iub" and array.dtype.kind in "fc":
            raise TypeError(_errors.convert_dtype(value, as_dtype(dtype).name))
    if want is not None and array.dtype != want:
        array = array.astype(want)
    return array


def _wrap(array: np.ndarray) -> Tensor:
    return Tensor._make(np.ascontiguousarray(array) if array.ndim else np.asarray(array), False)


def constant(value: Any, dtype: Any = None, shape: Any = None, name: str = "Const") -> Tensor:
    """A tensor holding ``value`` (broadcast to ``shape`` when given).

    >>> import minigrad.tf as tf
    >>> tf.constant([1, 2])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>
    """
    array = np.array(_to_array(value, dtype), copy=True)
    if shape is not None:
        shape = tuple(shape) if not isinstance(shape, int) else (shape,)
        array = (np.broadcast_to(array, shape) if array.size == 1 or array.shape == shape
                 else array.reshape(shape)).copy()
    return _wrap(array)


def convert_to_tensor(value: Any, dtype: Any = None, dtype_hint: Any = None,
                      name: str | None = None) -> Tensor:
    """``value`` as a tensor: a tensor stays itself, a variable is read, data becomes a constant.

    >>> import minigrad.tf as tf
    >>> tf.convert_to_tensor([2., 2., 3.])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([2., 2., 3.], dtype=float32)>
    """
    if isinstance(value, Variable):
        value = value.read_value()
    if isinstance(value, Tensor):
        if dtype is not None and as_dtype(dtype) != value.dtype:
            raise ValueError(_errors.conversion_dtype(as_dtype(dtype).name, value.dtype.name, value))
        return value
    if isinstance(value, _CoreTensor):          # a tensor of another dialect: same values, same graph
        return Tensor._make(value._data, False)
    if dtype is None and dtype_hint is not None:
        try:
            return _wrap(np.array(_to_array(value, dtype_hint), copy=True))
        except (TypeError, ValueError):
            pass
    return _wrap(np.array(_to_array(value, dtype), copy=True))


# ---------------------------------------------------------------------------------------------
# Variables


class Variable(Tensor):
    """A mutable, named tensor; trainable ones are watched by a GradientTape when read.

    >>> import minigrad.tf as tf
    >>> tf.Variable([1., 2.], name="w")
    <tf.Variable 'w:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> "Variable":
        # tf.Variable(...) makes a ResourceVariable, as TensorFlow's does.
        return object.__new__(ResourceVariable if cls is Variable else cls)

    def __init__(self, initial_value: Any = None, trainable: bool | None = None, validate_shape: bool = True,
                 caching_device: Any = None, name: str | None = None, variable_def: Any = None,
                 dtype: Any = None, import_scope: Any = None, constraint: Callable | None = None,
                 synchronization: Any = None, aggregation: Any = None, shape: Any = None,
                 experimental_enable_variable_lifting: bool = True) -> None:
        if initial_value is None:
            raise ValueError(_errors.NO_INITIAL_VALUE)
        if callable(initial_value):
            initial_value = initial_value()
        array = np.array(_to_array(initial_value, dtype), copy=True)
        self._init(array, False)
        self.__dict__.update(_trainable=True if trainable is None else builtins.bool(trainable),
                             _name=(name or "Variable") + ":0", _constraint=constraint)
        self.__dict__["_uid"] = next(_COUNT)      # creation order: how tapes list their variables
        _VARIABLES[self._uid] = self

    @classmethod
    def _make(cls, array: np.ndarray, requires_grad: bool) -> Tensor:
        # What an op computes from a variable is a plain tensor.
        return Tensor._make(array, requires_grad)

    @property
    def name(self) -> str:
        return self._name

    @property
    def trainable(self) -> bool:
        return self._trainable

    @property
    def constraint(self) -> Any:
        return self._constraint

    @property
    def initial_value(self) -> Any:
        raise RuntimeError(_errors.EAGER_PROPERTY)

    @property
    def initializer(self) -> Any:
        from .session import Operation
        return Operation(lambda: None)

    def read_value(self) -> Tensor:
        """The current value as a tensor (recorded: gradients flow back to the variable).

        >>> import minigrad.tf as tf
        >>> tf.Variable([1., 2.]).read_value()
        <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
        """
        accessed(self)
        return ops.alias(self)

    value = read_value

    def numpy(self) -> Any:
        """A copy of the value as NumPy."""
        return self._data[()].copy() if self._data.ndim == 0 else self._data.copy()

    def _write(self, array: np.ndarray) -> "Variable":
        if array.shape != self._data.shape:
            raise ValueError(_errors.assign_shape(self._name, TensorShape(self._data.shape),
                                                  TensorShape(array.shape)))
        # A new array, never an in-place write: tensors read from the variable keep their value.
        self._data = np.array(array, dtype=self._data.dtype, copy=True)
        return _UnreadVariable.of(self)

    def assign(self, value: Any, use_locking: Any = None, name: Any = None, read_value: bool = True) -> Any:
        """Set the value (not differentiable).

        >>> import minigrad.tf as tf
        >>> v = tf.Variable(1.)
        >>> v.assign(3.).numpy()
        np.float32(3.0)
        """
        out = self._write(_to_array(value, self.dtype))
        return out if read_value else None

    def assign_add(self, delta: Any, use_locking: Any = None, name: Any = None,
                   read_value: bool = True) -> Any:
        """Add ``delta`` to the value (not differentiable).

        >>> import minigrad.tf as tf
        >>> v = tf.Variable(1.)
        >>> v.assign_add(2.).numpy()
        np.float32(3.0)
        """
        out = self._write(self._data + _to_array(delta, self.dtype))
        return out if read_value else None

    def assign_sub(self, delta: Any, use_locking: Any = None, name: Any = None,
                   read_value: bool = True) -> Any:
        """Subtract ``delta`` from the value (not differentiable).

        >>> import minigrad.tf as tf
        >>> v = tf.Variable(1.)
        >>> v.assign_sub(2.).numpy()
        np.float32(-1.0)
        """
        out = self._write(self._data - _to_array(delta, self.dtype))
        return out if read_value else None

    def __repr__(self) -> str:
        return (f"<tf.Variable '{self._name}' shape={self.shape} dtype={self.dtype.name}, "
                f"numpy={_text(self._data, True)}>")

    __str__ = __repr__

    def _refuse(self, other: Any) -> Any:
        raise RuntimeError(_errors.VARIABLE_INPLACE)

    __iadd__ = __isub__ = __imul__ = __itruediv__ = _refuse


def accessed(value: Any) -> Any:
    """Tell the recorders that watch variable reads (tapes, custom_gradient) that ``value`` is
    read, if it is a variable; returns ``value``."""
    if isinstance(value, Variable):
        for recorder in _mode.active_recorders():
            notify = getattr(recorder, "variable_accessed", None)
            if notify is not None:
                notify(value)
    return value


class ResourceVariable(Variable):
    """The class of every variable (``type(v).__name__`` is ``ResourceVariable``, as in TensorFlow)."""


class _UnreadVariable(Variable):
    """What ``assign`` returns in eager TensorFlow: the same variable, shown as 'UnreadVariable'.

    >>> import minigrad.tf as tf
    >>> tf.Variable(2.).assign(5.)
    <tf.Variable 'UnreadVariable' shape=() dtype=float32, numpy=5.0>
    """

    # The value is always the variable's own (a property over the slot of the core Tensor).
    _data = property(lambda self: self._parent._data,
                     lambda self, value: setattr(self._parent, "_data", value))

    @classmethod
    def of(cls, parent: Variable) -> "_UnreadVariable":
        out = object.__new__(cls)
        # Tapes do not watch it (tensorflow 2.21: gradients through it are None).
        out.__dict__.update(_parent=parent, _trainable=False, _name="UnreadVariable",
                            _constraint=parent._constraint, _uid=parent._uid)
        out._requires_grad, out._grad, out.grad_fn, out._output_nr = False, None, None, 0
        out._version, out._accumulator, out._hooks, out._post_hooks = parent._version, None, None, None
        out._retains_grad = False
        return out

    def _write(self, array: np.ndarray) -> "Variable":
        return self._parent._write(array)


_VARIABLES: weakref.WeakValueDictionary = weakref.WeakValueDictionary()   # every live variable, in order
_COUNT = itertools.count()


def _glorot_uniform(shape: tuple, dtype: np.dtype) -> np.ndarray:
    # TF1's default initializer for get_variable: U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out)).
    if len(shape) == 0:
        fan_in = fan_out = 1
    elif len(shape) == 1:
        fan_in = fan_out = shape[0]
    else:
        receptive = int(np.prod(shape[:-2]))
        fan_in, fan_out = shape[-2] * receptive, shape[-1] * receptive
    limit = np.sqrt(6.0 / max(1.0, (fan_in + fan_out)))
    from .random import _generator
    return _generator().uniform(-limit, limit, shape).astype(dtype)


_GET_VARIABLE: dict = {}


def get_variable(name: str, shape: Any = None, dtype: Any = None, initializer: Any = None,
                 regularizer: Any = None, trainable: bool | None = None, collections: Any = None,
                 caching_device: Any = None, partitioner: Any = None, validate_shape: bool = True,
                 use_resource: Any = None, custom_getter: Any = None, constraint: Any = None,
                 synchronization: Any = None, aggregation: Any = None) -> Variable:
    """TF1's named variable (glorot_uniform random values when no initializer is given).

    >>> import minigrad.tf as tf
    >>> with tf.Graph().as_default():
    ...     w = tf.get_variable("w1", shape=[3])
    >>> w.name, w.shape, bool(tf.reduce_all(tf.abs(w) <= (6 / 6) ** 0.5))
    ('w1:0', TensorShape([3]), True)
    """
    if name in _GET_VARIABLE:
        raise ValueError(_errors.variable_exists(name))
    np_dtype = as_dtype(dtype or float32).numpy_dtype
    shape = tuple(int(s) for s in (shape or ())) if not isinstance(shape, int) else (shape,)
    if initializer is None:
        value: Any = _glorot_uniform(shape, np_dtype)
    elif callable(initializer):
        value = initializer(shape, dtype=as_dtype(np_dtype))
    else:
        value = _to_array(initializer, np_dtype)
        shape = shape or value.shape
    value = np.broadcast_to(_to_array(value, np_dtype), shape) if shape else _to_array(value, np_dtype)
    variable = Variable(value, trainable=trainable, name=name, dtype=np_dtype, constraint=constraint)
    _GET_VARIABLE[name] = variable
    return variable


_mode.register_global_recorder(GRAPH)
