"""Recording one call of a function on a `Recorder`, so that tapes and transforms (tf, ms, jax)
can be drawn like torch-style results."""
from __future__ import annotations

import inspect
from typing import Any, Callable

import numpy as np

import minigrad
from minigrad.autograd import graph as G

from ._tape import PARAMETER_TYPES, tensor_name
from .flow import Flow
from .graphs import _results, backward, forward, forward_backward
from .steps import Steps


class Trace:
    """One recorded call: ``inputs`` (fresh tensors the recorder watched), ``outputs``, ``names``.

    Draw it with ``forward()``, ``backward()``, or run the backward pass with ``grad()``, which
    records the flow for ``flow_graph()`` and ``steps()``. In Jupyter it shows both graphs.
    """

    def __init__(self, fn: Callable, inputs: list, outputs: list, recorder: Any, names: dict,
                 params: list | None = None) -> None:
        self.fn, self.inputs, self.outputs, self.recorder, self.names = fn, inputs, outputs, recorder, names
        self.params = params or []
        self.flow: Flow | None = None
        self.grads: list | None = None
        self.param_grads: list | None = None

    def __repr__(self) -> str:
        name = getattr(self.fn, "__name__", None) or type(self.fn).__name__      # a Cell: its class
        state = f", gradients of {len(self.grads)} inputs" if self.grads is not None else ""
        return f"<viz.Trace of {name}: {len(self.inputs)} inputs, {len(self.outputs)} outputs{state}>"

    def grad(self) -> list:
        """Run the backward pass over this call only (seed 1 for every output), recording the
        gradient on each edge; returns the gradient of each input as an array (None: unused).
        The parameters' gradients go to ``param_grads`` (no ``.grad`` is written). The graph is
        kept, so this can run again."""
        seeds = [np.ones(tuple(o.shape), dtype=o.detach().numpy().dtype) for o in self.outputs]
        with Flow() as flow:
            grads = G.run_backward(self.outputs, seeds, self.inputs + self.params, recorder=self.recorder,
                                   retain_graph=True)
        n = len(self.inputs)
        self.flow, self.grads, self.param_grads = flow, grads[:n], grads[n:]
        return self.grads

    def forward(self, **kw: Any) -> Any:
        """The forward graph of the call."""
        return forward(*self.outputs, names=self.names, flow=self.flow, **kw)

    def backward(self, **kw: Any) -> Any:
        """The backward graph of the call (with the recorded gradients once ``grad()`` ran)."""
        return backward(*self.outputs, names=self.names, flow=self.flow, **kw)

    def steps(self, **kw: Any) -> Steps:
        """Step through the backward pass (runs ``grad()`` first if it has not run)."""
        if self.flow is None:
            self.grad()
        return Steps(_results(self.outputs), self.flow, self.names, **kw)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict:
        bundle = forward_backward(*self.outputs, flow=self.flow, names=self.names)._repr_mimebundle_()
        bundle["text/plain"] = repr(self)
        return bundle


def trace(fn: Callable, *args: Any, **kwargs: Any) -> Trace:
    """Record one call ``fn(*args, **kwargs)`` on a fresh `Recorder` watching a fresh tensor per
    positional argument (named after ``fn``'s parameters, or its ``construct``/``forward``/``call``
    for a module), whatever its dialect: a torch-style function, or the function you would pass to
    tf.GradientTape, ms.grad or jax.grad. The parameters it reads (a module's own, or Parameters
    and Variables a function refers to) are watched too and drawn as named parameters.

    >>> import minigrad as torch, viz
    >>> t = viz.trace(lambda x, y: x * x * y, torch.tensor(2.), torch.tensor(3.))
    >>> [float(g) for g in t.grad()]
    [12.0, 4.0]
    """
    recorder = G.Recorder()
    inputs, names = [], {}
    labels = _argument_names(fn, len(args))
    for label, a in zip(labels, args):
        t = a.detach() if isinstance(a, minigrad.Tensor) else minigrad.tensor(np.asarray(a))
        recorder.watch(t)
        inputs.append(t)
        names[label] = t
    params = _parameters(fn)
    for label, p in params.items():
        recorder.watch(p)
        names.setdefault(label, p)
    with recorder:
        out = fn(*inputs, **kwargs)
    outputs = _results((out,))
    for k, o in enumerate(outputs):
        names.setdefault("out" if len(outputs) == 1 else f"out{k}", o)
    return Trace(fn, inputs, outputs, recorder, names, list(params.values()))


def _target(fn: Callable) -> Callable:
    """What a module-like ``fn`` runs when called: an ms Cell's ``construct``, a torch Module's
    ``forward``, a Keras layer's ``call``; else ``fn`` itself."""
    if not inspect.isroutine(fn):
        for attr in ("construct", "forward", "call"):
            method = getattr(fn, attr, None)
            if inspect.ismethod(method):
                return method
    return fn


def _parameters(fn: Callable) -> dict:
    """The parameters ``fn`` reads, by name: a module's own (ms Cell, torch Module, Keras layer),
    or the Parameters and Variables (and modules) a plain function refers to by name."""
    def of(obj: Any, prefix: str = "") -> list:
        if isinstance(obj, minigrad.Tensor):
            own = tensor_name(obj) if type(obj).__name__ in PARAMETER_TYPES else None
            return [(own or prefix, obj)] if type(obj).__name__ in PARAMETER_TYPES else []
        if callable(getattr(obj, "parameters_and_names", None)):          # MindSpore Cell
            return [(p.name or prefix + n, p) for n, p in obj.parameters_and_names()]
        if callable(getattr(obj, "named_parameters", None)):               # torch Module
            return [(prefix + n, p) for n, p in obj.named_parameters()]
        variables = getattr(obj, "trainable_variables", None)              # Keras layer, tf.Module
        if isinstance(variables, (list, tuple)):
            return [(tensor_name(v) or f"{prefix}{k}", v) for k, v in enumerate(variables)
                    if isinstance(v, minigrad.Tensor)]
        return []

    found = of(fn)
    if not found and inspect.isfunction(fn):
        try:
            refs = inspect.getclosurevars(fn)
        except (TypeError, ValueError):
            refs = None
        if refs is not None:
            for name, value in {**refs.globals, **refs.nonlocals}.items():
                if not inspect.ismodule(value):
                    found += of(value, f"{name}." if not isinstance(value, minigrad.Tensor) else name)
    out: dict = {}
    seen: set = set()
    for name, p in found:
        if id(p) not in seen:
            seen.add(id(p))
            out.setdefault(str(name), p)
    return out


def _argument_names(fn: Callable, n: int) -> list:
    """Display names for ``n`` positional arguments: the parameters' own, ``args[i]`` past a
    ``*args``, ``arg{i}`` when the signature cannot be read."""
    try:
        params = list(inspect.signature(_target(fn)).parameters.values())
    except (TypeError, ValueError):
        params = []
    out = []
    for k in range(n):
        p = params[k] if k < len(params) else (params[-1] if params else None)
        if p is not None and p.kind == p.VAR_POSITIONAL:
            start = params.index(p)
            out.append(f"{p.name}[{k - start}]")
        elif p is not None and k < len(params) and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            out.append(p.name)
        else:
            out.append(f"arg{k}")
    return out
