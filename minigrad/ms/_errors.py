"""Every error text of the MindSpore dialect, worded as MindSpore 2.10 words it."""
from __future__ import annotations

from typing import Any


def _shape(shape: tuple) -> str:
    return "[const vector]{" + ", ".join(str(s) for s in shape) + "}"


def flag_not_bool(name: str, value: Any) -> TypeError:
    return TypeError(f"For 'GradOperation', the '{name}' should be bool, but got {type(value).__name__}")


def both_none() -> ValueError:
    return ValueError("`grad_position` and `weight` can not be None at the same time.")


def position_type() -> TypeError:
    return TypeError("For 'F.grad', the 'grad_position' must be int or tuple.")


def position_negative() -> ValueError:
    return ValueError("grad_position must be >= 0.")


def position_element_negative() -> ValueError:
    return ValueError("The element in grad_position must be >= 0.")


def position_duplicate() -> ValueError:
    return ValueError("There are duplicate positions in `grad_position`, please check it")


def position_range(position: int) -> RuntimeError:
    return RuntimeError(f"Position index {position} is exceed input size.")


def weights_type(weights: Any) -> TypeError:
    return TypeError("The weights you provided is expected to be a tensor, or a list or tuple. "
                     f"but got {weights}")


def python_object(value: Any) -> str:
    """How MindSpore's C++ shows a Python object it cannot use (another framework's tensor)."""
    return f"PythonObject(type: {type(value)}, value: {value!s})"


def size_not_tensor() -> TypeError:
    return TypeError("For 'Size', input must be a Tensor, but got: External.")


def aux_one_output() -> ValueError:
    return ValueError("When has_aux is True, origin fn requires more than one outputs.")


def sens_broadcast(sens_shape: tuple, out_shape: tuple) -> RuntimeError:
    return RuntimeError("For grad interface or custom function, grad tensor should be broadcast to "
                        f"expected shape, but got {_shape(sens_shape)} vs {_shape(out_shape)}")


def sens_shape(out_shape: tuple, sens_shape: tuple, sens: Any) -> ValueError:
    # MindSpore goes on with the abstract values of both (addresses included); we stop at the names.
    return ValueError(f"The shape should be {_shape(out_shape)}, but got {_shape(sens_shape)}, , "
                      f"sens gradient abs AbstractTensor(shape: ({', '.join(map(str, sens_shape))}), "
                      f"element: AbstractScalar(Type: {sens.dtype}, Value: ValueAny, Shape: NoShape))")


def sens_dtype(out_dtype: Any, sens_dtype: Any, sens_shape: tuple) -> TypeError:
    return TypeError(f"The dtype should be {out_dtype}, but got {sens_dtype}, , sens gradient abs "
                     f"AbstractTensor(shape: ({', '.join(map(str, sens_shape))}), element: "
                     f"AbstractScalar(Type: {sens_dtype}, Value: ValueAny, Shape: NoShape))")


def sens_size() -> RuntimeError:
    return RuntimeError("Failure info [The given sens gradient's size should be same as out of network!].")


def ambiguous(size: int) -> ValueError:
    return ValueError(f"The tensor should have only one element, but got {size}, more than one "
                      "element is ambiguous.")


def parameter_tuple(value: Any) -> TypeError:
    return TypeError("For ParameterTuple initialization, ParameterTuple input should be 'Parameter' "
                     f"collection, but got a {type(value)}. ")


def not_implemented(name: str) -> NotImplementedError:
    return NotImplementedError(f"minigrad.ms does not implement mindspore.Tensor.{name}")


def type_join(dtype1: Any, dtype2: Any) -> TypeError:
    return TypeError(f"Type Join Failed: dtype1 = {dtype1}, dtype2 = {dtype2}.")


def no_construct(cls_name: str) -> NotImplementedError:
    return NotImplementedError(f"{cls_name}.construct is not defined")


def unknown_initializer(init: Any) -> ValueError:
    return ValueError(f"minigrad.ms.nn: initializer {init!r} is not available ('ones', 'zeros', 'normal', "
                      "a Tensor or an array)")


def cell_list_called() -> NotImplementedError:
    return NotImplementedError("CellList is a container; call its cells")


def labels_dtype(cell: str, dtype: Any) -> TypeError:
    return TypeError(f"For '{cell}', the 'labels' should be Int32, but got '{dtype!r}'.")


def jvp_shape(v_shape: tuple, x_shape: tuple) -> ValueError:
    # MindSpore 2.10 fails later, in the first op whose bprop cannot broadcast (a ValueError naming
    # that op); minigrad checks up front, with the same error class.
    return ValueError(f"For 'jvp', the shape of 'v' {list(v_shape)} must be the same as the shape of "
                      f"'inputs' {list(x_shape)}.")


def position_element_type() -> TypeError:
    return TypeError("For 'F.grad', the element in 'grad_position' must be int.")


def position_out_of_args() -> ValueError:
    return ValueError("The element in grad_position must belong to [0, args_num).")


def grad_flag(name: str, value: Any) -> TypeError:
    return TypeError(f"For '_Grad', the '{name}' should be bool, but got {type(value).__name__}")


def has_aux_type() -> TypeError:
    return TypeError("The 'has_aux' must be bool type.")


def fn_not_callable(fn: Any) -> TypeError:
    return TypeError(f"The fn should be callable, but got {type(fn).__name__}")


def object_not_callable() -> ValueError:
    # what MindSpore's graph compiler says when jvp, jacrev or jacfwd is given something not callable
    return ValueError("The object is not callable. Please check code.")


def vjp_inputs() -> TypeError:
    return TypeError("The inputs type must be Tensor.")


def jvp_inputs() -> TypeError:
    return TypeError("The inputs type must be a Tensor, tuple or list of Tensors.")


def jvp_length(want: int, got: int) -> ValueError:
    return ValueError(f"v has invalid length: should be {want}, but got {got}")


def sens_none() -> RuntimeError:
    return RuntimeError("Failure info [Can not find top cell for backward, please check your network "
                        "whether set grad or inputs of your network whether be inplace modified, this is "
                        "forbidden!].")


INPUT_TYPES = ("['TensorPy', 'Tensor', 'ndarray', 'str_', 'list', 'tuple', 'float', 'int', 'bool', "
               "'complex', 'bytes']")


def input_data_type(value: Any) -> TypeError:
    return TypeError(f"For 'Tensor', the type of 'input_data' should be one of '{INPUT_TYPES}', but got type "
                     f"'{type(value).__name__}'.")


def unsupported_element(value: Any) -> TypeError:
    return TypeError(f"For Tensor, the input_data is {value!r} that contain unsupported element.")
