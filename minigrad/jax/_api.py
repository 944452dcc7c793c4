"""JAX's function transformations on the tape.

Every transform is a ``Recorder``: each differentiated leaf gets a fresh identity
(``ops.alias``) that the recorder watches, ``fun`` runs inside ``with recorder:``, and one call
of the engine's ``run_backward`` walks that recorder's nodes. When an outer transform is
recording (``grad(grad(f))``, ``jacfwd(jacrev(f))``), the pass runs with ``create_graph`` so
that it is itself recorded by the outer recorder; derivatives of any order follow.

Forward mode (``jvp``, ``jacfwd``) uses the double-vjp trick rather than jvp rules. The
pullback ``u -> J^T u`` is linear in the cotangent ``u``; running it once with ``u`` a watched
placeholder records it on a second recorder, and pulling the tangents ``t`` back through that
recording gives ``(J^T)^T t = J t``. We chose it because the engine's rules carry only vjps
(ARCHITECTURE.md: "forward mode may come from the double-vjp trick, so rules need no jvp"):
one table of derivatives, no second one to keep in step. Its cost is one forward pass, one
recorded backward pass, and one pass back over that recording; the last carries every tangent
at once (``batch_ndim=1``), so ``jacfwd`` costs a few forward passes' worth of arithmetic per
tangent but a fixed number of passes of bookkeeping, as ``jacrev`` pulls all its cotangents
back in one batched pass (benchmarks/bench_jax_modes.py measures both).
"""
from __future__ import annotations

import functools
import operator
from typing import Any, Callable, Sequence

import numpy as np

from .. import _mode, ops
from ..autograd.graph import Recorder, run_backward
from ..tensor import Tensor
from . import _errors
from ._array import Array, _type_str, asarray, make, with_weak
from .tree_util import flatten_up_to, tree_flatten, tree_map

float0 = np.dtype([("float0", np.void, 0)])


# ----- the pieces every transform shares -------------------------------------------------------

def _nested(values: Sequence[Any]) -> bool:
    """Whether an outer transform (or tape) records any of ``values`` (the outputs, and any
    seeds): then a pass must build its own graph for that recorder to differentiate. Whatever
    an outer recorder tracks reaches the outputs' nodes, so looking at them is enough."""
    recorders = _mode.active_recorders()
    return bool(recorders) and any(r.tracks(v) for r in recorders for v in values if isinstance(v, Tensor))


def _callable(fun: Any) -> None:
    if not callable(fun):
        raise _errors.not_callable(fun)


def _argnums(argnums: Any, n_args: int, jacobian: bool = False) -> tuple:
    """The positions to differentiate. As in JAX, grad names a position past the end with its own
    TypeError; an index out of range otherwise (negative, or any in the jacobians) is a ValueError."""
    nums = (argnums,) if isinstance(argnums, (int, np.integer)) else tuple(argnums)
    if jacobian:                  # compared as given: '>=' not supported between 'str' and 'int'
        for a in nums:
            if a >= n_args or a < -n_args:
                raise _errors.argnums_position(a, n_args)
    nums = tuple(operator.index(a) for a in nums)     # TypeError: 'str' object cannot be interpreted ...
    if any(a >= n_args for a in nums):
        raise _errors.argnums_range(argnums, n_args)
    for a in nums:
        if not -n_args <= a < n_args:
            raise _errors.argnums_position(a, n_args)
    return tuple(a % n_args for a in nums)


def _leaf_array(leaf: Any, quoted: bool = False) -> Array:
    """A differentiated leaf as an Array. Another dialect's tensor (minigrad's torch, tf or ms
    tensors) is refused as JAX refuses a torch.Tensor: it is not a valid JAX type."""
    if isinstance(leaf, (str, bytes)) or (isinstance(leaf, Tensor) and not isinstance(leaf, Array)) or (
            not isinstance(leaf, (Tensor, np.ndarray, np.generic, int, float, complex, list, tuple))):
        raise _errors.invalid_type(leaf, quoted)
    return asarray(leaf)


def _foreign(leaf: Any) -> bool:
    return isinstance(leaf, Tensor) and not isinstance(leaf, Array)


class _Trace:
    """One run of ``fun`` with the leaves of the chosen arguments watched by a fresh recorder."""

    def __init__(self, fun: Callable, args: tuple, kwargs: dict, nums: tuple, check: str | None,
                 allow_int: bool = False, quoted: bool = False) -> None:
        self.recorder = Recorder()
        self.primals: list[Array] = []
        self.aliases: list[Array] = []
        self.defs = []
        self.originals: dict[int, Any] = {}
        for i in nums:
            leaves, treedef = tree_flatten(args[i])
            arrays = [_leaf_array(leaf, quoted) for leaf in leaves]
            if check is not None:
                for a in arrays:
                    bad = a._data.dtype.kind not in ("f" if check == "jacfwd" else "fc")
                    if bad and not allow_int:
                        raise _errors.int_input(check, a._data.dtype)
            self.defs.append((i, treedef, len(arrays)))
            for leaf, a in zip(leaves, arrays):
                alias = with_weak(ops.alias(a), a.weak_type)
                self.recorder.watch(alias)
                self.originals[id(alias)] = leaf
                self.primals.append(a)
                self.aliases.append(alias)
        new_args = list(args)
        start = 0
        for i, treedef, n in self.defs:
            new_args[i] = treedef.unflatten(self.aliases[start:start + n])
            start += n
        with self.recorder:
            self.out = fun(*new_args, **kwargs)

    def split_aux(self, has_aux: bool, mode: str = "reverse") -> Any:
        """The function's output without its aux, and the aux (None without has_aux)."""
        if not has_aux:
            return self.out, None
        if not (isinstance(self.out, (tuple, list)) and len(self.out) == 2):
            raise _errors.aux_not_pair(self.out, mode)
        return self.out[0], self.out[1]

    def per_argument(self, leaves: Sequence[Any], as_tuple: bool) -> Any:
        """Per-leaf results regrouped into the differentiated arguments' structures."""
        trees, start = [], 0
        for _, treedef, n in self.defs:
            trees.append(treedef.unflatten(leaves[start:start + n]))
            start += n
        return tuple(trees) if as_tuple else trees[0]

    def restore(self, tree: Any, nested: bool) -> Any:
        """Values handed back to the caller: an argument returned untouched is the caller's own
        object (as in JAX); outside any transform, arrays are cut from the finished tape."""
        def one(leaf: Any) -> Any:
            if id(leaf) in self.originals:
                return self.originals[id(leaf)]
            if isinstance(leaf, Tensor) and not nested:
                return make(leaf._data, getattr(leaf, "weak_type", False))
            return leaf
        return tree_map(one, tree)


def _result(g: Any, like: Array, weak: bool) -> Array:
    """An engine result as an Array of ``like``'s shape: zeros when nothing reached it."""
    if g is None:
        return make(np.zeros(like._data.shape, like._data.dtype), weak)
    if isinstance(g, Tensor):
        return with_weak(ops.alias(g), weak)      # a fresh object, still on the outer tape
    return make(np.asarray(g, dtype=like._data.dtype), weak)


def _seed(array: np.ndarray, nested: bool) -> Any:
    return make(array) if nested else array


def _out_leaves(out: Any) -> tuple[list, Any]:
    leaves, treedef = tree_flatten(out)
    return [asarray(leaf) for leaf in leaves], treedef


def _name(fun: Callable) -> str:
    return getattr(fun, "__name__", type(fun).__name__)


# ----- reverse mode ----------------------------------------------------------------------------

def value_and_grad(fun: Callable, argnums: Any = 0, has_aux: bool = False, holomorphic: bool = False,
                   allow_int: bool = False, reduce_axes: Sequence = ()) -> Callable:
    """A function returning ``(fun(*args), grad(fun)(*args))``; with ``has_aux``,
    ``((value, aux), grad)``. ``holomorphic`` is accepted, complex inputs are not supported.

    >>> import minigrad.jax as jax
    >>> jax.value_and_grad(lambda x: x ** 3)(2.)
    (Array(8., dtype=float32, weak_type=True), Array(12., dtype=float32, weak_type=True))
    """
    _callable(fun)

    @functools.wraps(fun)
    def value_and_grad_f(*args: Any, **kwargs: Any) -> Any:
        nums = _argnums(argnums, len(args))
        trace = _Trace(fun, args, kwargs, nums, "grad", allow_int)
        out, aux = trace.split_aux(has_aux)
        if isinstance(out, (tuple, list, dict)) or out is None:
            raise _errors.nonscalar_value(trace.restore(out, True))
        given, out = out, asarray(out)
        if out._data.shape != ():
            raise _errors.nonscalar_shape(out._data.shape)
        if out._data.dtype.kind != "f":
            raise _errors.int_output(out._data.dtype)
        nested = _nested([out])
        grads = run_backward([out], [_seed(np.ones((), out._data.dtype), nested)], trace.aliases,
                             recorder=trace.recorder, create_graph=nested, retain_graph=nested)
        leaves = []
        for g, primal in zip(grads, trace.primals):
            if primal._data.dtype.kind not in "fc":
                leaves.append(np.zeros(primal._data.shape, float0))      # allow_int: float0 zeros
            else:
                leaves.append(_result(g, primal, primal.weak_type))
        g = trace.per_argument(leaves, not isinstance(argnums, (int, np.integer)))
        value = trace.restore(out if isinstance(given, Tensor) else given, nested)   # a constant: as given
        return ((value, trace.restore(aux, nested)), g) if has_aux else (value, g)

    return value_and_grad_f


def grad(fun: Callable, argnums: Any = 0, has_aux: bool = False, holomorphic: bool = False,
         allow_int: bool = False, reduce_axes: Sequence = ()) -> Callable:
    """The gradient of a scalar-valued ``fun`` with respect to the arguments ``argnums``.

    An int ``argnums`` gives a result shaped like that argument; a tuple (even ``(0,)``) a tuple.
    With ``has_aux``, ``fun`` returns ``(value, aux)`` and the result is ``(grad, aux)``.

    >>> import minigrad.jax as jax
    >>> jax.grad(lambda x: x ** 2)(3.)
    Array(6., dtype=float32, weak_type=True)
    >>> jax.grad(jax.grad(lambda x: x ** 3))(2.)
    Array(12., dtype=float32, weak_type=True)
    """
    _callable(fun)
    value_and_grad_f = value_and_grad(fun, argnums, has_aux, holomorphic, allow_int)

    @functools.wraps(fun)
    def grad_f(*args: Any, **kwargs: Any) -> Any:
        (value, g) = value_and_grad_f(*args, **kwargs)
        return (g, value[1]) if has_aux else g

    return grad_f


def vjp(fun: Callable, *primals: Any, has_aux: bool = False, reduce_axes: Sequence = ()) -> Any:
    """``(fun(*primals), vjp_fn)``, where ``vjp_fn(cotangent)`` returns one cotangent per primal
    (a tuple, also for one primal). ``vjp_fn`` may be called any number of times. With
    ``has_aux``: ``(out, vjp_fn, aux)``.

    >>> import minigrad.jax as jax, minigrad.jax.numpy as jnp
    >>> y, pullback = jax.vjp(lambda x: x * 2, jnp.ones(2))
    >>> pullback(jnp.array([1., 3.]))
    (Array([2., 6.], dtype=float32),)
    """
    _callable(fun)
    trace = _Trace(fun, primals, {}, tuple(range(len(primals))), None)
    out, aux = trace.split_aux(has_aux)
    outs, out_def = _out_leaves(out)
    name = _name(fun)

    def vjp_fn(cotangent: Any) -> tuple:
        leaves, ct_def = tree_flatten(cotangent)
        if ct_def != out_def:
            raise _errors.vjp_structure(ct_def, out_def)
        for c in leaves:
            if _foreign(c):
                raise _errors.not_a_dtype(c.dtype)
        cts = [asarray(c) for c in leaves]
        for c, o in zip(cts, outs):
            if c._data.shape != o._data.shape or c._data.dtype != o._data.dtype:
                raise _errors.vjp_type(_type_str(c._data), _type_str(o._data), name)
        nested = _nested(outs + cts)
        seeds = [c if nested else c._data for c in cts]
        grads = run_backward(outs, seeds, trace.aliases, recorder=trace.recorder, create_graph=nested,
                             retain_graph=True)
        results = [_result(g, p, p.weak_type) if p._data.dtype.kind in "fc" else
                   np.zeros(p._data.shape, float0) for g, p in zip(grads, trace.primals)]
        return trace.per_argument(results, True)

    nested = _nested(outs)
    value = trace.restore(out, nested)
    return (value, vjp_fn, trace.restore(aux, nested)) if has_aux else (value, vjp_fn)


def jacrev(fun: Callable, argnums: Any = 0, has_aux: bool = False, holomorphic: bool = False,
           allow_int: bool = False) -> Callable:
    """The Jacobian by reverse mode: all rows in one batched backward pass. Each output leaf
    gets ``out.shape + in.shape``; a tuple ``argnums`` gives a tuple per output leaf.

    >>> import minigrad.jax as jax, minigrad.jax.numpy as jnp
    >>> jax.jacrev(lambda x: x * x)(jnp.array([1., 2.]))
    Array([[2., 0.],
           [0., 4.]], dtype=float32)
    """
    _callable(fun)

    @functools.wraps(fun)
    def jacfun(*args: Any, **kwargs: Any) -> Any:
        nums = _argnums(argnums, len(args), jacobian=True)
        trace = _Trace(fun, args, kwargs, nums, "jacrev", allow_int)
        out, aux = trace.split_aux(has_aux)
        outs, out_def = _out_leaves(out)
        for o in outs:
            if o._data.dtype.kind not in "fc":
                raise _errors.int_output(o._data.dtype, "jacrev")
        nested = _nested(outs)
        sizes = [o._data.size for o in outs]
        total = sum(sizes)
        seeds, offset = [], 0
        for o, n in zip(outs, sizes):
            block = np.zeros((total, n), o._data.dtype)
            block[offset:offset + n] = np.eye(n, dtype=o._data.dtype)
            seeds.append(_seed(block.reshape((total, *o._data.shape)), nested))
            offset += n
        grads = run_backward(outs, seeds, trace.aliases, recorder=trace.recorder, create_graph=nested,
                             retain_graph=nested, batch_ndim=1) if total else [None] * len(trace.aliases)
        per_out, offset = [], 0
        for o, n in zip(outs, sizes):
            leaves = []
            for g, p in zip(grads, trace.primals):
                shape = o._data.shape + p._data.shape
                if g is None:
                    leaves.append(make(np.zeros(shape, p._data.dtype), p.weak_type))
                    continue
                if not nested:          # plain arrays: slice them without recording anything
                    leaves.append(make(np.asarray(g, p._data.dtype)[offset:offset + n].reshape(shape),
                                       p.weak_type))
                    continue
                block = with_weak(ops.alias(g), p.weak_type)
                leaves.append(with_weak(ops.reshape(block[offset:offset + n], shape), p.weak_type))
            per_out.append(trace.per_argument(leaves, not isinstance(argnums, (int, np.integer))))
            offset += n
        jac = _detached(out_def.unflatten(per_out), nested)
        return (jac, trace.restore(aux, nested)) if has_aux else jac

    return jacfun


jacobian = jacrev


# ----- forward mode ----------------------------------------------------------------------------

class _Pushforward:
    """The map ``t -> J t`` by the double-vjp trick (see the module docstring): the pullback
    ``u -> J^T u`` recorded once as a function of placeholders ``u``, then pulled back along."""

    def __init__(self, recorder: Recorder, outs: list, inputs: list, nested: bool, keep: bool) -> None:
        self.placeholders = Recorder()
        self.us = []
        for o in outs:
            u = make(np.zeros(o._data.shape, o._data.dtype))
            self.placeholders.watch(u)
            self.us.append(u)
        with self.placeholders:     # the pullback u -> J^T u, recorded as a function of u
            self.pulled = run_backward(outs, self.us, inputs, recorder=recorder, create_graph=True,
                                       retain_graph=nested or keep)
        self.keep = keep

    def __call__(self, tangents: list, batch_ndim: int, nested: bool) -> list:
        pairs = [(g, t) for g, t in zip(self.pulled, tangents) if g is not None]
        if not pairs:
            return [None] * len(self.us)
        return run_backward([g for g, _ in pairs], [t for _, t in pairs], self.us, recorder=self.placeholders,
                            create_graph=nested, retain_graph=nested or self.keep, batch_ndim=batch_ndim)


def _push_forward(recorder: Recorder, outs: list, inputs: list, tangents: list, batch_ndim: int,
                  nested: bool) -> list:
    """``J t`` for each output, in one go."""
    return _Pushforward(recorder, outs, inputs, nested, keep=False)(tangents, batch_ndim, nested)


def linearize(fun: Callable, *primals: Any, has_aux: bool = False) -> Any:
    """``(fun(*primals), f_jvp)`` where ``f_jvp(*tangents)`` is the jvp at ``primals``: the
    recorded pullback is kept, so each call is one pass over it, without rerunning ``fun``.

    >>> import minigrad.jax as jax
    >>> y, f_jvp = jax.linearize(lambda x: x ** 3, 2.)
    >>> f_jvp(1.), f_jvp(2.)
    (Array(12., dtype=float32, weak_type=True), Array(24., dtype=float32, weak_type=True))
    """
    _callable(fun)
    trace = _Trace(fun, primals, {}, tuple(range(len(primals))), None, quoted=True)
    out, aux = trace.split_aux(has_aux)
    outs, out_def = _out_leaves(out)
    nested = _nested(outs)
    push = _Pushforward(trace.recorder, outs, trace.aliases, nested, keep=True)
    p_def = tree_flatten(tuple(primals))[1]

    def f_jvp(*tangents: Any) -> Any:
        t_leaves, t_def = tree_flatten(tuple(tangents))
        if t_def != p_def:
            raise _errors.jvp_structure(p_def, t_def)
        ts = [asarray(t) for t in t_leaves]
        for p, t in zip(trace.primals, ts):
            if p._data.shape != t._data.shape:
                raise _errors.linearize_tangent(t, p)
        inner = _nested(outs + ts)
        pushed = push([t if inner else t._data for t in ts], 0, inner)
        return _detached(out_def.unflatten([_result(g, o, o.weak_type) for g, o in zip(pushed, outs)]),
                         inner)

    value = trace.restore(out, nested)
    return (value, f_jvp, trace.restore(aux, nested)) if has_aux else (value, f_jvp)


def jvp(fun: Callable, primals: Any, tangents: Any, has_aux: bool = False) -> Any:
    """``(fun(*primals), J tangents)``: the directional derivative, by forward mode
    (``(out, tangent_out, aux)`` with ``has_aux``).

    >>> import minigrad.jax as jax
    >>> jax.jvp(lambda x: x * x, (2.,), (1.,))
    (Array(4., dtype=float32, weak_type=True), Array(4., dtype=float32, weak_type=True))
    """
    _callable(fun)
    if not isinstance(primals, (tuple, list)) or not isinstance(tangents, (tuple, list)):
        raise _errors.jvp_not_sequences(primals, tangents)
    p_leaves, p_def = tree_flatten(tuple(primals))
    t_leaves, t_def = tree_flatten(tuple(tangents))
    if p_def != t_def:
        raise _errors.jvp_structure(p_def, t_def)
    ps = [_leaf_array(p, quoted=True) for p in p_leaves]
    for t in t_leaves:
        if _foreign(t):
            raise _errors.not_a_dtype(t.dtype)
    ts = [_leaf_array(t, quoted=True) if not (isinstance(t, np.ndarray) and t.dtype == float0) else t
          for t in t_leaves]
    for p, t in zip(ps, ts):
        expected = p._data.dtype if p._data.dtype.kind in "fc" else float0
        got = t.dtype if isinstance(t, np.ndarray) else t._data.dtype
        if got != expected:
            raise _errors.jvp_dtype(p._data.dtype, expected, got)
        if p._data.shape != tuple(np.shape(t._data if isinstance(t, Tensor) else t)):
            raise _errors.jvp_shape(p._data.shape, tuple(np.shape(t)))
    trace = _Trace(fun, tuple(primals), {}, tuple(range(len(primals))), None)
    out, aux = trace.split_aux(has_aux)
    outs, out_def = _out_leaves(out)
    nested = _nested(outs + ts)
    keep = [i for i, p in enumerate(ps) if p._data.dtype.kind in "fc"]
    seeds = [ts[i] if nested else ts[i]._data for i in keep]
    pushed = _push_forward(trace.recorder, outs, [trace.aliases[i] for i in keep], seeds, 0, nested)
    tangent_out = [_result(g, o, o.weak_type) for g, o in zip(pushed, outs)]
    value = trace.restore(out, nested)
    result = (value, _detached(out_def.unflatten(tangent_out), nested))
    return (*result, trace.restore(aux, nested)) if has_aux else result


def jacfwd(fun: Callable, argnums: Any = 0, has_aux: bool = False, holomorphic: bool = False) -> Callable:
    """The Jacobian by forward mode: all input directions pushed through as one batch.
    Same result structure as ``jacrev``.

    >>> import minigrad.jax as jax, minigrad.jax.numpy as jnp
    >>> jax.jacfwd(lambda x: x * x)(jnp.array([1., 2.]))
    Array([[2., 0.],
           [0., 4.]], dtype=float32)
    """
    _callable(fun)

    @functools.wraps(fun)
    def jacfun(*args: Any, **kwargs: Any) -> Any:
        nums = _argnums(argnums, len(args), jacobian=True)
        trace = _Trace(fun, args, kwargs, nums, "jacfwd")
        out, aux = trace.split_aux(has_aux, "forward")
        outs, out_def = _out_leaves(out)
        nested = _nested(outs)
        sizes = [p._data.size for p in trace.primals]
        total = sum(sizes)
        tangents, offset = [], 0
        for p, m in zip(trace.primals, sizes):
            block = np.zeros((total, m), p._data.dtype)
            block[offset:offset + m] = np.eye(m, dtype=p._data.dtype)
            tangents.append(_seed(block.reshape((total, *p._data.shape)), nested))
            offset += m
        pushed = _push_forward(trace.recorder, outs, trace.aliases, tangents, 1, nested) if total else \
            [None] * len(outs)
        per_out = []
        for o, r in zip(outs, pushed):
            leaves, offset = [], 0
            for p, m in zip(trace.primals, sizes):
                shape = o._data.shape + p._data.shape
                if r is None:
                    leaves.append(make(np.zeros(shape, o._data.dtype), o.weak_type))
                elif not nested:        # plain arrays: rows are input directions, move them last
                    block = np.asarray(r, o._data.dtype)[offset:offset + m]
                    leaves.append(make(np.moveaxis(block, 0, -1).reshape(shape), o.weak_type))
                else:
                    block = with_weak(ops.alias(r), o.weak_type)[offset:offset + m]
                    moved = ops.permute(block, *range(1, block.ndim), 0) if block.ndim > 1 else block
                    leaves.append(with_weak(ops.reshape(moved, shape), o.weak_type))
                offset += m
            per_out.append(trace.per_argument(leaves, not isinstance(argnums, (int, np.integer))))
        jac = _detached(out_def.unflatten(per_out), nested)
        return (jac, trace.restore(aux, nested)) if has_aux else jac

    return jacfun


def hessian(fun: Callable, argnums: Any = 0, has_aux: bool = False, holomorphic: bool = False) -> Callable:
    """``jacfwd(jacrev(fun))``: ``out.shape + in.shape + in.shape``.

    >>> import minigrad.jax as jax
    >>> jax.hessian(lambda x: x ** 3)(2.)
    Array(12., dtype=float32, weak_type=True)
    """
    _callable(fun)
    return jacfwd(jacrev(fun, argnums, has_aux, holomorphic), argnums, has_aux, holomorphic)


def _detached(tree: Any, nested: bool) -> Any:
    """Outside every transform, results need not keep their tape."""
    if nested:
        return tree
    return tree_map(lambda x: make(x._data, x.weak_type) if isinstance(x, Array) else x, tree)


# ----- the rest of the tutorial's surface ------------------------------------------------------

def jit(fun: Callable | None = None, **options: Any) -> Callable:
    """Returns ``fun`` itself, wrapped: minigrad has no compiler, so ``jit`` changes nothing but
    keeps programs written for JAX running (``static_argnums`` and the like are accepted).

    >>> import minigrad.jax as jax
    >>> jax.jit(lambda x: x + 1)(1.)
    Array(2., dtype=float32, weak_type=True)
    """
    if fun is None:
        return lambda f: jit(f, **options)
    static = options.get("static_argnums", ())
    static = {static} if isinstance(static, int) else set(static)

    @functools.wraps(fun)
    def jitted(*args: Any, **kwargs: Any) -> Any:
        # as JAX's tracing does: array arguments and results, Python numbers weakly typed
        args = tuple(a if i in static else tree_map(asarray, a) for i, a in enumerate(args))
        return tree_map(asarray, fun(*args, **kwargs))

    jitted.lower = None          # no staging out here
    return jitted


def vmap(fun: Callable, in_axes: Any = 0, out_axes: Any = 0) -> Callable:
    """``fun`` mapped over an axis of its arguments, results stacked along ``out_axes``.
    ``in_axes`` is an int, None, or one entry per argument, each an int, None or a pytree prefix
    of that argument. Runs ``fun`` once per slice: simple, and differentiable like any other
    composition of ops.

    >>> import minigrad.jax as jax, minigrad.jax.numpy as jnp
    >>> jax.vmap(lambda x: jnp.sum(x * x))(jnp.array([[1., 2.], [3., 4.]]))
    Array([ 5., 25.], dtype=float32)
    """
    @functools.wraps(fun)
    def batched(*args: Any) -> Any:
        axes = in_axes if isinstance(in_axes, (tuple, list)) else (in_axes,) * len(args)
        if len(axes) != len(args):
            raise ValueError(f"vmap in_axes must be an int, None, or a tuple of entries corresponding to "
                             f"the positional arguments passed to the function, but got len(in_axes)="
                             f"{len(axes)}, len(args)={len(args)}")
        leaves, treedef = tree_flatten(tuple(args))
        owner, leaf_axes = [], []           # per leaf: its argument, its mapped axis (or None)
        for i, (arg, spec) in enumerate(zip(args, axes)):
            spec_leaves, spec_def = tree_flatten(spec, is_leaf=lambda s: s is None)
            for sub, ax in zip(flatten_up_to(spec_def, arg), spec_leaves):
                n_sub = len(tree_flatten(sub)[0])
                owner += [i] * n_sub
                leaf_axes += [ax] * n_sub
        leaves = [asarray(leaf) if ax is not None else leaf for leaf, ax in zip(leaves, leaf_axes)]
        sizes = {leaf.shape[ax] for leaf, ax in zip(leaves, leaf_axes) if ax is not None}
        if not sizes:
            raise ValueError("vmap must have at least one non-None value in in_axes")
        if len(sizes) > 1:
            names = _arg_names(fun, len(args))
            raise _errors.vmap_sizes([f"  * one axis had size {leaf.shape[ax]}: axis {ax} of argument "
                                      f"{names[i]} of type {_type_str(leaf._data)}"
                                      for i, leaf, ax in zip(owner, leaves, leaf_axes) if ax is not None])
        n = sizes.pop()
        results = []
        for k in range(n):
            sliced = [leaf if ax is None else leaf[(slice(None),) * (ax % leaf.ndim) + (k,)]
                      for leaf, ax in zip(leaves, leaf_axes)]
            results.append(fun(*treedef.unflatten(sliced)))
        from . import numpy as jnp
        return tree_map(lambda *xs: jnp.stack(xs, out_axes), results[0], *results[1:])

    return batched


def _arg_names(fun: Callable, n: int) -> list:
    import inspect
    try:
        params = [p.name for p in inspect.signature(fun).parameters.values()]
    except (TypeError, ValueError):
        params = []
    return [params[i] if i < len(params) else f"args[{i}]" for i in range(n)]


def block_until_ready(x: Any) -> Any:
    """``x`` itself: nothing runs asynchronously here."""
    return x


def device_get(x: Any) -> Any:
    """The NumPy arrays behind a pytree of Arrays."""
    return tree_map(lambda leaf: leaf._data if isinstance(leaf, Tensor) else leaf, x)


def device_put(x: Any, device: Any = None) -> Any:
    """A pytree of Arrays (there is only the CPU)."""
    return tree_map(asarray, x)
