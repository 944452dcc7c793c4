"""JAX's error messages, worded as jax 0.7-0.10 words them (checked against jax 0.7.1)."""
from __future__ import annotations

from typing import Any

DOCS_AT = "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.ndarray.at.html"


def nonscalar_shape(shape: tuple) -> TypeError:
    return TypeError(f"Gradient only defined for scalar-output functions. Output had shape: {shape}.")


def nonscalar_value(value: Any) -> TypeError:
    return TypeError(f"Gradient only defined for scalar-output functions. Output was {value!r}.")


def int_input(name: str, dtype: Any) -> TypeError:
    if name == "jacfwd":
        return TypeError(
            f"jacfwd requires real-valued inputs (input dtype that is a sub-dtype of np.floating), but got "
            f"{dtype}. For holomorphic differentiation, pass holomorphic=True. For differentiation of "
            "non-holomorphic functions involving complex inputs or integer inputs, use jax.jvp directly.")
    return TypeError(
        f"{name} requires real- or complex-valued inputs (input dtype that is a sub-dtype of np.inexact), "
        f"but got {dtype}. If you want to use Boolean- or integer-valued inputs, use vjp or set allow_int "
        "to True.")


def int_output(dtype: Any, name: str = "grad") -> TypeError:
    return TypeError(
        f"{name} requires real-valued outputs (output dtype that is a sub-dtype of np.floating), but got "
        f"{dtype}. For differentiation of functions with integer outputs, use jax.vjp directly.")


def argnums_range(argnums: Any, n_args: int) -> TypeError:
    need = (max(argnums) if isinstance(argnums, tuple) else argnums) + 1
    return TypeError(
        f"differentiating with respect to argnums={argnums} requires at least {need} positional "
        f"arguments to be passed by the caller, but got only {n_args} positional arguments.")


class _Tracer:
    """How JAX shows a traced array in a message: ``LinearizeTracer<~float32[2,3]>`` (~: weak type)."""

    def __init__(self, name: str, array: Any) -> None:
        data = array._data
        self.text = (f"{name}<{'~' if getattr(array, 'weak_type', False) else ''}{data.dtype.name}"
                     f"[{','.join(map(str, data.shape))}]>")

    def __repr__(self) -> str:
        return self.text


def aux_not_pair(value: Any, mode: str = "reverse") -> TypeError:
    # Under grad/vjp/jacrev JAX's arrays are LinearizeTracers, under jacfwd JVPTracers (shown as GradTracer).
    from ._array import Array
    cls, name = (("LinearizeTracer", "LinearizeTracer") if mode == "reverse" else ("JVPTracer", "GradTracer"))

    def shown(v: Any) -> Any:
        return _Tracer(name, v) if isinstance(v, Array) else v
    kind = f"<class 'jax._src.interpreters.ad.{cls}'>" if isinstance(value, Array) else str(type(value))
    value = type(value)(map(shown, value)) if isinstance(value, (tuple, list)) else shown(value)
    return TypeError("expected function with aux output to return a two-element tuple, but got type "
                     f"{kind} with value {value!r}")


def invalid_type(value: Any, quoted: bool = False) -> TypeError:
    # jax.jvp and jax.linearize word it without the full stop, and quote the type of an array-like.
    if quoted:
        kind = f"'{type(value)}'" if hasattr(value, "__array__") else str(type(value))
        return TypeError(f"Argument '{value!s}' of type {kind} is not a valid JAX type")
    return TypeError(f"Argument '{value!s}' of type {type(value)} is not a valid JAX type.")


def not_callable(fun: Any) -> TypeError:
    return TypeError(f"Expected a callable value, got {fun}")


def not_a_dtype(dtype: Any) -> TypeError:
    # numpy's words, when JAX reads a foreign tensor's dtype (a cotangent or a tangent)
    return TypeError(f"Cannot interpret '{dtype!r}' as a data type")


def not_an_index(value: Any) -> TypeError:
    return TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")


def argnums_position(value: int, n_args: int) -> ValueError:
    return ValueError("Positional argument indices, e.g. for `static_argnums`, must have value greater than "
                      f"or equal to -len(args) and less than len(args), but got value {value} for "
                      f"len(args) == {n_args}.")


def jvp_not_sequences(primals: Any, tangents: Any) -> TypeError:
    from ._array import Array
    names = ["ArrayImpl" if isinstance(v, Array) else type(v).__name__ for v in (primals, tangents)]
    return TypeError(f"primal and tangent arguments to jax.jvp must be tuples or lists; found {names[0]} and "
                     f"{names[1]}.")


def jvp_structure(primal_tree: Any, tangent_tree: Any) -> TypeError:
    return TypeError("primal and tangent arguments to jax.jvp must have the same tree structure; "
                     f"primals have tree structure {primal_tree} whereas tangents have tree structure "
                     f"{tangent_tree}.")


def jvp_dtype(primal_dtype: Any, expected: Any, tangent_dtype: Any) -> TypeError:
    return TypeError(
        "primal and tangent arguments to jax.jvp do not match; dtypes must be equal, or in case of "
        "int/bool primal dtype the tangent dtype must be float0."
        f"Got primal dtype {primal_dtype} and so expected tangent dtype {expected}, but got tangent "
        f"dtype {tangent_dtype} instead.")


def _aval(array: Any) -> str:
    data, weak = array._data, "~" if getattr(array, "weak_type", False) else ""
    return f"{weak}{data.dtype.name}[{','.join(map(str, data.shape))}]"


def linearize_tangent(tangent: Any, primal: Any) -> ValueError:
    return ValueError("linearized function called on tangent values inconsistent with the original primal "
                      f"values:\nGot tangent aval {_aval(tangent)} for primal aval {_aval(primal)} but "
                      f"expected {_aval(primal)}.")


def jvp_shape(primal_shape: tuple, tangent_shape: tuple) -> ValueError:
    return ValueError("jvp called with different primal and tangent shapes;"
                      f"Got primal shape {primal_shape} and tangent shape as {tangent_shape}")


def vjp_type(got: str, expected: str, name: str) -> ValueError:
    return ValueError(
        f"unexpected JAX type (e.g. shape/dtype) for argument to vjp function: got {got}, but expected "
        f"{expected} because the corresponding output of the function {name} had JAX type {expected}")


def vjp_structure(got: Any, expected: Any) -> ValueError:
    return ValueError(f"unexpected tree structure of argument to vjp function: got {got}, but expected "
                      f"to match {expected}")


def immutable() -> TypeError:
    return TypeError("JAX arrays are immutable and do not support in-place item assignment. Instead of "
                     f"x[idx] = y, use x = x.at[idx].set(y) or another .at[] method: {DOCS_AT}")


def no_attribute(name: str) -> AttributeError:
    return AttributeError(f"'Array' object has no attribute '{name}'")


def arity(kind: str, got: int, want: int, value: Any) -> ValueError:
    return ValueError(f"{kind} arity mismatch: {got} != {want}; {kind.lower()}: {value!r}.")


def missing_rule(name: str) -> NotImplementedError:
    return NotImplementedError(f"minigrad.jax.numpy.{name} needs the core rule for {name}, which this "
                               "minigrad does not have yet")


def truth_value() -> ValueError:
    return ValueError("The truth value of an array with more than one element is ambiguous. "
                      "Use a.any() or a.all()")


def not_scalar(ndim: int) -> TypeError:
    return TypeError(f"Only scalar arrays can be converted to Python scalars; got arr.ndim={ndim}")


def item_size() -> ValueError:
    return ValueError("can only convert an array of size 1 to a Python scalar")


def unsized() -> TypeError:
    return TypeError("len() of unsized object")


def broadcast(op: str, *shapes: tuple) -> TypeError:
    return TypeError(f"{op} got incompatible shapes for broadcasting: {', '.join(map(str, shapes))}.")


def reshape(shape: tuple, size: int, new: Any, new_size: int) -> TypeError:
    return TypeError(f"cannot reshape array of shape {shape} (size {size}) into shape {new} "
                     f"(size {new_size})")


def contracting(a: tuple, b: tuple) -> TypeError:
    return TypeError(f"dot_general requires contracting dimensions to have the same shape, got {a} and {b}.")


def vmap_sizes(lines: list) -> ValueError:
    return ValueError("vmap got inconsistent sizes for array axes to be mapped:\n" + ";\n".join(lines))


def custom_vjp_structure(got: Any, expected: Any) -> TypeError:
    return TypeError(
        "Custom VJP bwd rule must produce an output with the same container (pytree) structure as the "
        "args tuple of the primal function, and in particular must produce a tuple of length equal to "
        f"the number of arguments to the primal function, but got bwd output structure {got} for primal "
        f"input structure {expected}.")
