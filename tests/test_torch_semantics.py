"""Differential tests of the gradient API against the real torch: each case runs once with
`import torch` and once with `import minigrad as torch`, and must give the same printed result
or the same exception class and message."""
import warnings

import pytest

import minigrad

torch_real = pytest.importorskip("torch")


def outcome(case, module):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return "value", repr(case(module))
        except Exception as error:  # noqa: BLE001 - the error itself is what is compared
            return type(error).__name__, str(error)


def second_backward(t):
    x = t.tensor(2., requires_grad=True)
    y = x * x
    y.backward()
    y.backward()


def second_backward_without_saved_tensors(t):
    x = t.tensor(2., requires_grad=True)
    y = (x + 1).sum()
    y.backward()
    y.backward()
    return x.grad


def unused_input(t):
    x, z = t.tensor(2., requires_grad=True), t.tensor(3., requires_grad=True)
    return t.autograd.grad(x * x, [x, z])


def unused_input_allowed(t):
    x, z = t.tensor(2., requires_grad=True), t.tensor(3., requires_grad=True)
    return t.autograd.grad(x * x, [x, z], allow_unused=True)


def unused_input_materialized(t):
    x, z = t.tensor(2., requires_grad=True), t.tensor(3., requires_grad=True)
    return t.autograd.grad(x * x, [x, z], materialize_grads=True)


def materialize_with_allow_unused_false(t):
    x = t.tensor(2., requires_grad=True)
    return t.autograd.grad(x * x, [x], materialize_grads=True, allow_unused=False)


def grad_output_shape_mismatch(t):
    x = t.ones(3, requires_grad=True)
    return t.autograd.grad(x * 2, x, t.ones(2))


def grad_output_wrong_type(t):
    x = t.ones(3, requires_grad=True)
    return t.autograd.grad(x * 2, x, [1.0])


def inplace_on_saved_output(t):
    x = t.ones(3, requires_grad=True)
    y = x.exp()
    y.add_(1)
    y.sum().backward()


def inplace_on_saved_input(t):
    x = t.ones(3, requires_grad=True)
    a = x * 2
    b = a * a
    a.add_(1)
    b.sum().backward()


def inplace_on_saved_leaf(t):
    w, x = t.ones(3, requires_grad=True), t.ones(3)
    y = w * x
    x.add_(1)
    y.sum().backward()


def setitem_on_saved(t):
    w = t.ones(3, requires_grad=True)
    a = w * 1
    b = a * a
    a[0] = 5
    b.sum().backward()


def zero_on_saved(t):
    w = t.ones(3, requires_grad=True)
    a = w * 1
    b = a * a
    a.zero_()
    b.sum().backward()


def inplace_on_leaf(t):
    x = t.ones(3, requires_grad=True)
    x.add_(1)


def leaf_hook_runs_before_accumulation(t):
    h = t.tensor(1., requires_grad=True)
    h.register_hook(lambda g: g * 100)
    (h * 2).backward()
    return h.grad


def retain_grad_sees_hook_output(t):
    x = t.tensor(1., requires_grad=True)
    y = x * 3
    y.retain_grad()
    y.register_hook(lambda g: g * 10)
    (y * 2).backward()
    return y.grad, x.grad


def backward_inputs_nonleaf(t):
    x = t.tensor(1., requires_grad=True)
    y = x * 3
    (y * y).backward(inputs=[y])
    return y.grad, x.grad


def backward_inputs_unreached(t):
    x, z = t.tensor(1., requires_grad=True), t.tensor(1., requires_grad=True)
    (x * 2).backward(inputs=[x, z])
    return x.grad, z.grad


def batched_seeds(t):
    p = t.tensor([1., 2., 3.], requires_grad=True)
    return t.autograd.grad(p * p, p, t.eye(3), is_grads_batched=True)


def batched_seeds_through_broadcast_and_matmul(t):
    a = t.tensor([[1., 2.], [3., 4.], [5., 6.]], requires_grad=True)
    b = t.tensor([0.5, -1.], requires_grad=True)
    y = (a * b).sum(1) * 2 + 1
    return t.autograd.grad(y, [a, b], t.eye(3), is_grads_batched=True)


def several_outputs_are_summed(t):
    q = t.tensor(2., requires_grad=True)
    return t.autograd.grad([q * q, q * 3], q)


def backward_accumulates(t):
    a = t.tensor(1., requires_grad=True)
    (a * 2).backward()
    (a * 2).backward()
    return a.grad


def create_graph_backward_grad(t):
    x = t.tensor(2., requires_grad=True)
    (x ** 3).backward(create_graph=True)
    return x.grad


def nonscalar_implicit_seed(t):
    (t.tensor([1., 2.], requires_grad=True) * 2).backward()


def one_element_implicit_seed(t):
    x = t.ones(1, 1, requires_grad=True)
    (x * 3).backward()
    return x.grad


def failed_backward_keeps_grad(t):
    x = t.tensor(2., requires_grad=True)
    (x * 2).backward()
    y = x * x
    y.backward()
    try:
        y.backward()
    except RuntimeError:
        pass
    return x.grad


def grad_of_non_leaf_with_create_graph_twice(t):
    x = t.tensor(1.5, requires_grad=True)
    y = x.exp() * x.sin()
    (g,) = t.autograd.grad(y, x, create_graph=True)
    (h,) = t.autograd.grad(g, x, create_graph=True)
    (k,) = t.autograd.grad(h, x)
    return round(float(g), 4), round(float(h), 4), round(float(k), 4)


def broadcast_gradients(t):
    x, y = t.ones(3, 1, requires_grad=True), t.ones(1, 4, requires_grad=True)
    (x * y).sum().backward()
    return x.grad, y.grad


def modes(t):
    x = t.tensor(1., requires_grad=True)
    with t.no_grad():
        y = x * 2
        with t.enable_grad():
            z = x * 2
    return y.requires_grad, z.requires_grad, y.is_leaf, z.grad_fn.name()


def decorated_no_grad(t):
    @t.no_grad()
    def called(v):
        return v * 2

    @t.no_grad
    def bare(v):
        return v * 2
    x = t.tensor(1., requires_grad=True)
    return called(x).requires_grad, bare(x).requires_grad, t.is_grad_enabled()


def set_grad_enabled_as_function(t):
    t.set_grad_enabled(False)
    off = t.is_grad_enabled()
    t.set_grad_enabled(True)
    return off, t.is_grad_enabled()


def next_functions(t):
    x = t.tensor(1., requires_grad=True)
    fn = (x * 2).grad_fn
    return (type(fn.next_functions[0][0]).__name__, fn.next_functions[1], fn.name(), type(fn).__name__,
            type(x.exp().grad_fn).__name__)


def int_tensor_requires_grad(t):
    return t.tensor(1, requires_grad=True)


def int_requires_grad_method(t):
    return t.tensor([1, 2]).requires_grad_()


def output_does_not_require_grad(t):
    return t.autograd.grad(t.tensor(2.) * 2, t.tensor(1., requires_grad=True))


def input_does_not_require_grad(t):
    return t.autograd.grad(t.tensor(2., requires_grad=True) * 2, t.tensor(1.))


def empty_inputs_to_backward(t):
    (t.tensor(1., requires_grad=True) * 2).backward(inputs=[])


def grad_with_repeated_index(t):
    x = t.tensor([1., 2., 3.], requires_grad=True)
    x[[0, 0, 2]].sum().backward()
    return x.grad


def detach_shares_version(t):
    x = t.ones(2, requires_grad=True)
    y = x.exp()
    y.detach().zero_()
    y.sum().backward()


def printing(t):
    x = t.tensor([[1.5, -2.25], [3., 4.]], requires_grad=True)
    return (x, x * 2, t.tensor(2., dtype=t.float64), t.tensor([1, 2]), t.tensor([True, False]),
            t.tensor([1e-5, 1.]), t.tensor([]), t.zeros(2, 0))


def float64_from_python_floats_is_exact(t):
    return t.tensor(0.7, dtype=t.float64).item(), t.tensor([0.1, 0.2], dtype=t.float64).tolist()


def pow_second_derivatives_follow_torchs_masks(t):
    y = t.tensor(0.7, dtype=t.float64, requires_grad=True)
    z = t.tensor(0.0, dtype=t.float64, requires_grad=True)
    gy, gz = t.autograd.grad(y ** z, [y, z], create_graph=True)
    return [float(v) for v in t.autograd.grad(gy + gz, [y, z])]


def _linear_inputs(t):
    x = t.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    W = t.tensor([[.1, .2, .3], [.4, .5, .6], [.7, .8, .9], [1., 1.1, 1.2]], requires_grad=True)
    return x, W, t.tensor([.5, -.5, 1., 2.], requires_grad=True)


def linear_records_addmm(t):
    x, W, b = _linear_inputs(t)
    y = t.nn.functional.linear(x, W, b)
    (y * y).sum().backward()
    names = [type(n).__name__ if n is not None else None for n, _ in y.grad_fn.next_functions]
    return y, type(y.grad_fn).__name__, names, x.grad, W.grad, b.grad


def linear_double_backward(t):
    x, W, b = _linear_inputs(t)
    gx, = t.autograd.grad((t.nn.functional.linear(x, W, b) ** 2).sum(), x, create_graph=True)
    return t.autograd.grad(gx.sum(), [W, b], allow_unused=True)


def addmm_scaled_with_broadcast_bias(t):
    x, W, _ = _linear_inputs(t)
    b = t.ones(1, 4, requires_grad=True)
    y = t.addmm(b, x, W.t(), beta=2, alpha=3)
    y.sum().backward()
    return y, b.grad, W.grad


def linear_bias_of_wrong_size(t):
    return t.nn.functional.linear(t.ones(2, 3), t.ones(4, 3), t.ones(3, 4))


def linear_bias_of_three_dims(t):
    return t.nn.functional.linear(t.ones(2, 3), t.ones(4, 3), t.ones(1, 2, 4))


def linear_dtype_mismatch(t):
    return t.nn.functional.linear(t.ones(2, 3), t.ones(4, 3), t.ones(4, dtype=t.float64))


def addmm_of_a_vector(t):
    return t.addmm(t.ones(4), t.ones(2, 3), t.ones(3))


def relu_blocks_inf_and_nan_gradients(t):
    x = t.tensor([-1., 0., 2., float("nan")], requires_grad=True)
    x.relu().backward(t.tensor([float("inf"), float("nan"), 3., 1.]))
    s = t.tensor(0.3, requires_grad=True)          # 0-d: NumPy hands back scalars, not arrays
    (g,) = t.autograd.grad(s.relu() * 2, s, create_graph=True)
    return x.grad, g, t.autograd.grad(g, s, allow_unused=True, materialize_grads=True)


def _loss_inputs(t):
    x = t.tensor([[0.2, -1.0, 0.5], [1.5, 0.3, -0.2]], dtype=t.float64, requires_grad=True)
    return x, t.tensor([[0., 1., 1.], [0., 1., 0.]], dtype=t.float64), t.tensor([2, 0])


def losses_print_and_link_as_torchs(t):
    F, nn = t.nn.functional, t.nn
    x, p, y = _loss_inputs(t)
    out = []
    for loss in (F.mse_loss(x, p), F.mse_loss(x, p, reduction="none"), F.l1_loss(x, p), nn.L1Loss()(x, p),
                 F.cross_entropy(x, y), F.cross_entropy(x, y, reduction="none"),
                 nn.NLLLoss()(x.log_softmax(1), y),
                 F.nll_loss(x[0].log_softmax(0), t.tensor(1)), F.binary_cross_entropy(x.sigmoid(), p),
                 nn.BCELoss(reduction="sum")(x.sigmoid(), p), nn.BCEWithLogitsLoss()(x, p),
                 F.binary_cross_entropy_with_logits(x, p, pos_weight=t.tensor([1., 2., 3.], dtype=t.float64)),
                 F.linear(x[0], x.detach().t(), x.detach()[:, 0]), F.linear(x.view(2, 1, 3), x.detach())):
        (g,) = t.autograd.grad(loss.sum(), x)
        names = [type(n).__name__ if n is not None else None for n, _ in loss.grad_fn.next_functions]
        out.append((loss, names, g))
    return out


def loss_second_derivatives(t):
    F = t.nn.functional
    x, p, y = _loss_inputs(t)
    out = []
    for f in (lambda a: F.mse_loss(a, p), lambda a: F.cross_entropy(a, y, reduction="sum"),
              lambda a: F.binary_cross_entropy(a.sigmoid(), p),
              lambda a: F.binary_cross_entropy_with_logits(a, p)):
        (g,) = t.autograd.grad(f(x), x, create_graph=True)
        out.append(t.autograd.grad((g * g).sum(), x))
    return out


def loss_bad_inputs(t):
    F = t.nn.functional
    x, p, y = _loss_inputs(t)
    out = []
    for f in (lambda: F.nll_loss(x, t.tensor([3, 0])), lambda: F.nll_loss(x, t.tensor([1, 0, 1])),
              lambda: F.nll_loss(x, t.tensor([1., 0.])),
              lambda: F.cross_entropy(x, t.tensor([1, 0], dtype=t.int32)),
              lambda: F.binary_cross_entropy(x, p), lambda: F.binary_cross_entropy(x.sigmoid(), p[0]),
              lambda: F.mse_loss(x, p, reduction="avg"),
              lambda: F.nll_loss(x.log_softmax(1), t.tensor([-100, -100]))):
        try:
            out.append(f())
        except Exception as error:  # noqa: BLE001 - the error is the outcome compared
            out.append(f"{type(error).__name__}: {error}")
    return out


def norms_and_their_derivatives(t):
    x = t.tensor([[3., -4.], [0., 1.]], requires_grad=True)
    out = []
    for r in (x.norm(), t.norm(x, dim=1), x.norm(2, 0, True), x.norm(p=1), x.norm(p=3), x.norm(p=0.5),
              t.linalg.vector_norm(x, ord=float("inf")), t.linalg.vector_norm(x, ord=-float("inf"), dim=0),
              t.linalg.norm(x), x.norm(p=1.5, dim=(0, 1))):
        (g,) = t.autograd.grad(r.sum(), x, create_graph=True)
        out.append((r, g.detach(), t.autograd.grad(g.sum(), x, allow_unused=True, materialize_grads=True)))
    z = t.zeros(2, requires_grad=True)
    z.norm().backward()
    y = t.tensor([0.5, -1., 2.], requires_grad=True) * 2
    while y.data.norm() < 1000:          # the autograd tutorial's loop
        y = y * 2
    return out, z.grad, y, t.ones(2, 3).norm(dtype=t.float64)


def norm_of_integers(t):
    return t.tensor([1, 2]).norm()


CASES = [float64_from_python_floats_is_exact, pow_second_derivatives_follow_torchs_masks,
         second_backward, second_backward_without_saved_tensors, unused_input, unused_input_allowed,
         unused_input_materialized, materialize_with_allow_unused_false, grad_output_shape_mismatch,
         grad_output_wrong_type, inplace_on_saved_output, inplace_on_saved_input, inplace_on_saved_leaf,
         setitem_on_saved, zero_on_saved, inplace_on_leaf, leaf_hook_runs_before_accumulation,
         retain_grad_sees_hook_output, backward_inputs_nonleaf, backward_inputs_unreached, batched_seeds,
         batched_seeds_through_broadcast_and_matmul, several_outputs_are_summed, backward_accumulates,
         create_graph_backward_grad, nonscalar_implicit_seed, one_element_implicit_seed,
         failed_backward_keeps_grad, grad_of_non_leaf_with_create_graph_twice, broadcast_gradients, modes,
         decorated_no_grad, set_grad_enabled_as_function, next_functions, int_tensor_requires_grad,
         int_requires_grad_method, output_does_not_require_grad, input_does_not_require_grad,
         empty_inputs_to_backward, grad_with_repeated_index, detach_shares_version, printing,
         linear_records_addmm, linear_double_backward, addmm_scaled_with_broadcast_bias,
         linear_bias_of_wrong_size, linear_bias_of_three_dims, linear_dtype_mismatch, addmm_of_a_vector,
         relu_blocks_inf_and_nan_gradients, losses_print_and_link_as_torchs, loss_second_derivatives,
         loss_bad_inputs, norms_and_their_derivatives, norm_of_integers]


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_same_outcome_as_torch(case):
    assert outcome(case, minigrad) == outcome(case, torch_real)
