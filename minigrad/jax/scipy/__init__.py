"""``jax.scipy``: only ``special.logsumexp``, which JAX's tutorials import from here."""
from __future__ import annotations

from . import special  # noqa: F401
