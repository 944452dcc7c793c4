"""TF1's ``tf.gradients`` over the graph recorder, ``tf.stop_gradient`` and ``tf.custom_gradient``.

``gradients`` always acts as TensorFlow 1's graph mode (API.md): every op on a minigrad.tf tensor
is on the graph, so it differentiates with respect to any tensor of the computation. Its results
are graph tensors too (the pass builds their graph), so gradients of gradients work.
"""
from __future__ import annotations

import enum
import functools
import inspect
from typing import Any, Callable

import numpy as np

from .. import _mode
from ..autograd.graph import Node, Recorder, edge_of, run_backward
from ..tensor import Tensor as _CoreTensor
from . import _errors, _nest
from .tensor import GRAPH, EagerTensor, Tensor, Variable, convert_to_tensor


class UnconnectedGradients(enum.Enum):
    """What a gradient with no path from the target is: ``NONE`` (None) or ``ZERO`` (zeros).

    >>> import minigrad.tf as tf
    >>> x, z = tf.constant(2.), tf.constant(1.)
    >>> tf.gradients(x * x, z, unconnected_gradients=tf.UnconnectedGradients.ZERO)
    [<tf.Tensor: shape=(), dtype=float32, numpy=0.0>]
    """

    NONE = "none"
    ZERO = "zero"


class AggregationMethod:
    """How contributions to one gradient are added; every method gives the same sum here.

    >>> import minigrad.tf as tf
    >>> x = tf.constant(2.)
    >>> tf.gradients(x * x + x, x, aggregation_method=tf.AggregationMethod.EXPERIMENTAL_TREE)
    [<tf.Tensor: shape=(), dtype=float32, numpy=5.0>]
    """

    ADD_N = 0
    DEFAULT = ADD_N
    EXPERIMENTAL_TREE = 1
    EXPERIMENTAL_ACCUMULATE_N = 2


def _unconnected_mode(value: Any, tape: bool) -> UnconnectedGradients:
    try:
        return UnconnectedGradients(value.value if isinstance(value, UnconnectedGradients) else value)
    except ValueError:
        raise ValueError(_errors.unknown_unconnected(value, tape)) from None


def _as_list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _as_tf(g: Any) -> Tensor:
    """An engine result as a minigrad.tf tensor (a Tensor of the graph under create_graph)."""
    if not isinstance(g, _CoreTensor):
        return Tensor._make(np.asarray(g), False)
    if type(g) is _CoreTensor:
        g.__class__ = EagerTensor     # same layout: a core result joins the TF graph as it is
    return g


def _seed(y: Any, grad_y: Any, create: bool) -> Any:
    """The seed for ``y``: ones like it, or ``grad_y`` (a tensor of the graph when building one)."""
    if grad_y is None:
        array = np.ones(y._data.shape, y._data.dtype)
        return Tensor._make(array, False) if create else array
    g = grad_y if isinstance(grad_y, _CoreTensor) else convert_to_tensor(grad_y)
    if g._data.dtype != y._data.dtype:
        g = Tensor._make(g._data.astype(y._data.dtype), False)
    return g if create else g._data


def gradients(ys: Any, xs: Any, grad_ys: Any = None, name: str = "gradients",
              colocate_gradients_with_ops: bool = False, gate_gradients: bool = False,
              aggregation_method: Any = None, stop_gradients: Any = None,
              unconnected_gradients: Any = UnconnectedGradients.NONE) -> list:
    """The sum over ``ys`` of their derivatives with respect to each of ``xs``: a list as long as
    ``xs``. ``grad_ys`` weight each y; ``stop_gradients`` are held constant (each still gets its own
    partial); unconnected ``xs`` give None (or zeros with ``unconnected_gradients='zero'``).
    ``name``, colocation, gating and the aggregation method change nothing numerically. Unlike
    TF1, the results hold their values at once (``Session.run`` hands them back as NumPy).

    >>> import minigrad.tf as tf
    >>> a = tf.constant(0.)
    >>> b = 2 * a
    >>> tf.gradients(a + b, [a, b])
    [<tf.Tensor: shape=(), dtype=float32, numpy=3.0>, <tf.Tensor: shape=(), dtype=float32, numpy=1.0>]
    >>> tf.gradients(a + b, [a, b], stop_gradients=[a, b])
    [<tf.Tensor: shape=(), dtype=float32, numpy=1.0>, <tf.Tensor: shape=(), dtype=float32, numpy=1.0>]
    """
    mode = _unconnected_mode(unconnected_gradients, tape=False)
    for value in (*_as_list(ys), *_as_list(xs)):
        if value is None:                     # TensorFlow reads each one's .op first
            raise AttributeError(_errors.no_attribute_of_none("op"))
    ys = [y if isinstance(y, _CoreTensor) else convert_to_tensor(y) for y in _as_list(ys)]
    xs = _as_list(xs)
    if grad_ys is None:
        grad_ys = [None] * len(ys)
    else:
        grad_ys = _as_list(grad_ys)
        if len(grad_ys) != len(ys):
            raise ValueError(_errors.grad_ys_length(len(grad_ys), len(ys)))
    seeds = [_seed(y, g, True) for y, g in zip(ys, grad_ys)]
    for y, seed in zip(ys, seeds):
        try:                 # the graph's shape inference: a seed must broadcast against its y
            np.broadcast_shapes(seed._data.shape, y._data.shape)
        except ValueError:
            raise ValueError(_errors.graph_dimensions(seed._data.shape, y._data.shape)) from None
    stops = _as_list(stop_gradients) if stop_gradients is not None else []
    # The graph may be differentiated again: keep it (retain) and build the gradients' own (create).
    # Only floating tensors have gradients: integer (and non-tensor) xs get None, as in TensorFlow.
    keep = [isinstance(x, _CoreTensor) and x._data.dtype.kind in "fc" for x in xs]
    found = iter(run_backward(ys, seeds, [x for x, k in zip(xs, keep) if k], retain_graph=True,
                              create_graph=True, recorder=GRAPH,
                              stop_at=[s for s in stops if isinstance(s, _CoreTensor)]))
    grads = [next(found) if k else None for k in keep]
    out = []
    for x, g in zip(xs, grads):
        if g is None and not isinstance(x, _CoreTensor):
            out.append(None)
            continue
        if g is None:
            out.append(_zeros_like(x) if mode is UnconnectedGradients.ZERO else None)
        else:
            out.append(_as_tf(g))
    return out


def _zeros_like(x: Any) -> Tensor:
    return Tensor._make(np.zeros(x._data.shape, x._data.dtype), False)


def stop_gradient(input: Any, name: str | None = None) -> Tensor:
    """The same values, through which no gradient flows back (a new tensor of the graph).

    >>> import minigrad.tf as tf
    >>> v = tf.Variable(2.)
    >>> with tf.GradientTape() as tape:
    ...     y = tf.stop_gradient(v) * v
    >>> tape.gradient(y, v)
    <tf.Tensor: shape=(), dtype=float32, numpy=2.0>
    """
    x = input if isinstance(input, _CoreTensor) else convert_to_tensor(input)
    return Tensor._make(x._data, False)


# ---------------------------------------------------------------------------------------------
# custom_gradient


class _VariableWatcher(Recorder):
    """Sees the trainable variables a function reads (it records nothing)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: dict[int, Variable] = {}

    def variable_accessed(self, variable: Variable) -> None:
        if variable.trainable:
            self.seen.setdefault(id(variable), variable)

    def tracks(self, tensor: Any) -> bool:
        if isinstance(tensor, Variable):
            self.variable_accessed(tensor)
        return False


class _CustomGradientRule:
    """What the engine needs of a rule, for one call of a ``@tf.custom_gradient`` function."""

    saves = ()

    def __init__(self, name: str, grad_fn: Callable, n_args: int, variables: list, n_outputs: int,
                 structure: Any) -> None:
        self.name, self.node_name = name, name
        self.grad_fn, self.n_args, self.variables = grad_fn, n_args, variables
        self.n_outputs, self.structure = n_outputs, structure

    def call_vjp(self, node: Node, grads: list, saved: list, needs: tuple) -> tuple:
        create = _mode._grad_enabled.get()    # the engine records exactly when building a graph
        upstream = [g if isinstance(g, _CoreTensor) else Tensor._make(np.asarray(g), False) for g in grads]
        upstream = [_as_tf(g) for g in upstream]
        if self.variables:
            input_grads, variable_grads = self.grad_fn(*upstream, variables=self.variables)
            if len(variable_grads) != len(self.variables):
                raise ValueError(_errors.CUSTOM_VARIABLE_COUNT)
        else:
            input_grads, variable_grads = self.grad_fn(*upstream), []
        flat = _nest.flatten(input_grads)
        if len(flat) != self.n_args:
            raise ValueError(_errors.custom_count(self.n_args, len(flat)))
        out = []
        for g in flat + list(variable_grads):
            if g is None:
                out.append(None)
                continue
            g = g if isinstance(g, _CoreTensor) else convert_to_tensor(g)
            out.append(g if create else g._data)
        return tuple(out)

    def __repr__(self) -> str:
        return f"<custom_gradient {self.name}>"


def custom_gradient(f: Callable | None = None) -> Callable:
    """Decorator: ``f(*x)`` returns ``(y, grad_fn)``; ``grad_fn(*upstream)`` gives one gradient per
    input (and, when ``f`` reads variables, takes ``variables=`` and returns
    ``(input_grads, variable_grads)``).

    >>> import minigrad.tf as tf
    >>> @tf.custom_gradient
    ... def clip_grad(x):
    ...     return tf.identity(x), lambda dy: tf.clip_by_value(dy, -0.5, 0.5)
    >>> x = tf.constant(2.)
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = clip_grad(x * x)
    >>> tape.gradient(y, x)
    <tf.Tensor: shape=(), dtype=float32, numpy=2.0>
    """
    if f is None:
        return custom_gradient

    @functools.wraps(f)
    def decorated(*args: Any, **kwargs: Any) -> Any:
        return _call_custom(f, args, kwargs)
    return decorated


def _call_custom(f: Callable, args: tuple, kwargs: dict) -> Any:
    watcher = _VariableWatcher()
    with watcher:
        result, grad_fn = f(*args, **kwargs)
    flat_args = [a if isinstance(a, _CoreTensor) else convert_to_tensor(a) for a in _nest.flatten(args)]
    inputs_all = flat_args + [t for t in _nest.flatten(kwargs) if isinstance(t, _CoreTensor)]
    variables = [v for v in watcher.seen.values() if all(v is not a for a in inputs_all)]
    spec = inspect.getfullargspec(grad_fn)
    if variables and "variables" not in spec.args and "variables" not in spec.kwonlyargs and not spec.varkw:
        raise TypeError(_errors.custom_variables(variables))
    flat_result = [r if isinstance(r, _CoreTensor) else convert_to_tensor(r) for r in _nest.flatten(result)]
    outs = [Tensor._make(r._data, False) for r in flat_result]
    inputs = flat_args + variables
    _record_custom(f.__name__, grad_fn, inputs, len(flat_args), variables, outs, result)
    return _nest.pack_sequence_as(result, outs)


def _record_custom(name: str, grad_fn: Callable, inputs: list, n_args: int, variables: list, outs: list,
                   structure: Any) -> None:
    """Record one node from ``inputs`` to ``outs`` whose vjp is ``grad_fn`` (as `ops._rule.apply`)."""
    if not _mode._grad_enabled.get():
        return
    tapes = tuple(r for r in _mode.recording_recorders() if any(r.tracks(t) for t in inputs))
    if not tapes:
        return
    edges = tuple(edge_of(t) if any(r.tracks(t) for r in tapes) else None for t in inputs)
    rule = _CustomGradientRule(name, grad_fn, n_args, variables, len(outs), structure)
    node = Node(rule, edges, (), (), {}, False, tapes,
                tuple((t._data.shape, t._data.dtype) for t in inputs),
                tuple((o._data.shape, o._data.dtype) for o in outs))
    for i, out in enumerate(outs):
        out.grad_fn, out._output_nr = node, i
