"""viz graphs: nodes, edges, labels, colours and ids of the DOT source for known expressions."""
from __future__ import annotations

import re

import numpy as np
import pytest

pytest.importorskip("graphviz")

import minigrad as torch  # noqa: E402
import viz  # noqa: E402
from minigrad.autograd import graph  # noqa: E402
from viz.graphs import SAVED_STYLE  # noqa: E402


def nodes(src: str) -> dict:
    """node name -> its attribute text (a re-declared node keeps both, joined)."""
    out: dict[str, str] = {}
    for name, attrs in re.findall(r"^\t+(\w+) \[(.*)\]$", src, re.M):
        if name not in ("node", "edge", "graph"):          # default-attribute statements
            out[name] = out.get(name, "") + attrs
    return out


def edges(src: str) -> list:
    """(tail, head, attribute text) for each edge, in order."""
    return re.findall(r"^\t+(\w+) -> (\w+)(?: \[(.*)\])?$", src, re.M)


def nid(node) -> int:
    return graph.describe(node)["id"]


@pytest.fixture
def xxy():
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.tensor(3.0, requires_grad=True)
    z = x * x * y
    top = z.grad_fn
    first = top.next_functions[0][0]
    ids = {"z": nid(top), "xx": nid(first), "x": nid(first.next_functions[0][0]),
           "y": nid(top.next_functions[1][0])}
    return x, y, z, ids


def test_backward_graph_has_torch_node_names_creation_ids_and_next_functions_edges(xxy):
    x, y, z, ids = xxy
    src = viz.backward(z, names={"x": x, "y": y}).source
    n = nodes(src)
    assert src.startswith("digraph backward {")
    assert "<B>MulBackward0</B>" in n[f"n{ids['z']}"] and "<B>MulBackward0</B>" in n[f"n{ids['xx']}"]
    assert "<B>AccumulateGrad</B>" in n[f"n{ids['x']}"] and "<B>AccumulateGrad</B>" in n[f"n{ids['y']}"]
    assert f"#{ids['x']}<" in n[f"n{ids['x']}"] and "x · leaf" in n[f"n{ids['x']}"]
    grad_edges = [(a, b) for a, b, _ in edges(src) if a.startswith("n") and b.startswith("n")]
    # gradient direction: each node to its next_functions, one edge per input (x*x feeds x twice)
    assert grad_edges == [(f"n{ids['z']}", f"n{ids['xx']}"), (f"n{ids['z']}", f"n{ids['y']}"),
                          (f"n{ids['xx']}", f"n{ids['x']}"), (f"n{ids['xx']}", f"n{ids['x']}")]
    assert ("r0", f"n{ids['z']}") in [(a, b) for a, b, _ in edges(src)]


def test_forward_graph_shows_tensors_with_shapes_dtypes_values_and_ops_between(xxy):
    x, y, z, ids = xxy
    src = viz.forward(z, names={"x": x, "y": y, "z": z}).source
    n = nodes(src)
    assert src.startswith("digraph forward {")
    leaf_x, leaf_y = n[f"t{ids['x']}_0"], n[f"t{ids['y']}_0"]
    assert "<B>x</B>" in leaf_x and "leaf" in leaf_x and "[] float32" in leaf_x and "<TD>2</TD>" in leaf_x
    assert "<B>y</B>" in leaf_y and "<TD>3</TD>" in leaf_y
    assert "<B>mul</B>" in n[f"op{ids['xx']}"] and f"#{ids['xx']} MulBackward0" in n[f"op{ids['xx']}"]
    assert "<TD>4</TD>" in n[f"t{ids['xx']}_0"]          # x*x, read from what the next node saved
    assert "<B>z</B>" in n[f"t{ids['z']}_0"] and "<TD>12</TD>" in n[f"t{ids['z']}_0"]
    pairs = [(a, b) for a, b, _ in edges(src)]
    assert pairs.count((f"t{ids['x']}_0", f"op{ids['xx']}")) == 2
    assert (f"op{ids['xx']}", f"t{ids['xx']}_0") in pairs and (f"t{ids['xx']}_0", f"op{ids['z']}") in pairs
    assert (f"t{ids['y']}_0", f"op{ids['z']}") in pairs and (f"op{ids['z']}", f"t{ids['z']}_0") in pairs


def test_forward_graph_marks_untracked_inputs_as_constants_with_their_value():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * torch.tensor([5.0, 7.0])
    src = viz.forward(y).source
    const = [attrs for name, attrs in nodes(src).items() if name.startswith("c")]
    assert len(const) == 1 and "constant" in const[0] and "[5, 7]" in const[0]


def test_a_result_without_a_graph_says_so_instead_of_drawing_nothing():
    a = torch.tensor([1.0, 2.0])
    for picture in (viz.backward(a * 2, names={"a": a, "not a tensor": 3}), viz.forward(a * 2)):
        n = nodes(picture.source)
        assert list(n) == ["r0"] and "no graph: it does not require grad" in n["r0"]


def test_large_values_are_summarised_not_listed():
    x = torch.arange(100.0).requires_grad_()
    src = viz.forward(x * 2, names={"x": x}).source
    assert "mean 49.5 · min 0 · max 99" in src and "[100] float32" in src


def test_saved_tensors_are_alive_before_backward_and_freed_after_with_an_explanation(xxy):
    x, y, z, ids = xxy
    before = viz.backward(z).source
    saved = [attrs for name, attrs in nodes(before).items() if name.startswith("s")]
    assert len(saved) == 4 and all("alive · version 0" in a for a in saved)
    assert all(SAVED_STYLE["alive"][0] in a for a in saved)
    z.backward()
    after = viz.backward(z).source
    saved = [attrs for name, attrs in nodes(after).items() if name.startswith("s")]
    assert len(saved) == 4 and all("freed after backward" in a and "dashed" in a for a in saved)
    assert "backward through the graph a second time" in after
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        z.backward()


def test_in_place_change_of_a_saved_tensor_is_drawn_modified_with_its_versions():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = a * 2
    c = b * b
    b += 1
    src = viz.backward(c).source
    modified = [attrs for name, attrs in nodes(src).items() if "modified in place" in attrs]
    assert len(modified) == 2 and all("version 1, saved at 0" in m for m in modified)
    assert all(SAVED_STYLE["modified"][1] in m for m in modified)
    assert "modified by an inplace operation" in src
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        c.sum().backward()


def test_flow_after_backward_labels_and_colours_each_edge_by_its_gradient(xxy):
    x, y, z, ids = xxy
    with viz.Flow() as flow:
        z.backward()
    src = viz.backward(z, flow=flow, names={"x": x, "y": y}).source
    labelled = {(a, b, re.search(r"label=<([^>]*)>", attrs).group(1).strip()): attrs
                for a, b, attrs in edges(src) if a.startswith("n") and b.startswith("n")}
    # d(x*x*y): the product sends y=3 to x*x and x*x=4 to y; x*x sends x*3=6 on each of its inputs
    z_, xx, x_, y_ = (f"n{ids[k]}" for k in ("z", "xx", "x", "y"))
    assert set(labelled) == {(z_, xx, "[0] 3"), (z_, y_, "[1] 4"), (xx, x_, "[0] 6"), (xx, x_, "[1] 6")}
    colours = {k[2]: re.search(r'color="(#[0-9a-f]{6})"', v).group(1) for k, v in labelled.items()}
    assert len({colours["[0] 3"], colours["[1] 4"], colours["[0] 6"]}) == 3    # three norms, three colours
    assert colours["[0] 6"] == colours["[1] 6"]
    n = nodes(src)
    assert "grad so far: 12" in n[f"n{ids['x']}"] and "grad so far: 4" in n[f"n{ids['y']}"]
    assert float(x.grad) == 12.0 and float(y.grad) == 4.0
    assert "legend" in n and "gradient on each edge" in n["legend"] and "zero / none" in n["legend"]
    assert 'label="seed 1"' in [attrs for a, b, attrs in edges(src) if a == "r0"][0]


def test_flow_of_a_grad_call_shows_the_edge_it_never_crossed(xxy):
    x, y, z, ids = xxy
    with viz.Flow() as flow:
        (gx,) = torch.autograd.grad(z, x)
    assert float(gx) == 12.0
    src = viz.backward(z, flow=flow).source
    to_y = [attrs for a, b, attrs in edges(src) if b == f"n{ids['y']}"]
    assert len(to_y) == 1 and "no grad" in to_y[0] and "dashed" in to_y[0]
    assert "grad so far" not in nodes(src)[f"n{ids['y']}"]


def test_large_gradients_are_labelled_by_norm_and_shape():
    w = torch.ones(3, 4, requires_grad=True)
    loss = (w * 2).sum()
    with viz.Flow() as flow:
        loss.backward()
    src = viz.backward(loss, flow=flow).source
    assert f"‖g‖={np.sqrt(12):.4g} [3, 4]" in src       # sum sends ones(3, 4)
    assert f"‖g‖={np.sqrt(48):.4g} [3, 4]" in src       # times 2 sends twos


def test_forward_and_backward_side_by_side_carry_the_same_ids(xxy):
    x, y, z, ids = xxy
    src = viz.forward_backward(z, names={"x": x, "y": y}).source
    assert "subgraph cluster_forward" in src and "subgraph cluster_backward" in src
    n = nodes(src)
    for key in ("z", "xx"):
        assert f"#{ids[key]} MulBackward0" in n[f"f_op{ids[key]}"]
        assert f"#{ids[key]}<" in n[f"b_n{ids[key]}"]
    assert f"#{ids['x']}<" in n[f"b_n{ids['x']}"] and "f_t{}_0".format(ids["x"]) in n


def test_create_graph_graph_is_drawn_beside_the_first_order_one_sharing_the_leaf():
    x = torch.tensor(3.0, requires_grad=True)
    y = x ** 2
    (g,) = torch.autograd.grad(y, x, create_graph=True)
    (gg,) = torch.autograd.grad(g, x)
    assert float(g) == 6.0 and float(gg) == 2.0
    leaf = nid(y.grad_fn.next_functions[0][0])
    p = viz.higher_order(y, g, names={"x": x})
    src = p.source
    assert src.startswith("digraph higher_order {")
    assert "subgraph cluster_order1" in src and "subgraph cluster_order2" in src
    n = nodes(src)
    first = {k for k in n if k.startswith("o1_n")}
    second = {k for k in n if k.startswith("o2_n")}
    assert first == {f"o1_n{nid(y.grad_fn)}", f"o1_n{leaf}"}
    assert f"o2_n{leaf}" in second and f"o2_n{nid(g.grad_fn)}" in second
    assert "penwidth=2.5" in n[f"o1_n{leaf}"] and "penwidth=2.5" in n[f"o2_n{leaf}"]
    assert f"Nodes in both graphs (purple border): #{leaf}" in src
    names_second = sorted(re.findall(r"<B>(\w+)</B>", "".join(n[k] for k in second)))
    assert "PowBackward0" in names_second and "MulBackward0" in names_second


def test_user_names_are_escaped_truncated_and_still_render():
    x = torch.tensor(1.0, requires_grad=True)
    weird = 'a"b<c>&{d}\\e\nline2' + "z" * 200
    src = viz.forward(x * 2, names={weird: x}).source
    assert 'a&quot;b&lt;c&gt;&amp;{d}\\e↵line2' in src
    assert "z" * 100 not in src and "…" in src
    assert "\nline2" not in src
    try:
        svg = viz.forward(x * 2, names={weird: x}).svg()
    except viz.DotNotFound:
        pytest.skip("dot is not installed")
    assert "a&quot;b&lt;c&gt;&amp;{d}" in svg or 'a"b&lt;c&gt;&amp;{d}' in svg


def test_node_limit_hides_the_farthest_nodes_and_says_what_it_hid():
    xs = [torch.tensor(float(i), requires_grad=True) for i in range(30)]
    total = xs[0] * 1.0
    for x in xs[1:]:
        total = total + x * x
    p = viz.backward(total, max_nodes=10, saved=False, collapse=0)      # no repeated blocks
    n = nodes(p.source)
    drawn = [k for k in n if re.fullmatch(r"n\d+", k)]
    assert len(drawn) == 10
    assert nid(total.grad_fn) in {int(k[1:]) for k in drawn}
    hidden = len(graph.walk(total)) - 10
    assert p.info["hidden"] == hidden
    assert f"{hidden} more nodes hidden (node limit)" in n["hidden"]
    assert "AccumulateGrad ×" in n["hidden"] and "MulBackward0 ×" in n["hidden"]
    assert any(b == "hidden" for _, b, _ in edges(p.source))


def test_a_long_chain_of_one_op_is_one_repeated_block_before_the_result():
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(5000):
        y = y * 1.0
    first = y.grad_fn
    for _ in range(4999):
        first = first.next_functions[0][0]
    leaf = first.next_functions[0][0]
    p = viz.backward(y, saved=False)
    n = nodes(p.source)
    # 5000 products: all but the result's own node repeat; the leaf x stays drawn
    assert p.info["collapsed"] == 4999
    (box,) = [k for k in n if k.startswith("b")]
    assert box == f"b{nid(first)}"
    assert "<B>×4,999</B></FONT> repeated block" in n[box] and "<TD>MulBackward0</TD>" in n[box]
    assert f"#{nid(first)}…#{nid(y.grad_fn) - 1} · 4,999 nodes (4,999 × 1)" in n[box]
    assert {k for k in n if re.fullmatch(r"n\d+", k)} == {f"n{nid(y.grad_fn)}", f"n{nid(leaf)}"}
    pairs = [(a, b) for a, b, _ in edges(p.source)]
    assert (f"n{nid(y.grad_fn)}", box) in pairs and (box, f"n{nid(leaf)}") in pairs
    assert viz.forward(y).info["collapsed"] == 4999


@pytest.mark.slow
def test_a_100000_node_chain_draws_collapsed():
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(100_000):
        y = y * 1.0
    p = viz.backward(y, saved=False)
    assert p.info["collapsed"] == 99_999 and len(p.info["nodes"]) < 10
