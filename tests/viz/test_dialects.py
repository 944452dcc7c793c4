"""viz with every dialect: torch-style modules, a tf.GradientTape, ms and jax functions via viz.trace."""
from __future__ import annotations

import re

import numpy as np
import pytest

pytest.importorskip("graphviz")

import minigrad  # noqa: E402
import viz  # noqa: E402


def bold(src: str) -> list:
    return re.findall(r"<B>([^<]+)</B>", src)


def test_nn_parameters_are_marked_and_named_in_the_forward_graph():
    nn = pytest.importorskip("minigrad.nn")
    lin = nn.Linear(3, 2)
    out = lin(minigrad.ones(4, 3)).sum()
    src = viz.forward(out, names=dict(lin.named_parameters())).source
    weight = re.search(r"<B>weight</B>.*?float32", src).group(0)
    bias = re.search(r"<B>bias</B>.*?float32", src).group(0)
    assert "parameter" in weight and "[2, 3] float32" in weight
    assert "parameter" in bias and "[2] float32" in bias


def test_a_gradient_tape_is_drawn_with_the_variables_name_and_the_flow_of_tape_gradient():
    tf = pytest.importorskip("minigrad.tf")
    x = tf.Variable(2.0, name="x")
    with tf.GradientTape() as tape:
        y = x * x * 3.0
    with viz.Flow() as flow:
        g = tape.gradient(y, x)
    assert float(g.numpy()) == 12.0
    src = viz.backward(y, flow=flow).source
    assert "x:0 · parameter" in src
    # Each read of a Variable is its own node (TensorFlow's ReadVariableOp, an alias on the tape),
    # so x * x shows two reads of the one variable; the constant 3.0 is a leaf of TF1's graph.
    assert [n for n in bold(src) if n != "result"] == [
        "MulBackward0", "AccumulateGrad", "MulBackward0", "AliasBackward0", "AliasBackward0",
        "AccumulateGrad", "gradient on each edge"]
    assert "grad so far: 12" in src


def test_trace_of_a_jax_function_gives_jax_grads_result_and_its_graph():
    jax = pytest.importorskip("minigrad.jax")
    import minigrad.jax.numpy as jnp

    def f(x):
        return jnp.sin(x) * x
    t = viz.trace(f, jnp.array(2.0))
    (g,) = t.grad()
    expected = float(np.asarray(jax.grad(f)(2.0)))
    assert np.isclose(float(g), expected) and np.isclose(expected, np.cos(2.0) * 2.0 + np.sin(2.0), atol=1e-6)
    src = t.backward().source
    assert {"SinBackward0", "MulBackward0", "AccumulateGrad"} <= set(bold(src))
    assert "x · input" in src


def test_trace_of_a_mindspore_function_gives_ms_grads_result():
    ms = pytest.importorskip("minigrad.ms")

    def f(x):
        return ms.ops.sin(x) * x
    x = ms.Tensor(2.0, ms.float32)
    t = viz.trace(f, x)
    (g,) = t.grad()
    assert np.isclose(float(g), float(ms.grad(f)(x).asnumpy()))
    assert [name for name, _ in t.steps().sequence()][0] == "MulBackward0"
