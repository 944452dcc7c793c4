"""autograd.Function: custom ops become ordinary nodes (SEMANTICS.md 1.7), checked against torch."""
from __future__ import annotations

import gc
import warnings
import weakref

import numpy as np
import pytest

import minigrad
from minigrad.autograd import Function, graph
from minigrad.autograd.graph import FREED_MESSAGE


def make_functions(lib):
    """The same custom Functions for minigrad and for torch."""
    F = lib.autograd.Function

    class Cube(F):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x ** 3

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return 3 * x ** 2 * grad

    class Twice(F):
        @staticmethod
        def forward(ctx, x, k):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return (grad * 2,)

    class BadShape(F):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return lib.ones(5)

    class Spread(F):                      # returns a (4, 3) gradient for a (3,) input
        @staticmethod
        def forward(ctx, x):
            return x.sum()

        @staticmethod
        def backward(ctx, grad):
            return grad * lib.ones(4, 3)

    class GradForInt(F):
        @staticmethod
        def forward(ctx, x, k):
            return x * k

        @staticmethod
        def backward(ctx, grad):
            return grad * 2, lib.ones(1)

    class ExpOut(F):                      # saves its own output
        @staticmethod
        def forward(ctx, x):
            y = x.exp()
            ctx.save_for_backward(y)
            return y

        @staticmethod
        def backward(ctx, grad):
            (y,) = ctx.saved_tensors
            return grad * y

    class MulAdd(F):                      # two tensor inputs, a constant, two outputs
        @staticmethod
        def forward(ctx, a, b, c):
            ctx.save_for_backward(a, b)
            ctx.c = c
            return a * b + c, a - b

        @staticmethod
        def backward(ctx, g1, g2):
            a, b = ctx.saved_tensors
            return g1 * b + g2, g1 * a - g2, None

    return dict(Cube=Cube, Twice=Twice, BadShape=BadShape, Spread=Spread, GradForInt=GradForInt,
                ExpOut=ExpOut, MulAdd=MulAdd)


M = make_functions(minigrad)


def _torch_fns():
    torch = pytest.importorskip("torch")
    return torch, make_functions(torch)


def test_apply_records_a_node_named_after_the_class():
    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    y = M["Cube"].apply(x)
    assert repr(y) == "tensor([1., 8.], grad_fn=<CubeBackward>)"
    assert y.grad_fn.name() == "CubeBackward"
    assert repr(y.grad_fn).startswith("<torch.autograd.function.CubeBackward object at 0x")
    assert isinstance(y.grad_fn, graph.Node)
    assert [n.name() for n in graph.walk(y)] == ["torch::autograd::AccumulateGrad", "CubeBackward"]
    y.sum().backward()
    assert np.allclose(x.grad._data, [3.0, 12.0])


def test_no_node_without_a_requiring_input_or_under_no_grad():
    x = minigrad.tensor([1.0, 2.0])
    assert M["Cube"].apply(x).grad_fn is None
    with minigrad.no_grad():
        y = M["Cube"].apply(minigrad.tensor([1.0], requires_grad=True))
    assert y.grad_fn is None and not y.requires_grad


def test_wrong_number_of_gradients_raises_torchs_error():
    torch, T = _torch_fns()
    for lib, fns in ((minigrad, M), (torch, T)):
        x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        with pytest.raises(RuntimeError) as err:
            fns["Twice"].apply(x, 3).sum().backward()
        assert str(err.value) == ("function TwiceBackward returned an incorrect number of gradients "
                                  "(expected 2, got 1)")


def test_gradient_of_incompatible_shape_raises_torchs_error():
    torch, T = _torch_fns()
    texts = []
    for lib, fns in ((minigrad, M), (torch, T)):
        with pytest.raises(RuntimeError) as err:
            fns["BadShape"].apply(lib.tensor([1.0, 2.0, 3.0], requires_grad=True)).sum().backward()
        texts.append(str(err.value))
    assert texts[0] == texts[1] == ("Function BadShapeBackward returned an invalid gradient at index 0 - "
                                    "got [5] but expected shape compatible with [3]")


def test_broadcastable_gradient_is_summed_down_as_torch():
    torch, T = _torch_fns()
    x = minigrad.tensor([1.0, 2.0, 3.0], requires_grad=True)
    M["Spread"].apply(x).backward()
    tx = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    T["Spread"].apply(tx).backward()
    assert np.array_equal(x.grad._data, tx.grad.numpy()) and np.array_equal(x.grad._data, [4.0, 4.0, 4.0])


def test_gradient_for_a_non_tensor_input_raises_torchs_error():
    torch, T = _torch_fns()
    texts = []
    for lib, fns in ((minigrad, M), (torch, T)):
        with pytest.raises(RuntimeError) as err:
            fns["GradForInt"].apply(lib.tensor([1.0], requires_grad=True), 3).sum().backward()
        texts.append(str(err.value))
    assert texts[0] == texts[1]


def test_save_for_backward_accepts_only_tensors_and_none():
    class Bad(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x, None, 3)
            return x

    with pytest.raises(TypeError, match="save_for_backward can only save variables, but argument 2 is of "
                                        "type int"):
        Bad.apply(minigrad.tensor(1.0, requires_grad=True))


def test_saved_tensors_are_freed_after_backward_with_torchs_error():
    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    y = M["Cube"].apply(x)
    (saved,) = y.grad_fn.saved_tensors
    assert saved is x
    y.sum().backward()
    with pytest.raises(RuntimeError) as err:
        y.grad_fn.saved_tensors
    assert str(err.value) == FREED_MESSAGE
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second time"):
        y.sum().backward()
    assert graph.saved_values(y.grad_fn)[0]["state"] == "freed"


def test_retain_graph_keeps_saved_tensors_for_a_second_backward():
    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    y = M["Cube"].apply(x).sum()
    y.backward(retain_graph=True)
    y.backward()
    assert np.allclose(x.grad._data, [6.0, 24.0])


def test_saved_input_modified_in_place_raises_the_version_error():
    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    a = x * 1
    y = M["Cube"].apply(a)
    a.mul_(2)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.sum().backward()


def test_saved_output_unpacks_with_the_node_and_leaves_no_cycle():
    x = minigrad.tensor([0.0, 1.0], requires_grad=True)
    y = M["ExpOut"].apply(x)
    (saved,) = y.grad_fn.saved_tensors
    assert saved.grad_fn is y.grad_fn and np.array_equal(saved._data, y._data)
    y.sum().backward()
    assert np.allclose(x.grad._data, np.exp([0.0, 1.0]))
    gc.disable()
    try:
        z = M["ExpOut"].apply(x)
        ref = weakref.ref(z.grad_fn)
        del z
        assert ref() is None            # freed by reference counting alone
    finally:
        gc.enable()


def test_needs_input_grad_in_forward_and_backward():
    seen = []

    class Probe(Function):
        @staticmethod
        def forward(ctx, x, k, plain):
            seen.append(ctx.needs_input_grad)
            return x * k + plain

        @staticmethod
        def backward(ctx, grad):
            seen.append(ctx.needs_input_grad)
            return grad * 2, None, None

    x = minigrad.tensor([1.0], requires_grad=True)
    y = Probe.apply(x, 2, minigrad.tensor([0.5]))
    assert y.grad_fn.needs_input_grad == (True, False, False)
    y.sum().backward()
    assert seen == [(True, False, False), (True, False, False)]


def test_several_outputs_and_a_constant_match_torch():
    torch, T = _torch_fns()
    a, b = np.array([1.0, 2.0]), np.array([3.0, -1.0])
    xa, xb = minigrad.tensor(a, requires_grad=True), minigrad.tensor(b, requires_grad=True)
    p, q = M["MulAdd"].apply(xa, xb, 0.5)
    assert p.grad_fn is q.grad_fn and (p.output_nr, q.output_nr) == (0, 1)
    (p.sum() * 2 + (q * q).sum()).backward()
    ta, tb = torch.tensor(a, requires_grad=True), torch.tensor(b, requires_grad=True)
    tp, tq = T["MulAdd"].apply(ta, tb, 0.5)
    (tp.sum() * 2 + (tq * tq).sum()).backward()
    assert np.allclose(xa.grad._data, ta.grad.numpy()) and np.allclose(xb.grad._data, tb.grad.numpy())
    p2, _ = M["MulAdd"].apply(xa, xb, 0.5)          # only one output used: the other's grad is zeros
    xa.grad = None
    p2.sum().backward()
    assert np.allclose(xa.grad._data, b)


def test_mark_non_differentiable_output_gets_no_grad_fn_and_zero_gradient():
    received = []

    class SortIdx(Function):
        @staticmethod
        def forward(ctx, x):
            idx = x.argmax()
            ctx.mark_non_differentiable(idx)
            return x * 2, idx

        @staticmethod
        def backward(ctx, g, g_idx):
            received.append(g_idx)
            return g * 2

    x = minigrad.tensor([1.0, 3.0, 2.0], requires_grad=True)
    y, idx = SortIdx.apply(x)
    assert idx.grad_fn is None and not idx.requires_grad and int(idx) == 1
    y.sum().backward()
    assert np.allclose(x.grad._data, 2.0)
    assert received and not np.any(received[0]._data)


def test_backward_in_tensor_ops_supports_double_backward():
    torch, T = _torch_fns()
    x = minigrad.tensor([1.0, -2.0], dtype=minigrad.float64, requires_grad=True)
    (g,) = minigrad.autograd.grad(M["Cube"].apply(x).sum(), x, create_graph=True)
    assert g.grad_fn is not None
    (gg,) = minigrad.autograd.grad(g.sum(), x)
    tx = torch.tensor([1.0, -2.0], dtype=torch.float64, requires_grad=True)
    (tg,) = torch.autograd.grad(T["Cube"].apply(tx).sum(), tx, create_graph=True)
    (tgg,) = torch.autograd.grad(tg.sum(), tx)
    assert np.allclose(g._data, tg.detach().numpy()) and np.allclose(gg._data, tgg.numpy())
    assert np.allclose(gg._data, [6.0, -12.0])
    assert minigrad.autograd.gradgradcheck(M["Cube"].apply, (x,))


def test_once_differentiable_backward_is_not_recorded():
    from minigrad.autograd.function import once_differentiable

    class Square(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        @once_differentiable
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return 2 * x * grad

    x = minigrad.tensor(3.0, requires_grad=True)
    (g,) = minigrad.autograd.grad(Square.apply(x), x, create_graph=True)
    assert float(g) == 6.0 and g.grad_fn is None


def test_custom_function_in_a_batched_jacobian():
    x = minigrad.tensor([1.0, 2.0, 3.0], dtype=minigrad.float64)
    jac = minigrad.autograd.functional.jacobian(M["Cube"].apply, x, vectorize=True)
    assert np.allclose(jac._data, np.diag(3 * x._data ** 2))


def test_the_engine_observes_a_custom_node_like_any_other():
    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    seen = []
    with graph.observe(lambda node, gin, gout: seen.append(node.name())):
        (M["Cube"].apply(x * 2) + 1).sum().backward()
    assert seen == ["SumBackward0", "AddBackward0", "CubeBackward", "MulBackward0",
                    "torch::autograd::AccumulateGrad"]
    info = graph.describe(graph.walk(M["Cube"].apply(x))[-1])
    assert info["name"] == "CubeBackward" and info["saved"][0]["input"] == 0


def test_output_that_is_an_input_becomes_a_new_tensor():
    class Same(Function):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, grad):
            return grad * 3

    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    y = Same.apply(x)
    assert y is not x and x.grad_fn is None and y.grad_fn.name() == "SameBackward"
    y.sum().backward()
    assert np.allclose(x.grad._data, 3.0)


def test_instantiating_and_calling_a_function_is_torchs_legacy_error():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fn = M["Cube"]()
    assert caught[0].category is DeprecationWarning
    assert "should not be instantiated. Methods on autograd functions are all static" in str(
        caught[0].message)
    with pytest.raises(RuntimeError, match="Legacy autograd function with non-static forward method is "
                                           "deprecated. Please use new-style autograd function"):
        fn(minigrad.tensor(1.0, requires_grad=True))


def test_setup_context_style_is_supported():
    class Mul(Function):
        @staticmethod
        def forward(x, y):
            return x * y

        @staticmethod
        def setup_context(ctx, inputs, output):
            ctx.save_for_backward(*inputs)

        @staticmethod
        def backward(ctx, grad):
            x, y = ctx.saved_tensors
            return grad * y, grad * x

    a, b = minigrad.tensor(2.0, requires_grad=True), minigrad.tensor(5.0, requires_grad=True)
    Mul.apply(a, b).backward()
    assert float(a.grad) == 5.0 and float(b.grad) == 2.0


def test_a_recorder_records_a_custom_function_like_a_rule():
    # the recipe of docs/ENGINE.md, which the TF, MindSpore and JAX dialects use
    from minigrad import ops
    from minigrad.autograd.graph import Recorder, run_backward
    x = minigrad.tensor(3.0)                       # does not require grad: only the recorder tracks it
    rec = Recorder()
    xa = ops.alias(x)
    rec.watch(xa)
    with rec:
        out = M["Cube"].apply(xa)
    assert out.grad_fn.name() == "CubeBackward" and not out.requires_grad
    (g,) = run_backward([out], [np.ones(())], [xa], recorder=rec)
    assert float(g) == 27.0
