"""viz step-through (frame sequence, widget) and viz.trace (one recorded call of a function)."""
from __future__ import annotations

import re

import numpy as np
import pytest

pytest.importorskip("graphviz")

import minigrad as torch  # noqa: E402
import viz  # noqa: E402
from minigrad.autograd import graph  # noqa: E402
from viz.graphs import CURRENT_FILL, DONE_FILL  # noqa: E402


def node_attrs(src: str, name: str) -> str:
    return "".join(re.findall(rf"^\t+{name} \[(.*)\]$", src, re.M))


def xxy():
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.tensor(3.0, requires_grad=True)
    return x, y, x * x * y


def test_step_sequence_is_the_order_the_backward_pass_ran_the_nodes():
    x, y, z = xxy()
    ran = []
    with graph.observe(lambda node, gin, gout: ran.append((type(node).__name__, graph.describe(node)["id"]))):
        z.backward(retain_graph=True)
    s = viz.steps(z, run=lambda out: out.backward(), names={"x": x, "y": y})
    assert s.sequence() == ran
    assert [name for name, _ in ran] == ["MulBackward0", "AccumulateGrad", "MulBackward0", "AccumulateGrad"]
    assert len(s) == 5 and len(s.frames()) == 5
    assert float(x.grad) == 24.0        # two backward passes accumulated 12 each


def test_each_frame_highlights_the_running_node_its_gradients_and_the_running_leaf_grads():
    x, y, z = xxy()
    top, first = z.grad_fn, z.grad_fn.next_functions[0][0]
    order = (top, top.next_functions[1][0], first, first.next_functions[0][0])
    ids = [graph.describe(n)["id"] for n in order]
    s = viz.steps(z, run=lambda out: out.backward(), names={"x": x, "y": y})
    frame0 = s.frame(0).source
    assert CURRENT_FILL not in frame0 and "received" not in frame0
    assert s.caption(0) == "step 0/4: before the backward pass"

    frame1 = s.frame(1).source
    running = node_attrs(frame1, f"n{ids[0]}")
    assert CURRENT_FILL in running and "received 1" in running
    sent = re.findall(rf"^\tn{ids[0]} -> n\d+ \[(.*)\]$", frame1, re.M)
    assert len(sent) == 2 and all("penwidth=4" in e for e in sent)
    assert s.caption(1) == f"step 1/4: MulBackward0 #{ids[0]} received 1; sends 3 → #{ids[2]}, 4 → #{ids[1]}"

    frame3 = s.frame(3).source
    assert CURRENT_FILL in node_attrs(frame3, f"n{ids[2]}")
    assert DONE_FILL in node_attrs(frame3, f"n{ids[0]}")
    assert "grad so far: 4" in node_attrs(frame3, f"n{ids[1]}")          # y is done
    assert "grad so far" not in node_attrs(frame3, f"n{ids[3]}")         # x not yet
    assert s.caption(4).endswith("Leaf gradients so far: x: 12, y: 4")
    assert "grad so far: 12" in node_attrs(s.frame(4).source, f"n{ids[3]}")
    with pytest.raises(IndexError):
        s.frame(5)


def test_frames_are_available_as_svg_without_widgets():
    x, y, z = xxy()
    s = viz.steps(z, run=lambda out: out.backward())
    try:
        frames = s.svg_frames()
    except viz.DotNotFound:
        pytest.skip("dot is not installed")
    assert len(frames) == 5 and all(f.lstrip().startswith("<?xml") for f in frames)
    assert len(set(frames)) == 5


def test_widget_slider_and_buttons_walk_the_frames():
    pytest.importorskip("ipywidgets")
    x, y, z = xxy()
    s = viz.steps(z, run=lambda out: out.backward(), names={"x": x, "y": y})
    box = s.widget()
    back, slider, forth = box.children[0].children
    caption, picture = box.children[1], box.children[2]
    assert (slider.min, slider.max, slider.value) == (0, 4, 0)
    forth.click()
    forth.click()
    assert slider.value == 2
    assert caption.value.startswith("step 2/4: AccumulateGrad")
    assert picture.value == s._html(2)
    back.click()
    assert slider.value == 1 and caption.value.startswith("step 1/4: MulBackward0")
    slider.value = 4
    assert "x: 12, y: 4" in caption.value
    for _ in range(3):
        forth.click()
    assert slider.value == 4


def test_trace_records_a_plain_function_and_its_gradients():
    def f(x, y):
        return x * x * y
    t = viz.trace(f, torch.tensor(2.0), torch.tensor(3.0))
    gx, gy = t.grad()
    assert float(gx) == 12.0 and float(gy) == 4.0
    src = t.backward().source
    assert "x · input" in src and "y · input" in src and "<B>out</B>" in src
    assert "grad so far: 12" in src and "grad so far: 4" in src
    fwd = t.forward().source
    assert "<B>x</B>" in fwd and "<B>out</B>" in fwd and "<TD>12</TD>" in fwd
    assert [name for name, _ in t.steps().sequence()] == ["MulBackward0", "AccumulateGrad", "MulBackward0",
                                                           "AccumulateGrad"]
    assert repr(t) == "<viz.Trace of f: 2 inputs, 1 outputs, gradients of 2 inputs>"


def test_trace_names_inputs_after_the_functions_parameters():
    t = viz.trace(lambda a, *rest: a * rest[0] * rest[1], torch.tensor(1.0), torch.tensor(2.0),
                  torch.tensor(3.0))
    assert list(t.names) == ["a", "rest[0]", "rest[1]", "out"]
    assert [float(g) for g in t.grad()] == [6.0, 3.0, 2.0]
    assert viz.trace(max, torch.tensor(1.0), torch.tensor(2.0)).names.keys() >= {"arg0", "arg1"}


def test_steps_show_inline_with_a_plain_repr():
    s = viz.steps(torch.tensor(2.0, requires_grad=True) * 3, run=lambda y: y.backward())
    bundle = s._repr_mimebundle_()
    assert bundle["text/plain"] == repr(s) == "<viz.Steps: 2 node runs, 3 frames>"
    assert "application/vnd.jupyter.widget-view+json" in bundle or "image/svg+xml" in bundle


def test_trace_leaves_the_callers_tensors_alone_and_can_run_twice():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    t = viz.trace(lambda a, b: (a * b).sum(), a, np.array([3.0, 4.0], dtype=np.float32))
    first = [g.tolist() for g in t.grad()]
    second = [g.tolist() for g in t.grad()]
    assert first == second == [[3.0, 4.0], [1.0, 2.0]]
    assert a.grad is None and a.grad_fn is None


def test_trace_of_a_torch_style_function_matches_viz_of_the_torch_style_result():
    x = torch.tensor(2.0, requires_grad=True)
    z = (x * x).exp()
    t = viz.trace(lambda x: (x * x).exp(), torch.tensor(2.0))
    names = re.findall(r"<B>(\w+)</B>", viz.backward(z).source)
    traced = [n for n in re.findall(r"<B>(\w+)</B>", t.backward().source) if n.endswith(("0", "Grad"))]
    direct = [n for n in names if n.endswith(("0", "Grad"))]
    assert traced == direct == ["ExpBackward0", "MulBackward0", "AccumulateGrad"]
    (g,) = t.grad()
    z.backward()
    assert np.allclose(g, x.grad.numpy())


def edge_labels(src: str) -> list:
    """(tail, head, label text) of each edge between nodes."""
    out = []
    for a, b, attrs in re.findall(r"^\t+(\w+) -> (\w+)(?: \[(.*)\])?$", src, re.M):
        label = re.search(r"label=<(.*)>", attrs)
        out.append((a, b, re.sub(r"<[^>]*>", "", label.group(1)).strip() if label else ""))
    return out


def test_step_frames_say_not_yet_for_edges_not_reached_and_no_grad_only_for_edges_without_one():
    x, y, z = xxy()
    s = viz.steps(z, run=lambda out: torch.autograd.grad(out, x), names={"x": x, "y": y})
    top, first = z.grad_fn, z.grad_fn.next_functions[0][0]
    t, f, yy = (f"n{graph.describe(n)['id']}" for n in (top, first, top.next_functions[1][0]))
    frame0 = edge_labels(s.frame(0).source)
    assert all("not yet" in label for a, b, label in frame0 if a.startswith("n"))
    assert not any("no grad" in label for _, _, label in frame0)
    last = edge_labels(s.frame(len(s) - 1).source)
    to_y = [label for a, b, label in last if (a, b) == (t, yy)]
    assert len(to_y) == 1 and "no grad" in to_y[0]         # grad(z, x) never sends to y
    assert not any("not yet" in label for _, _, label in last)
    frame1 = edge_labels(s.frame(1).source)                # top ran; x*x has not yet
    assert [label.strip() for a, b, label in frame1 if a == f] == ["[0] not yet", "[1] not yet"]
    assert "no grad" in [label for a, b, label in frame1 if (a, b) == (t, yy)][0]


def test_the_legend_has_one_row_per_distinct_gradient_norm():
    x = torch.tensor(3.0, requires_grad=True)
    y = x * 2.0
    with viz.Flow() as flow:
        y.backward()
    legend = node_attrs(viz.backward(y, flow=flow).source, "legend")
    assert legend.count("‖g‖ = 2<") == 1 and legend.count("BGCOLOR") == 2     # 2, and zero / none
    x, y, z = xxy()
    with viz.Flow() as flow:
        z.backward()
    legend = node_attrs(viz.backward(z, flow=flow).source, "legend")
    assert re.findall(r"‖g‖ = ([\d.]+)<", legend) == ["3", "4.243", "6"] and legend.count("BGCOLOR") == 4


def test_trace_of_a_mindspore_cell_names_its_arguments_and_marks_its_parameters():
    ms = pytest.importorskip("minigrad.ms")

    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.dense = ms.nn.Dense(3, 2)
            self.scale = ms.Parameter(ms.Tensor([1.0, 2.0], ms.float32), name="scale")

        def construct(self, x):
            return (self.dense(x) * self.scale).sum()

    net = Net()
    x = ms.Tensor([[1.0, 2.0, 3.0]], ms.float32)
    t = viz.trace(net, x)
    assert list(t.names) == ["x", "scale", "dense.weight", "dense.bias", "out"]
    assert repr(t) == "<viz.Trace of Net: 1 inputs, 1 outputs>"
    fwd = t.forward().source
    for name in ("scale", "dense.weight", "dense.bias"):
        assert re.search(rf"<B>{re.escape(name)}</B> <FONT[^>]*>parameter</FONT>", fwd)
    assert "<I>constant</I>" not in fwd and "args[0]" not in fwd
    (gx,) = t.grad()
    w, b, scale = net.dense.weight.asnumpy(), net.dense.bias.asnumpy(), np.array([1.0, 2.0])
    assert np.allclose(gx, scale @ w)
    g_scale, g_w, g_b = t.param_grads
    assert np.allclose(g_scale, x.asnumpy() @ w.T + b) and np.allclose(g_b, scale)
    assert np.allclose(g_w, np.outer(scale, x.asnumpy()[0]))
    assert "parameter" in t.backward().source


def test_trace_marks_variables_and_parameters_a_function_refers_to():
    tf = pytest.importorskip("minigrad.tf")
    v = tf.Variable([1.0, 2.0], name="v")
    t = viz.trace(lambda x: tf.reduce_sum(x * v), tf.constant([3.0, 4.0]))
    assert "v:0" in t.names and [g.tolist() for g in t.grad()] == [[1.0, 2.0]]
    assert [g.tolist() for g in t.param_grads] == [[3.0, 4.0]]
    assert "v:0 · parameter · [2] · float32" in t.backward().source
    lin = torch.nn.Linear(2, 1)
    t = viz.trace(lin, torch.ones(3, 2))
    assert list(t.names) == ["input", "weight", "bias", "out"] and lin.weight.grad is None
    assert "weight · parameter · [1, 2]" in t.backward().source


def test_a_result_with_no_graph_is_labelled_with_the_name_given():
    a = torch.tensor([1.0, 2.0])
    doubled = a * 2
    names = {"doubled": doubled}
    for picture in (viz.backward(doubled, names=names), viz.forward(doubled, names=names)):
        label = node_attrs(picture.source, "r0")
        assert "<B>doubled</B>" in label and "no graph" in label and "result" not in label
