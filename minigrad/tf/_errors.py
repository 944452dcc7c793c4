"""TensorFlow's error classes and messages, worded as tensorflow 2.21 words them (backprop.py,
gradients_util.py, custom_gradient.py, imperative_grad.py)."""
from __future__ import annotations

from typing import Any


class OpError(Exception):
    """The base of TensorFlow's runtime errors (``tf.errors.OpError``)."""

    def __init__(self, node_def: Any = None, op: Any = None, message: str = "", *args: Any) -> None:
        if op is None and not message and isinstance(node_def, str):
            node_def, message = None, node_def      # OpError("text") as a shorthand
        super().__init__(message)
        self.node_def, self.op, self.message = node_def, op, message

    def __str__(self) -> str:
        return self.message


class InvalidArgumentError(OpError):
    """An op received an argument it cannot use (``tf.errors.InvalidArgumentError``)."""


class FailedPreconditionError(OpError):
    """The system is not in a state for the operation (``tf.errors.FailedPreconditionError``)."""


NON_PERSISTENT = ("A non-persistent GradientTape can only be used to compute one set of gradients "
                  "(or jacobians)")
# batch_jacobian's copy of the text lacks a space (tensorflow 2.21, backprop.py).
NON_PERSISTENT_BATCH = ("A non-persistent GradientTape can only be used tocompute one set of gradients "
                        "(or jacobians)")
STILL_RECORDING = ("Tape is still recording, This can happen if you try to re-enter an already-active "
                   "tape.")
NOT_RECORDING = "Tape is not recording."
STOP_NOT_RECORDING = "Trying to stop recording a tape which is not recording."
TARGET_NONE = ("Argument `target` should be a list or nested structure of Tensors, Variables or "
               "CompositeTensors to be differentiated, but received None.")
WATCH_INT = "The dtype of the watched tensor must be floating (e.g. tf.float32), got %r"
PERSISTENT_INSIDE = (
    "Calling GradientTape.gradient on a persistent tape inside its context is significantly less "
    "efficient than calling it outside the context (it causes the gradient ops to be recorded on the "
    "tape, leading to increased CPU and memory usage). Only call GradientTape.gradient inside the "
    "context if you actually want to trace the gradient in order to compute higher order derivatives.")

def not_a_tensor(obj: Any) -> str:
    return (f"Passed in object {obj!s} of type {type(obj).__name__!r}, not tf.Tensor or tf.Variable or "
            "ExtensionType.")


def unknown_unconnected(value: Any, tape: bool) -> str:
    # The tape (imperative_grad.py) uses %r; tf.gradients (gradients_util.py) quotes str().
    return (f"Unknown value for unconnected_gradients: {value!r}" if tape else
            f"Unknown value for unconnected_gradients: '{value}'")


def grad_ys_length(n_grad_ys: int, n_ys: int) -> str:
    return f"Length mismatch. Passed {n_grad_ys} grad_ys for {n_ys} ys"


def rank_at_least(shape: Any, rank: int) -> str:
    return f"Shape {shape} must have rank at least {rank}"


def batch_first_dim(target_shape: Any, source_shape: Any) -> str:
    return (f"Need first dimension of target shape ({target_shape}) and source shape ({source_shape}) "
            "to match.")


def custom_count(expected: int, got: int) -> str:
    return (f"custom_gradient function expected to return {expected} gradients, but returned {got} "
            "instead.")


def custom_variables(variables: list) -> str:
    return ("@tf.custom_gradient grad_fn must accept keyword argument 'variables', since function uses "
            f"variables: {variables}")


CUSTOM_VARIABLE_COUNT = "Must return gradient for each variable from @custom_gradient grad_fn."


def convert_dtype(value: Any, dtype_name: str) -> str:
    return f"Cannot convert {value!r} to EagerTensor of dtype {dtype_name}"


def convert_none(value: Any) -> str:
    return (f"Attempt to convert a value ({value!r}) with an unsupported type ({type(value)!r}) to a "
            "Tensor.")


def op_dtype(op: str, index: int, want: str, got: str) -> str:
    return (f"cannot compute {op} as input #{index}(zero-based) was expected to be a {want} tensor but is "
            f"a {got} tensor [Op:{op}] name: ")


def incompatible_shapes(op: str, a: tuple, b: tuple) -> str:
    return (f"{{{{function_node __wrapped__{op}_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} "
            f"Incompatible shapes: [{','.join(map(str, a))}] vs. [{','.join(map(str, b))}] [Op:{op}] name: ")


def matmul_rank(index: int) -> str:
    return ("{{function_node __wrapped____MklMatMul_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
            f"In[{index}] ndims must be >= 2 [Op:MatMul] name: ")


def matmul_shapes(a: tuple, b: tuple) -> str:
    return ("{{function_node __wrapped____MklMatMul_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
            f"Matrix size-incompatible: In[0]: [{','.join(map(str, a))}], "
            f"In[1]: [{','.join(map(str, b))}] [Op:MatMul] name: ")


def fetch_type(value: Any) -> str:
    if value is None:
        return 'Argument `fetch` = None has invalid type "NoneType". Cannot be None'
    return (f"Fetch argument {value!r} has invalid type {type(value)!r}, must be a string or Tensor. (Can "
            f"not convert a {type(value).__name__} into a Tensor or Operation.)")


NO_DEFAULT_SESSION = ("Cannot execute operation using `run()`: No default session is registered. Use "
                      "`with sess.as_default():` or pass an explicit session to `run(session=sess)`")
CLOSED_SESSION = "Attempted to use a closed Session."


def variable_exists(name: str) -> str:
    return (f"Variable {name} already exists, disallowed. Did you mean to set reuse=True or "
            "reuse=tf.AUTO_REUSE in VarScope?")


def assign_shape(name: str, var_shape: Any, value_shape: Any) -> str:
    return (f"Cannot assign value to variable ' {name}': Shape mismatch.The variable shape {var_shape}, "
            f"and the assigned value shape {value_shape} are incompatible.")


NO_SETITEM = "'tensorflow.python.framework.ops.EagerTensor' object has no attribute '__setitem__'"


def no_attribute(cls: str, name: str) -> str:
    # EagerTensor is a C type whose name carries its module; variables are Python classes.
    shown = "tensorflow.python.framework.ops.EagerTensor" if cls == "EagerTensor" else cls
    return f"'{shown}' object has no attribute '{name}'"


def not_a_dtype(value: Any) -> str:
    return f"Cannot convert the argument `type_value`: {value!r} to a TensorFlow DType."


def not_convertible(value: Any) -> str:
    return (f"Failed to convert elements of {value!r} to Tensor. Consider casting elements to a supported "
            "type.")


def conversion_dtype(want: str, have: str, tensor: Any) -> str:
    return f"Tensor conversion requested dtype {want} for Tensor with dtype {have}: {tensor!r}"


NAME_EAGER = "Tensor.name is undefined when eager execution is enabled."
NO_LEN = "Scalar tensor has no `len()`"
UNHASHABLE = "Tensor is unhashable. Instead, use tensor.ref() as the key."
NO_INITIAL_VALUE = ("The `initial_value` arg to `tf.Variable` must be specified except when you are not "
                    "providing a `variable_def`. You provided neither.")
NON_RECTANGULAR = "Can't convert non-rectangular Python sequence to Tensor."
MIXED_TYPES = "Can't convert Python sequence with mixed types to Tensor."


def graph_dimensions(a: tuple, b: tuple) -> str:
    # TensorFlow names the graph's nodes after the dimensions (gradients/mul_grad/Mul ...); we do not.
    pairs = [(x, y) for x, y in zip(reversed(a), reversed(b)) if x != y and 1 not in (x, y)]
    first = pairs[0] if pairs else (len(a), len(b))
    return (f"Dimensions must be equal, but are {first[0]} and {first[1]} with input shapes: "
            f"[{','.join(map(str, a))}], [{','.join(map(str, b))}].")


def no_id(value: Any) -> str:
    # Python's wording: a C type (NumPy's array) is named with its module
    name = "numpy.ndarray" if type(value).__name__ == "ndarray" else type(value).__name__
    return f"'{name}' object has no attribute '_id'"


def in_user_code(error: Exception) -> str:
    # tape.jacobian runs its loop as a tf.function (pfor), which wraps errors raised inside
    return f"in user code:\n\n\n    {type(error).__name__}: {error}\n"


def no_attribute_of_none(name: str) -> str:
    return f"'NoneType' object has no attribute '{name}'"
EAGER_PROPERTY = "This property is not supported when eager execution is enabled."
VARIABLE_INPLACE = ("`variable += value` with `tf.Variable`s is not supported. Use "
                    "`variable.assign_add(value)` to modify the variable, or `out = variable + value` if you "
                    "need to get a new output Tensor.")
TAPE_NONE = "'NoneType' object has no attribute '_tape'"
NORM_ORDERS = "minigrad.tf.norm computes the Euclidean norm only"
NO_PLACEHOLDERS = "minigrad.tf runs eagerly: there are no placeholders to feed"


def no_dtype(value: Any) -> str:
    return f"'{type(value).__name__}' object has no attribute 'dtype'"

