"""The TF1 session shim: values are computed when ops are called, so a session only hands them
back as NumPy (``run`` of a tensor, a list, a tuple or a dict), and the variable initializer has
nothing left to do."""
from __future__ import annotations

import contextlib
from typing import Any, Callable, Iterator

from ..tensor import Tensor as _CoreTensor
from . import _errors
from .tensor import _GET_VARIABLE, _VARIABLES, Variable

_default: list = []             # the default-session stack


class Operation:
    """A graph operation with no output (what ``global_variables_initializer`` returns).

    >>> import minigrad.tf as tf
    >>> with tf.Session() as sess:
    ...     print(sess.run(tf.global_variables_initializer()))
    None
    """

    def __init__(self, fn: Callable[[], None], name: str = "init") -> None:
        self._fn, self.name = fn, name

    def run(self, feed_dict: Any = None, session: Any = None) -> None:
        """Run in ``session`` or the default session."""
        _run_with(session, self)

    def __repr__(self) -> str:
        return f"<tf.Operation '{self.name}' type=NoOp>"


def _run_with(session: Any, fetches: Any) -> Any:
    if session is None:
        if not _default:
            raise ValueError(_errors.NO_DEFAULT_SESSION)
        session = _default[-1]
    return session.run(fetches)


def _fetch(value: Any) -> Any:
    """One fetch as TF1 returns it: arrays for tensors (NumPy scalars for 0-d), None for ops."""
    if isinstance(value, Operation):
        value._fn()
        return None
    if isinstance(value, _CoreTensor):
        data = value._data
        return data[()] if data.ndim == 0 else data.copy()
    if isinstance(value, dict):
        return type(value)((k, _fetch(v)) for k, v in value.items())
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*(_fetch(v) for v in value))
    if isinstance(value, (list, tuple)):
        return type(value)(_fetch(v) for v in value)
    raise TypeError(_errors.fetch_type(value))


class Session:
    """TF1's session, as a context manager that makes itself the default session.

    >>> import minigrad.tf as tf
    >>> x = tf.constant([1., 2.])
    >>> with tf.Session() as sess:
    ...     print(sess.run({"y": x * 2, "z": [x]}))
    {'y': array([2., 4.], dtype=float32), 'z': [array([1., 2.], dtype=float32)]}
    """

    def __init__(self, target: str = "", graph: Any = None, config: Any = None) -> None:
        self._closed = False

    def __enter__(self) -> "Session":
        _default.append(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self in _default:
            _default.remove(self)
        self.close()

    @contextlib.contextmanager
    def as_default(self) -> Iterator["Session"]:
        """Make this the default session for ``Operation.run`` and ``Tensor.eval`` in the block.

        >>> import minigrad.tf as tf
        >>> sess = tf.Session()
        >>> with sess.as_default():
        ...     tf.constant([1., 2.]).eval()
        array([1., 2.], dtype=float32)
        """
        _default.append(self)
        try:
            yield self
        finally:
            _default.remove(self)

    def run(self, fetches: Any, feed_dict: Any = None, options: Any = None, run_metadata: Any = None) -> Any:
        """The values of ``fetches`` (a tensor, an op, or a list, tuple or dict of them).

        >>> import minigrad.tf as tf
        >>> with tf.Session() as sess:
        ...     print(sess.run([tf.constant(1.), (tf.constant([2, 3]),)]))
        [np.float32(1.0), (array([2, 3], dtype=int32),)]
        """
        if self._closed:
            raise RuntimeError(_errors.CLOSED_SESSION)
        if feed_dict:
            raise NotImplementedError(_errors.NO_PLACEHOLDERS)
        return _fetch(fetches)

    def close(self) -> None:
        """Release the session (later ``run`` calls raise).

        >>> import minigrad.tf as tf
        >>> sess = tf.Session()
        >>> sess.close()
        """
        self._closed = True


InteractiveSession = Session


def global_variables_initializer() -> Operation:
    """An op that initializes every variable (already done: variables take their value at once).

    >>> import minigrad.tf as tf
    >>> with tf.Session() as sess:
    ...     tf.global_variables_initializer().run()
    """
    return Operation(lambda: None)


initialize_all_variables = global_variables_initializer


def variables_initializer(var_list: Any, name: str = "init") -> Operation:
    """An op that initializes ``var_list`` (already done).

    >>> import minigrad.tf as tf
    >>> with tf.Session() as sess:
    ...     sess.run(tf.compat.v1.variables_initializer([tf.Variable(1.)]))
    """
    return Operation(lambda: None, name)


def global_variables() -> list:
    """Every variable made so far (since the last ``reset_default_graph``).

    >>> import minigrad.tf as tf
    >>> with tf.Graph().as_default():
    ...     v = tf.Variable(1., name="g")
    ...     [x.name for x in tf.compat.v1.global_variables()]
    ['g:0']
    """
    return list(_VARIABLES.values())


def trainable_variables() -> list:
    """The trainable variables made so far.

    >>> import minigrad.tf as tf
    >>> with tf.Graph().as_default():
    ...     v, u = tf.Variable(1., name="t"), tf.Variable(1., trainable=False)
    ...     [x.name for x in tf.compat.v1.trainable_variables()]
    ['t:0']
    """
    return [v for v in _VARIABLES.values() if isinstance(v, Variable) and v.trainable]


def reset_default_graph() -> None:
    """Forget the variables made so far (``get_variable`` names may be used again).

    >>> import minigrad.tf as tf
    >>> tf.compat.v1.reset_default_graph()
    >>> tf.compat.v1.get_variable("reused", shape=[1]).name
    'reused:0'
    >>> tf.compat.v1.reset_default_graph()
    >>> tf.compat.v1.get_variable("reused", shape=[1]).name
    'reused:0'
    """
    _VARIABLES.clear()
    _GET_VARIABLE.clear()


class Graph:
    """TF1's graph: ``with tf.Graph().as_default():`` starts with no variables, as a new graph.

    >>> import minigrad.tf as tf
    >>> with tf.Graph().as_default():
    ...     tf.compat.v1.get_variable("inner", shape=[2]).shape
    TensorShape([2])
    """

    @contextlib.contextmanager
    def as_default(self) -> Iterator["Graph"]:
        # items(), not dict(...): a variable collected between reading the keys and the values
        # would raise KeyError (seen as a flaky failure).
        saved = (dict(_VARIABLES.items()), dict(_GET_VARIABLE))
        reset_default_graph()
        try:
            yield self
        finally:
            reset_default_graph()
            _VARIABLES.update(saved[0])
            _GET_VARIABLE.update(saved[1])


def disable_eager_execution() -> None:
    """Accepted: minigrad.tf always runs eagerly and keeps the TF1 graph at the same time.

    >>> import minigrad.tf as tf
    >>> tf.compat.v1.disable_eager_execution()
    """


disable_v2_behavior = enable_eager_execution = disable_eager_execution


def executing_eagerly() -> bool:
    """True: ops run as they are called.

    >>> import minigrad.tf as tf
    >>> tf.executing_eagerly()
    True
    """
    return True
