"""Pytrees as JAX sees them: tuples, lists, dicts (keys in sorted order) and None are nodes;
everything else (arrays, numbers) is a leaf. ``None`` is a node with no children.

>>> from minigrad.jax import tree_util
>>> tree_util.tree_flatten({'b': 1, 'a': (2, None, [3])})
([2, 3, 1], PyTreeDef({'a': (*, None, [*]), 'b': *}))
"""
from __future__ import annotations

from typing import Any, Callable

from . import _errors

_LEAF, _NONE, _TUPLE, _LIST, _DICT, _NAMEDTUPLE = "*", "None", "tuple", "list", "dict", "namedtuple"
_CUSTOM = "custom"
_REGISTRY: dict[type, tuple[Callable, Callable]] = {}      # type -> (flatten, unflatten)


def register_pytree_node(nodetype: type, flatten_func: Callable, unflatten_func: Callable) -> None:
    """Make ``nodetype`` a pytree node: ``flatten_func(x) -> (children, aux_data)`` and
    ``unflatten_func(aux_data, children) -> x``.

    >>> class Pair:
    ...     def __init__(self, a, b): self.a, self.b = a, b
    >>> register_pytree_node(Pair, lambda p: ((p.a, p.b), None), lambda aux, ch: Pair(*ch))
    >>> tree_leaves(Pair(1, [2, 3]))
    [1, 2, 3]
    """
    _REGISTRY[nodetype] = (flatten_func, unflatten_func)


def register_pytree_node_class(cls: type) -> type:
    """Class decorator: ``cls.tree_flatten(self)`` and ``cls.tree_unflatten(aux, children)``."""
    register_pytree_node(cls, lambda x: x.tree_flatten(), cls.tree_unflatten)
    return cls


class PyTreeDef:
    """The structure of a pytree without its leaves; prints as JAX prints it."""

    __slots__ = ("kind", "children", "meta", "num_leaves")

    def __init__(self, kind: str, children: tuple = (), meta: Any = None) -> None:
        self.kind, self.children, self.meta = kind, children, meta
        self.num_leaves = 1 if kind == _LEAF else sum(c.num_leaves for c in children)

    @property
    def num_nodes(self) -> int:
        return 1 + sum(c.num_nodes for c in self.children)

    def unflatten(self, leaves: Any) -> Any:
        """The pytree of this structure holding ``leaves`` (in order)."""
        leaves = list(leaves)
        if len(leaves) != self.num_leaves:
            raise ValueError(f"Too {'few' if len(leaves) < self.num_leaves else 'many'} leaves for "
                             f"PyTreeDef; expected {self.num_leaves}, got {len(leaves)}")
        it = iter(leaves)
        return self._build(it)

    def _build(self, it: Any) -> Any:
        if self.kind == _LEAF:
            return next(it)
        if self.kind == _NONE:
            return None
        values = [c._build(it) for c in self.children]
        if self.kind == _TUPLE:
            return tuple(values)
        if self.kind == _LIST:
            return values
        if self.kind == _NAMEDTUPLE:
            return self.meta(*values)
        if self.kind == _CUSTOM:
            nodetype, aux = self.meta
            return _REGISTRY[nodetype][1](aux, values)
        return dict(zip(self.meta, values))

    def _body(self) -> str:
        if self.kind in (_LEAF, _NONE):
            return self.kind
        parts = [c._body() for c in self.children]
        if self.kind == _TUPLE:
            return "(" + parts[0] + ",)" if len(parts) == 1 else "(" + ", ".join(parts) + ")"
        if self.kind == _LIST:
            return "[" + ", ".join(parts) + "]"
        if self.kind == _NAMEDTUPLE:
            return f"CustomNode(namedtuple[{self.meta.__name__}], [{', '.join(parts)}])"
        if self.kind == _CUSTOM:
            return f"CustomNode({self.meta[0].__name__}[{self.meta[1]}], [{', '.join(parts)}])"
        return "{" + ", ".join(f"{k!r}: {p}" for k, p in zip(self.meta, parts)) + "}"

    def __repr__(self) -> str:
        return f"PyTreeDef({self._body()})"

    def __eq__(self, other: Any) -> bool:
        return (isinstance(other, PyTreeDef) and self.kind == other.kind and self.meta == other.meta
                and self.children == other.children)

    def __hash__(self) -> int:
        return hash((self.kind, self.children, str(self.meta)))


_LEAF_DEF = PyTreeDef(_LEAF)


def _node(tree: Any) -> tuple[str, list, Any] | None:
    """(kind, children, meta) for a pytree node, None for a leaf."""
    if tree is None:
        return _NONE, [], None
    if _REGISTRY and type(tree) in _REGISTRY:
        children, aux = _REGISTRY[type(tree)][0](tree)
        return _CUSTOM, list(children), (type(tree), aux)
    if isinstance(tree, tuple) and hasattr(type(tree), "_fields"):
        return _NAMEDTUPLE, list(tree), type(tree)
    if type(tree) is tuple:
        return _TUPLE, list(tree), None
    if type(tree) is list:
        return _LIST, list(tree), None
    if isinstance(tree, dict):
        keys = tuple(sorted(tree))
        return _DICT, [tree[k] for k in keys], keys
    return None


def tree_flatten(tree: Any, is_leaf: Callable[[Any], bool] | None = None) -> tuple[list, PyTreeDef]:
    """The leaves of ``tree`` (left to right, dict keys sorted) and its structure.

    >>> tree_flatten([1, (2, None)])
    ([1, 2], PyTreeDef([*, (*, None)]))
    """
    leaves: list = []

    def walk(node: Any) -> PyTreeDef:
        parts = None if is_leaf is not None and is_leaf(node) else _node(node)
        if parts is None:
            leaves.append(node)
            return _LEAF_DEF
        kind, children, meta = parts
        return PyTreeDef(kind, tuple(walk(c) for c in children), meta)

    return leaves, walk(tree)


def tree_unflatten(treedef: PyTreeDef, leaves: Any) -> Any:
    """Rebuild a pytree from its structure and leaves.

    >>> tree_unflatten(tree_structure([1, (2, 3)]), [4, 5, 6])
    [4, (5, 6)]
    """
    return treedef.unflatten(leaves)


def tree_leaves(tree: Any, is_leaf: Callable[[Any], bool] | None = None) -> list:
    """The leaves of ``tree``.

    >>> tree_leaves({'b': [1, 2], 'a': None})
    [1, 2]
    """
    return tree_flatten(tree, is_leaf)[0]


def tree_structure(tree: Any, is_leaf: Callable[[Any], bool] | None = None) -> PyTreeDef:
    """The structure of ``tree``.

    >>> tree_structure([1, (2, {'x': 3})])
    PyTreeDef([*, (*, {'x': *})])
    """
    return tree_flatten(tree, is_leaf)[1]


def flatten_up_to(treedef: PyTreeDef, tree: Any) -> list:
    """The subtrees of ``tree`` at the leaves of ``treedef`` (``tree`` must have it as a prefix)."""
    out: list = []
    stack = [(treedef, tree)]
    while stack:
        node, value = stack.pop()
        if node.kind == _LEAF:
            out.append(value)
            continue
        parts = _node(value)
        kind = parts[0] if parts is not None else None
        if kind != node.kind:
            raise ValueError(f"Expected {node.kind}, got {value!r}.")
        _, children, meta = parts
        if node.kind == _DICT and meta != node.meta:
            raise ValueError(f"Dict key mismatch; expected keys: {list(node.meta)}; dict: {value!r}.")
        if len(children) != len(node.children):
            raise _errors.arity(node.kind.capitalize(), len(children), len(node.children), value)
        stack.extend(reversed(list(zip(node.children, children))))
    return out


def tree_map(f: Callable, tree: Any, *rest: Any, is_leaf: Callable[[Any], bool] | None = None) -> Any:
    """``f`` applied leafwise to ``tree`` and the trees in ``rest`` (same structure, or deeper).

    >>> tree_map(lambda a, b: a + b, {'x': 1, 'y': (2, 3)}, {'x': 10, 'y': (20, 30)})
    {'x': 11, 'y': (22, 33)}
    """
    leaves, treedef = tree_flatten(tree, is_leaf)
    others = [flatten_up_to(treedef, r) for r in rest]
    return treedef.unflatten(f(*xs) for xs in zip(leaves, *others))


def tree_all(tree: Any) -> bool:
    """Whether every leaf is true."""
    return all(tree_leaves(tree))


def tree_reduce(function: Callable, tree: Any, *initializer: Any) -> Any:
    """Fold ``function`` over the leaves."""
    import functools
    return functools.reduce(function, tree_leaves(tree), *initializer)
