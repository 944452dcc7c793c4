"""MindSpore's gradient transforms (PyNative): GradOperation, grad, value_and_grad, vjp, jvp,
jacfwd, jacrev. Each call runs ``fn`` under a Recorder that watches an alias of every Tensor
argument and every Parameter read, then runs the core's backward pass. No derivative math here:
only MindSpore's seeds (ones, or ``sens``), return structures and errors.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .. import _mode, ops as core_ops
from ..autograd.graph import Recorder, run_backward
from ..tensor import Tensor as CoreTensor
from . import _errors
from ._tensor import Parameter, Tensor

_NO_SENS = object()


class _Transform(Recorder):
    """A transform's recorder: the argument aliases it is given, plus every trainable Parameter an
    op reads while it runs (MindSpore differentiates weights it finds in the forward pass)."""

    def __init__(self) -> None:
        super().__init__()
        self.used: dict[int, Parameter] = {}

    def tracks(self, tensor: Any) -> bool:
        if isinstance(tensor, Parameter) and tensor._trainable:
            self.used.setdefault(id(tensor), tensor)
            return True
        return super().tracks(tensor)


def _wrap(value: Any) -> Tensor:
    return value if isinstance(value, Tensor) else Tensor._make(np.asarray(value), False)


def _zeros(like: CoreTensor) -> Tensor:
    return Tensor._make(np.zeros_like(like._data), False)


def _plain(value: Any) -> Any:
    return value._data if isinstance(value, CoreTensor) else value


def _detach(value: Any) -> Any:
    return value.detach() if isinstance(value, CoreTensor) else value


def _flatten(value: Any) -> list:
    """The tensors of an output, in order, through nested tuples and lists (non-tensors skipped)."""
    out, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, (tuple, list)):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, CoreTensor):
            out.append(item)
    return out


class _Run:
    """One forward pass of ``fn`` under a transform's recorder, ready for backward passes."""

    def __init__(self, fn: Callable, args: tuple, kwargs: dict) -> None:
        # Weights are not watched here: only trainable Parameters get gradients (the recorder finds
        # them as they are read); a frozen Parameter or a plain Tensor given as a weight gets zeros.
        self.rec = rec = _Transform()
        self.aliases: list = []
        for a in (*args, *kwargs.values()):
            # Only MindSpore tensors are differentiated: another framework's tensor (minigrad's torch,
            # tf or jax tensors here, a jax or torch array in MindSpore) is a constant, as a number is.
            alias = core_ops.alias(a) if isinstance(a, Tensor) else a
            if isinstance(a, Tensor):
                rec.watch(alias)
            self.aliases.append(alias)
        n = len(args)
        new_kwargs = dict(zip(kwargs, self.aliases[n:]))
        with rec:
            self.out = fn(*self.aliases[:n], **new_kwargs)

    def backward(self, targets: list, seeds: list, inputs: list, batch_ndim: int = 0,
                 retain: bool = False) -> list:
        """Gradients of ``targets`` (seeded) for ``inputs``: Tensors, zeros where unreached."""
        nested = bool(_mode.active_recorders())      # an outer transform records: build the graph
        pairs = [(t, s) for t, s in zip(targets, seeds) if isinstance(t, CoreTensor)]
        wanted = [i for i in inputs if isinstance(i, Tensor)]
        if nested:
            pairs = [(t, s if isinstance(s, CoreTensor) else Tensor._make(s, False)) for t, s in pairs]
        grads = run_backward([t for t, _ in pairs], [s for _, s in pairs], wanted, recorder=self.rec,
                             create_graph=nested, retain_graph=nested or retain, batch_ndim=batch_ndim)
        found = dict(zip(map(id, wanted), grads))
        lead = tuple(np.shape(_plain(seeds[0])))[:batch_ndim] if seeds and batch_ndim else ()
        results = []
        for i in inputs:
            if not isinstance(i, Tensor):
                results.append(None)
                continue
            g = found.get(id(i))
            if g is None:
                g = Tensor._make(np.zeros(lead + i._data.shape, i._data.dtype), False)
            elif not isinstance(g, CoreTensor):
                g = _wrap(g)
            results.append(g)
        return results


def _ones_seed(target: Any) -> np.ndarray:
    return np.ones_like(target._data) if isinstance(target, CoreTensor) else np.ones(())


def _check_sens(target: Any, sens: Any) -> np.ndarray:
    """MindSpore's checks of one sens against its output; the sens as an array of the output's shape."""
    if not isinstance(target, CoreTensor):
        return np.asarray(sens._data if isinstance(sens, CoreTensor) else sens)
    out_shape = target._data.shape
    if isinstance(sens, Tensor):
        array = np.array(sens._data, copy=True)    # a seed may come back as a gradient: not the user's
    elif isinstance(sens, (bool, int, float)):
        array = np.asarray(sens, dtype=target._data.dtype)
    elif sens is None:
        raise _errors.sens_none()
    else:                                          # another framework's tensor, an array, ...
        raise _errors.sens_size()
    if array.shape != out_shape:
        # A scalar output takes a sens of any shape, summed; any other output wants its own shape.
        if out_shape != ():
            if array.ndim == 0:
                raise _errors.sens_broadcast(array.shape, out_shape)
            raise _errors.sens_shape(out_shape, array.shape, _wrap(array))
        array = array.sum(dtype=array.dtype)
    if array.dtype != target._data.dtype:
        raise _errors.sens_dtype(_wrap(target._data).dtype, _wrap(array).dtype, array.shape)
    return array


def _targets(out: Any, has_aux: bool) -> tuple[list, Any]:
    """The outputs to differentiate and the aux part (stop-gradiented) of ``fn``'s result."""
    if has_aux:
        if not isinstance(out, (tuple, list)) or len(out) < 2:
            raise _errors.aux_one_output()
        return _flatten(out[0]), tuple(_detach(a) for a in out[1:])
    return _flatten(out), None


def _flat_sens(sens: Any) -> list:
    """The leaves of a nested sens, in the order ``_flatten`` gives the outputs."""
    out, stack = [], [sens]
    while stack:
        item = stack.pop()
        if isinstance(item, (tuple, list)):
            stack.extend(reversed(item))
        else:
            out.append(item)
    return out


def _seeds(targets: list, out: Any, sens: Any, has_aux: bool) -> list:
    if sens is _NO_SENS:
        return [_ones_seed(t) for t in targets]
    if isinstance(out, (tuple, list, dict)) and not has_aux:
        if not isinstance(sens, (tuple, list)) or len(_flat_sens(sens)) != len(targets):
            raise _errors.sens_size()
        return [_check_sens(t, s) for t, s in zip(targets, _flat_sens(sens))]
    return [_check_sens(targets[0], sens)] if targets else []


def _differentiate(fn: Callable, args: tuple, kwargs: dict, weights: list, sens: Any = _NO_SENS,
                   has_aux: bool = False, used_weights: bool = False) -> tuple:
    """Run ``fn`` and its backward pass: (output, aux, grads per argument, weights, grads per weight).

    ``used_weights``: no weights were given, differentiate the Parameters the forward pass read.
    """
    run = _Run(fn, args, kwargs)
    targets, aux = _targets(run.out, has_aux)
    seeds = _seeds(targets, run.out, sens, has_aux)
    if used_weights:
        weights = list(run.rec.used.values())
        order = getattr(fn, "trainable_params", None)
        if order is not None:
            rank = {id(p): i for i, p in enumerate(order())}
            weights.sort(key=lambda p: rank.get(id(p), len(rank)))
    grads = run.backward(targets, seeds, [*run.aliases, *weights])
    n = len(run.aliases)
    return run.out, aux, grads[:n], weights, grads[n:]


# ---------------------------------------------------------------------------------------------
# GradOperation (MindSpore 1.x)


class GradOperation:
    """``ops.GradOperation(get_all=False, get_by_list=False, sens_param=False)``: a higher-order
    function; ``GradOperation(...)(fn)`` or ``(fn, weights)`` is the gradient function.

    Without ``get_all`` it returns the gradient of input 0 only; ``get_by_list`` returns the
    weights' gradients; both give ``(inputs, weights)``. ``sens_param`` takes the output's
    sensitivity as the last argument (or ``sens=``).

    >>> import minigrad.ms as ms
    >>> from minigrad.ms import ops
    >>> def f(x, y):
    ...     return x * x * y
    >>> ops.GradOperation()(f)(ms.Tensor([1.0, 2.0]), ms.Tensor(3.0))
    Tensor(shape=[2], dtype=Float32, value= [ 6.00000000e+00,  1.20000000e+01])
    """

    def __init__(self, get_all: bool = False, get_by_list: bool = False, sens_param: bool = False) -> None:
        for name, value in (("get_all", get_all), ("get_by_list", get_by_list), ("sens_param", sens_param)):
            if not isinstance(value, bool):
                raise _errors.flag_not_bool(name, value)
        self.get_all, self.get_by_list, self.sens_param = get_all, get_by_list, sens_param

    def __call__(self, fn: Callable, weights: Any = None) -> Callable:
        def after_grad(*args: Any, **kwargs: Any) -> Any:
            _callable(fn)
            sens = _NO_SENS
            if self.sens_param:
                if "sens" in kwargs:
                    sens = kwargs.pop("sens")
                elif args:
                    sens, args = args[-1], args[:-1]
            by_list = self.get_by_list
            if by_list and isinstance(weights, CoreTensor) and not isinstance(weights, Tensor):
                raise _errors.weights_type(_errors.python_object(weights))
            single = by_list and isinstance(weights, CoreTensor)
            listed = [] if not by_list or weights is None else [weights] if single else list(weights)
            out, _, grads, used, wgrads = _differentiate(
                fn, args, kwargs, listed, sens, used_weights=by_list and weights is None)
            if self.get_all:
                inputs = tuple(g for g in grads if g is not None)
            else:
                inputs = grads[0] if args and isinstance(args[0], Tensor) else ()
            if not by_list:
                return inputs
            wpart = wgrads[0] if single else tuple(wgrads)
            return (inputs, wpart) if self.get_all else wpart
        return after_grad


# ---------------------------------------------------------------------------------------------
# grad and value_and_grad (MindSpore 2.x)


def _positions(grad_position: Any, weights: Any) -> tuple | None:
    """Check ``grad_position`` as ``mindspore.grad`` does when it is built; an int becomes ``(i,)``."""
    if grad_position is None and weights is None:
        raise _errors.both_none()
    if grad_position is None:
        return None
    if not isinstance(grad_position, (int, tuple)):      # True is position 1, as in MindSpore
        raise _errors.position_type()
    if isinstance(grad_position, int):
        if grad_position < 0:
            raise _errors.position_negative()
        return (int(grad_position),)
    for p in grad_position:
        if not isinstance(p, int) or isinstance(p, bool):
            raise _errors.position_element_type()
        if p < 0:
            raise _errors.position_element_negative()
    if len(set(grad_position)) != len(grad_position):
        raise _errors.position_duplicate()
    return grad_position


def _weights_list(weights: Any) -> tuple[list, bool]:
    """(the weights as a list, whether a single tensor was given)."""
    if weights is None:
        return [], False
    if isinstance(weights, Tensor):
        return [weights], True
    if isinstance(weights, CoreTensor):             # another framework's tensor
        raise _errors.weights_type(_errors.python_object(weights))
    if isinstance(weights, (list, tuple)):
        return list(weights), False
    raise _errors.weights_type(weights)


def _flags(has_aux: Any, return_ids: Any) -> None:
    for name, value in (("has_aux", has_aux), ("return_ids", return_ids)):
        if not isinstance(value, bool):
            raise _errors.grad_flag(name, value)


def _callable(fn: Any, compiled: bool = False) -> None:
    """MindSpore's refusal of a non-callable ``fn``: jvp and the jacobians are compiled, and their
    compiler words it otherwise."""
    if not callable(fn):
        raise _errors.object_not_callable() if compiled else _errors.fn_not_callable(fn)


def _grad_call(fn: Callable, positions: tuple | None, weights: Any, has_aux: bool, return_ids: bool,
               args: tuple, kwargs: dict) -> tuple:
    """(fn's output, the gradients as ``mindspore.grad`` shapes them, aux or None)."""
    listed, single = _weights_list(weights)
    flat = (*args, *kwargs.values())
    for p in positions if flat and positions else ():     # no arguments at all: an empty result
        if p >= len(flat):
            raise _errors.position_range(p)
    out, aux, grads, _, wgrads = _differentiate(fn, args, kwargs, listed, has_aux=has_aux)
    pos_part = w_part = None
    if positions is not None:
        kept = [(p, grads[p]) for p in positions if p < len(flat) and isinstance(flat[p], Tensor)]
        items = [(p, g) if return_ids else g for p, g in kept]
        pos_part = items[0] if len(items) == 1 else tuple(items)
    if weights is not None:
        if single:
            if return_ids and positions is not None and listed[0]._data.size != 1:
                raise _errors.ambiguous(listed[0]._data.size)    # MindSpore 2.10 tests the weight's truth
            w_part = (listed[0].name, wgrads[0]) if return_ids else wgrads[0]
        else:
            w_part = tuple((getattr(w, "name", None), g) if return_ids else g
                           for w, g in zip(listed, wgrads))
    if positions is None:
        result = w_part
    elif weights is None:
        result = pos_part
    else:
        result = (pos_part, w_part)
    return out, result, aux


def grad(fn: Callable, grad_position: Any = 0, weights: Any = None, has_aux: bool = False,
         return_ids: bool = False) -> Callable:
    """``mindspore.grad``: the gradient function of ``fn`` for the arguments at ``grad_position``
    (an int, or a tuple) and for ``weights`` (a Parameter, list or ParameterTuple).

    Every output is seeded with ones (tuple outputs summed); unused inputs and weights get zeros;
    arguments that are not Tensors are skipped.

    >>> import minigrad.ms as ms
    >>> def f(x):
    ...     return x * x
    >>> print(ms.grad(f)(ms.Tensor([1.0, 2.0, 3.0])))
    [2. 4. 6.]
    """
    positions = _positions(grad_position, weights)
    _flags(has_aux, return_ids)

    def grad_fn(*args: Any, **kwargs: Any) -> Any:
        _callable(fn)
        _, result, aux = _grad_call(fn, positions, weights, has_aux, return_ids, args, kwargs)
        return (result, aux) if has_aux else result
    return grad_fn


def value_and_grad(fn: Callable, grad_position: Any = 0, weights: Any = None, has_aux: bool = False,
                   return_ids: bool = False) -> Callable:
    """``mindspore.value_and_grad``: ``(fn's whole output, gradients as grad gives them)``.

    >>> import minigrad.ms as ms
    >>> def f(x, y):
    ...     return x ** 2 + y, x
    >>> ms.value_and_grad(f)(ms.Tensor(1.0), ms.Tensor(2.0))
    ((Tensor(shape=[], dtype=Float32, value= 3), Tensor(shape=[], dtype=Float32, value= 1)), \
Tensor(shape=[], dtype=Float32, value= 3))
    """
    positions = _positions(grad_position, weights)
    _flags(has_aux, return_ids)

    def value_and_grad_fn(*args: Any, **kwargs: Any) -> Any:
        _callable(fn)
        out, result, _ = _grad_call(fn, positions, weights, has_aux, return_ids, args, kwargs)
        return out, result
    return value_and_grad_fn


# ---------------------------------------------------------------------------------------------
# vjp, jvp, jacrev, jacfwd


def _aux_of(out: Any) -> Any:
    rest = out[1:]
    return _detach(rest[0]) if len(rest) == 1 else tuple(_detach(a) for a in rest)


def vjp(fn: Callable, *inputs: Any, weights: Any = None, has_aux: bool = False) -> tuple:
    """``mindspore.vjp``: ``(outputs, vjp_fn)`` (and aux last with ``has_aux``); ``vjp_fn(v)`` gives
    a tuple with one gradient per input.

    >>> import minigrad.ms as ms
    >>> def f(x):
    ...     return x * x
    >>> out, vjp_fn = ms.vjp(f, ms.Tensor([1.0, 2.0]))
    >>> vjp_fn(ms.Tensor([1.0, 1.0]))
    (Tensor(shape=[2], dtype=Float32, value= [ 2.00000000e+00,  4.00000000e+00]),)
    """
    _callable(fn)
    if not isinstance(has_aux, bool):
        raise _errors.has_aux_type()
    if any(not isinstance(x, Tensor) for x in inputs):
        raise _errors.vjp_inputs()
    listed, single = _weights_list(weights)
    run = _Run(fn, inputs, {})
    targets, _ = _targets(run.out, has_aux)
    shown = run.out[0] if has_aux else run.out

    def vjp_fn(*v: Any) -> tuple:
        if len(v) == 1 and isinstance(v[0], (tuple, list)) and not isinstance(shown, (tuple, list)):
            v = tuple(v[0])                  # a one-output function's cotangent may come in a tuple
        if any(not isinstance(t, Tensor) for t in _flat_sens(v)):
            raise _errors.vjp_inputs()
        sens = v[0] if len(v) == 1 else v
        seeds = _seeds(targets, shown, sens, False)
        grads = run.backward(targets, seeds, [*run.aliases, *listed], retain=True)
        in_part = tuple(grads[:len(inputs)])
        if weights is None:
            return in_part
        return in_part, (grads[len(inputs)] if single else tuple(grads[len(inputs):]))

    return (shown, vjp_fn, _aux_of(run.out)) if has_aux else (shown, vjp_fn)


def jvp(fn: Callable, inputs: Any, v: Any, has_aux: bool = False) -> tuple:
    """``mindspore.jvp``: ``(outputs, jvp_out)`` (and aux last with ``has_aux``), by the double-vjp
    trick: the vjp is linear in its cotangent ``u``, and differentiating it for ``u`` along ``v``
    gives ``J v``.

    >>> import minigrad.ms as ms
    >>> def f(x):
    ...     return x * x
    >>> ms.jvp(f, ms.Tensor([1.0, 2.0]), ms.Tensor([1.0, 1.0]))[1]
    Tensor(shape=[2], dtype=Float32, value= [ 2.00000000e+00,  4.00000000e+00])
    """
    _callable(fn, compiled=True)
    if not isinstance(has_aux, bool):
        raise _errors.has_aux_type()
    many = isinstance(inputs, (tuple, list))
    xs = tuple(inputs) if many else (inputs,)
    vs = tuple(v) if isinstance(v, (tuple, list)) else (v,)
    if any(not isinstance(t, Tensor) for t in (*xs, *vs)):
        raise _errors.jvp_inputs()
    if len(vs) != len(xs):
        raise _errors.jvp_length(len(xs), len(vs))
    for x, t in zip(xs, vs):
        if isinstance(x, CoreTensor) and isinstance(t, CoreTensor) and x._data.dtype != t._data.dtype:
            raise _errors.type_join(_wrap(t._data).dtype, _wrap(x._data).dtype)
        if isinstance(x, CoreTensor) and isinstance(t, CoreTensor) and x._data.shape != t._data.shape:
            raise _errors.jvp_shape(t._data.shape, x._data.shape)
    run = _Run(fn, xs, {})
    targets, _ = _targets(run.out, has_aux)
    shown = run.out[0] if has_aux else run.out
    tensors = [t for t in targets if isinstance(t, CoreTensor)]
    cotangents = [Tensor._make(np.zeros_like(t._data), False) for t in tensors]
    outer = Recorder()
    for u in cotangents:
        outer.watch(u)
    with outer:
        grads = run_backward(tensors, cotangents, list(run.aliases), recorder=run.rec,
                             create_graph=True, retain_graph=True)
    pairs = [(g, t) for g, t in zip(grads, vs) if g is not None]
    tangents = [_wrap(t._data if isinstance(t, CoreTensor) else t) for _, t in pairs]
    nested = bool(_mode.active_recorders())
    found = run_backward([g for g, _ in pairs], [t if nested else t._data for t in tangents], cotangents,
                         recorder=outer, create_graph=nested, retain_graph=nested)
    jv = [_zeros(t) if g is None else g if isinstance(g, CoreTensor) else _wrap(g)
          for g, t in zip(found, tensors)]
    jv_out = tuple(jv) if isinstance(shown, (tuple, list)) else jv[0]
    return (shown, jv_out, _aux_of(run.out)) if has_aux else (shown, jv_out)


def _jacobian(fn: Callable, grad_position: Any, has_aux: bool) -> Callable:
    def jac_fn(*args: Any) -> Any:
        _callable(fn, compiled=True)
        positions = _positions(grad_position, None)
        if not isinstance(has_aux, bool):
            raise _errors.has_aux_type()
        if any(p >= len(args) for p in positions):
            raise _errors.position_out_of_args()
        run = _Run(fn, args, {})
        targets, _ = _targets(run.out, has_aux)
        inputs = [run.aliases[p] for p in positions]
        per_output = []
        for t in targets:
            if not isinstance(t, Tensor):             # another framework's tensor came out
                raise _errors.size_not_tensor()
            if t._data.dtype.kind not in "fc":       # the ones seed is Float32
                raise _errors.type_join(_wrap(np.float32(0)).dtype, _wrap(t._data).dtype)
            n = int(t._data.size)
            seed = np.eye(n, dtype=t._data.dtype).reshape(t._data.shape + t._data.shape)
            grads = run.backward([t], [seed], inputs, batch_ndim=t._data.ndim, retain=True)
            per_output.append(grads[0] if isinstance(grad_position, int) else tuple(grads))
        shown = run.out[0] if has_aux else run.out
        jac = tuple(per_output) if isinstance(shown, (tuple, list)) else per_output[0]
        return (jac, _aux_of(run.out)) if has_aux else jac
    return jac_fn


def jacrev(fn: Callable, grad_position: Any = 0, has_aux: bool = False) -> Callable:
    """``mindspore.jacrev``: the Jacobian, shaped ``output.shape + input.shape`` (a tuple over a
    tuple ``grad_position``), in one batched backward pass per output.

    >>> import minigrad.ms as ms
    >>> def f(x):
    ...     return x * x
    >>> print(ms.jacrev(f)(ms.Tensor([1.0, 2.0])))
    [[2. 0.]
     [0. 4.]]
    """
    return _jacobian(fn, grad_position, has_aux)


def jacfwd(fn: Callable, grad_position: Any = 0, has_aux: bool = False) -> Callable:
    """``mindspore.jacfwd``: the same Jacobian as ``jacrev`` (computed here by the same batched
    reverse pass: the values and shapes are MindSpore's, only the route differs).

    >>> import minigrad.ms as ms
    >>> def f(x):
    ...     return x * x
    >>> print(ms.jacfwd(f)(ms.Tensor([1.0, 2.0])))
    [[2. 0.]
     [0. 4.]]
    """
    return _jacobian(fn, grad_position, has_aux)
