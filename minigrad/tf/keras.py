"""``tf.keras.optimizers``: the update rules of Keras 3 (what tensorflow 2.21 ships), applied to
minigrad.tf variables. Only the optimizers a GradientTape training loop needs; the updates are
plain arithmetic on the variables' values (no derivatives here)."""
from __future__ import annotations

import types
from typing import Any, Callable, Iterable

import numpy as np

from ..tensor import Tensor as _CoreTensor
from .tensor import Variable


class Optimizer:
    """What the optimizers share: ``apply_gradients``, ``minimize``, ``iterations``."""

    def __init__(self, learning_rate: float = 0.001, name: str | None = None, **kwargs: Any) -> None:
        self.learning_rate = learning_rate
        self.name = name or type(self).__name__.lower()
        self.iterations = Variable(np.int64(0), trainable=False, name="iteration")
        self._slots: dict[int, dict[str, np.ndarray]] = {}

    def _slot(self, variable: Variable, name: str, fill: float = 0.0) -> np.ndarray:
        slots = self._slots.setdefault(variable._uid, {})
        if name not in slots:
            slots[name] = np.full(variable._data.shape, fill, variable._data.dtype)
        return slots[name]

    def _lr(self) -> float:
        lr = self.learning_rate
        return float(lr(int(self.iterations._data)) if callable(lr) else lr)

    def apply_gradients(self, grads_and_vars: Iterable[tuple]) -> Variable:
        """Update each variable from its gradient (pairs with a None gradient are skipped).

        >>> import minigrad.tf as tf
        >>> v = tf.Variable([1., -2.])
        >>> with tf.GradientTape() as tape:
        ...     loss = tf.reduce_sum(v * v)
        >>> _ = tf.keras.optimizers.SGD(0.1).apply_gradients(zip(tape.gradient(loss, [v]), [v]))
        >>> v.numpy()
        array([ 0.8, -1.6], dtype=float32)
        """
        pairs = [(g, v) for g, v in grads_and_vars if g is not None]
        step = int(self.iterations._data) + 1
        for g, v in pairs:
            grad = np.asarray(g._data if isinstance(g, _CoreTensor) else g, dtype=v._data.dtype)
            v._write(self._update(v, grad, step))
        self.iterations._write(np.int64(step))
        return self.iterations

    def minimize(self, loss: Callable[[], Any], var_list: list, tape: Any = None) -> Variable:
        """Differentiate ``loss()`` (a callable) with a GradientTape and apply the gradients."""
        from .tape import GradientTape
        with GradientTape() as new_tape:
            value = loss()
        grads = new_tape.gradient(value, list(var_list))
        return self.apply_gradients(zip(grads, var_list))

    def _update(self, variable: Variable, grad: np.ndarray, step: int) -> np.ndarray:
        raise NotImplementedError


class SGD(Optimizer):
    """Gradient descent, with momentum (and Nesterov's variant) as Keras 3 writes it.

    >>> import minigrad.tf as tf
    >>> tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9).learning_rate
    0.1
    """

    def __init__(self, learning_rate: float = 0.01, momentum: float = 0.0, nesterov: bool = False,
                 name: str = "SGD", **kwargs: Any) -> None:
        super().__init__(learning_rate, name, **kwargs)
        self.momentum, self.nesterov = momentum, nesterov

    def _update(self, variable: Variable, grad: np.ndarray, step: int) -> np.ndarray:
        lr = self._lr()
        if not self.momentum:
            return variable._data - lr * grad
        m = self._slot(variable, "momentum")
        m[...] = self.momentum * m - lr * grad
        if self.nesterov:
            return variable._data + (self.momentum * m - lr * grad)
        return variable._data + m


class Adam(Optimizer):
    """Adam with Keras 3's bias correction folded into the step size.

    >>> import minigrad.tf as tf
    >>> tf.keras.optimizers.Adam(0.1).epsilon
    1e-07
    """

    def __init__(self, learning_rate: float = 0.001, beta_1: float = 0.9, beta_2: float = 0.999,
                 epsilon: float = 1e-7, amsgrad: bool = False, name: str = "adam", **kwargs: Any) -> None:
        super().__init__(learning_rate, name, **kwargs)
        self.beta_1, self.beta_2, self.epsilon, self.amsgrad = beta_1, beta_2, epsilon, amsgrad

    def _update(self, variable: Variable, grad: np.ndarray, step: int) -> np.ndarray:
        m, v = self._slot(variable, "m"), self._slot(variable, "v")
        # Keras works in the variable's dtype throughout (beta powers included).
        dtype = variable._data.dtype.type
        b1, b2 = dtype(self.beta_1), dtype(self.beta_2)
        alpha = dtype(self._lr()) * np.sqrt(1 - b2 ** step) / (1 - b1 ** step)
        m += (grad - m) * dtype(1 - self.beta_1)
        v += (grad * grad - v) * dtype(1 - self.beta_2)
        if self.amsgrad:
            vhat = self._slot(variable, "vhat")
            np.maximum(vhat, v, out=vhat)
            v = vhat
        return variable._data - m * alpha / (np.sqrt(v) + dtype(self.epsilon))


class RMSprop(Optimizer):
    """RMSprop (uncentered, no momentum by default) as Keras 3 writes it."""

    def __init__(self, learning_rate: float = 0.001, rho: float = 0.9, momentum: float = 0.0,
                 epsilon: float = 1e-7, centered: bool = False, name: str = "rmsprop", **kwargs: Any) -> None:
        super().__init__(learning_rate, name, **kwargs)
        self.rho, self.momentum, self.epsilon, self.centered = rho, momentum, epsilon, centered

    def _update(self, variable: Variable, grad: np.ndarray, step: int) -> np.ndarray:
        lr = self._lr()
        velocity = self._slot(variable, "velocity")
        velocity[...] = self.rho * velocity + (1 - self.rho) * grad * grad
        denominator = velocity
        if self.centered:
            average = self._slot(variable, "average_gradient")
            average[...] = self.rho * average + (1 - self.rho) * grad
            denominator = velocity - average * average
        increment = lr * grad / np.sqrt(denominator + self.epsilon)
        if self.momentum:
            m = self._slot(variable, "momentum")
            m[...] = self.momentum * m + increment
            increment = m
        return variable._data - increment


class Adagrad(Optimizer):
    """Adagrad: steps shrink with the sum of squared gradients (starting from 0.1)."""

    def __init__(self, learning_rate: float = 0.001, initial_accumulator_value: float = 0.1,
                 epsilon: float = 1e-7, name: str = "adagrad", **kwargs: Any) -> None:
        super().__init__(learning_rate, name, **kwargs)
        self.initial_accumulator_value, self.epsilon = initial_accumulator_value, epsilon

    def _update(self, variable: Variable, grad: np.ndarray, step: int) -> np.ndarray:
        accumulator = self._slot(variable, "accumulator", self.initial_accumulator_value)
        accumulator += grad * grad
        return variable._data - self._lr() * grad / np.sqrt(accumulator + self.epsilon)


optimizers = types.SimpleNamespace(Optimizer=Optimizer, SGD=SGD, Adam=Adam, RMSprop=RMSprop, Adagrad=Adagrad)
