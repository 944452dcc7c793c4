"""``tf.GradientTape``: a recorder that watches what it is told to, and the trainable variables
read while it records; ``gradient``, ``jacobian`` and ``batch_jacobian`` are one engine pass each
(the Jacobians seed a batch of one-hot rows)."""
from __future__ import annotations

import contextlib
import logging
import sys
from typing import Any, Iterator

import numpy as np

from .. import _mode, ops
from ..autograd.graph import Recorder, run_backward
from ..tensor import Tensor as _CoreTensor
from . import _errors, _nest
from .gradients import UnconnectedGradients, _as_tf, _seed, _unconnected_mode
from .dtypes import as_dtype
from .tensor import Tensor, TensorShape, Variable, convert_to_tensor


def _logger() -> logging.Logger:
    """TensorFlow's logger: ``WARNING:tensorflow:...`` on stderr unless logging is configured."""
    logger = logging.getLogger("tensorflow")
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(logging.BASIC_FORMAT))
        logger.addHandler(handler)
    return logger


_logged: dict[str, int] = {}


def _log_first_n(message: str, n: int) -> None:
    """Log ``message`` as a warning at most ``n`` times (absl's log_first_n)."""
    key = message.split(",")[0][:60]
    if _logged.get(key, 0) < n:
        _logged[key] = _logged.get(key, 0) + 1
        _logger().warning(message)


class _Tape(Recorder):
    """One tape's recording: what it watches, and the nodes recorded while it was active.
    ``reset`` starts a new one, so the nodes recorded before no longer belong to the tape."""

    def __init__(self, watch_accessed_variables: bool) -> None:
        super().__init__()
        self.watch_accessed_variables = watch_accessed_variables
        self.recording = False

    def variable_accessed(self, variable: Variable) -> None:
        """A variable is read: a trainable one is watched from now on (while recording)."""
        if self.recording and self.watch_accessed_variables and variable.trainable:
            self._watched.setdefault(id(variable), variable)

    def tracks(self, tensor: Any) -> bool:
        if isinstance(tensor, Variable):
            self.variable_accessed(tensor)      # the ops of minigrad.ops read variables too
        return super().tracks(tensor)

    def watched_variables(self) -> tuple:
        found = [t for t in self._watched.values() if isinstance(t, Variable)]
        return tuple(sorted(found, key=lambda v: v._uid))    # TensorFlow lists them by creation


def _is_float(t: Any) -> bool:
    return t._data.dtype.kind in "fc"


_TRAINABLE_ENUMS = {1, 2, 8, 14, 18, 19, 20, 21}    # DT_FLOAT, DT_DOUBLE, complex, bfloat16, half, ...


def _as_dtype_trainable(value: Any) -> bool | None:
    """What TensorFlow's ``as_dtype`` makes of a value that is not a TensorFlow tensor (it asks so of
    every target and source): None when it refuses it, else whether the dtype is trainable. A
    number equal to a DataType enum value is one (1.0 is DT_FLOAT, 3 DT_INT32), so is a dtype name,
    and so is an object whose ``dtype`` NumPy understands (an ndarray; not a torch.Tensor)."""
    if value is None or isinstance(value, (list, tuple, dict)):
        return None
    if isinstance(value, (bool, int, float)):
        if not (float(value).is_integer() and 1 <= value <= 23):
            return None
        return int(value) in _TRAINABLE_ENUMS
    if isinstance(value, str):
        try:
            return as_dtype(value).is_floating
        except TypeError:
            return None
    try:
        return np.dtype(value.dtype).kind in "fc"
    except (AttributeError, TypeError):
        return None


def _check_tensors(values: list) -> None:
    """TensorFlow's refusal of targets or sources that are not its tensors (another dialect's tensor
    included, as TensorFlow refuses a torch.Tensor): a TypeError when ``as_dtype`` refuses the value;
    an AttributeError when TensorFlow then reads its ``dtype`` (to log a non-trainable dtype) or, for
    a trainable one, when the tape looks the value up by its id."""
    for v in values:
        if isinstance(v, Tensor):
            continue
        trainable = _as_dtype_trainable(v)
        if trainable is None:
            raise TypeError(_errors.not_a_dtype(v))
        raise AttributeError(_errors.no_id(v) if trainable or hasattr(v, "dtype") else _errors.no_dtype(v))


class GradientTape:
    """Records operations on watched tensors for automatic differentiation.

    >>> import minigrad.tf as tf
    >>> x = tf.constant(3.0)
    >>> with tf.GradientTape() as g:
    ...     g.watch(x)
    ...     y = x * x
    >>> print(g.gradient(y, x))
    tf.Tensor(6.0, shape=(), dtype=float32)
    """

    def __init__(self, persistent: bool = False, watch_accessed_variables: bool = True) -> None:
        self._tape: _Tape | None = None
        self._persistent = persistent
        self._watch_accessed_variables = watch_accessed_variables
        self._watched_variables: tuple = ()
        self._recording = False

    def __enter__(self) -> "GradientTape":
        self._push_tape()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._recording:
            self._pop_tape()

    def _push_tape(self) -> None:
        if self._recording:
            raise ValueError(_errors.STILL_RECORDING)
        if self._tape is None:
            self._tape = _Tape(self._watch_accessed_variables)
        self._tape.recording = True
        _mode.push_recorder(self._tape)
        self._recording = True

    def _pop_tape(self) -> None:
        if not self._recording:
            raise ValueError(_errors.NOT_RECORDING)
        _mode.pop_recorder(self._tape)
        self._tape.recording = False
        self._recording = False

    def watch(self, tensor: Any) -> None:
        """Record the operations on ``tensor`` (a tensor, a variable, or a structure of them).

        >>> import minigrad.tf as tf
        >>> x = tf.constant(2.)
        >>> with tf.GradientTape() as tape:
        ...     tape.watch(x)
        ...     y = x * x
        >>> tape.gradient(y, x)
        <tf.Tensor: shape=(), dtype=float32, numpy=4.0>
        """
        for t in _nest.flatten(tensor):
            if not isinstance(t, Tensor):             # another dialect's tensor too, as in TensorFlow
                raise ValueError(_errors.not_a_tensor(t))
            if self._tape is None:
                raise AttributeError(_errors.TAPE_NONE)
            if not _is_float(t):
                # TensorFlow only logs this; the tape then ignores the tensor (its gradient is None).
                _log_first_n(_errors.WATCH_INT % Tensor.dtype.fget(t), 5)
                continue
            self._tape.watch(t)

    @contextlib.contextmanager
    def stop_recording(self) -> Iterator[None]:
        """Operations inside are not recorded on this tape.

        >>> import minigrad.tf as tf
        >>> x = tf.constant(4.0)
        >>> with tf.GradientTape() as tape:
        ...     with tape.stop_recording():
        ...         y = x ** 2
        >>> print(tape.gradient(y, x))
        None
        """
        if self._tape is None:
            raise RuntimeError(_errors.STOP_NOT_RECORDING)
        self._pop_tape()
        try:
            yield
        finally:
            self._push_tape()

    def reset(self) -> None:
        """Forget everything recorded so far (as leaving and entering a new tape).

        >>> import minigrad.tf as tf
        >>> x = tf.constant(3.)
        >>> with tf.GradientTape() as tape:
        ...     tape.watch(x)
        ...     y = x * x
        ...     tape.reset()
        >>> print(tape.gradient(y, x))
        None
        """
        self._pop_tape()
        self._tape = None
        self._push_tape()

    def watched_variables(self) -> tuple:
        """The variables this tape watches, in the order they were created (as TensorFlow lists them).

        >>> import minigrad.tf as tf
        >>> v = tf.Variable(1., name="v")
        >>> with tf.GradientTape() as tape:
        ...     y = v * 2
        >>> tape.watched_variables()
        (<tf.Variable 'v:0' shape=() dtype=float32, numpy=1.0>,)
        """
        if self._tape is not None:
            self._watched_variables = self._tape.watched_variables()
        return self._watched_variables

    # ----- differentiation ---------------------------------------------------------------------
    def _begin(self, message: str = _errors.NON_PERSISTENT) -> None:
        if self._tape is None:
            raise RuntimeError(message)
        if self._recording:
            if not self._persistent:
                self._pop_tape()
            else:
                _logger().warning(_errors.PERSISTENT_INSIDE)    # tensorflow 2.21 logs it every time

    def _end(self) -> None:
        if not self._persistent:
            self._watched_variables = self._tape.watched_variables()
            self._tape = None

    def _run(self, targets: list, seeds: list, sources: list, batch_ndim: int = 0) -> list:
        """One engine pass over this tape's nodes; Nones for sources it cannot differentiate."""
        # Another tape (or this persistent one) records right now: build the gradient's graph.
        create = bool(_mode.active_recorders())
        if create:
            seeds = [s if isinstance(s, _CoreTensor) else Tensor._make(s, False) for s in seeds]
        keep = [_is_float(s) for s in sources]
        grads = run_backward(targets, seeds, [s for s, k in zip(sources, keep) if k], retain_graph=True,
                             create_graph=create, recorder=self._tape, batch_ndim=batch_ndim)
        found = iter(grads)
        return [next(found) if k else None for k in keep]

    def gradient(self, target: Any, sources: Any, output_gradients: Any = None,
                 unconnected_gradients: Any = UnconnectedGradients.NONE) -> Any:
        """The gradient of the sum of ``target`` with respect to ``sources``, in the structure of
        ``sources``; non-scalar targets are seeded with ones, or with ``output_gradients``.

        >>> import minigrad.tf as tf
        >>> w = tf.Variable([1., 2.])
        >>> with tf.GradientTape() as tape:
        ...     y = w * w
        >>> tape.gradient(y, w, output_gradients=tf.constant([10., 100.]))
        <tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 20., 400.], dtype=float32)>
        """
        self._begin()
        if target is None:
            raise TypeError(_errors.TARGET_NONE)
        targets = _nest.flatten(target)
        flat_sources = _nest.flatten(sources)
        _check_tensors(targets)
        _check_tensors(flat_sources)
        if output_gradients is not None:
            output_gradients = _nest.flatten(output_gradients)
            for g in output_gradients:
                if g is None:
                    raise ValueError(_errors.convert_none(g))
            output_gradients = [convert_to_tensor(g) for g in output_gradients]
            for t, g in zip(targets, output_gradients):
                if g.dtype != t.dtype and not any(t is s for s in flat_sources):
                    # TensorFlow does not cast the seed: the first gradient op that multiplies it fails
                    raise _errors.InvalidArgumentError(_errors.op_dtype(
                        "Mul", 1, _tf_name(g.dtype.name), _tf_name(t.dtype.name)))
        else:
            output_gradients = [None] * len(targets)
        mode = _unconnected_mode(unconnected_gradients, tape=True)
        for t, g in zip(targets, output_gradients):
            gshape = np.shape(g._data if isinstance(g, _CoreTensor) else g) if g is not None else None
            if gshape is not None and gshape != t._data.shape:
                try:         # TensorFlow multiplies the seed in: a broadcastable shape is accepted
                    np.broadcast_shapes(gshape, t._data.shape)
                except ValueError:
                    raise _errors.InvalidArgumentError(
                        _errors.incompatible_shapes("Mul", gshape, t._data.shape)) from None
        seeds = [_broadcast_seed(t, _seed(t, g, False)) for t, g in zip(targets, output_gradients)]
        grads = self._run(targets, seeds, flat_sources)
        for i, s in enumerate(flat_sources):
            if grads[i] is None and any(t is s for t in targets):
                # TensorFlow hands a source that is itself a target its seed, recorded or not.
                grads[i] = sum(seed for t, seed in zip(targets, seeds) if t is s)
        self._end()
        out = [(_zeros(s) if mode is UnconnectedGradients.ZERO else None) if g is None else _as_tf(g)
               for s, g in zip(flat_sources, grads)]
        return _nest.pack_sequence_as(sources, out)

    def jacobian(self, target: Any, sources: Any, unconnected_gradients: Any = UnconnectedGradients.NONE,
                 parallel_iterations: Any = None, experimental_use_pfor: bool = True) -> Any:
        """Per source, the derivative of every element of ``target``: shape
        ``target.shape + source.shape`` (one backward pass with a batch of one-hot seeds).

        >>> import minigrad.tf as tf
        >>> x = tf.constant([1., 2.])
        >>> with tf.GradientTape() as g:
        ...     g.watch(x)
        ...     y = x * x
        >>> g.jacobian(y, x)
        <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
        array([[2., 0.],
               [0., 4.]], dtype=float32)>
        """
        self._begin()
        if target is None:
            raise AttributeError(_errors.no_attribute_of_none("shape"))
        target = target if isinstance(target, _CoreTensor) else convert_to_tensor(target)
        flat_sources = _nest.flatten(sources)
        try:
            _check_tensors(flat_sources)
        except TypeError as error:
            raise TypeError(_errors.in_user_code(error)) from None
        mode = _unconnected_mode(unconnected_gradients, tape=True)
        shape = target._data.shape
        n = int(np.prod(shape, dtype=np.int64))
        seeds = np.eye(n, dtype=target._data.dtype).reshape((n, *shape))
        grads = self._run([target], [seeds], flat_sources, batch_ndim=1)
        self._end()
        out = []
        for s, g in zip(flat_sources, grads):
            full = shape + s._data.shape
            if g is None:
                out.append(Tensor._make(np.zeros(full, s._data.dtype), False)
                           if mode is UnconnectedGradients.ZERO else None)
            else:
                out.append(_as_tf(ops.reshape(g, full) if isinstance(g, _CoreTensor) else g.reshape(full)))
        return _nest.pack_sequence_as(sources, out)

    def batch_jacobian(self, target: Any, source: Any, unconnected_gradients: Any = UnconnectedGradients.NONE,
                       parallel_iterations: Any = None, experimental_use_pfor: bool = True) -> Tensor:
        """Per example ``i``, the Jacobian of ``target[i]`` with respect to ``source[i]``: shape
        ``[b, y..., x...]``. Unconnected gives zeros, whatever ``unconnected_gradients`` says.

        >>> import minigrad.tf as tf
        >>> x = tf.constant([[1., 2.], [3., 4.]])
        >>> with tf.GradientTape() as g:
        ...     g.watch(x)
        ...     y = x * x
        >>> g.batch_jacobian(y, x).numpy().tolist()
        [[[2.0, 0.0], [0.0, 4.0]], [[6.0, 0.0], [0.0, 8.0]]]
        """
        if self._tape is None:
            raise RuntimeError(_errors.NON_PERSISTENT_BATCH)
        tshape, sshape = TensorShape(target._data.shape), TensorShape(source._data.shape)
        tshape.with_rank_at_least(2)
        sshape.with_rank_at_least(2)
        if tshape[0] != sshape[0]:
            raise ValueError(_errors.batch_first_dim(tshape, sshape))
        self._begin()
        _unconnected_mode(unconnected_gradients, tape=True)
        b = tshape[0]
        rows = int(np.prod(tshape[1:], dtype=np.int64))
        # Seed k selects element k of every example's row at once: examples are independent.
        one_hot = np.eye(rows, dtype=target._data.dtype).reshape((rows, 1, *tshape[1:]))
        seeds = np.ascontiguousarray(np.broadcast_to(one_hot, (rows, b, *tshape[1:])))
        (g,) = self._run([target], [seeds], [source], batch_ndim=1)
        self._end()
        full = (b, *tshape[1:], *sshape[1:])
        if g is None:
            return Tensor._make(np.zeros(full, target._data.dtype), False)
        if isinstance(g, _CoreTensor):
            g = ops.reshape(ops.transpose(ops.reshape(g, rows, b, -1), 0, 1), *full)
        else:
            g = np.ascontiguousarray(np.swapaxes(g.reshape(rows, b, -1), 0, 1)).reshape(full)
        return _as_tf(g)


def _tf_name(name: str) -> str:
    """TensorFlow's own name of a dtype in op errors (DataTypeString): float, double, half."""
    return {"float32": "float", "float64": "double", "float16": "half"}.get(name, name)


def _broadcast_seed(target: Any, seed: np.ndarray) -> np.ndarray:
    """An output gradient of another (broadcastable) shape multiplies the ones seed."""
    if seed.shape == target._data.shape:
        return seed
    return np.ascontiguousarray(np.broadcast_to(seed, target._data.shape))


def _zeros(source: Any) -> Tensor:
    return Tensor._make(np.zeros(source._data.shape, source._data.dtype), False)
