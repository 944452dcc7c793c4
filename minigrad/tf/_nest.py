"""tf.nest, the little the gradient APIs need: flatten a structure, and rebuild it."""
from __future__ import annotations

from typing import Any


def _children(structure: Any) -> list | None:
    if isinstance(structure, dict):
        return [structure[k] for k in sorted(structure)]      # tf.nest orders dicts by key
    if isinstance(structure, (list, tuple)):
        return list(structure)
    return None


def flatten(structure: Any) -> list:
    """The leaves of nested lists, tuples and dicts, in tf.nest's order (no recursion).

    >>> flatten({"b": 1, "a": [2, (3,)]})
    [2, 3, 1]
    """
    out: list = []
    stack = [structure]
    while stack:
        item = stack.pop()
        children = _children(item)
        if children is None:
            out.append(item)
        else:
            stack.extend(reversed(children))
    return out


def pack_sequence_as(structure: Any, flat: list) -> Any:
    """``structure`` with its leaves replaced, in order, by ``flat``.

    >>> pack_sequence_as({"b": 0, "a": [0, (0,)]}, [2, 3, 1])
    {'b': 1, 'a': [2, (3,)]}
    """
    leaves = iter(flat)

    def build(item: Any) -> Any:
        if isinstance(item, dict):
            values = {k: build(item[k]) for k in sorted(item)}
            return type(item)((k, values[k]) for k in item)
        if isinstance(item, (list, tuple)):
            parts = [build(v) for v in item]
            if isinstance(item, tuple) and hasattr(item, "_fields"):     # a namedtuple
                return type(item)(*parts)
            return type(item)(parts)
        return next(leaves)

    # Structures are shallow in practice (sources, targets); this recursion follows their depth only.
    return build(structure)


def map_structure(func: Any, *structures: Any) -> Any:
    """``func`` applied leaf by leaf to structures of one shape (``tf.nest.map_structure``).

    >>> map_structure(lambda a, b: a + b, {"x": [1, 2]}, {"x": [10, 20]})
    {'x': [11, 22]}
    """
    flats = [flatten(s) for s in structures]
    return pack_sequence_as(structures[0], [func(*leaves) for leaves in zip(*flats)])
