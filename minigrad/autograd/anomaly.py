"""Anomaly detection: nodes remember where their forward ran, and a NaN made in backward
raises an error naming the node (torch's ``detect_anomaly`` / ``set_detect_anomaly``)."""
from __future__ import annotations

import warnings
from typing import Any

from .. import _mode


class detect_anomaly:
    """Context manager that turns anomaly detection on.

    >>> import minigrad as torch
    >>> with torch.autograd.detect_anomaly():
    ...     torch.autograd.anomaly._mode._anomaly.get()[0]
    True
    """

    def __init__(self, check_nan: bool = True) -> None:
        self.check_nan = check_nan
        warnings.warn("Anomaly Detection has been enabled. This mode will increase the runtime and "
                      "should only be enabled for debugging.", UserWarning, stacklevel=2)

    def __enter__(self) -> None:
        self._token = _mode._anomaly.set((True, self.check_nan))

    def __exit__(self, *exc: Any) -> None:
        _mode._anomaly.reset(self._token)


class set_detect_anomaly:
    """Turn anomaly detection on or off, at once or for a ``with`` block."""

    def __init__(self, mode: bool, check_nan: bool = True) -> None:
        self._prev = _mode._anomaly.get()
        _mode._anomaly.set((bool(mode), check_nan))

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: Any) -> None:
        _mode._anomaly.set(self._prev)


def is_anomaly_enabled() -> bool:
    """Whether anomaly detection is on."""
    return _mode._anomaly.get()[0]
