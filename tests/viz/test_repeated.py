"""viz: blocks repeated along a graph (a stack of identical layers, a loop body) drawn as one box."""
from __future__ import annotations

import random
import re
import time

import pytest

pytest.importorskip("graphviz")

import minigrad as torch  # noqa: E402
import viz  # noqa: E402
from minigrad import nn  # noqa: E402
from minigrad.autograd import graph  # noqa: E402
from test_graphs import edges, nid, nodes  # noqa: E402  (the DOT readers, shared)
from viz.graphs import CURRENT_FILL, op_name  # noqa: E402


def mlp(layers: int, width: int = 8) -> nn.Sequential:
    """``layers`` identical Linear+ReLU pairs, then a Linear to one output."""
    torch.manual_seed(0)
    parts: list = []
    for _ in range(layers):
        parts += [nn.Linear(width, width), nn.ReLU()]
    return nn.Sequential(*parts, nn.Linear(width, 1))


def by_name(loss) -> list:
    """(id, name) of every node of ``loss``'s graph, in creation order."""
    return [(nid(n), type(n).__name__) for n in graph.walk(loss)]


def layer_ops(loss) -> list:
    """The op ids of each Linear+ReLU layer (whatever nodes Linear records), ending at its ReLU."""
    flow = [(i, name) for i, name in by_name(loss) if name != "AccumulateGrad"]
    relus = [k for k, (_, name) in enumerate(flow) if name == "ReluBackward0"]
    return [[i for i, _ in flow[a + 1:k + 1]] for a, k in zip([-1] + relus, relus)]


def op_names(loss, ids: list) -> list:
    names = dict(by_name(loss))
    return [names[i] for i in ids]


def boxes(src: str) -> dict:
    return {k: v for k, v in nodes(src).items() if re.fullmatch(r"b\d+", k)}


def test_twenty_identical_layers_are_one_box_with_the_count_the_ops_and_the_edges_around_it():
    model = mlp(20)
    loss = ((model(torch.randn(4, 8)) - 1) ** 2).mean()
    layers = layer_ops(loss)
    ops = op_names(loss, layers[1])                  # TBackward0, AddmmBackward0, ReluBackward0 as torch
    assert len(layers) == 20 and all(op_names(loss, ids) == ops for ids in layers[1:])
    assert ops[0] == "TBackward0" and ops[-1] == "ReluBackward0"
    p = viz.backward(loss, saved=False)
    src = p.source
    (key, label), = boxes(src).items()
    # the first layer reads a constant input, so it differs: layers 2..20 repeat
    first, last = layers[1], layers[-1]
    per = len(ops) + 2                               # the ops and the layer's weight and bias
    assert key == f"b{first[0]}"
    assert "<B>×19</B></FONT> repeated block" in label
    assert " → ".join(ops) in label
    assert "each reads its own: parameter [8, 8], parameter [8]" in label
    assert f"#{first[0]}…#{last[-1]} · {19 * per} nodes (19 × {per}) · out [4, 8] float32" in label
    assert p.info["collapsed"] == 19 * per and p.info["runs"] == [(key, 19, 19 * per)]
    drawn = {int(k[1:]) for k in nodes(src) if re.fullmatch(r"n\d+", k)}
    assert not drawn & {i for ids in layers[1:] for i in ids}
    assert set(layers[0]) <= drawn
    # edges: the last Linear's MmBackward0 sends into the box, the box sends to layer 1's ReLU
    # the last Linear's matrix product sends into the box, the box sends to layer 1's ReLU
    head = [i for i, name in by_name(loss) if name in ("MmBackward0", "AddmmBackward0")][-1]
    touching = [(a, b, attrs) for a, b, attrs in edges(src) if key in (a, b)]
    assert [(a, b) for a, b, _ in touching] == [(f"n{head}", key), (key, f"n{layers[0][-1]}")]
    edge = (layers[0][-1], 0)                               # layer 1's ReLU output, read by layer 2
    reader = next(n for n in graph.walk(loss) if edge in graph.describe(n)["edges"])
    assert f">[{graph.describe(reader)['edges'].index(edge)}]<" in touching[1][2]


def test_the_forward_graph_shows_the_block_as_forward_ops_between_the_tensors_around_it():
    model = mlp(20)
    loss = ((model(torch.randn(4, 8)) - 1) ** 2).mean()
    layers = layer_ops(loss)
    src = viz.forward(loss).source
    (key, label), = boxes(src).items()
    forward_ops = [op_name(n) for n in op_names(loss, layers[1])]
    assert forward_ops[0] == "t" and forward_ops[-1] == "relu"
    assert " → ".join(forward_ops) in label and "<B>×19</B>" in label
    head = [i for i, name in by_name(loss) if name in ("MmBackward0", "AddmmBackward0")][-1]
    pairs = {(a, b) for a, b, _ in edges(src) if key in (a, b)}
    assert pairs == {(f"t{layers[0][-1]}_0", key), (key, f"op{head}")}


def test_a_second_training_step_finds_the_same_block_although_the_leaves_are_older():
    model = mlp(6)
    x = torch.randn(4, 8)
    first = viz.backward(model(x).sum(), saved=False)
    loss = model(x).sum()                   # the parameters' AccumulateGrad nodes come from step one
    second = viz.backward(loss, saved=False)
    ops = " → ".join(op_names(loss, layer_ops(loss)[1]))
    for p in (first, second):
        (label,) = boxes(p.source).values()
        assert "<B>×5</B>" in label and ops in label


def test_a_loop_body_with_shared_weights_is_one_box_and_the_weights_stay_outside():
    w = torch.randn(4, 4, requires_grad=True)
    b = torch.zeros(4, requires_grad=True)
    h = torch.ones(4)
    for _ in range(50):
        h = torch.tanh(h @ w + b)
    out = h.sum()
    with viz.Flow() as flow:
        out.backward()
    src = viz.backward(out, flow=flow, names={"w": w, "b": b}, saved=False).source
    (key, label), = boxes(src).items()
    assert "<B>×49</B>" in label and "AddBackward0 → TanhBackward0" in label
    assert "each reads its own" not in label                   # w and b are shared by every step
    n = nodes(src)
    w_node, b_node = (f"n{nid(graph.accumulator(t))}" for t in (w, b))
    assert ">w · leaf" in n[w_node] and ">b · leaf" in n[b_node]
    many = {b_: attrs for a, b_, attrs in edges(src) if a == key and b_ in (w_node, b_node)}
    assert set(many) == {w_node, b_node} and all("×49" in attrs for attrs in many.values())
    # the single edges into and out of the box carry the gradient that crossed them
    into = [attrs for a, b_, attrs in edges(src) if b_ == key]
    assert len(into) == 1 and "[1, 1, 1, 1]" in into[0]


def test_residual_blocks_repeat_with_the_skip_inside_the_box():
    x = torch.randn(3, requires_grad=True)
    y = x
    for _ in range(12):
        y = y + torch.sin(y) * 0.5
    p = viz.forward(y)
    (label,) = boxes(p.source).values()
    assert "<B>×11</B>" in label and "sin → mul → add" in label
    assert p.info["collapsed"] == 33


def test_small_or_twice_repeated_graphs_are_drawn_as_before():
    model = mlp(2)                              # two layers: not enough repetitions
    loss = model(torch.randn(4, 8)).sum()
    assert boxes(viz.backward(loss).source) == {}
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(8):                          # 8 products: fewer than collapse=12 nodes
        y = y * 2.0
    assert boxes(viz.backward(y).source) == {} and viz.backward(y).info["collapsed"] == 0
    model = mlp(20)
    loss = model(torch.randn(4, 8)).sum()
    assert boxes(viz.backward(loss, collapse=0).source) == {}


def test_a_named_intermediate_is_never_hidden_in_a_box():
    model = mlp(12)
    h = torch.randn(4, 8)
    outs = []
    for k, layer in enumerate(model):
        h = layer(h)
        outs.append(h)
    middle = outs[11]                           # the ReLU of layer 6
    src = viz.backward(h.sum(), names={"middle": middle}, saved=False).source
    assert "makes middle" in src
    labels = list(boxes(src).values())
    assert len(labels) == 2 and all("repeated block" in lab for lab in labels)


def test_the_same_graph_gives_the_same_picture_and_a_rebuilt_one_the_same_structure():
    def build():
        model = mlp(10)
        return model(torch.ones(4, 8)).sum()
    loss = build()
    assert viz.backward(loss).source == viz.backward(loss).source

    def shape(src):                              # ids renumbered in order of appearance
        ids: dict = {}
        return re.sub(r"\d+", lambda m: ids.setdefault(m.group(0), f"#{len(ids)}"), src)
    assert shape(viz.backward(loss).source) == shape(viz.backward(build()).source)


def test_a_box_counts_once_against_the_node_limit():
    model = mlp(30)
    loss = model(torch.randn(4, 8)).sum()
    p = viz.backward(loss, saved=False, max_nodes=8)
    n = nodes(p.source)
    assert len([k for k in n if re.fullmatch(r"[nb]\d+", k)]) == 8
    assert len(boxes(p.source)) == 1 and p.info["hidden"] > 0 and "hidden" in n


def test_a_step_through_highlights_the_box_while_a_node_inside_it_runs():
    model = mlp(6)
    loss = model(torch.randn(4, 8)).sum()
    s = viz.steps(loss, run=lambda out: out.backward())
    (key,) = boxes(s.frame(0).source)
    inside = [k for k, (name, i) in enumerate(s.sequence(), 1) if f"b{i}" == key]
    assert len(inside) == 1
    assert CURRENT_FILL in nodes(s.frame(inside[0]).source)[key]
    assert CURRENT_FILL not in nodes(s.frame(0).source)[key]
    name, i = s.sequence()[inside[0] - 1]
    words = f"step {inside[0]}/{len(s) - 1}: {name} #{i} (in the ×5 repeated block) received ‖g‖="
    assert s.caption(inside[0]).startswith(words)


@pytest.mark.slow
def test_a_100000_node_loop_is_found_and_drawn_in_seconds():
    w = torch.tensor(0.5, requires_grad=True)
    y = torch.tensor(1.0, requires_grad=True)
    for _ in range(50_000):
        y = torch.sin(y) * w
    start = time.perf_counter()
    p = viz.backward(y, saved=False)
    elapsed = time.perf_counter() - start
    assert p.info["runs"][0][1] == 49_999 and len(p.info["nodes"]) < 12
    assert elapsed < 60                      # linear: a quadratic step would take minutes


@pytest.mark.filterwarnings("ignore:overflow:RuntimeWarning", "ignore:invalid value:RuntimeWarning")
def test_random_loop_programs_every_node_drawn_once_and_blocks_alike():
    """Random loop bodies over random leaves: each node is drawn, inside exactly one box, or hidden;
    every repetition in a box has the same ops in the same order; the DOT names what it draws."""
    from viz._tape import Layout, Tape
    ops = [lambda a, b: a * b, lambda a, b: a + b, lambda a, b: torch.sin(a), lambda a, b: a * 2.0,
           lambda a, b: torch.tanh(a + b), lambda a, b: (a * a).sum() * b]
    found = 0
    for seed in range(40):
        rnd = random.Random(seed)
        torch.manual_seed(seed)
        leaves = [torch.randn(3, requires_grad=True) for _ in range(rnd.randint(1, 3))]
        body = [(rnd.randrange(len(ops)), rnd.randrange(3)) for _ in range(rnd.randint(1, 4))]
        values = list(leaves)
        for _ in range(rnd.randint(1, 30)):
            for op, which in body:
                other = rnd.choice(values[-4:]) if which == 0 else leaves[which % len(leaves)]
                values.append(ops[op](values[-1], other))
        out = values[-1].sum()
        tape = Tape([out])
        limit = rnd.choice([150, 10])
        layout = Layout(tape, max_nodes=limit)
        owner: dict = {}
        for run in layout.runs.values():
            found += 1
            assert run.reps >= 3 and len(run.members) >= 12
            for i in run.members:
                assert i not in owner
                owner[i] = run.key
            names = [[tape.items[i].name for i in block] for block in run.blocks]
            assert all(n == names[0] for n in names)
        for i, rep in layout.rep.items():
            assert rep in (i, "hidden") or owner.get(i) == rep or rep in layout.groups
        picture = viz.backward(out, max_nodes=limit)
        assert all(f"\t{key} [" in picture.source for key in picture.info["nodes"])
        assert {k for k in picture.info["nodes"] if k.startswith("b")} == set(layout.runs)
    assert found >= 10
