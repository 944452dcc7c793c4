"""The core contract of ARCHITECTURE.md: what every dialect and viz builds on."""
import gc
import tracemalloc
import weakref

import numpy as np
import pytest

import minigrad as torch
from minigrad import ops
from minigrad.autograd import graph
from minigrad.autograd.graph import Recorder, run_backward


def test_square_and_repeated_sum_give_the_right_gradients():
    x = torch.tensor(3., requires_grad=True)
    (x * x).backward()
    assert x.grad.item() == 6.0
    a = torch.tensor([1., -2.], requires_grad=True)
    b = a + a
    c = b + b
    c.sum().backward()
    assert a.grad.tolist() == [4.0, 4.0]


def test_backward_through_a_100000_op_chain_works():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    h = x
    for _ in range(100_000):
        h = h * 1.0 + 0.0
    h.sum().backward()
    assert x.grad.tolist() == [1.0, 1.0]


def test_second_order_through_a_long_chain_works():
    x = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    h = x
    for _ in range(5_000):
        h = h * 1.0001
    y = h * h
    (g,) = torch.autograd.grad(y, x, create_graph=True)
    (g2,) = torch.autograd.grad(g, x)
    assert g2.item() == pytest.approx(2 * 1.0001 ** 10_000, rel=1e-9)


def test_saved_tensors_are_freed_after_backward_without_retain_graph():
    x = torch.ones(250_000, dtype=torch.float64, requires_grad=True)
    tracemalloc.start()
    y = (x * 2).exp()             # saves exp's 2 MB result
    loss = y.sum()
    del y
    before = tracemalloc.get_traced_memory()[0]
    loss.backward()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    # The 2 MB saved result is released; x.grad (2 MB) is the only new array that stays.
    assert after - before < 2_000_000 + 200_000
    assert [v["state"] for v in graph.saved_values(loss.grad_fn.next_functions[0][0])] == ["freed"]


def test_retain_graph_keeps_saved_tensors_alive():
    x = torch.tensor(2., requires_grad=True)
    y = x.exp()
    y.backward(retain_graph=True)
    assert [v["state"] for v in graph.saved_values(y.grad_fn)] == ["alive"]
    y.backward()
    assert x.grad.item() == pytest.approx(2 * np.exp(2.0), rel=1e-6)


def test_graph_is_collected_as_soon_as_its_output_is_dropped():
    gc.disable()
    try:
        x = torch.ones(3, requires_grad=True)
        y = (x * 2).exp() * x
        node = weakref.ref(y.grad_fn)
        inner = weakref.ref(y.grad_fn.next_functions[0][0])
        del y
        assert node() is None and inner() is None
    finally:
        gc.enable()


def test_a_backward_that_raises_half_way_changes_no_grad():
    a = torch.tensor(1., requires_grad=True)
    b = torch.tensor(2., requires_grad=True)
    f = a.exp()                 # runs last in backward
    g = b * 3                   # b's AccumulateGrad runs before f's node
    (f + g).backward(retain_graph=False)
    before = (a.grad.item(), b.grad.item())
    f2, g2 = a.exp(), b * 3
    f2.grad_fn.register_prehook(lambda grads: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        (f2 + g2).backward()
    assert (a.grad.item(), b.grad.item()) == before


def test_two_recorders_active_at_once_see_only_their_own_nodes():
    u, v = torch.tensor(2.), torch.tensor(3.)
    outer, inner = Recorder(), Recorder()
    outer.watch(u)
    with outer:
        p = u * u                       # recorded by outer only
        inner.watch(v)
        with inner:
            q = v * 5                   # recorded by inner only
            r = p * q                   # reads both: recorded by both
    assert outer in p.grad_fn.tapes and inner not in p.grad_fn.tapes
    assert inner in q.grad_fn.tapes and outer not in q.grad_fn.tapes
    assert set(r.grad_fn.tapes) == {outer, inner}
    one = np.ones(())
    gu, gv = run_backward([r], [one], [u, v], recorder=outer, retain_graph=True)
    assert gu == pytest.approx(2 * 2 * 15) and gv is None
    gu, gv = run_backward([r], [one], [u, v], recorder=inner)
    assert gu is None and gv == pytest.approx(4 * 5)


def test_recorder_beside_requires_grad_leaves_torch_graph_alone():
    w = torch.tensor(2., requires_grad=True)
    c = torch.tensor(5.)
    tape = Recorder()
    tape.watch(c)
    with tape:
        y = w * c
    (gc_,) = run_backward([y], [np.ones(())], [c], recorder=tape)
    assert gc_ == pytest.approx(2.0)
    assert w.grad is None and not c.requires_grad
    y2 = w * c
    y2.backward()
    assert w.grad.item() == 5.0


def test_transform_alias_gives_each_argument_its_own_gradient():
    x = torch.tensor(3.)
    tape = Recorder()
    a, b = ops.alias(x), ops.alias(x)
    tape.watch(a)
    tape.watch(b)
    with tape:
        y = a * b * b
    ga, gb = run_backward([y], [np.ones(())], [a, b], recorder=tape)
    assert (float(ga), float(gb)) == (9.0, 18.0)


def test_stop_at_captures_but_does_not_pass_gradients_on():
    a = torch.tensor(0., requires_grad=True)
    b = 2 * a
    y = a + b
    ga, gb = run_backward([y], [np.ones(())], [a, b], retain_graph=True)
    assert (float(ga), float(gb)) == (3.0, 1.0)
    ga, gb = run_backward([y], [np.ones(())], [a, b], stop_at=[a, b])
    assert (float(ga), float(gb)) == (1.0, 1.0)


def test_inspection_api_reports_nodes_edges_saved_states_and_crossing_gradients():
    x = torch.tensor(2., requires_grad=True)
    y = torch.tensor(3., requires_grad=True)
    z = x * x * y
    nodes = graph.walk(z)
    leaf = "torch::autograd::AccumulateGrad"     # torch names the class AccumulateGrad, name() so
    assert [n.name() for n in nodes] == [leaf, "MulBackward0", leaf, "MulBackward0"]
    top = graph.describe(nodes[-1])
    assert top["edges"] == [(nodes[1].seq, 0), (nodes[2].seq, 0)]
    assert top["inputs"] == [((), "float32"), ((), "float32")]
    assert [s["state"] for s in top["saved"]] == ["alive", "alive"]
    seen = []

    def record(node, grads_in, grads_out):
        seen.append((node.name(), [float(g) for g in grads_in if g is not None],
                     [float(g) for g in grads_out if g is not None]))
    with graph.observe(record):
        z.backward()
    assert seen == [("MulBackward0", [1.0], [3.0, 4.0]), ("torch::autograd::AccumulateGrad", [4.0], []),
                    ("MulBackward0", [3.0], [6.0, 6.0]), ("torch::autograd::AccumulateGrad", [12.0], [])]
    assert [s["state"] for s in graph.describe(nodes[-1])["saved"]] == ["freed", "freed"]


def test_inspection_api_reports_a_modified_saved_tensor():
    x = torch.ones(3, requires_grad=True)
    a = x * 2
    b = a * a
    a.add_(1)
    states = graph.saved_values(b.grad_fn)
    assert [(s["state"], s["version_saved"], s["version_now"]) for s in states] == [("modified", 0, 1)] * 2


def test_integer_leaves_can_be_differentiated_by_the_core():
    n = torch.tensor(3)
    tape = Recorder()
    tape.watch(n)
    with tape:
        y = n * n
    (g,) = run_backward([y], [np.ones((), np.int64)], [n], recorder=tape)
    assert int(g) == 6


def test_anomaly_mode_names_the_node_that_made_nan():
    x = torch.tensor(-1., requires_grad=True)
    with torch.autograd.set_detect_anomaly(True):
        y = x.sqrt()
        with pytest.warns(UserWarning, match="Traceback of forward call"):
            with pytest.raises(RuntimeError, match="'SqrtBackward0' returned nan values in its 0th output"):
                y.backward()
    assert x.grad is None


@pytest.mark.parametrize("transposed", [False, True])
def test_a_leaf_gradient_is_laid_out_as_the_leaf(transposed):
    # torch's gradient layout contract: .grad has the leaf's strides. W used as W.t() (Linear)
    # gets a C-ordered gradient, so an optimizer step reads both arrays in order.
    rng = np.random.default_rng(0)
    W = torch.tensor(rng.standard_normal((3, 4)), requires_grad=True)
    x = torch.tensor(rng.standard_normal((5, 4)))
    leaf = W.t() if transposed else W
    if transposed:
        leaf = leaf.detach().requires_grad_()
    (x @ leaf.t() if not transposed else x @ leaf).sum().backward()
    expected = np.ones((5, 3)).T @ x.numpy()
    assert np.allclose(leaf.grad.numpy(), expected.T if transposed else expected)
    assert leaf.grad._data.strides == leaf._data.strides


def test_a_gradient_becomes_grad_only_when_nothing_else_holds_it():
    # AccumulateGrad may take a gradient array as .grad without a copy (torch counts references
    # the same way), never one that a hook, another leaf or the caller's seed still holds.
    x, y = torch.ones(3, requires_grad=True), torch.ones(3, requires_grad=True)
    (x + y).sum().backward()                      # the same array reaches both leaves
    x.grad.add_(1)
    assert y.grad.tolist() == [1.0, 1.0, 1.0]
    kept = []
    w = torch.ones(2, 3, requires_grad=True)
    w.register_hook(lambda g: kept.append(g))
    (w * 2).sum().backward()
    w.grad.mul_(0)
    assert kept[0].tolist() == [[2.0] * 3] * 2
    seed = torch.ones(3)
    z = torch.ones(3, requires_grad=True)
    z.backward(seed)
    z.grad.add_(1)
    assert seed.tolist() == [1.0, 1.0, 1.0]
    a = torch.ones(3, requires_grad=True)
    b = a * 1
    b.retain_grad()
    (b * 1).sum().backward()
    b.grad.add_(5)
    assert a.grad.tolist() == [1.0, 1.0, 1.0]
