"""Shared fixtures: where the repository and ../shared are, and the oracle interpreters.

Oracle tests (``@pytest.mark.oracle``) run TensorFlow, MindSpore and JAX in their own venvs,
made by ``tools/oracles.sh``, through a subprocess::

    def test_something(oracle_python):
        py = oracle_python("tf")            # skips when the TF venv is missing
        out = subprocess.run([py, "-c", "import tensorflow as tf; ..."], ...)
"""
from __future__ import annotations

import functools
import os
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

# name -> (environment variable, default interpreter under the repo root, module the venv must hold)
ORACLES = {
    "tf": ("MINIGRAD_ORACLE_TF", ".oracles/tf/bin/python", "tensorflow"),
    "ms": ("MINIGRAD_ORACLE_MS", ".oracles/ms/bin/python", "mindspore"),
    "jax": ("MINIGRAD_ORACLE_MS", ".oracles/ms/bin/python", "jax"),  # JAX lives in the MindSpore venv
}


@functools.cache
def oracle_path(name: str) -> Path | None:
    """The oracle interpreter for ``name`` ("tf", "ms" or "jax"), or None when it is not installed
    (no interpreter, or its venv lacks the framework because its install failed)."""
    var, default, module = ORACLES[name]
    path = Path(os.environ.get(var) or REPO_ROOT / default)
    if not (path.is_file() and os.access(path, os.X_OK)):
        return None
    probe = f"import importlib.util, sys; sys.exit(importlib.util.find_spec({module!r}) is None)"
    try:
        found = subprocess.run([str(path), "-c", probe], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        found = False
    return path if found else None


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout's root directory."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (seeds, tools); skips the test when it is absent."""
    path = REPO_ROOT.parent / "shared"
    if not path.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def oracle_python():
    """A function: ``oracle_python("tf" | "ms" | "jax")`` -> the oracle's python path, or skip."""
    def get(name: str) -> str:
        path = oracle_path(name)
        if path is None:
            var, _, module = ORACLES[name]
            pytest.skip(f"oracle {name!r} ({module}) not installed: run tools/oracles.sh or set {var}")
        return str(path)
    return get
