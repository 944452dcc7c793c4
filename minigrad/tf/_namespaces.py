"""``tf.nest`` and ``tf.linalg``: small namespaces over functions defined elsewhere."""
from __future__ import annotations

import types

from . import _nest
from .math_ops import eye, matmul, matrix_transpose, norm, tensordot

nest = types.SimpleNamespace(flatten=_nest.flatten, pack_sequence_as=_nest.pack_sequence_as,
                             map_structure=_nest.map_structure)
linalg = types.SimpleNamespace(matmul=matmul, matrix_transpose=matrix_transpose, eye=eye,
                               tensordot=tensordot, norm=norm)
