"""The MindSpore dialect: printing, Cells, GradOperation's eight flag combinations, grad and
value_and_grad, sens, errors, vjp/jvp/jacobians, and the seed programs.

Every expected structure, value and message below was checked against mindspore 2.10.0 (PyNative,
CPU) by running the same calls there (tests/dialects/test_ms_oracle.py repeats that check live
when the oracle venv is installed).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import minigrad.ms as ms
from minigrad.ms import nn, ops
from minigrad.ms import dtype as mstype
from minigrad.ms import Parameter, Tensor

REPO = Path(__file__).resolve().parents[2]


def values(x):
    """Nested tuples/lists of tensors as nested tuples of (shape, dtype name, values list)."""
    if isinstance(x, (tuple, list)):
        return tuple(values(i) for i in x)
    if isinstance(x, Tensor):
        return (x.shape, str(x.dtype), np.round(x.asnumpy().astype(np.float64), 5).tolist())
    return x


def T(*v, dtype=np.float32):
    return Tensor(np.array(v if len(v) != 1 else v[0], dtype))


# ----- printing ------------------------------------------------------------------------------

@pytest.mark.parametrize("array, text", [
    (np.float32(6.0), "Tensor(shape=[], dtype=Float32, value= 6)"),
    (np.float32(6.5), "Tensor(shape=[], dtype=Float32, value= 6.5)"),
    (np.float32(1 / 3), "Tensor(shape=[], dtype=Float32, value= 0.333333)"),
    (np.float32(123456789.0), "Tensor(shape=[], dtype=Float32, value= 1.23457e+08)"),
    (np.array([0., 6.], np.float32),
     "Tensor(shape=[2], dtype=Float32, value= [ 0.00000000e+00,  6.00000000e+00])"),
    (np.array([[1.41, 1.6, 6.6], [1, 2, 3]], np.float32),
     "Tensor(shape=[2, 3], dtype=Float32, value=\n[[ 1.40999997e+00,  1.60000002e+00,  6.59999990e+00],\n"
     " [ 1.00000000e+00,  2.00000000e+00,  3.00000000e+00]])"),
    (np.array([1, -10, 100], np.int32), "Tensor(shape=[3], dtype=Int32, value= [  1, -10, 100])"),
    (np.array([[-1, 2], [3, -40]], np.int32),
     "Tensor(shape=[2, 2], dtype=Int32, value=\n[[ -1,   2],\n [  3, -40]])"),
    (np.array([True, False]), "Tensor(shape=[2], dtype=Bool, value= [ True, False])"),
    (np.array([1.5, 2.25], np.float16),
     "Tensor(shape=[2], dtype=Float16, value= [ 1.5000e+00,  2.2500e+00])"),
    (np.array([np.nan, np.inf, -np.inf], np.float32),
     "Tensor(shape=[3], dtype=Float32, value= [            nan,             inf,            -inf])"),
    (np.zeros((0,), np.float32), "Tensor(shape=[0], dtype=Float32, value= )"),
    (np.arange(13, dtype=np.float32),
     "Tensor(shape=[13], dtype=Float32, value= [" + ", ".join("%15.8e" % i for i in range(12))
     + ", \n  1.20000000e+01])"),
    (np.arange(12, dtype=np.float32),
     "Tensor(shape=[12], dtype=Float32, value= [" + ", ".join("%15.8e" % i for i in range(12)) + "\n ])"),
    (np.arange(2000, dtype=np.float32),
     "Tensor(shape=[2000], dtype=Float32, value= [ 0.00000000e+00,  1.00000000e+00,  2.00000000e+00 ...  "
     "1.99700000e+03,  1.99800000e+03,  1.99900000e+03])"),
])
def test_repr_matches_mindspore(array, text):
    assert repr(Tensor(array)) == text


def test_repr_summarises_large_matrices_as_mindspore():
    text = repr(Tensor(np.arange(10000, dtype=np.float32).reshape(100, 100)))
    lines = text.splitlines()
    assert lines[1] == "[[ 0.00000000e+00,  1.00000000e+00,  2.00000000e+00 ...  9.70000000e+01,  " \
                       "9.80000000e+01,  9.90000000e+01],"
    assert lines[3].endswith("2.99000000e+02],") and lines[4] == " ..."              # no comma after "..."
    assert lines[5].startswith(" [ 9.70000000e+03,")
    assert len(lines) == 8 and lines[-1].endswith("9.99900000e+03]])")


def test_print_is_numpy_style():
    assert str(Tensor([2., 4., 6.])) == "[2. 4. 6.]"
    assert str(Tensor(np.float32(6.0))) == "6.0"
    assert str(Tensor([[1.41, 1.6, 6.6], [1, 2, 3]])) == "[[1.41 1.6  6.6 ]\n [1.   2.   3.  ]]"


def test_dtypes_print_their_mindspore_names():
    assert [str(d) for d in (ms.float32, ms.float64, ms.float16, ms.int32, ms.int64, ms.bool_, ms.uint8)] == \
        ["Float32", "Float64", "Float16", "Int32", "Int64", "Bool", "UInt8"]
    assert repr(ms.float32) == "mindspore.float32"
    assert mstype.float32 is ms.float32
    assert mstype.dtype_to_nptype(ms.int32) is np.int32


@pytest.mark.parametrize("data, dtype", [([1., 2.], "Float32"), ([1, 2], "Int64"), (1.0, "Float32"),
                                         (3, "Int64"), (True, "Bool"), (np.array([1.0]), "Float64"),
                                         (np.array([1.0], np.float32), "Float32")])
def test_tensor_infers_dtype_as_mindspore(data, dtype):
    assert str(Tensor(data).dtype) == dtype


def test_tensor_arithmetic_promotes_as_mindspore():
    assert str((Tensor([1, 2]) + 1.5).dtype) == "Float32"
    assert str((Tensor([3]) / Tensor([2])).dtype) == "Float32"
    assert str((Tensor([1.0]) + Tensor(np.array([1.0]))).dtype) == "Float64"
    assert str((Tensor(np.array([1], np.int32)) + Tensor(np.array([1.0], np.float16))).dtype) == "Float16"


def test_parameter_prints_and_gives_plain_tensors():
    p = Parameter(T([1.0]), name="z")
    assert repr(p) == str(p) == "Parameter (name=z, shape=(1,), dtype=Float32, requires_grad=True)"
    assert type(p * 2) is Tensor
    p.requires_grad = False
    assert repr(p) == "Parameter (name=z, shape=(1,), dtype=Float32, requires_grad=False)"
    assert Parameter(T([1.0])).name.startswith("Parameter#")


def test_parameter_tuple_refuses_non_parameters():
    with pytest.raises(TypeError, match="ParameterTuple input should be 'Parameter' collection, but got a "
                                        "<class 'list'>"):
        ms.ParameterTuple([Tensor([1.0])])


def test_tensor_bool_of_many_elements_raises_mindspore_error():
    with pytest.raises(ValueError, match="The tensor should have only one element, but got 2, more than one"):
        bool(Tensor([1.0, 2.0]))


# ----- cells ---------------------------------------------------------------------------------

class Inner(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(3, 2)
        self.z = Parameter(T([1.0]), name="z")
        self.q = Parameter(T([1.0]), name="q", requires_grad=False)
        self.zz = Parameter(T([1.0]))

    def construct(self, x):
        return self.dense(x) * self.z


class Outer(nn.Cell):
    def __init__(self):
        super().__init__()
        self.net = Inner()
        self.k = Parameter(T([1.0]), name="k")

    def construct(self, x):
        return self.net(x) * self.k


def test_cell_names_parameters_as_mindspore():
    inner = Inner()
    assert [p.name for p in inner.trainable_params()] == ["z", "zz", "dense.weight", "dense.bias"]
    assert [p.name for p in inner.get_parameters()] == ["z", "q", "zz", "dense.weight", "dense.bias"]
    outer = Outer()
    assert [p.name for p in outer.trainable_params()] == ["k", "net.z", "net.zz", "net.dense.weight",
                                                          "net.dense.bias"]
    assert [p.name for p in nn.SequentialCell([nn.Dense(2, 2), nn.ReLU()]).trainable_params()] == \
        ["0.weight", "0.bias"]


def test_cell_repr():
    assert repr(Inner()) == "Inner(\n  (dense): Dense(input_channels=3, output_channels=2, has_bias=True)\n)"
    assert repr(nn.Dense(2, 2, activation="relu")) == (
        "Dense(\n  input_channels=2, output_channels=2, has_bias=True, activation=ReLU()\n"
        "  (activation): ReLU()\n)")


def test_dense_computes_x_weight_t_plus_bias():
    d = nn.Dense(3, 2, weight_init="ones", bias_init="zeros")
    assert values(d(T([[1.0, 1.0, 1.0]]))) == ((1, 2), "Float32", [[3.0, 3.0]])
    assert d.weight.shape == (2, 3) and d.bias.shape == (2,)


def test_grad_through_nested_cells_reaches_dense_weights():
    outer = Outer()
    grads = ms.grad(outer, None, outer.trainable_params())(T([[1.0, 2.0, 3.0]]))
    assert [g.shape for g in grads] == [(1,), (1,), (1,), (2, 3), (2,)]
    assert values(grads[3]) == ((2, 3), "Float32", [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]])
    assert values(grads[2]) == ((1,), "Float32", [0.0])          # zz is unused: zeros


# ----- GradOperation: all eight combinations ----------------------------------------------------

class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = Parameter(T([2.0, 3.0]), name="w")
        self.b = Parameter(T(1.0), name="b")
        self.u = Parameter(T([5.0]), name="u")

    def construct(self, x, y):
        return x * self.w * y + self.b


X, Y, SENS = [1.0, 2.0], [3.0, 4.0], [1.0, 10.0]
F2 = "Float32"
GX, GY = ((2,), F2, [6.0, 12.0]), ((2,), F2, [2.0, 6.0])            # d/dx, d/dy with ones
GXS, GYS = ((2,), F2, [6.0, 120.0]), ((2,), F2, [2.0, 60.0])        # with sens [1, 10]
GW, GB, GU = ((2,), F2, [3.0, 8.0]), ((), F2, 2.0), ((1,), F2, [0.0])
GWS, GBS = ((2,), F2, [3.0, 80.0]), ((), F2, 11.0)


def _weights(net, kind):
    return {"none": None, "ptuple": ms.ParameterTuple(net.trainable_params()), "list": [net.w],
            "param": net.w}[kind]


# (get_all, get_by_list, sens_param, weights) -> expected, as mindspore 2.10 returns it
GRAD_OPERATION = [
    (False, False, False, "none", GX), (False, False, False, "ptuple", GX),
    (False, False, True, "none", GXS), (False, False, True, "param", GXS),
    (True, False, False, "none", (GX, GY)), (True, False, False, "list", (GX, GY)),
    (True, False, True, "none", (GXS, GYS)),
    (False, True, False, "none", (GW, GB)),                    # weights read in the forward pass
    (False, True, False, "ptuple", (GW, GB, GU)), (False, True, False, "list", (GW,)),
    (False, True, False, "param", GW),
    (False, True, True, "none", (GWS, GBS)), (False, True, True, "param", GWS),
    (True, True, False, "none", ((GX, GY), (GW, GB))),
    (True, True, False, "ptuple", ((GX, GY), (GW, GB, GU))),
    (True, True, False, "list", ((GX, GY), (GW,))), (True, True, False, "param", ((GX, GY), GW)),
    (True, True, True, "ptuple", ((GXS, GYS), (GWS, GBS, GU))),
    (True, True, True, "param", ((GXS, GYS), GWS)),
]


@pytest.mark.parametrize("get_all, get_by_list, sens_param, weights, expected", GRAD_OPERATION)
def test_grad_operation_structure(get_all, get_by_list, sens_param, weights, expected):
    net = Net()
    op = ops.GradOperation(get_all=get_all, get_by_list=get_by_list, sens_param=sens_param)
    fn = op(net, _weights(net, weights)) if weights != "none" else op(net)
    args = (T(X), T(Y)) + ((T(SENS),) if sens_param else ())
    assert values(fn(*args)) == expected


def test_grad_operation_sens_as_keyword():
    assert values(ops.GradOperation(sens_param=True)(Net())(T(X), T(Y), sens=T(SENS))) == GXS


def test_grad_operation_missing_sens_shifts_arguments():
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'y'"):
        ops.GradOperation(sens_param=True)(Net())(T(X), T(Y))


@pytest.mark.parametrize("flag", ["get_all", "get_by_list", "sens_param"])
def test_grad_operation_flags_must_be_bool(flag):
    with pytest.raises(TypeError, match=f"For 'GradOperation', the '{flag}' should be bool, but got int"):
        ops.GradOperation(**{flag: 1})


def test_grad_operation_skips_non_tensor_arguments():
    def f(a, b):
        return a * b
    assert values(ops.GradOperation(get_all=True)(f)(T(X), 2.0)) == (((2,), F2, [2.0, 2.0]),)
    assert ops.GradOperation()(f)(2.0, T(Y)) == ()
    assert values(ops.GradOperation(get_all=True)(f)(T(X), b=T(Y))) == (((2,), F2, [3.0, 4.0]),
                                                                        ((2,), F2, [1.0, 2.0]))


def test_grad_operation_get_by_list_on_plain_function_without_parameters_is_empty():
    def sq(a):
        return a * a
    assert ops.GradOperation(get_by_list=True)(sq)(T(1.0)) == ()
    assert values(ops.GradOperation(get_all=True, get_by_list=True)(sq)(T(1.0))) == ((((), F2, 2.0),), ())


@pytest.mark.parametrize("sens, error, message", [
    (2.0, RuntimeError, r"grad tensor should be broadcast to expected shape, but got \[const vector\]\{\} "
                        r"vs \[const vector\]\{2\}"),
    (T(1.0, 10.0, 3.0), ValueError,
     r"The shape should be \[const vector\]\{2\}, but got \[const vector\]\{3\}"),
    (Tensor(np.array([1.0, 2.0])), TypeError, "The dtype should be Float32, but got Float64"),
    ([1.0, 2.0], RuntimeError, "The given sens gradient's size should be same as out of network!"),
])
def test_grad_operation_sens_checks(sens, error, message):
    with pytest.raises(error, match=message):
        ops.GradOperation(sens_param=True)(Net())(T(X), T(Y), sens)


def test_sens_for_tuple_output_is_a_tuple():
    def f2(a, b):
        return a ** 2 + b, a
    assert values(ops.GradOperation(sens_param=True)(f2)(T(1.0), T(2.0), (T(2.0), T(3.0)))) == ((), F2, 7.0)
    with pytest.raises(RuntimeError, match="sens gradient's size should be same as out of network"):
        ops.GradOperation(sens_param=True)(f2)(T(1.0), T(2.0), T(2.0))


# ----- grad and value_and_grad ---------------------------------------------------------------

GRAD = [  # (grad_position, weights, return_ids, expected)
    (0, "none", False, GX), (0, "none", True, (0, GX)), ((0,), "none", False, GX),
    (1, "none", False, GY), ((0, 1), "none", False, (GX, GY)), ((1, 0), "none", False, (GY, GX)),
    ((0, 1), "none", True, ((0, GX), (1, GY))),
    (None, "ptuple", False, (GW, GB, GU)), (None, "list", False, (GW,)), (None, "param", False, GW),
    (None, "ptuple", True, (("w", GW), ("b", GB), ("u", GU))), (None, "param", True, ("w", GW)),
    (0, "ptuple", False, (GX, (GW, GB, GU))), (0, "param", False, (GX, GW)),
    ((0, 1), "list", False, ((GX, GY), (GW,))),
    (0, "ptuple", True, ((0, GX), (("w", GW), ("b", GB), ("u", GU)))),
]


@pytest.mark.parametrize("position, weights, ids, expected", GRAD)
def test_grad_structure(position, weights, ids, expected):
    net = Net()
    assert values(ms.grad(net, position, _weights(net, weights), return_ids=ids)(T(X), T(Y))) == expected


@pytest.mark.parametrize("position, weights, ids, expected", GRAD)
def test_value_and_grad_structure(position, weights, ids, expected):
    net = Net()
    value, grads = ms.value_and_grad(net, position, _weights(net, weights), return_ids=ids)(T(X), T(Y))
    assert values(value) == ((2,), F2, [7.0, 25.0])
    assert values(grads) == expected


def f2(a, b):
    return a ** 2 + b, a


def test_tuple_outputs_are_seeded_and_summed():
    assert values(ms.grad(f2)(T(1.0), T(2.0))) == ((), F2, 3.0)
    assert values(ms.grad(f2, (0, 1))(T(1.0), T(2.0))) == (((), F2, 3.0), ((), F2, 1.0))


def test_has_aux_differentiates_output_zero_only():
    assert values(ms.grad(f2, has_aux=True)(T(1.0), T(2.0))) == (((), F2, 2.0), (((), F2, 1.0),))
    assert values(ms.value_and_grad(f2)(T(1.0), T(2.0))) == ((((), F2, 3.0), ((), F2, 1.0)), ((), F2, 3.0))
    assert values(ms.value_and_grad(f2, has_aux=True)(T(1.0), T(2.0))) == \
        ((((), F2, 3.0), ((), F2, 1.0)), ((), F2, 2.0))


def test_has_aux_needs_two_outputs():
    with pytest.raises(ValueError, match="When has_aux is True, origin fn requires more than one outputs."):
        ms.grad(lambda a: a * a, has_aux=True)(T(1.0))


def test_non_scalar_output_is_seeded_with_ones():
    assert str(ms.grad(lambda a: a * a)(Tensor([1., 2., 3.]))) == "[2. 4. 6.]"


def test_unused_and_stopped_inputs_get_zeros():
    assert values(ms.grad(lambda a, b: a * a, 1)(T(1.0), T(2.0))) == ((), F2, 0.0)
    assert values(ms.grad(lambda a: ops.stop_gradient(a) * 2)(T(1.0))) == ((), F2, 0.0)
    assert values(ms.grad(lambda a: 3.0)(T(1.0))) == ((), F2, 0.0)


def test_non_tensor_arguments_are_skipped():
    assert values(ms.grad(lambda a, b: a * b, (0, 1))(T(1.0), 2.0)) == ((), F2, 2.0)
    assert ms.grad(lambda a, b: a * b, 0)(2.0, T(1.0)) == ()
    assert ms.grad(lambda a: a[0] * a[1])([T(1.0), T(2.0)]) == ()


def test_integer_inputs_are_differentiated():
    assert values(ms.grad(lambda a: a * a)(Tensor(3, ms.int32))) == ((), "Int32", 6)
    assert values(ms.grad(lambda a: a * a * 2)(Tensor(3))) == ((), "Int64", 12)
    assert values(ms.grad(lambda a: a * 1.5)(Tensor(3, ms.int32))) == ((), "Int32", 1)


def test_higher_order_by_nesting():
    assert values(ms.grad(ms.grad(lambda a: a * a * a))(T(2.0))) == ((), F2, 12.0)
    assert values(ms.grad(ms.grad(ms.grad(lambda a: a * a * a * a)))(T(2.0))) == ((), F2, 48.0)
    assert repr(ms.grad(ms.grad(ops.sin))(T(1.0))) == "Tensor(shape=[], dtype=Float32, value= -0.841471)"


def test_weights_read_through_a_closure():
    w = Parameter(T(2.0), name="w")

    def fw(a):
        return a * w
    assert values(ms.grad(fw, 0, w, return_ids=True)(T(1.0))) == ((0, ((), F2, 2.0)), ("w", ((), F2, 1.0)))
    assert values(ops.GradOperation(get_by_list=True)(fw)(T(1.0))) == (((), F2, 1.0),)


@pytest.mark.parametrize("position, error, message", [
    (None, ValueError, "`grad_position` and `weight` can not be None at the same time."),
    (-1, ValueError, "grad_position must be >= 0."),
    ((0, -1), ValueError, "The element in grad_position must be >= 0."),
    ((0, 0), ValueError, "There are duplicate positions in `grad_position`, please check it"),
    (1.0, TypeError, "For 'F.grad', the 'grad_position' must be int or tuple."),
    ([0], TypeError, "For 'F.grad', the 'grad_position' must be int or tuple."),
])
def test_grad_position_errors_when_built(position, error, message):
    with pytest.raises(error, match=re.escape(message)):
        ms.grad(f2, position)
    with pytest.raises(error, match=re.escape(message)):
        ms.value_and_grad(f2, position)


def test_grad_position_out_of_range_errors_when_called():
    fn = ms.grad(f2, 5)
    with pytest.raises(RuntimeError, match="Position index 5 is exceed input size."):
        fn(T(1.0), T(2.0))


def test_weights_of_wrong_type_error_when_called():
    fn = ms.grad(lambda a: a * 2, 0, 3)
    with pytest.raises(TypeError, match="The weights you provided is expected to be a tensor, or a list or "
                                        "tuple. but got 3"):
        fn(T(1.0))


def test_single_weight_with_ids_and_positions_tests_its_truth():
    net = Net()
    with pytest.raises(ValueError, match="The tensor should have only one element, but got 2"):
        ms.grad(net, 0, net.w, return_ids=True)(T(X), T(Y))


# ----- vjp, jvp, jacobians -------------------------------------------------------------------

def mul(a, b):
    return a * b


def sq(a):
    return a * a


def sqaux(a):
    return a * a, a


def test_vjp():
    out, fn = ms.vjp(mul, T(X), T(Y))
    assert values(out) == ((2,), F2, [3.0, 8.0])
    assert values(fn(T(1.0, 1.0))) == (((2,), F2, [3.0, 4.0]), ((2,), F2, [1.0, 2.0]))
    assert values(fn(T(1.0, 2.0))) == (((2,), F2, [3.0, 8.0]), ((2,), F2, [1.0, 4.0]))   # callable again
    out, fn, aux = ms.vjp(sqaux, T(X), has_aux=True)
    assert values((out, aux, fn(T(1.0, 1.0)))) == (((2,), F2, [1.0, 4.0]), ((2,), F2, [1.0, 2.0]),
                                                   (((2,), F2, [2.0, 4.0]),))


def test_jvp():
    assert values(ms.jvp(mul, (T(X), T(Y)), (T(1.0, 1.0), T(1.0, 0.0)))) == (((2,), F2, [3.0, 8.0]),
                                                                            ((2,), F2, [4.0, 4.0]))
    assert values(ms.jvp(sqaux, T(X), T(1.0, 1.0), has_aux=True)) == (
        ((2,), F2, [1.0, 4.0]), ((2,), F2, [2.0, 4.0]), ((2,), F2, [1.0, 2.0]))
    out, tangents = ms.jvp(lambda a: (a * a, a.sum()), T(X), T(1.0, 1.0))
    assert values(tangents) == (((2,), F2, [2.0, 4.0]), ((), F2, 2.0))


@pytest.mark.parametrize("jac", [ms.jacrev, ms.jacfwd])
def test_jacobians(jac):
    assert values(jac(sq)(T(X))) == ((2, 2), F2, [[2.0, 0.0], [0.0, 4.0]])
    assert values(jac(mul, (0, 1))(T(X), T(Y))) == (((2, 2), F2, [[3.0, 0.0], [0.0, 4.0]]),
                                                    ((2, 2), F2, [[1.0, 0.0], [0.0, 2.0]]))
    assert values(jac(lambda a: (a * a).sum())(T(X))) == ((2,), F2, [2.0, 4.0])
    assert values(jac(sqaux, has_aux=True)(T(X))) == (((2, 2), F2, [[2.0, 0.0], [0.0, 4.0]]),
                                                      ((2,), F2, [1.0, 2.0]))

    def mat(a):
        return ops.matmul(a.reshape(1, 2), ops.ones((2, 3)))
    assert jac(mat)(T(X)).shape == (1, 3, 2)


# ----- ops -----------------------------------------------------------------------------------

def test_ops_primitives_and_functions():
    m = Tensor([[1., 2.], [3., 4.]])
    assert str(ops.ReduceSum()(m)) == "10.0"
    assert str(ops.ReduceSum(keep_dims=True)(m, 1)) == "[[3.]\n [7.]]"
    assert str(ops.ReduceMean()(m, 0)) == "[2. 3.]"
    assert str(ops.mean(m, 1)) == "[1.5 3.5]"
    assert str(ops.MatMul(transpose_b=True)(Tensor([[1., 2.]]), Tensor([[3., 4.]]))) == "[[11.]]"
    assert str(ops.matmul(Tensor([1., 2.]), Tensor([3., 4.]))) == "11.0"
    assert str(ops.Pow()(Tensor([2.0]), 3.0)) == "[8.]" and str(ops.Square()(Tensor([3.0]))) == "[9.]"
    assert str(ops.Sigmoid()(Tensor([0.0]))) == "[0.5]" and str(ops.ReLU()(Tensor([-1.0, 2.0]))) == "[0. 2.]"
    assert str(ops.Cast()(Tensor([1.5]), ms.int32)) == "[1]"
    assert str(ops.Transpose()(Tensor([[1., 2.]]), (1, 0))) == "[[1.]\n [2.]]"
    assert str(ops.ones((2, 2), ms.float32)) == "[[1. 1.]\n [1. 1.]]"
    assert str(ops.zeros((2,), ms.int32)) == "[0 0]"


# ----- the seed programs ---------------------------------------------------------------------

def _shared() -> Path:
    path = REPO.parent / "shared"
    if not (path / "seeds" / "programs").is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return path


@pytest.mark.parametrize("name", ["s000_ms", "s001_ms", "s002_ms", "s003_ms"])
def test_seed_program_prints_expected(name, tmp_path):
    programs = _shared() / "seeds" / "programs"
    sys.path.insert(0, str(_shared() / "tools"))
    try:
        from run_seeds import swap_imports
    finally:
        sys.path.pop(0)
    script = tmp_path / f"{name}.py"
    script.write_text(swap_imports((programs / f"{name}.py").read_text()))
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONDONTWRITEBYTECODE="1")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr
    assert run.stdout == (programs / f"{name}.expected.txt").read_text()


# ----- tensor methods as MindSpore defines them -------------------------------------------------

def test_tensor_methods_follow_mindspore():
    m = Tensor(np.array([[1.0, -2.0], [3.0, 4.0]], np.float32))
    i = Tensor(np.array([[1, 2], [3, 4]], np.int32))
    assert values(i.sum()) == ((), "Int64", 10)                  # integer sums are Int64
    assert values(i.mean()) == ((), "Int32", 2)                   # an integer mean is truncated
    assert values(m.mean(axis=1, keep_dims=True)) == ((2, 1), F2, [[-0.5], [3.5]])
    assert values(m.max(0)) == (((2,), F2, [3.0, 4.0]), ((2,), "Int64", [1, 1]))   # (values, indices)
    assert values(m.min(axis=1)) == ((2,), F2, [-2.0, 3.0])      # the NumPy-style overload
    assert values(m.var()) == ((), F2, 5.25) and values(m.std()) == ((), F2, 2.29129)   # ddof=0
    assert values(m // 2) == ((2, 2), F2, [[0.0, -1.0], [1.0, 2.0]])
    assert values(m % 3) == ((2, 2), F2, [[1.0, 1.0], [0.0, 1.0]])
    assert values(i // 2) == ((2, 2), "Int32", [[0, 1], [1, 2]])
    assert values(m.norm()) == ((), F2, 5.47723)
    assert values(m.transpose(1, 0)) == values(m.T) == ((2, 2), F2, [[1.0, 3.0], [-2.0, 4.0]])


def test_nested_and_dict_outputs_are_all_seeded():
    assert values(ms.grad(lambda a: ((a * a, a), a))(T(X))) == ((2,), F2, [4.0, 6.0])
    assert values(ms.grad(lambda a: {"a": a * a})(T(X))) == ((2,), F2, [2.0, 4.0])


def test_frozen_parameters_and_plain_tensors_as_weights_get_zeros():
    w = Parameter(T(2.0, 3.0), name="w")
    f = Parameter(T(1.0, 1.0), name="f", requires_grad=False)

    def fn(a):
        return a * w * f
    assert values(ms.grad(fn, None, [w, f])(T(X))) == (((2,), F2, [1.0, 2.0]), ((2,), F2, [0.0, 0.0]))
    x = T(X)
    assert values(ops.GradOperation(get_by_list=True)(fn, x)(x)) == ((2,), F2, [0.0, 0.0])


def test_gradient_penalty_through_weights_matches_the_math():
    # d/dw of |d f/dx|^2: mindspore 2.10 PyNative answers [[-0.0336, -7.97], [-0.0672, -15.9]] here,
    # which misses a term; minigrad gives the true value, checked against torch in float64.
    torch = pytest.importorskip("torch")
    w0 = np.array([[2.0, 3.0], [1.0, -1.0]])
    x0 = np.array([[1.0, 2.0]])

    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = Parameter(Tensor(w0), name="w")

        def construct(self, x):
            return ops.ReduceSum()(ops.tanh(ops.matmul(x, self.w)) ** 2)
    net = Net()

    def penalty(x):
        g = ms.grad(net)(x)
        return (g * g).sum()
    ours = ms.grad(penalty, 0, net.w)(Tensor(x0))
    tw, tx = torch.tensor(w0, requires_grad=True), torch.tensor(x0, requires_grad=True)
    (g,) = torch.autograd.grad((torch.tanh(tx @ tw) ** 2).sum(), tx, create_graph=True)
    want = torch.autograd.grad((g * g).sum(), [tx, tw])
    np.testing.assert_allclose(ours[0].asnumpy(), want[0].numpy(), rtol=1e-10)
    np.testing.assert_allclose(ours[1].asnumpy(), want[1].numpy(), rtol=1e-10)


def test_binary_cross_entropy_with_logits_as_mindspore():
    assert str(ops.binary_cross_entropy_with_logits(Tensor([0.0, 100.0, -100.0]), Tensor([1.0, 0.0, 1.0]))) \
        == "66.89771"
    loss = ops.binary_cross_entropy_with_logits(Tensor([0.0, 1.0, -2.0]), Tensor([1.0, 0.0, 0.5]),
                                                Tensor([1.0, 2.0, 1.0]), Tensor([3.0, 1.0, 1.0]), "none")
    assert str(loss) == "[2.0794415 2.6265233 1.1269281]"
    ones = Tensor([1.0, 1.0, 1.0])
    g = ms.grad(lambda a: ops.binary_cross_entropy_with_logits(a, Tensor([1.0, 0.0, 1.0]), ones, ones))(
        Tensor([0.0, 100.0, -100.0]))
    assert str(g) == "[-0.16666667  0.33333334 -0.33333334]"


def test_mindspore_autodiff_tutorial_flow():
    # The MindSpore 2.x "Automatic Differentiation" tutorial, with fixed weights.
    x, y = ops.ones(5, ms.float32), ops.zeros(3, ms.float32)
    w = Parameter(Tensor(np.arange(15).reshape(5, 3) / 10 - 0.7, ms.float32), name="w")
    b = Parameter(Tensor([0.1, -0.2, 0.3], ms.float32), name="b")

    class Network(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w, self.b = w, b

        def construct(self, x):
            return ops.matmul(x, self.w) + self.b
    model, loss_fn = Network(), nn.BCEWithLogitsLoss()
    loss, grads = ms.value_and_grad(lambda x, y: loss_fn(model(x), y), None, model.trainable_params())(x, y)
    z = 5 * 0.6 - 5 * 0.7 + np.array([0.0, 0.5, 1.0]) + np.array([0.1, -0.2, 0.3])    # x @ w + b
    sig = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(loss.asnumpy(), np.mean(np.log1p(np.exp(z))), rtol=1e-6)
    np.testing.assert_allclose(grads[1].asnumpy(), sig / 3, rtol=1e-6)            # dL/db
    np.testing.assert_allclose(grads[0].asnumpy(), np.tile(sig / 3, (5, 1)), rtol=1e-6)


def _train(optimizer_cls, steps, **kwargs):
    net = nn.SequentialCell([nn.Flatten(), nn.Dense(4, 3, weight_init="ones", bias_init="zeros")])
    loss_fn = nn.CrossEntropyLoss()
    opt = optimizer_cls(net.trainable_params(), **kwargs)
    x = Tensor(np.arange(8, dtype=np.float32).reshape(2, 2, 2) / 10)
    y = Tensor(np.array([0, 2], np.int32))
    step = ms.value_and_grad(lambda x, y: loss_fn(net(x), y), None, opt.parameters)
    losses = []
    for _ in range(steps):
        loss, grads = step(x, y)
        assert opt(grads) == (True, True)
        losses.append(round(float(loss), 5))
    return losses, [np.round(p.asnumpy(), 5).tolist() for p in net.trainable_params()]


@pytest.mark.parametrize("optimizer, kwargs, losses, bias", [   # values from mindspore 2.10
    (nn.SGD, {"learning_rate": 0.1}, [1.09861, 1.06571, 1.03568], [0.04896, -0.09506, 0.04609]),
    (nn.SGD, {"learning_rate": 0.1, "momentum": 0.9}, [1.09861, 1.06571, 1.00863],
     [0.09188, -0.17909, 0.08721]),
    (nn.Momentum, {"learning_rate": 0.1, "momentum": 0.9}, [1.09861, 1.06571, 1.00863],
     [0.09188, -0.17909, 0.08721]),
    (nn.Adam, {"learning_rate": 0.1}, [1.09861, 0.92793, 0.80369], [0.30049, -0.29471, 0.26109]),
])
def test_optimizers_train_as_mindspore(optimizer, kwargs, losses, bias):
    got_losses, params = _train(optimizer, 3, **kwargs)
    np.testing.assert_allclose(got_losses, losses, atol=2e-5)
    np.testing.assert_allclose(params[1], bias, atol=2e-5)


def test_cross_entropy_loss_wants_int32_labels():
    with pytest.raises(TypeError, match="For 'CrossEntropyLoss', the 'labels' should be Int32, but got "
                                        "'mindspore.int64'."):
        nn.CrossEntropyLoss()(Tensor([[1.0, 2.0, 0.5]]), Tensor([1]))
    logits, labels = Tensor([[1.0, 2.0, 0.5], [0.1, 0.2, 0.3]]), Tensor([1, 0], ms.int32)
    loss = nn.CrossEntropyLoss(reduction="sum")(logits, labels)
    assert abs(float(loss) - 1.6663111) < 1e-6


def test_jvp_checks_tangents():
    with pytest.raises(ValueError):              # mindspore 2.10: a ValueError from Mul's bprop
        ms.jvp(sq, T(X), T(1.0, 1.0, 1.0))
    with pytest.raises(TypeError, match="Type Join Failed: dtype1 = Int64, dtype2 = Float32."):
        ms.jvp(sq, T(X), Tensor([1, 1]))
