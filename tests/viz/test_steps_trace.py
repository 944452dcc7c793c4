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
    with graph.observe(lambda node, gin, gout: ran.append((node.name(), graph.describe(node)["id"]))):
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
