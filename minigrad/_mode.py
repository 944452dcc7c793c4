"""Grad mode and the recorder stack, kept in contextvars so that threads and nested
contexts each see their own state (torch's grad mode is thread-local too)."""
from __future__ import annotations

import functools
from contextvars import ContextVar
from typing import Any, Callable

_grad_enabled: ContextVar[bool] = ContextVar("minigrad_grad_enabled", default=True)
_recorders: ContextVar[tuple] = ContextVar("minigrad_recorders", default=())
_anomaly: ContextVar[tuple] = ContextVar("minigrad_anomaly", default=(False, True))

# Recorders that are always active, in every thread: the TF1 graph of minigrad.tf is one.
_global_recorders: list = []


def is_grad_enabled() -> bool:
    """Whether operations are being recorded for differentiation.

    >>> import minigrad as torch
    >>> torch.is_grad_enabled()
    True
    """
    return _grad_enabled.get()


class _Mode:
    """Base of the grad-mode context managers; each is also a decorator, bare or called."""

    _value: bool

    def __new__(cls, orig_func: Callable | None = None) -> Any:
        if orig_func is None:
            return super().__new__(cls)
        return cls()(orig_func)          # bare decorator: @no_grad

    def __enter__(self) -> None:
        self.__dict__.setdefault("_tokens", []).append(_grad_enabled.set(self._value))

    def __exit__(self, *exc: Any) -> None:
        _grad_enabled.reset(self._tokens.pop())

    def __call__(self, func: Callable) -> Callable:
        value = self._value

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            token = _grad_enabled.set(value)
            try:
                return func(*args, **kwargs)
            finally:
                _grad_enabled.reset(token)
        return wrapper


class no_grad(_Mode):
    """Context manager and decorator that turns recording off.

    >>> import minigrad as torch
    >>> x = torch.tensor(1., requires_grad=True)
    >>> with torch.no_grad():
    ...     y = x * 2
    >>> y.requires_grad
    False
    """

    _value = False


class enable_grad(_Mode):
    """Context manager and decorator that turns recording back on (inside `no_grad`).

    >>> import minigrad as torch
    >>> x = torch.tensor(1., requires_grad=True)
    >>> with torch.no_grad():
    ...     with torch.enable_grad():
    ...         y = x * 2
    >>> y.requires_grad
    True
    """

    _value = True


class set_grad_enabled(_Mode):
    """Set grad mode on or off: at once as a function, for a block as a context manager.

    >>> import minigrad as torch
    >>> with torch.set_grad_enabled(False):
    ...     torch.is_grad_enabled()
    False
    """

    def __new__(cls, mode: bool) -> Any:
        return object.__new__(cls)

    def __init__(self, mode: bool) -> None:
        self._value = bool(mode)
        self._prev = _grad_enabled.get()
        _grad_enabled.set(self._value)   # takes effect when called, as torch's does

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: Any) -> None:
        _grad_enabled.set(self._prev)

    def __call__(self, func: Callable) -> Callable:
        _grad_enabled.set(self._prev)    # used as a decorator: only the calls change the mode
        return super().__call__(func)


def active_recorders() -> tuple:
    """The recorders of this context (tapes, transforms while they run), innermost last: what a
    transform asks to know whether an outer one records. Global recorders (TF1's graph, which
    records every minigrad.tf op) are not among them; ops also offer themselves to those
    (`recording_recorders`)."""
    return _recorders.get()


def recording_recorders() -> tuple:
    """Every recorder an op is offered to: the global ones, then the context's, innermost last."""
    stack = _recorders.get()
    return (*_global_recorders, *stack) if _global_recorders else stack


def push_recorder(recorder: Any) -> Any:
    """Make `recorder` active in this context; returns a token for `pop_recorder`."""
    return _recorders.set((*_recorders.get(), recorder))


def pop_recorder(recorder: Any) -> None:
    """Remove `recorder` from this context's stack (wherever it stands in it)."""
    _recorders.set(tuple(r for r in _recorders.get() if r is not recorder))


def register_global_recorder(recorder: Any) -> None:
    """Keep `recorder` active in every context and thread (TF1's graph is such a recorder)."""
    if recorder not in _global_recorders:
        _global_recorders.append(recorder)
