"""minigrad.tf: TensorFlow's gradient APIs with TensorFlow's semantics.

Expected numbers and texts were checked against tensorflow-cpu 2.21 (tests/dialects/test_tf_oracle.py
runs the same programs there); derivatives that follow from calculus are written as formulas.
"""
from __future__ import annotations

import logging
import re
import subprocess
import sys

import numpy as np
import pytest

import minigrad.tf as tf
from minigrad.tf import _errors


def close(t, want) -> bool:
    return t is not None and np.allclose(np.asarray(t.numpy()), want, rtol=1e-6, atol=1e-6)


# ----- the seed program ----------------------------------------------------------------------------

def test_seed_003_prints_what_tensorflow_printed(shared_dir, repo_root):
    program = shared_dir / "seeds" / "programs" / "s003_tf.py"
    expected = (shared_dir / "seeds" / "programs" / "s003_tf.expected.txt").read_text()
    source = re.sub(r"^(\s*)import tensorflow as (\w+)", r"\1import minigrad.tf as \2", program.read_text(),
                    flags=re.M)
    assert "import minigrad.tf as tf" in source
    proc = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, timeout=120,
                          cwd=repo_root, env={"PYTHONPATH": str(repo_root), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == expected


# ----- printing, dtypes, conversion -------------------------------------------------------------

def test_tensor_str_and_repr_as_tensorflow_prints_them():
    assert str(tf.constant(6.)) == "tf.Tensor(6.0, shape=(), dtype=float32)"
    assert repr(tf.constant(4.)) == "<tf.Tensor: shape=(), dtype=float32, numpy=4.0>"
    assert repr([tf.constant(4.)]) == "[<tf.Tensor: shape=(), dtype=float32, numpy=4.0>]"
    assert repr(tf.constant(0.1)) == "<tf.Tensor: shape=(), dtype=float32, numpy=0.10000000149011612>"
    assert str(tf.constant([0.1, 2])) == "tf.Tensor([0.1 2. ], shape=(2,), dtype=float32)"
    assert repr(tf.constant([[1.5, 2], [3, 4]])) == (
        "<tf.Tensor: shape=(2, 2), dtype=float32, numpy=\n"
        "array([[1.5, 2. ],\n       [3. , 4. ]], dtype=float32)>")
    assert str(tf.constant(np.arange(12.).reshape(3, 4))) == (
        "tf.Tensor(\n[[ 0.  1.  2.  3.]\n [ 4.  5.  6.  7.]\n [ 8.  9. 10. 11.]], "
        "shape=(3, 4), dtype=float64)")
    assert repr(tf.constant(True)) == "<tf.Tensor: shape=(), dtype=bool, numpy=True>"


def test_variable_repr_names_and_value():
    assert repr(tf.Variable([1., 2., 3.], name="w1")) == (
        "<tf.Variable 'w1:0' shape=(3,) dtype=float32, numpy=array([1., 2., 3.], dtype=float32)>")
    assert str(tf.Variable(2.)) == "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=2.0>"
    assert repr(tf.Variable(3)) == "<tf.Variable 'Variable:0' shape=() dtype=int32, numpy=3>"


def test_dtypes_print_as_tensorflow_and_python_data_converts_as_tensorflow():
    texts = (repr(tf.float32), str(tf.float32), tf.float64.name)
    assert texts == ("tf.float32", "<dtype: 'float32'>", "float64")
    assert tf.constant(3).dtype == tf.int32
    assert tf.constant(2 ** 40).dtype == tf.int64
    assert tf.constant([1, 2.5]).dtype == tf.float32
    assert tf.constant(np.arange(3.)).dtype == tf.float64
    assert tf.constant([1, 2], dtype=tf.float32).dtype == tf.float32
    assert repr(tf.ones([2, 3]).shape) == "TensorShape([2, 3])" and str(tf.ones([2, 3]).shape) == "(2, 3)"
    assert repr(tf.constant(1.).numpy()) == "np.float32(1.0)"


def test_binary_ops_convert_to_the_tensor_dtype_and_refuse_mixed_dtypes():
    assert close(tf.constant([1., 2.]) + [1, 2], [2., 4.])
    with pytest.raises(TypeError, match=re.escape("Cannot convert 2.0 to EagerTensor of dtype int32")):
        tf.constant(3) * 2.
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        tf.constant(3.) + tf.constant(2)
    assert str(info.value) == ("cannot compute AddV2 as input #1(zero-based) was expected to be a float "
                               "tensor but is a int32 tensor [Op:AddV2] name: ")
    half = tf.constant([1, 2]) / 2
    assert half.dtype == tf.float64 and close(half, [0.5, 1.])
    assert (tf.constant([1, 2]) // 2).dtype == tf.int32
    with pytest.raises(ValueError, match="requested dtype float64 for Tensor with dtype float32"):
        tf.convert_to_tensor(tf.constant(1.), dtype=tf.float64)


def test_tensors_are_immutable_and_unhashable():
    t = tf.constant([1., 2.])
    with pytest.raises(TypeError, match=re.escape("unhashable. Instead, use tensor.ref() as the key.")):
        hash(t)
    assert t.ref().deref() is t
    u = t
    u += 1.
    assert close(t, [1., 2.]) and close(u, [2., 3.])


def test_variable_assign_and_refusals():
    v = tf.Variable([1., 2.])
    assert v.trainable and not tf.Variable(1., trainable=False).trainable
    v.assign([5., 6.])
    v.assign_add([1., 1.])
    v.assign_sub([0.5, 0.5])
    assert close(v, [5.5, 6.5]) and close(v.read_value(), [5.5, 6.5])
    with pytest.raises(ValueError) as info:
        tf.Variable(1.).assign([1., 2.])
    assert str(info.value) == ("Cannot assign value to variable ' Variable:0': Shape mismatch.The variable "
                               "shape (), and the assigned value shape (2,) are incompatible.")
    w = tf.Variable(1.)
    with pytest.raises(RuntimeError, match=re.escape("`variable += value` with `tf.Variable`s is not")):
        w += 1.
    assert type(w * 2).__name__ == "EagerTensor" and type(w).__name__ == "ResourceVariable"
    assert isinstance(w * 2, tf.Tensor) and not isinstance(w * 2, tf.Variable) and isinstance(w, tf.Variable)


def test_gradients_use_the_values_read_before_a_later_assign():
    v, w = tf.Variable(2.), tf.Variable([1., 2.])
    with tf.GradientTape() as t:
        z = v * v + tf.square(v) + tf.reduce_sum(w * w)
    v.assign(5.)
    w.assign_add([10., 10.])
    gv, gw = t.gradient(z, [v, w])
    assert close(gv, 8.) and close(gw, [2., 4.])      # 4v and 2w at the values read


def test_assign_returns_the_variable_shown_as_unread():
    v = tf.Variable(2.)
    unread = "<tf.Variable 'UnreadVariable' shape=() dtype=float32, numpy={}>"
    assert repr(v.assign(5.)) == unread.format("5.0")
    assert repr(v.assign_add(1.).assign_add(1.)) == unread.format("7.0")
    assert close(v, 7.) and v.assign(1., read_value=False) is None and close(v, 1.)


def test_reading_a_variable_keeps_the_value_read():
    v = tf.Variable(2.)
    r = v.read_value()
    v.assign(5.)
    assert close(r, 2.) and close(v, 5.)


# ----- ops -------------------------------------------------------------------------------------

def test_math_ops_values_and_axis_names():
    m = tf.constant([[1., 2.], [3., 4.]])
    assert close(tf.reduce_sum(m, axis=0, keepdims=True), [[4., 6.]])
    assert tf.reduce_sum(m, axis=0, keepdims=True).shape == (1, 2)
    assert close(tf.reduce_mean(m, axis=1), [1.5, 3.5])
    int_mean = tf.reduce_mean(tf.constant([1, 2]))
    assert close(int_mean, 1) and int_mean.dtype == tf.int32
    assert close(tf.reduce_max(m, axis=[0, 1]), 4.)
    assert close(tf.matmul(tf.constant([[1., 2.]]), tf.constant([[3.], [4.]])), [[11.]])
    assert close(tf.matmul(m, m, transpose_b=True), m.numpy() @ m.numpy().T)
    assert tf.transpose(tf.ones([2, 3, 4]), perm=[2, 0, 1]).shape == (4, 2, 3)
    assert close(tf.concat([tf.constant([1.]), tf.constant([2.])], 0), [1., 2.])
    assert close(tf.stack([tf.constant([1.]), tf.constant([2.])], axis=1), [[1., 2.]])
    assert close(tf.range(5), [0, 1, 2, 3, 4]) and tf.range(5).dtype == tf.int32
    assert close(tf.linspace(0., 1., 3), [0., 0.5, 1.])
    assert close(tf.cast(tf.constant([1.7, -1.7]), tf.int32), [1, -1])
    assert close(tf.where(tf.constant([True, False]), tf.constant([1., 2.]), tf.constant([3., 4.])), [1., 4.])
    assert close(tf.nn.softmax(tf.constant([1., 2.])), [0.26894143, 0.73105854])
    assert close(tf.nn.relu(tf.constant([-1., 2.])), [0., 2.])
    assert close(tf.pow(tf.constant(2.), 3), 8.) and close(2. ** tf.constant(3.), 8.)
    assert close(tf.reshape(tf.constant([[1., 2.]]), [-1]), [1., 2.])
    assert close(tf.square(tf.constant(3)), 9) and tf.square(tf.constant(3)).dtype == tf.int32
    assert close(tf.abs(tf.constant(-2.)), 2.) and close(-tf.constant(2.), -2.)
    assert close(tf.zeros([2]), [0., 0.]) and close(tf.ones_like(tf.constant([1, 2])), [1, 1])
    assert close(tf.constant([1., 2.]) < 2, [True, False])


def test_matmul_and_float_only_ops_refuse_as_tensorflow():
    invalid = tf.errors.InvalidArgumentError
    with pytest.raises(invalid, match=re.escape("In[0] ndims must be >= 2 [Op:MatMul]")):
        tf.matmul(tf.constant([1., 2.]), tf.constant([3., 4.]))
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=re.escape("Matrix size-incompatible: In[0]: [2,3], In[1]: [2,3] [Op:MatMul]")):
        tf.matmul(tf.ones([2, 3]), tf.ones([2, 3]))
    with pytest.raises(invalid, match="Value for attr 'T' of int32 is not in the list"):
        tf.sqrt(tf.constant(4))


# ----- tf.gradients (TF1 graph mode) -------------------------------------------------------------

def test_gradients_sums_over_ys_with_grad_ys_weights():
    w1, w3, w4 = tf.Variable([1., 1., 1.]), tf.Variable([1., 1., 1.]), tf.Variable([1., 1., 1.])
    z1, z2 = w1 + w3, w3 + w4
    g = tf.gradients([z1, z2], [w1, w3, w4], grad_ys=[tf.constant([2., 2., 3.]), tf.constant([3., 2., 4.])])
    assert [x.numpy().tolist() for x in g] == [[2., 2., 3.], [5., 4., 7.], [3., 2., 4.]]
    a = tf.constant(2.)
    (ga,) = tf.gradients(tf.constant([1., 2.]) * a, a, grad_ys=tf.constant([10., 100.]))
    assert close(ga, 210.)


def test_gradients_with_respect_to_constants_and_intermediates():
    x = tf.constant([1., 2.])
    h = tf.sin(x) * 2.
    y = tf.reduce_sum(h * h)
    gh, gx = tf.gradients(y, [h, x])
    assert close(gh, 2 * (2 * np.sin([1., 2.])))
    assert close(gx, 8 * np.sin([1., 2.]) * np.cos([1., 2.]))


def test_stop_gradients_gives_partials_and_stop_gradient_op_cuts_the_path():
    a = tf.constant(0.)
    b = 2 * a
    assert [g.numpy() for g in tf.gradients(a + b, [a, b])] == [3., 1.]
    assert [g.numpy() for g in tf.gradients(a + b, [a, b], stop_gradients=[a, b])] == [1., 1.]
    k = tf.constant(2.)
    assert tf.gradients(tf.stop_gradient(k) * 3., k) == [None]
    c = tf.constant(0.)
    a2 = tf.stop_gradient(c)
    b2 = tf.stop_gradient(2 * a2)
    assert [g.numpy() for g in tf.gradients(a2 + b2, [a2, b2])] == [1., 1.]


def test_gradients_unconnected_none_zero_and_unknown():
    a, b = tf.constant(2.), tf.constant([1., 2.])
    ga, gb = tf.gradients(a * a, [a, b])
    assert close(ga, 4.) and gb is None
    zero = tf.gradients(a * a, [b], unconnected_gradients="zero")[0]
    assert close(zero, [0., 0.]) and zero.dtype == tf.float32
    assert close(tf.gradients(a * a, [b], unconnected_gradients=tf.UnconnectedGradients.ZERO)[0], [0., 0.])
    with pytest.raises(ValueError, match="^Unknown value for unconnected_gradients: 'foo'$"):
        tf.gradients(a * a, a, unconnected_gradients="foo")


def test_gradients_grad_ys_length_mismatch_and_inert_arguments():
    a = tf.constant(2.)
    with pytest.raises(ValueError, match="^Length mismatch. Passed 2 grad_ys for 1 ys$"):
        tf.gradients(a * a, a, grad_ys=[tf.constant(1.), tf.constant(2.)])
    (g,) = tf.gradients(a * a, [a], name="g", colocate_gradients_with_ops=True, gate_gradients=True,
                        aggregation_method=tf.AggregationMethod.EXPERIMENTAL_TREE)
    assert close(g, 4.)


def test_gradients_give_none_for_integer_and_non_tensor_xs():
    a, x = tf.constant(2), tf.constant(2.)
    assert tf.gradients(a * a, a) == [None] and tf.gradients(x * x, 3.) == [None]
    assert tf.gradients(tf.cast(a, tf.float32) * 3., a) == [None]
    zero = tf.gradients(x * x, a, unconnected_gradients="zero")[0]
    assert zero.dtype == tf.int32 and zero.numpy() == 0
    y = x * x
    assert close(tf.gradients(y * x, x, stop_gradients=[y])[0], 4.)      # y held constant: d(yx)/dx = y


def test_gradients_of_gradients_give_second_derivatives():
    x = tf.constant(3.)
    (g,) = tf.gradients(x * x * x, x)
    (h,) = tf.gradients(g, x)
    assert close(g, 27.) and close(h, 18.)


def test_session_runs_structures_and_initializer():
    x = tf.constant([1., 2.])
    with tf.Session() as sess:
        tf.global_variables_initializer().run()
        assert repr(sess.run({"a": x, "b": (x * 2, [x])})) == (
            "{'a': array([1., 2.], dtype=float32), 'b': (array([2., 4.], dtype=float32), "
            "[array([1., 2.], dtype=float32)])}")
        assert repr(sess.run(tf.constant(2.) * 3)) == "np.float32(6.0)"
        assert sess.run(tf.compat.v1.global_variables_initializer()) is None
        with pytest.raises(TypeError, match=re.escape('Argument `fetch` = None has invalid type "NoneType"')):
            sess.run(None)
    with pytest.raises(RuntimeError, match="^Attempted to use a closed Session.$"):
        sess.run(x)
    with pytest.raises(ValueError, match=re.escape("No default session is registered")):
        tf.global_variables_initializer().run()


def test_get_variable_shapes_names_and_reuse_error():
    with tf.Graph().as_default():
        v = tf.compat.v1.get_variable("w2", shape=[2, 3])
        assert v.name == "w2:0" and v.shape == (2, 3) and v.dtype == tf.float32
        limit = np.sqrt(6 / 5)       # glorot_uniform: fan_in 2, fan_out 3
        assert np.all(np.abs(v.numpy()) <= limit)
        with pytest.raises(ValueError, match=re.escape("Variable w2 already exists, disallowed.")):
            tf.compat.v1.get_variable("w2", shape=[3])
        c = tf.compat.v1.get_variable("c", shape=[2], initializer=tf.constant([1., 2.]))
        assert close(c, [1., 2.])


# ----- GradientTape ----------------------------------------------------------------------------

def test_tape_watches_constants_only_when_told_and_variables_when_read():
    x, v = tf.constant(3.), tf.Variable(2.)
    with tf.GradientTape(persistent=True) as t:
        y = x * x
        z = v * v
        t.watch(x)
        w = x * x
    assert t.gradient(y, x) is None
    assert close(t.gradient(w, x), 6.) and close(t.gradient(z, v), 4.)
    assert str(t.gradient(w, x)) == "tf.Tensor(6.0, shape=(), dtype=float32)"


def test_tape_auto_watches_every_variable_an_op_reads_listed_by_creation():
    v, w, u = tf.Variable(1.), tf.Variable(2.), tf.Variable(3., trainable=False)
    x = tf.constant(2.)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * w * v + u
    assert [id(a) for a in t.watched_variables()] == [id(v), id(w)]
    gw, gv, gu = t.gradient(y, [w, v, u])
    assert close(gw, 2.) and close(gv, 4.) and gu is None


def test_tape_without_auto_watch():
    x, w = tf.Variable(2.), tf.Variable(5.)
    with tf.GradientTape(watch_accessed_variables=False, persistent=True) as tape:
        tape.watch(x)
        y = x ** 2
        z = w ** 3
    assert close(tape.gradient(y, x), 4.) and tape.gradient(z, w) is None
    assert [id(a) for a in tape.watched_variables()] == [id(x)]


def test_tape_gradient_mirrors_sources_and_sums_targets():
    x, w, u = tf.constant(2.), tf.Variable(3.), tf.Variable(1.)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * w
    g = t.gradient({"b": y, "a": [y]}, {"x": x, "w": [w], "u": (u,)})
    assert list(g) == ["x", "w", "u"] and isinstance(g["w"], list) and g["u"] == (None,)
    assert close(g["x"], 6.) and close(g["w"][0], 4.)


def test_tape_seeds_non_scalar_targets_with_ones_or_output_gradients():
    v = tf.Variable([1., 2.])
    with tf.GradientTape(persistent=True) as t:
        y = v * tf.constant([3., 4.])
        s = v * v
    assert close(t.gradient(y, v), [3., 4.])
    assert close(t.gradient(s, v, output_gradients=tf.constant([10., 100.])), [20., 400.])
    assert close(t.gradient(s, v, output_gradients=tf.constant(10.)), [20., 40.])
    with pytest.raises(tf.errors.InvalidArgumentError, match=re.escape("Incompatible shapes: [3] vs. [2]")):
        t.gradient(s, v, output_gradients=tf.constant([1., 2., 3.]))


def test_tape_unconnected_sources():
    x, z = tf.constant(2.), tf.constant(1.)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
    gx, gz = t.gradient(y, [x, z])
    assert close(gx, 4.) and gz is None
    assert close(t.gradient(y, [x, z], unconnected_gradients="zero")[1], 0.)
    with pytest.raises(ValueError, match="^Unknown value for unconnected_gradients: 'foo'$"):
        t.gradient(y, x, unconnected_gradients="foo")


def test_watching_an_int_tensor_logs_tensorflows_message_and_gives_none(caplog):
    x = tf.constant(3)
    with caplog.at_level(logging.WARNING, logger="tensorflow"):
        with tf.GradientTape() as t:
            t.watch(x)
            y = x * x
    assert "The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.int32" in caplog.text
    assert t.gradient(y, x) is None


def test_non_persistent_tape_is_used_once():
    x = tf.constant(2.)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    t.gradient(y, x)
    with pytest.raises(RuntimeError) as info:
        t.gradient(y, x)
    assert str(info.value) == _errors.NON_PERSISTENT == (
        "A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)")
    with pytest.raises(RuntimeError, match="^A non-persistent GradientTape can only be used to compute"):
        t.jacobian(y, x)


def test_tape_errors_in_tensorflows_words():
    x = tf.constant(2.)
    with tf.GradientTape() as t:
        t.watch(x)
        with pytest.raises(ValueError, match="^Passed in object 3.0 of type 'float', not tf.Tensor or"):
            t.watch(3.)
    with pytest.raises(TypeError, match=re.escape(_errors.TARGET_NONE)):
        t.gradient(None, x)
    with pytest.raises(RuntimeError, match="^Trying to stop recording a tape which is not recording.$"):
        with tf.GradientTape().stop_recording():
            pass
    with pytest.raises(ValueError, match="^Tape is not recording.$"):
        with t.stop_recording():
            pass
    with pytest.raises(ValueError, match="^Tape is not recording.$"):
        tf.GradientTape().reset()
    again = tf.GradientTape()
    with again:
        with pytest.raises(ValueError, match="^Tape is still recording, This can happen if you try to"):
            with again:
                pass


def test_stop_recording_and_reset():
    x = tf.constant(3.)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        with t.stop_recording():
            y = x * x
        z = x * 2
    assert t.gradient(y, x) is None and close(t.gradient(z, x), 2.)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
        t.reset()
        w = x * x
        t.watch(x)
        z = x * 2
    assert t.gradient(y, x) is None and t.gradient(w, x) is None and close(t.gradient(z, x), 2.)


def test_reentered_persistent_tape_keeps_recording():
    x = tf.constant(2.)
    t = tf.GradientTape(persistent=True)
    with t:
        t.watch(x)
        y = x * x
    with t:
        z = y * x
    assert close(t.gradient(z, x), 12.) and close(t.gradient(y, x), 4.)


def test_nested_tapes_give_higher_order():
    x = tf.constant(3.)
    with tf.GradientTape() as t1:
        t1.watch(x)
        with tf.GradientTape() as t2:
            t2.watch(x)
            y = x * x * x
        g = t2.gradient(y, x)
    assert close(g, 27.) and close(t1.gradient(g, x), 18.)


def test_persistent_tape_inside_its_own_with_records_the_gradient(caplog):
    x = tf.constant(2.)
    with caplog.at_level(logging.WARNING, logger="tensorflow"):
        with tf.GradientTape(persistent=True) as t:
            t.watch(x)
            y = x * x * x
            g = t.gradient(y, x)
            h = t.gradient(g, x)
    assert close(g, 12.) and close(h, 12.)
    assert "Calling GradientTape.gradient on a persistent tape inside its context" in caplog.text


def test_non_persistent_gradient_inside_with_stops_recording():
    x = tf.constant(2.)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        g = t.gradient(y, x)
        x * 5
    assert close(g, 4.) and t._recording is False


def test_watched_intermediate_tensor_is_a_leaf_for_the_tape():
    v = tf.Variable(2.)
    x = v * 3.
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * v
    gx, gv = t.gradient(y, [x, v])
    assert close(gx, 2.) and close(gv, 6.)      # only the path recorded on the tape
    c = tf.constant(2.) * 3
    with tf.GradientTape() as t:
        t.watch(c)
        y = c * c
    assert close(t.gradient(y, c), 12.)
    with tf.GradientTape() as t:
        t.watch(c)
    assert close(t.gradient(c, c), 1.)


def test_jacobian_one_pass_with_target_by_source_shape():
    x = tf.constant([[1., 2.], [3., 4.]])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    j = t.jacobian(y, x)
    assert j.shape == (2, 2, 2, 2)
    assert np.allclose(j.numpy(), np.einsum("ij,ik,jl->ijkl", 2 * x.numpy(), np.eye(2), np.eye(2)))
    x, z = tf.constant([1., 2.]), tf.constant(1.)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.sin(x) * x
    jx, jz = t.jacobian(y, [x, z])
    assert close(jx, np.diag(np.cos([1., 2.]) * [1., 2.] + np.sin([1., 2.]))) and jz is None
    assert close(t.jacobian(y, z, unconnected_gradients="zero"), [0., 0.])


def test_batch_jacobian_shapes_values_and_errors():
    x = tf.constant([[1., 2.], [3., 4.]])
    m = np.array([[1., 2., 3.], [4., 5., 6.]])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.matmul(x * x, tf.constant(m, dtype=tf.float32))
    bj = t.batch_jacobian(y, x)
    assert bj.shape == (2, 3, 2)
    want = np.stack([(m * (2 * x.numpy()[i])[:, None]).T for i in range(2)])
    assert np.allclose(bj.numpy(), want)
    with pytest.raises(ValueError, match=re.escape("Shape (2,) must have rank at least 2")):
        t.batch_jacobian(tf.constant([1., 2.]), x)
    with pytest.raises(ValueError, match=re.escape("Need first dimension of target shape ((2, 3)) and source "
                                                   "shape ((1, 3)) to match.")):
        t.batch_jacobian(y, tf.constant([[1., 2., 3.]]))
    z = tf.constant([[1.], [2.]])
    unconnected = t.batch_jacobian(y, z, unconnected_gradients="none")
    assert unconnected.shape == (2, 3, 1) and not unconnected.numpy().any()
    once = tf.GradientTape()
    with once:
        once.watch(x)
        y = x * x
    once.batch_jacobian(y, x)
    with pytest.raises(RuntimeError, match="^A non-persistent GradientTape can only be used tocompute"):
        once.batch_jacobian(y, x)


def test_hessian_by_jacobian_of_an_inner_gradient():
    x = tf.constant([1., 2.])
    with tf.GradientTape() as t1:
        t1.watch(x)
        with tf.GradientTape() as t2:
            t2.watch(x)
            y = tf.reduce_sum(x * x * x)
        g = t2.gradient(y, x)
    assert close(t1.jacobian(g, x), np.diag([6., 12.]))


def test_tape_through_a_small_network_matches_hand_derivatives():
    w = tf.Variable([[0.5, -1.], [2., 0.25]])
    b = tf.Variable([0.1, -0.2])
    x = tf.constant([[1., 2.]])
    with tf.GradientTape() as t:
        h = tf.tanh(tf.matmul(x, w) + b)
        loss = tf.reduce_sum(tf.square(h))
    gw, gb = t.gradient(loss, [w, b])
    pre = np.array([[1., 2.]]) @ np.array([[0.5, -1.], [2., 0.25]]) + [0.1, -0.2]
    dpre = 2 * np.tanh(pre) * (1 - np.tanh(pre) ** 2)
    assert close(gb, dpre[0]) and close(gw, np.array([[1.], [2.]]) @ dpre)


# ----- stop_gradient, custom_gradient ------------------------------------------------------------

def test_stop_gradient_path_contributes_nothing():
    v = tf.Variable(2.)
    with tf.GradientTape() as t:
        y = tf.stop_gradient(v) * v
    assert close(t.gradient(y, v), 2.)


def test_custom_gradient_replaces_the_derivative():
    @tf.custom_gradient
    def log1pexp(x):
        e = tf.exp(x)

        def grad(upstream):
            return upstream * (1 - 1 / (1 + e))
        return tf.math.log(1 + e), grad

    x = tf.constant([0., 100.])
    with tf.GradientTape() as t:
        t.watch(x)
        y = log1pexp(x)
    assert close(t.gradient(y, x), [0.5, 1.])
    (g,) = tf.gradients(log1pexp(x), x)     # the same node serves the TF1 graph
    assert close(g, [0.5, 1.])


def test_custom_gradient_counts_and_variables():
    @tf.custom_gradient
    def f(x, y):
        return x * y, lambda dz: (dz * 10., dz * 100.)

    a, b = tf.constant(2.), tf.constant(3.)
    with tf.GradientTape() as t:
        t.watch([a, b])
        z = f(a, b) * 2.
    ga, gb = t.gradient(z, [a, b])
    assert close(ga, 20.) and close(gb, 200.)

    @tf.custom_gradient
    def wrong(x, y):
        return x * y, lambda dz: dz

    with tf.GradientTape() as t:
        t.watch([a, b])
        z = wrong(a, b)
    with pytest.raises(ValueError, match="^custom_gradient function expected to return 2 gradients, but"):
        t.gradient(z, [a, b])

    v = tf.Variable(3.)

    @tf.custom_gradient
    def scaled(x):
        def grad(dy, variables=None):
            assert variables[0] is v
            return dy * 7., [dy * 11.]
        return x * v, grad

    x = tf.constant(2.)
    with tf.GradientTape() as t:
        t.watch(x)
        y = scaled(x)
    gx, gv = t.gradient(y, [x, v])
    assert close(gx, 7.) and close(gv, 11.)

    @tf.custom_gradient
    def no_kwarg(x):
        return x * v, lambda dy: dy

    with pytest.raises(TypeError, match="^@tf.custom_gradient grad_fn must accept keyword argument "
                                        "'variables', since function uses variables: \\[<tf.Variable"):
        no_kwarg(tf.constant(2.))

    @tf.custom_gradient
    def short(x):
        return x * v, lambda dy, variables=None: (dy, [])

    with tf.GradientTape() as t:
        t.watch(x)
        y = short(x)
    with pytest.raises(ValueError, match="^Must return gradient for each variable from @custom_gradient"):
        t.gradient(y, x)


def test_plain_minigrad_tensors_are_untouched_by_the_tf_graph():
    import minigrad as torch
    a = torch.tensor(2.)
    b = a * 3
    assert b.grad_fn is None and not b.requires_grad


# ----- TensorFlow's own choices at kinks, and Python protocols -----------------------------------

def test_gradients_at_ties_and_kinks_follow_tensorflow():
    x, z, m = tf.constant([1., 3.]), tf.constant([0., 1.]), tf.constant([1., 1., 0.])
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, z, m])
        a = tf.maximum(x, 1.) + tf.minimum(x, 3.)     # ties go wholly to the first argument
        b = tf.abs(z) + tf.nn.relu(z)                 # zero slope at zero
        e = tf.reduce_max(m)                          # tied maxima share
    assert close(t.gradient(a, x), [2., 2.])
    assert close(t.gradient(b, z), [0., 2.])
    assert close(t.gradient(e, m), [0.5, 0.5, 0.])


def test_casts_to_integers_carry_no_gradient():
    x = tf.constant(2.)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.cast(tf.cast(x, tf.int32), tf.float32) * x
        w = tf.cast(x, tf.float64) * 3
    assert close(t.gradient(y, x), 2.) and close(t.gradient(w, x), 3.)
    assert t.gradient(w, x).dtype == tf.float32


def test_a_target_that_is_a_source_gets_its_seed():
    u = tf.constant([2., 3.])
    with tf.GradientTape(persistent=True) as t:
        pass
    assert close(t.gradient(u, u), [1., 1.]) and close(t.gradient([u, u], u), [2., 2.])
    assert t.jacobian(u, u) is None


def test_tf_function_runs_eagerly_on_the_tape():
    w = tf.Variable(3.)

    @tf.function
    def f(a):
        return a * w

    x = tf.constant([1., 2.])
    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    gx, gw = t.gradient(y, [x, w])
    assert close(gx, [3., 3.]) and close(gw, 3.)


def test_python_protocols_as_tensorflow():
    assert f"{tf.constant([1., 2.])}" == "[1. 2.]" and f"{tf.constant(1.5):.3f}" == "1.500"
    assert "%s" % tf.constant(1.5) == "tf.Tensor(1.5, shape=(), dtype=float32)"
    assert int(tf.constant(2.7)) == 2 and bool(tf.constant(1.))
    with pytest.raises(TypeError, match="^Scalar tensor has no `len\\(\\)`$"):
        len(tf.constant(1.))
    with pytest.raises(ValueError, match="The truth value of an array with more than one element"):
        bool(tf.constant([1., 2.]))
    with pytest.raises(TypeError, match="only 0-dimensional arrays can be converted to Python scalars"):
        float(tf.constant([1.5]))


def test_random_tensors_have_tensorflows_shapes_and_dtypes():
    tf.random.set_seed(0)
    a = tf.random.normal([2, 3])
    tf.random.set_seed(0)
    assert np.array_equal(a.numpy(), tf.random.normal([2, 3]).numpy())
    assert tf.random.uniform([4], 0, 1).dtype == tf.float32
    assert np.all(np.abs(tf.random.truncated_normal([100]).numpy()) <= 2)


def test_keras_optimizers_step_as_keras_3():
    # Three steps on sum(v * v * [1, 3]) from [1, -2]; the numbers tensorflow 2.21 (Keras 3.15) gives.
    want = {"SGD": [0.5119999647140503, -0.12799997627735138],
            "momentum": [0.062000006437301636, 1.7080000638961792],
            "nesterov": [-0.1083519458770752, 0.6081279516220093],
            "Adam": [0.7015886306762695, -1.7006254196166992],
            "RMSprop": [0.3691806197166443, -1.3087178468704224],
            "Adagrad": [0.7822992205619812, -1.7758744955062866]}
    opts = {"SGD": tf.keras.optimizers.SGD(0.1), "momentum": tf.keras.optimizers.SGD(0.1, momentum=0.9),
            "nesterov": tf.keras.optimizers.SGD(0.1, momentum=0.9, nesterov=True),
            "Adam": tf.keras.optimizers.Adam(0.1), "RMSprop": tf.keras.optimizers.RMSprop(0.1),
            "Adagrad": tf.keras.optimizers.Adagrad(0.1)}
    for key, opt in opts.items():
        v = tf.Variable([1., -2.])
        for _ in range(3):
            with tf.GradientTape() as t:
                loss = tf.reduce_sum(v * v * tf.constant([1., 3.]))
            opt.apply_gradients(zip(t.gradient(loss, [v]), [v]))
        assert v.numpy().tolist() == want[key], key
        assert int(opt.iterations.numpy()) == 3
    v = tf.Variable(2.)
    tf.keras.optimizers.SGD(0.25).minimize(lambda: v * v, [v])
    assert close(v, 1.)


def test_tf_print_formats_as_tensorflows_kernel(capsys):
    tf.print("loss:", tf.constant(0.123456789), tf.constant(1.) / 3, tf.constant(1.0, tf.float64) / 3)
    tf.print(tf.reshape(tf.range(64), [8, 8]), tf.constant([True, False]), [tf.constant(1.), "a"])
    # Texts as tensorflow 2.21 wrote them (to stderr by default).
    assert capsys.readouterr().err == (
        "loss: 0.123456791 0.333333343 0.33333333333333331\n"
        "[[0 1 2 ... 5 6 7]\n [8 9 10 ... 13 14 15]\n [16 17 18 ... 21 22 23]\n ...\n"
        " [40 41 42 ... 45 46 47]\n [48 49 50 ... 53 54 55]\n [56 57 58 ... 61 62 63]] [1 0] [1, 'a']\n")


def test_long_chains_and_no_leaks_on_the_tf1_graph():
    import gc
    import weakref
    x = tf.constant(1.)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x
        for _ in range(5000):
            y = y * 1.0
    assert close(t.gradient(y, x), 1.)
    assert close(tf.gradients(y, x)[0], 1.)
    node = weakref.ref(y.grad_fn)
    del y, t
    gc.collect()
    assert node() is None          # the graph dies with its last tensor; the global recorder keeps nothing


def test_numpy_functions_compute_on_the_array_and_cut_the_tape():
    x = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as tape:
        x2 = x ** 2
        y = np.mean(x2, axis=0)
        assert type(y) is np.ndarray and y.tolist() == [5.0, 10.0]
        y = tf.reduce_mean(y, axis=0)
    assert tape.gradient(y, x) is None
    assert np.sum(tf.constant([1, 2])) == 3 and np.max(tf.constant([1., 5.])) == 5.
