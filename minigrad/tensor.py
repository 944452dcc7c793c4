"""The one core Tensor: a NumPy array with requires_grad, grad, grad_fn and a version counter
shared by every view of the same storage. Dialects subclass it for their own printing and names.
"""
from __future__ import annotations

import builtins
import math
import operator
import warnings
from typing import Any, Callable, Sequence

import numpy as np

from . import _printing


class dtype:
    """A torch dtype (``minigrad.float32``), standing for a NumPy dtype."""

    def __init__(self, name: str, numpy: Any) -> None:
        self.name, self.numpy = name, np.dtype(numpy)
        self.is_floating_point = self.numpy.kind == "f"
        self.is_complex = self.numpy.kind == "c"
        self.itemsize = self.numpy.itemsize

    def __repr__(self) -> str:
        return "torch." + self.name

    def __reduce__(self) -> str:
        return self.name


float16 = half = dtype("float16", np.float16)
float32 = dtype("float32", np.float32)
float64 = dtype("float64", np.float64)
int8, int16 = dtype("int8", np.int8), dtype("int16", np.int16)
int32 = dtype("int32", np.int32)
int64 = dtype("int64", np.int64)
uint8 = dtype("uint8", np.uint8)
bool_ = dtype("bool", np.bool_)
float, double, long, int, short = float32, float64, int64, int32, int16  # noqa: A001 (torch's names)
_BY_NUMPY = {d.numpy: d for d in (float16, float32, float64, int8, int16, int32, int64, uint8, bool_)}
_DEFAULT_FLOAT = np.dtype(np.float32)


def to_numpy_dtype(d: Any) -> np.dtype | None:
    """A NumPy dtype for a torch dtype, a NumPy dtype or a Python type (None stays None)."""
    if d is None:
        return None
    if isinstance(d, dtype):
        return d.numpy
    if d is builtins.float:
        return _DEFAULT_FLOAT
    numpy_dtype = getattr(d, "numpy_dtype", None)      # a dialect's dtype object
    return np.dtype(numpy_dtype if numpy_dtype is not None else d)


def _category(d: np.dtype) -> int:
    return {"b": 0, "u": 1, "i": 1, "f": 2, "c": 3}[d.kind]


def promote(args: Sequence[Any], floating: bool = False) -> np.dtype:
    """torch's type promotion: tensors with dimensions outrank 0-d tensors, which outrank
    Python scalars; a lower rank only matters when it is of a higher category (bool < int <
    float), and a Python float then means the default float32."""
    if len(args) == 2:      # the common cases, decided without the general walk below
        a, b = args
        if isinstance(a, Tensor):
            d = a._data.dtype
            if (isinstance(b, Tensor) and b._data.dtype == d) or (
                    type(b) is builtins.float and d.kind == "f") or (
                    type(b) is builtins.int and d.kind in "fiu"):
                return d if d.kind in "fc" or not floating else _DEFAULT_FLOAT
        elif isinstance(b, Tensor):
            d = b._data.dtype
            if (type(a) is builtins.float and d.kind == "f") or (type(a) is builtins.int and d.kind in "fiu"):
                return d if d.kind in "fc" or not floating else _DEFAULT_FLOAT
    tiers: list[np.dtype | None] = [None, None, None]
    for a in args:
        if isinstance(a, Tensor):
            d, tier = a._data.dtype, 0 if a._data.ndim else 1
        elif isinstance(a, np.ndarray):
            d, tier = a.dtype, 0 if a.ndim else 1
        elif isinstance(a, (builtins.bool, np.bool_)):
            d, tier = np.dtype(np.bool_), 2
        elif isinstance(a, (builtins.int, np.integer)):
            d, tier = np.dtype(np.int64), 2
        elif isinstance(a, (builtins.float, np.floating)):
            d, tier = _DEFAULT_FLOAT, 2
        else:
            d, tier = _infer(np.asarray(a)).dtype, 0
        old = tiers[tier]
        if old is None:
            tiers[tier] = d
        elif _category(d) != _category(old):
            tiers[tier] = d if _category(d) > _category(old) else old
        elif tier < 2:
            tiers[tier] = np.promote_types(old, d)
    result = None
    for d in tiers:
        if d is not None and (result is None or _category(d) > _category(result)):
            result = d
    if result is None:
        result = _DEFAULT_FLOAT
    if floating and result.kind not in "fc":
        result = _DEFAULT_FLOAT
    return result


def _infer(array: np.ndarray) -> np.ndarray:
    """Python data as torch reads it: floats become float32, ints int64, bools bool."""
    if array.dtype.kind == "f" and array.dtype != _DEFAULT_FLOAT:
        return array.astype(_DEFAULT_FLOAT)
    if array.dtype.kind in "iu" and array.dtype != np.int64:
        return array.astype(np.int64)
    return array


def as_array(data: Any, dtype: Any = None) -> np.ndarray:
    """An array from any data torch accepts, with torch's error for what it does not."""
    want = to_numpy_dtype(dtype)
    if isinstance(data, Tensor):
        array = data._data
    elif isinstance(data, np.ndarray):
        array = data
    else:
        _check_nested(data)
        array = np.array(data) if want is not None else _infer(np.array(data))   # no float32 detour
    if array.dtype.kind in "OUSV":
        raise TypeError(f"can't convert np.ndarray of type {array.dtype}. The only supported types are: "
                        "float64, float32, float16, complex64, complex128, int64, int32, int16, int8, "
                        "uint64, uint32, uint16, uint8, and bool.")
    return array.astype(want) if want is not None and array.dtype != want else array


def _check_nested(data: Any) -> None:
    """torch's errors for Python data that is not a rectangular nest of numbers (checked level by
    level, without recursion)."""
    if isinstance(data, str):
        raise TypeError("new(): invalid data type 'str'")
    level, dim = [data], 0
    while level:
        seqs = [x for x in level if isinstance(x, (list, tuple))]
        if not seqs:
            for x in level:
                if isinstance(x, str):
                    if dim:
                        raise ValueError("too many dimensions 'str'")
                    raise TypeError("new(): invalid data type 'str'")
                if not isinstance(x, (builtins.int, builtins.float, builtins.bool, complex, np.generic,
                                      np.ndarray, Tensor)):
                    raise RuntimeError(f"Could not infer dtype of {type(x).__name__}")
            return
        if len(seqs) != len(level):
            raise TypeError("'list' object cannot be interpreted as an integer")
        length = len(seqs[0])
        for x in seqs:
            if len(x) != length:
                raise ValueError(f"expected sequence of length {length} at dim {dim} (got {len(x)})")
        level, dim = [y for x in seqs for y in x], dim + 1


_T_WARNED = [False, False]      # x.T's deprecation warnings (other than 2-D, 0-D), given once


class Tensor:
    """An n-dimensional array that can record the ops applied to it.

    >>> import minigrad as torch
    >>> x = torch.tensor([1., 2.], requires_grad=True)
    >>> (x * x).sum()
    tensor(5., grad_fn=<SumBackward0>)
    """

    __slots__ = ("_data", "_requires_grad", "_grad", "grad_fn", "_output_nr", "_version",
                 "_accumulator", "_hooks", "_post_hooks", "_retains_grad", "__weakref__", "__dict__")
    __array_priority__ = 1000   # NumPy defers to our operators: array * tensor is a Tensor

    def __init__(self, data: Any = (), dtype: Any = None, requires_grad: bool = False) -> None:
        array = as_array(data, dtype)
        if dtype is None and array.dtype.kind in "iub" and not isinstance(data, (Tensor, np.ndarray)):
            array = array.astype(_DEFAULT_FLOAT)     # torch.Tensor([1, 2]) is float32
        self._init(array, False)
        if requires_grad:
            self.requires_grad = True

    def _init(self, array: np.ndarray, requires_grad: bool) -> None:
        self._data, self._requires_grad, self._grad, self.grad_fn = array, requires_grad, None, None
        self._output_nr, self._version, self._accumulator = 0, [0], None
        self._hooks = self._post_hooks = None
        self._retains_grad = False

    @classmethod
    def _make(cls, array: np.ndarray, requires_grad: bool) -> "Tensor":
        """A new tensor of this class around ``array`` (no copy, no checks)."""
        t = object.__new__(cls)
        t._data, t._requires_grad, t._grad, t.grad_fn = array, requires_grad, None, None
        t._output_nr, t._version, t._accumulator = 0, [0], None
        t._hooks = t._post_hooks = None
        t._retains_grad = False
        return t

    # ----- state ---------------------------------------------------------------------------
    @property
    def requires_grad(self) -> bool:
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value: bool) -> None:
        if self.grad_fn is not None:
            raise RuntimeError("you can only change requires_grad flags of leaf variables." + (
                "" if value else " If you want to use a computed variable in a subgraph that doesn't "
                "require differentiation use var_no_grad = var.detach()."))
        if value and self._data.dtype.kind not in "fc":
            raise RuntimeError("only Tensors of floating point and complex dtype can require gradients")
        self._requires_grad = bool(value)

    def requires_grad_(self, requires_grad: bool = True) -> "Tensor":
        """Set ``requires_grad`` in place and return the tensor.

        >>> import minigrad as torch
        >>> torch.tensor(2.).requires_grad_()
        tensor(2., requires_grad=True)
        """
        if not isinstance(requires_grad, (builtins.bool, np.bool_)):
            raise TypeError("requires_grad_(): argument 'requires_grad' (position 1) must be bool, not "
                            f"{type(requires_grad).__name__}")
        if self.grad_fn is not None:
            if requires_grad:
                return self
            raise RuntimeError(
                "you can only change requires_grad flags of leaf variables. If you want to use a "
                "computed variable in a subgraph that doesn't require differentiation use "
                "var_no_grad = var.detach().")
        if requires_grad and self._data.dtype.kind not in "fc":
            raise RuntimeError("only Tensors of floating point dtype can require gradients")
        self._requires_grad = bool(requires_grad)
        return self

    @property
    def grad(self) -> "Tensor | None":
        if self.grad_fn is not None and not self._retains_grad:
            warnings.warn(
                "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its "
                ".grad attribute won't be populated during autograd.backward(). If you indeed want "
                "the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the "
                "non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access "
                "the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more "
                "information.", UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value: "Tensor | None") -> None:
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(f"assigned grad expected to be a Tensor or None but got grad of "
                                f"type {type(value).__name__}")
            if value._data.shape != self._data.shape:
                raise RuntimeError("assigned grad has data of a different size")
        self._grad = value

    @property
    def is_leaf(self) -> bool:
        return self.grad_fn is None

    @property
    def retains_grad(self) -> bool:
        return self._retains_grad

    @property
    def output_nr(self) -> int:
        return self._output_nr

    @property
    def data(self) -> "Tensor":
        """The same storage, detached from the graph (as torch's ``.data``)."""
        return self.detach()

    @data.setter
    def data(self, value: "Tensor") -> None:
        self._data = value._data if isinstance(value, Tensor) else np.asarray(value)

    @property
    def _version_number(self) -> int:
        return self._version[0]

    def retain_grad(self) -> None:
        """Fill ``.grad`` of this non-leaf tensor during backward (a no-op on a leaf)."""
        if not self._requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self.grad_fn is None or self._retains_grad:
            return
        import weakref
        node = self.grad_fn
        if node.retained is None:
            node.retained = {}
        node.retained[self._output_nr] = weakref.ref(self)
        self._retains_grad = True

    def register_hook(self, hook: Callable) -> Any:
        """Call ``hook(grad)`` when this tensor's gradient is computed; a returned tensor
        replaces the gradient. Returns a handle with ``remove()``."""
        from .autograd.graph import RemovableHandle
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self.grad_fn is None:
            if self._hooks is None:
                self._hooks = []
            return RemovableHandle(self._hooks, hook)
        node = self.grad_fn
        if node.tensor_hooks is None:
            node.tensor_hooks = {}
        return RemovableHandle(node.tensor_hooks.setdefault(self._output_nr, []), hook)

    def register_post_accumulate_grad_hook(self, hook: Callable) -> Any:
        """Call ``hook(tensor)`` after a backward has accumulated into this leaf's ``.grad``."""
        from .autograd.graph import RemovableHandle
        if self.grad_fn is not None:
            raise RuntimeError("post accumulate grad hooks cannot be registered on non-leaf tensors")
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self._post_hooks is None:
            self._post_hooks = []
        return RemovableHandle(self._post_hooks, hook)

    def backward(self, gradient: Any = None, retain_graph: bool | None = None,
                 create_graph: bool = False, inputs: Any = None) -> None:
        """Accumulate the gradient of this tensor into the ``.grad`` of the leaves.

        >>> import minigrad as torch
        >>> x = torch.tensor(2., requires_grad=True)
        >>> (x * x).backward(); x.grad
        tensor(4.)
        """
        from .autograd.grad import backward
        backward(self, gradient, retain_graph, create_graph, inputs=inputs)

    # ----- conversion and metadata ----------------------------------------------------------
    @property
    def shape(self) -> "Size":
        return Size(self._data.shape)

    def size(self, dim: int | None = None) -> Any:
        return Size(self._data.shape) if dim is None else self._data.shape[dim]

    @property
    def dtype(self) -> dtype:
        return _BY_NUMPY[self._data.dtype]

    @property
    def ndim(self) -> int:
        return self._data.ndim

    def dim(self) -> int:
        return self._data.ndim

    def numel(self) -> int:
        return self._data.size

    def nelement(self) -> int:
        return self._data.size

    def __len__(self) -> int:
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    @property
    def device(self) -> str:
        return "cpu"

    def is_floating_point(self) -> bool:
        return self._data.dtype.kind == "f"

    def _scalar(self) -> Any:
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self._data.item()

    def item(self) -> Any:
        if self._data.size != 1:
            raise RuntimeError(f"a Tensor with {self._data.size} elements cannot be converted to Scalar")
        return self._data.item()

    def tolist(self) -> Any:
        return self._data.tolist()

    def numpy(self, force: bool = False) -> np.ndarray:
        if self._requires_grad and not force:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. "
                               "Use tensor.detach().numpy() instead.")
        return self._data

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self._data if dtype is None else self._data.astype(dtype)

    def __float__(self) -> float:
        return builtins.float(self._scalar())

    def __int__(self) -> int:
        return builtins.int(self._scalar())

    def __bool__(self) -> bool:
        if self._data.size != 1:
            raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
        return builtins.bool(self._data.item())

    def __index__(self) -> int:
        return operator.index(self._data.item())

    def __hash__(self) -> int:
        return id(self)

    def __iter__(self) -> Any:
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._data.shape[0]))

    def __repr__(self) -> str:
        prefix = "tensor("
        body = _printing.array_str(self._data, len(prefix))
        suffixes = []
        if self._data.size == 0 and self._data.shape != (0,):
            suffixes.append(f"size={tuple(self._data.shape)}")
        # an empty tensor has no elements to show an int64 or bool dtype by, so torch names it
        implied = (_DEFAULT_FLOAT,) if self._data.size == 0 else (_DEFAULT_FLOAT, np.dtype(np.int64),
                                                                  np.dtype(np.bool_))
        if self._data.dtype not in implied:
            suffixes.append(f"dtype={self.dtype!r}")
        if self.grad_fn is not None:
            suffixes.append(f"grad_fn=<{self.grad_fn.name()}>")
        elif self._requires_grad:
            suffixes.append("requires_grad=True")
        return _printing.add_suffixes(prefix + body, suffixes, len(prefix))

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        if self._data.ndim == 0:
            return self._data.item().__format__(spec)
        return repr(self).__format__(spec)

    def _cast(self, np_dtype: np.dtype) -> "Tensor":
        """Differentiable dtype conversion (engine use)."""
        return ops.to_dtype(self, dtype=np.dtype(np_dtype))

    def detach(self) -> "Tensor":
        """A new leaf sharing this tensor's storage and version counter, outside the graph."""
        out = type(self)._make(self._data, False)
        out._version = self._version
        return out

    def detach_(self) -> "Tensor":
        self.grad_fn, self._requires_grad = None, False
        return self

    def clone(self) -> "Tensor":
        return ops.clone(self)

    def to(self, *args: Any, **kwargs: Any) -> "Tensor":
        """Convert to a dtype (devices other than the CPU are not available)."""
        target = kwargs.get("dtype")
        for a in args:
            if isinstance(a, dtype):
                target = a
            elif isinstance(a, Tensor):
                target = a.dtype
        if target is None or to_numpy_dtype(target) == self._data.dtype:
            return self
        return ops.to_dtype(self, dtype=to_numpy_dtype(target))

    def type(self, dtype: Any = None) -> Any:
        return self.to(dtype) if dtype is not None else "torch." + {
            "float32": "FloatTensor", "float64": "DoubleTensor", "int64": "LongTensor",
            "bool": "BoolTensor", "int32": "IntTensor"}.get(self._data.dtype.name, "Tensor")

    def float(self) -> "Tensor":
        return self.to(float32)

    def double(self) -> "Tensor":
        return self.to(float64)

    def long(self) -> "Tensor":
        return self.to(int64)

    def int(self) -> "Tensor":
        return self.to(int32)

    def bool(self) -> "Tensor":
        return self.to(bool_)

    def half(self) -> "Tensor":
        return self.to(float16)

    def cpu(self) -> "Tensor":
        return self

    def contiguous(self) -> "Tensor":
        return self

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        raise NotImplementedError(f"minigrad does not implement torch.Tensor.{name}; the README "
                                  "lists what it covers")

    # ----- arithmetic ------------------------------------------------------------------------
    def __add__(self, other: Any) -> "Tensor":
        if type(other) is not Tensor and not _operand(other):
            return NotImplemented
        return ops.add(self, other)

    def __radd__(self, other: Any) -> "Tensor":
        if not _operand(other):
            return NotImplemented
        return ops.add(other, self)

    def __sub__(self, other: Any) -> "Tensor":
        if type(other) is not Tensor and not _operand(other):
            return NotImplemented
        return ops.sub(self, other)

    def __rsub__(self, other: Any) -> "Tensor":
        if not _operand(other):
            return NotImplemented
        return ops.rsub(self, other)

    def __mul__(self, other: Any) -> "Tensor":
        if type(other) is not Tensor and not _operand(other):
            return NotImplemented
        return ops.mul(self, other)

    def __rmul__(self, other: Any) -> "Tensor":
        if not _operand(other):
            return NotImplemented
        return ops.mul(other, self)

    def __truediv__(self, other: Any) -> "Tensor":
        if not _operand(other):
            return NotImplemented
        return ops.div(self, other)

    def __rtruediv__(self, other: Any) -> "Tensor":
        if not _operand(other):
            return NotImplemented
        return ops.mul(ops.reciprocal(self), other)

    def __pow__(self, exponent: Any) -> "Tensor":
        if not _operand(exponent):
            return NotImplemented
        return ops.pow(self, exponent)

    def __rpow__(self, base: Any) -> "Tensor":
        if not _operand(base):
            return NotImplemented
        return ops.pow(base, self)

    def __matmul__(self, other: Any) -> "Tensor":
        if not _operand(other):
            return NotImplemented
        return ops.matmul(self, other)

    def __rmatmul__(self, other: Any) -> "Tensor":
        if not _operand(other):
            return NotImplemented
        return ops.matmul(other, self)

    def __neg__(self) -> "Tensor":
        return ops.neg(self)

    def __pos__(self) -> "Tensor":
        return self

    def __abs__(self) -> "Tensor":
        return ops.abs(self)

    def __getitem__(self, key: Any) -> "Tensor":
        return ops.getitem(self, key)

    def __setitem__(self, key: Any, value: Any) -> None:
        ops.setitem(self, key, value)

    def __eq__(self, other: Any) -> "Tensor":  # type: ignore[override]
        if other is None:
            return False            # torch: a tensor never equals None
        return ops.eq(self, other)

    def __ne__(self, other: Any) -> "Tensor":  # type: ignore[override]
        if other is None:
            return True
        return ops.ne(self, other)

    def __lt__(self, other: Any) -> "Tensor":
        if not _operand(other):
            return NotImplemented
        return ops.lt(self, other)

    def __le__(self, other: Any) -> "Tensor":
        if not _operand(other):
            return NotImplemented
        return ops.le(self, other)

    def __gt__(self, other: Any) -> "Tensor":
        if not _operand(other):
            return NotImplemented
        return ops.gt(self, other)

    def __ge__(self, other: Any) -> "Tensor":
        if not _operand(other):
            return NotImplemented
        return ops.ge(self, other)

    def __invert__(self) -> "Tensor":
        return ops.logical_not(self)

    def __and__(self, other: Any) -> "Tensor":
        if not _operand(other):
            return NotImplemented
        return ops.logical_and(self, other)

    def __or__(self, other: Any) -> "Tensor":
        if not _operand(other):
            return NotImplemented
        return ops.logical_or(self, other)

    # In-place arithmetic rebases this tensor onto a new node (see ops.inplace).
    def __iadd__(self, other: Any) -> "Tensor":
        return self.add_(other)

    def __isub__(self, other: Any) -> "Tensor":
        return self.sub_(other)

    def __imul__(self, other: Any) -> "Tensor":
        return self.mul_(other)

    def __itruediv__(self, other: Any) -> "Tensor":
        return self.div_(other)

    def add(self, other: Any, alpha: Any = 1) -> "Tensor":
        return ops.add(self, other if alpha == 1 else ops.mul(other, alpha))

    def sub(self, other: Any, alpha: Any = 1) -> "Tensor":
        return ops.sub(self, other if alpha == 1 else ops.mul(other, alpha))

    def mul(self, other: Any) -> "Tensor":
        return ops.mul(self, other)

    def div(self, other: Any) -> "Tensor":
        return ops.div(self, other)

    def pow(self, exponent: Any) -> "Tensor":
        return ops.pow(self, exponent)

    def square(self) -> "Tensor":
        return ops.pow(self, 2)

    def neg(self) -> "Tensor":
        return ops.neg(self)

    def reciprocal(self) -> "Tensor":
        return ops.reciprocal(self)

    def exp(self) -> "Tensor":
        return ops.exp(self)

    def log(self) -> "Tensor":
        return ops.log(self)

    def sqrt(self) -> "Tensor":
        return ops.sqrt(self)

    def sin(self) -> "Tensor":
        return ops.sin(self)

    def cos(self) -> "Tensor":
        return ops.cos(self)

    def tanh(self) -> "Tensor":
        return ops.tanh(self)

    def sigmoid(self) -> "Tensor":
        return ops.sigmoid(self)

    def relu(self) -> "Tensor":
        return ops.relu(self)

    def norm(self, p: Any = "fro", dim: Any = None, keepdim: bool = False, dtype: Any = None) -> "Tensor":
        return ops.norm(self, p, dim, keepdim, dtype)

    def abs(self) -> "Tensor":
        return ops.abs(self)

    def sign(self) -> "Tensor":
        return ops.sign(self)

    def clamp(self, min: Any = None, max: Any = None) -> "Tensor":
        return ops.clamp(self, min, max)

    clip = clamp

    def maximum(self, other: "Tensor") -> "Tensor":
        return ops.maximum(self, other)

    def minimum(self, other: "Tensor") -> "Tensor":
        return ops.minimum(self, other)

    def eq(self, other: Any) -> "Tensor":
        return ops.eq(self, other)

    # ----- reductions ------------------------------------------------------------------------
    def sum(self, dim: Any = None, keepdim: bool = False, dtype: Any = None) -> "Tensor":
        return ops.sum(self, dim, keepdim, dtype=dtype)

    def mean(self, dim: Any = None, keepdim: bool = False) -> "Tensor":
        return ops.mean(self, dim, keepdim)

    def prod(self, dim: Any = None, keepdim: bool = False, dtype: Any = None) -> "Tensor":
        return ops.prod(self, dim, keepdim, dtype=dtype)

    def max(self, dim: Any = None, keepdim: bool = False) -> Any:
        return ops.max(self, dim, keepdim)

    def min(self, dim: Any = None, keepdim: bool = False) -> Any:
        return ops.min(self, dim, keepdim)

    def amax(self, dim: Any = (), keepdim: bool = False) -> "Tensor":
        return ops.amax(self, dim, keepdim)

    def amin(self, dim: Any = (), keepdim: bool = False) -> "Tensor":
        return ops.amin(self, dim, keepdim)

    def var(self, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,
            correction: Any = None) -> "Tensor":
        return ops.var(self, dim, unbiased, keepdim, correction=correction)

    def std(self, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,
            correction: Any = None) -> "Tensor":
        return ops.std(self, dim, unbiased, keepdim, correction=correction)

    def argmax(self, dim: Any = None, keepdim: bool = False) -> "Tensor":
        return ops.argmax(self, dim, keepdim)

    def argmin(self, dim: Any = None, keepdim: bool = False) -> "Tensor":
        return ops.argmin(self, dim, keepdim)

    def softmax(self, dim: int, dtype: Any = None) -> "Tensor":
        return ops.softmax(self, dim, dtype)

    def log_softmax(self, dim: int, dtype: Any = None) -> "Tensor":
        return ops.log_softmax(self, dim, dtype)

    def logsumexp(self, dim: Any, keepdim: bool = False) -> "Tensor":
        return ops.logsumexp(self, dim, keepdim)

    def all(self) -> "Tensor":
        return type(self)._make(np.asarray(self._data.all()), False)

    def any(self) -> "Tensor":
        return type(self)._make(np.asarray(self._data.any()), False)

    # ----- shape -----------------------------------------------------------------------------
    def reshape(self, *shape: Any) -> "Tensor":
        return ops.reshape(self, *shape)

    def view(self, *shape: Any) -> "Tensor":
        if len(shape) == 1 and isinstance(shape[0], dtype):
            raise NotImplementedError("minigrad does not implement Tensor.view(dtype)")
        return ops.view(self, *shape)

    def view_as(self, other: "Tensor") -> "Tensor":
        return ops.view(self, *other.shape)

    def reshape_as(self, other: "Tensor") -> "Tensor":
        return ops.reshape(self, *other.shape)

    def flatten(self, start_dim: int = 0, end_dim: int = -1) -> "Tensor":
        return ops.flatten(self, start_dim, end_dim)

    def transpose(self, dim0: int, dim1: int) -> "Tensor":
        return ops.transpose(self, dim0, dim1)

    def t(self) -> "Tensor":
        return ops.t(self)

    def permute(self, *dims: Any) -> "Tensor":
        return ops.permute(self, *dims)

    @property
    def T(self) -> "Tensor":
        ndim = self._data.ndim
        if ndim != 2 and not _T_WARNED[ndim == 0]:      # torch warns once per process
            _T_WARNED[ndim == 0] = True
            warnings.warn("Tensor.T is deprecated on 0-D tensors. This function is the identity in these "
                          "cases." if ndim == 0 else
                          "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is "
                          "deprecated and it will throw an error in a future release. Consider `x.mT` to "
                          "transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` "
                          "to reverse the dimensions of a tensor.", UserWarning, stacklevel=2)
        return ops.permute(self, tuple(reversed(range(ndim))))

    @property
    def mT(self) -> "Tensor":
        return ops.transpose(self, -2, -1)

    def squeeze(self, dim: Any = None) -> "Tensor":
        return ops.squeeze(self, dim)

    def unsqueeze(self, dim: int) -> "Tensor":
        return ops.unsqueeze(self, dim)

    def expand(self, *sizes: Any) -> "Tensor":
        return ops.expand(self, *sizes)

    def expand_as(self, other: "Tensor") -> "Tensor":
        return ops.expand(self, *other.shape)

    def matmul(self, other: "Tensor") -> "Tensor":
        return ops.matmul(self, other)

    def mm(self, other: "Tensor") -> "Tensor":
        return ops.mm(self, other)

    def bmm(self, other: "Tensor") -> "Tensor":
        return ops.bmm(self, other)

    def dot(self, other: "Tensor") -> "Tensor":
        return ops.dot(self, other)

    def mv(self, vec: "Tensor") -> "Tensor":
        return ops.mv(self, vec)

    # ----- in-place --------------------------------------------------------------------------
    def add_(self, other: Any, alpha: Any = 1) -> "Tensor":
        return ops.inplace(self, ops.add, other if alpha == 1 else ops.mul(other, alpha))

    def sub_(self, other: Any, alpha: Any = 1) -> "Tensor":
        return ops.inplace(self, ops.sub, other if alpha == 1 else ops.mul(other, alpha))

    def mul_(self, other: Any) -> "Tensor":
        return ops.inplace(self, ops.mul, other)

    def div_(self, other: Any) -> "Tensor":
        return ops.inplace(self, ops.div, other)

    def pow_(self, exponent: Any) -> "Tensor":
        return ops.inplace(self, ops.pow, exponent)

    def exp_(self) -> "Tensor":
        return ops.inplace(self, ops.exp)

    def relu_(self) -> "Tensor":
        return ops.inplace(self, ops.relu)

    def clamp_(self, min: Any = None, max: Any = None) -> "Tensor":
        return ops.inplace(self, ops.clamp, min, max)

    def neg_(self) -> "Tensor":
        return ops.inplace(self, ops.neg)

    def zero_(self) -> "Tensor":
        return ops.inplace(self, ops.zero)

    def fill_(self, value: Any) -> "Tensor":
        return ops.inplace(self, ops.fill, value)

    def copy_(self, src: "Tensor") -> "Tensor":
        return ops.inplace(self, ops.copy, src)

    def normal_(self, mean: float = 0.0, std: float = 1.0, *, generator: Any = None) -> "Tensor":
        from .creation import _generator
        return ops.inplace(self, ops.fill, _generator(generator).normal(mean, std, self._data.shape,
                                                                         self._data.dtype))

    def uniform_(self, a: float = 0.0, b: float = 1.0, *, generator: Any = None) -> "Tensor":
        from .creation import _generator
        return ops.inplace(self, ops.fill, _generator(generator).uniform(a, b, self._data.shape,
                                                                          self._data.dtype))


def _operand(value: Any) -> bool:
    """Whether ``value`` can take part in arithmetic with a tensor (else Python's own TypeError,
    "unsupported operand type(s)", as torch gives)."""
    return isinstance(value, (Tensor, np.ndarray, np.generic, builtins.int, builtins.float, builtins.bool,
                              complex, list, tuple))


class Size(tuple):
    """The shape of a tensor, printed as torch prints it: ``torch.Size([2, 3])``."""

    def __repr__(self) -> str:
        return f"torch.Size([{', '.join(str(s) for s in self)}])"

    def numel(self) -> int:
        return math.prod(self)


from . import ops  # noqa: E402  (the op tables need Tensor defined first)
