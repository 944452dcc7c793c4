"""``mindspore.nn``: Cell (parameters registered by attribute and named after it), Dense, a few
activations and losses.

>>> import minigrad.ms as ms
>>> from minigrad.ms import nn
>>> class Net(nn.Cell):
...     def __init__(self):
...         super().__init__()
...         self.dense = nn.Dense(3, 2)
...         self.z = ms.Parameter(ms.Tensor(1.0), name='z')
...     def construct(self, x):
...         return self.dense(x) * self.z
>>> [p.name for p in Net().trainable_params()]
['z', 'dense.weight', 'dense.bias']
"""
from __future__ import annotations

import math
from collections import OrderedDict
from typing import Any, Iterator

import numpy as np

from . import _errors, ops
from ._tensor import Parameter, ParameterTuple, Tensor


class Cell:
    """The base of networks: ``construct`` is the forward pass, ``cell(x)`` calls it.

    Parameters assigned as attributes are registered (an unnamed one takes the attribute's name);
    a cell assigned to another prefixes its parameters' names with the attribute (``net.z``).
    """

    def __init__(self, auto_prefix: bool = True, flags: Any = None) -> None:
        object.__setattr__(self, "_params", OrderedDict())
        object.__setattr__(self, "_cells", OrderedDict())
        object.__setattr__(self, "training", False)

    def __setattr__(self, name: str, value: Any) -> None:
        params, cells = self.__dict__.get("_params"), self.__dict__.get("_cells")
        if params is not None:
            params.pop(name, None)
            cells.pop(name, None)
            if isinstance(value, Parameter):
                if not value._named:
                    value.name, value._named = name, True
                params[name] = value
            elif isinstance(value, Cell):
                for p in value.get_parameters():
                    p.name = f"{name}.{p.name}"
                cells[name] = value
        object.__setattr__(self, name, value)

    def construct(self, *args: Any, **kwargs: Any) -> Any:
        raise _errors.no_construct(type(self).__name__)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.construct(*args, **kwargs)

    @property
    def cls_name(self) -> str:
        return type(self).__name__

    def _walk(self) -> Iterator["Cell"]:
        """This cell and its sub-cells, depth first in registration order (no recursion)."""
        stack = [self]
        while stack:
            cell = stack.pop()
            yield cell
            stack.extend(reversed(list(cell._cells.values())))

    def get_parameters(self, expand: bool = True) -> Iterator[Parameter]:
        """Every parameter: the cell's own first, then each sub-cell's."""
        seen = set()
        for cell in self._walk() if expand else [self]:
            for p in cell._params.values():
                if id(p) not in seen:
                    seen.add(id(p))
                    yield p

    def parameters_and_names(self, name_prefix: str = "", expand: bool = True) -> Iterator[tuple]:
        for p in self.get_parameters(expand):
            yield (name_prefix + "." + p.name if name_prefix else p.name), p

    def parameters_dict(self, recurse: bool = True) -> "OrderedDict[str, Parameter]":
        return OrderedDict((p.name, p) for p in self.get_parameters(recurse))

    def trainable_params(self, recurse: bool = True) -> list:
        """The parameters with ``requires_grad=True``, in registration order."""
        return [p for p in self.get_parameters(recurse) if p.requires_grad]

    def untrainable_params(self, recurse: bool = True) -> list:
        return [p for p in self.get_parameters(recurse) if not p.requires_grad]

    def cells(self) -> list:
        return list(self._cells.values())

    def name_cells(self) -> "OrderedDict[str, Cell]":
        return OrderedDict(self._cells)

    def set_train(self, mode: bool = True) -> "Cell":
        for cell in self._walk():
            object.__setattr__(cell, "training", mode)
        return self

    def set_grad(self, requires_grad: bool = True) -> "Cell":
        return self

    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        extra = self.extra_repr()
        if not self._cells:
            return f"{self.cls_name}({extra})"
        lines = [extra] if extra else []
        for name, cell in self._cells.items():
            lines.append(f"({name}): " + repr(cell).replace("\n", "\n  "))
        return f"{self.cls_name}(\n  " + "\n  ".join(lines) + "\n)"


def _init(init: Any, shape: tuple, fan_in: int, rng: np.random.Generator) -> np.ndarray:
    """An initial value: a Tensor or array as given, 'ones'/'zeros'/'normal', or MindSpore's default
    uniform in ``[-1/sqrt(fan_in), 1/sqrt(fan_in)]`` (HeUniform with a = sqrt(5), as for torch)."""
    if init is None or init == "uniform_default":
        bound = 1 / math.sqrt(fan_in) if fan_in else 0.0
        return rng.uniform(-bound, bound, shape).astype(np.float32)
    if isinstance(init, str):
        name = init.lower()
        if name in ("ones", "one"):
            return np.ones(shape, np.float32)
        if name in ("zeros", "zero"):
            return np.zeros(shape, np.float32)
        if name == "normal":
            return rng.normal(0.0, 0.01, shape).astype(np.float32)
        raise _errors.unknown_initializer(init)
    array = init._data if isinstance(init, Tensor) else np.asarray(init, np.float32)
    return np.broadcast_to(array, shape).astype(array.dtype)


_rng = np.random.default_rng(0)


class Dense(Cell):
    """``nn.Dense(in_channels, out_channels, weight_init=None, bias_init=None, has_bias=True,
    activation=None)``: ``x @ weight.T + bias``; parameters ``weight`` (out, in) and ``bias`` (out,).

    >>> import minigrad.ms as ms
    >>> from minigrad.ms import nn
    >>> d = nn.Dense(3, 2, weight_init='ones', bias_init='zeros')
    >>> print(d(ms.Tensor([[1.0, 1.0, 1.0]])))
    [[3. 3.]]
    """

    def __init__(self, in_channels: int, out_channels: int, weight_init: Any = None, bias_init: Any = None,
                 has_bias: bool = True, activation: Any = None, dtype: Any = None) -> None:
        super().__init__()
        self.in_channels, self.out_channels, self.has_bias = in_channels, out_channels, has_bias
        self.weight = Parameter(Tensor(_init(weight_init, (out_channels, in_channels), in_channels, _rng)),
                                name="weight")
        if has_bias:
            self.bias = Parameter(Tensor(_init(bias_init, (out_channels,), in_channels, _rng)), name="bias")
        if isinstance(activation, str):
            activation = _ACTIVATIONS[activation.lower()]()
        self.activation = activation

    def construct(self, x: Tensor) -> Tensor:
        out = ops.matmul(x, ops.transpose(self.weight, (1, 0)))
        if self.has_bias:
            out = out + self.bias
        return self.activation(out) if self.activation is not None else out

    def extra_repr(self) -> str:
        text = (f"input_channels={self.in_channels}, output_channels={self.out_channels}, "
                f"has_bias={self.has_bias}")
        return text + (f", activation={self.activation!r}" if self.activation is not None else "")


class ReLU(Cell):
    """``max(x, 0)`` as a cell."""

    def construct(self, x: Tensor) -> Tensor:
        return ops.relu(x)


class Sigmoid(Cell):
    """``1 / (1 + e ** -x)`` as a cell."""

    def construct(self, x: Tensor) -> Tensor:
        return ops.sigmoid(x)


class Tanh(Cell):
    """Hyperbolic tangent as a cell."""

    def construct(self, x: Tensor) -> Tensor:
        return ops.tanh(x)


_ACTIVATIONS = {"relu": ReLU, "sigmoid": Sigmoid, "tanh": Tanh}


class SequentialCell(Cell):
    """Cells applied in order; their parameters are named ``0.weight``, ``1.bias``, ..."""

    def __init__(self, *args: Any) -> None:
        super().__init__()
        cells = args[0] if len(args) == 1 and isinstance(args[0], (list, tuple)) else args
        for i, cell in enumerate(cells):
            setattr(self, str(i), cell)

    def construct(self, x: Any) -> Any:
        for cell in self._cells.values():
            x = cell(x)
        return x

    def __getitem__(self, index: int) -> Cell:
        return list(self._cells.values())[index]

    def __len__(self) -> int:
        return len(self._cells)


class CellList(SequentialCell):
    """A list of cells (registered, not called in order)."""

    def construct(self, *args: Any) -> Any:
        raise _errors.cell_list_called()


class BCEWithLogitsLoss(Cell):
    """Binary cross-entropy on logits (``ops.binary_cross_entropy_with_logits``) as a cell."""

    def __init__(self, reduction: str = "mean", weight: Any = None, pos_weight: Any = None) -> None:
        super().__init__()
        self.reduction, self.weight, self.pos_weight = reduction, weight, pos_weight

    def construct(self, logits: Tensor, labels: Tensor) -> Tensor:
        return ops.binary_cross_entropy_with_logits(logits, labels, self.weight, self.pos_weight,
                                                    self.reduction)


class Flatten(Cell):
    """Keep axis 0, merge the rest: ``(N, ...) -> (N, -1)``."""

    def construct(self, x: Tensor) -> Tensor:
        return ops.reshape(x, (x.shape[0], -1))


class CrossEntropyLoss(Cell):
    """Softmax cross-entropy of logits ``(N, C)`` against Int32 class indices ``(N,)`` or class
    probabilities ``(N, C)``; ``reduction`` 'mean', 'sum' or 'none'."""

    def __init__(self, weight: Any = None, ignore_index: int = -100, reduction: str = "mean",
                 label_smoothing: float = 0.0) -> None:
        super().__init__()
        self.weight, self.reduction = weight, reduction

    def construct(self, logits: Tensor, labels: Tensor) -> Tensor:
        log_p = ops.log_softmax(logits, -1)
        if labels._data.dtype.kind in "iu":
            if labels._data.dtype != np.int32:
                raise _errors.labels_dtype("CrossEntropyLoss", labels.dtype)
            picked = log_p[np.arange(labels.shape[0]), labels._data]
            weights = None if self.weight is None else self.weight[labels._data]
            loss = -picked if weights is None else -picked * weights
            if self.reduction == "mean":
                return loss.sum() / (weights.sum() if weights is not None else labels.shape[0])
        else:
            loss = -(log_p * labels).sum(-1)
            if self.reduction == "mean":
                return loss.mean()
        return loss.sum() if self.reduction == "sum" else loss


class MSELoss(Cell):
    """Mean squared error (``reduction`` 'mean', 'sum' or 'none')."""

    def __init__(self, reduction: str = "mean") -> None:
        super().__init__()
        self.reduction = reduction

    def construct(self, logits: Tensor, labels: Tensor) -> Tensor:
        err = ops.square(logits - labels)
        return err.mean() if self.reduction == "mean" else err.sum() if self.reduction == "sum" else err


class Optimizer(Cell):
    """Base of the optimizers: ``optimizer(grads)`` updates ``parameters`` in place (one gradient
    per parameter, in order) and returns a True per parameter, as MindSpore does."""

    def __init__(self, learning_rate: float, parameters: Any, weight_decay: float = 0.0) -> None:
        super().__init__()
        object.__setattr__(self, "parameters", ParameterTuple(parameters))
        self.learning_rate, self.weight_decay = learning_rate, weight_decay
        self._state: dict = {}

    def _update(self, index: int, value: np.ndarray, grad: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def construct(self, gradients: Any) -> tuple:
        self._step = getattr(self, "_step", 0) + 1
        for i, (p, g) in enumerate(zip(self.parameters, gradients)):
            grad = np.asarray(g._data if isinstance(g, Tensor) else g, dtype=p._data.dtype)
            if self.weight_decay:
                grad = grad + self.weight_decay * p._data
            p.set_data(self._update(i, p._data, grad))
        return tuple(True for _ in self.parameters)


class SGD(Optimizer):
    """``p -= lr * v`` with ``v = momentum * v + (1 - dampening) * g`` (``v = g`` at the first step)."""

    def __init__(self, params: Any, learning_rate: float = 0.1, momentum: float = 0.0, dampening: float = 0.0,
                 weight_decay: float = 0.0, nesterov: bool = False, loss_scale: float = 1.0) -> None:
        super().__init__(learning_rate, params, weight_decay)
        self.momentum, self.dampening, self.nesterov = momentum, dampening, nesterov

    def _update(self, index: int, value: np.ndarray, grad: np.ndarray) -> np.ndarray:
        if self.momentum:
            v = self._state.get(index)
            v = grad if v is None else self.momentum * v + (1 - self.dampening) * grad
            self._state[index] = v
            grad = grad + self.momentum * v if self.nesterov else v
        return value - self.learning_rate * grad


class Momentum(Optimizer):
    """``accum = momentum * accum + g; p -= lr * accum`` (MindSpore's ApplyMomentum)."""

    def __init__(self, params: Any, learning_rate: float, momentum: float, weight_decay: float = 0.0,
                 loss_scale: float = 1.0, use_nesterov: bool = False) -> None:
        super().__init__(learning_rate, params, weight_decay)
        self.momentum, self.use_nesterov = momentum, use_nesterov

    def _update(self, index: int, value: np.ndarray, grad: np.ndarray) -> np.ndarray:
        accum = self.momentum * self._state.get(index, 0.0) + grad
        self._state[index] = accum
        step = grad + self.momentum * accum if self.use_nesterov else accum
        return value - self.learning_rate * step


class Adam(Optimizer):
    """Adam with MindSpore's bias correction folded into the step size."""

    def __init__(self, params: Any, learning_rate: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8, use_locking: bool = False, use_nesterov: bool = False,
                 weight_decay: float = 0.0, loss_scale: float = 1.0) -> None:
        super().__init__(learning_rate, params, weight_decay)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps

    def _update(self, index: int, value: np.ndarray, grad: np.ndarray) -> np.ndarray:
        m, v = self._state.get(index, (0.0, 0.0))
        m = self.beta1 * m + (1 - self.beta1) * grad
        v = self.beta2 * v + (1 - self.beta2) * grad * grad
        self._state[index] = (m, v)
        t = self._step
        lr = self.learning_rate * np.sqrt(1 - self.beta2 ** t) / (1 - self.beta1 ** t)
        return value - lr * m / (np.sqrt(v) + self.eps)
