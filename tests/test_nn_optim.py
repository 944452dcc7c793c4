"""nn and optim: modules, layers, losses, initialisers and optimizers, checked against torch on
the same numbers, plus a two-moons classifier trained with minigrad alone."""
from __future__ import annotations

import math
import time
from collections import OrderedDict

import numpy as np
import pytest

import minigrad
from minigrad import nn, optim
from minigrad.nn import functional as F


def _t(array, requires_grad=False):
    return minigrad.tensor(np.asarray(array), requires_grad=requires_grad)


class TwoLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(3, 4)
        self.act = nn.Tanh()
        self.out = nn.Linear(4, 2, bias=False)
        self.scale = nn.Parameter(minigrad.tensor(1.0))

    def forward(self, x):
        return self.out(self.act(self.hidden(x))) * self.scale


# ----- Module ------------------------------------------------------------------------------------

def test_parameters_are_registered_by_attribute_in_definition_order():
    m = TwoLayer()
    names = [n for n, _ in m.named_parameters()]
    assert names == ["scale", "hidden.weight", "hidden.bias", "out.weight"]
    assert [p.shape for p in m.parameters()] == [(), (4, 3), (4,), (2, 4)]
    assert [type(c).__name__ for c in m.children()] == ["Linear", "Tanh", "Linear"]
    assert [type(c).__name__ for c in m.modules()] == ["TwoLayer", "Linear", "Tanh", "Linear"]


def test_shared_parameter_is_listed_once():
    layer = nn.Linear(2, 2)
    model = nn.Sequential(layer, nn.ReLU(), layer)
    assert len(list(model.parameters())) == 2
    assert [n for n, _ in model.named_parameters()] == ["0.weight", "0.bias"]


def test_assigning_a_plain_tensor_over_a_parameter_raises_torchs_error():
    layer = nn.Linear(2, 2)
    with pytest.raises(TypeError, match=r"cannot assign 'torch.FloatTensor' as parameter 'weight' "
                                        r"\(torch.nn.Parameter or None expected\)"):
        layer.weight = minigrad.ones(2, 2)
    with pytest.raises(AttributeError, match="'Linear' object has no attribute 'foo'"):
        layer.foo


def test_zero_grad_sets_none_by_default_and_zeros_on_request():
    m = TwoLayer()
    m(minigrad.ones(5, 3)).sum().backward()
    assert all(p.grad is not None for p in m.parameters())
    m.zero_grad(set_to_none=False)
    assert all(p.grad is not None and not p.grad._data.any() for p in m.parameters())
    m.zero_grad()
    assert all(p.grad is None for p in m.parameters())


def test_train_and_eval_reach_every_submodule_and_switch_dropout():
    model = nn.Sequential(nn.Linear(4, 4), nn.Dropout(0.5))
    assert model.training and model[1].training
    x = minigrad.ones(200, 4)
    model.eval()
    assert not model[1].training
    assert np.array_equal(model(x)._data, model[0](x)._data)
    model.train()
    minigrad.manual_seed(0)
    dropped = model[1](minigrad.ones(1000))._data
    assert set(np.unique(dropped)) == {0.0, 2.0}
    assert 400 < (dropped == 0).sum() < 600


def test_state_dict_round_trip_and_load_errors_match_torch():
    a, b = TwoLayer(), TwoLayer()
    sd = a.state_dict()
    assert isinstance(sd, OrderedDict) and list(sd) == ["scale", "hidden.weight", "hidden.bias", "out.weight"]
    assert all(not t.requires_grad for t in sd.values())
    version = b.hidden.weight._version[0]
    assert repr(b.load_state_dict(sd)) == "<All keys matched successfully>"
    assert b.hidden.weight._version[0] == version + 1           # copied in place
    x = minigrad.ones(2, 3)
    assert np.array_equal(a(x)._data, b(x)._data)
    layer = nn.Linear(2, 2)
    with pytest.raises(RuntimeError) as err:
        layer.load_state_dict({"weight": minigrad.ones(2, 2), "foo": minigrad.ones(1)})
    assert str(err.value) == ('Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: '
                              '"bias". \n\tUnexpected key(s) in state_dict: "foo". ')
    with pytest.raises(RuntimeError) as err:
        layer.load_state_dict({"weight": minigrad.ones(3, 2), "bias": minigrad.ones(2)})
    assert str(err.value) == ("Error(s) in loading state_dict for Linear:\n\tsize mismatch for weight: "
                              "copying a param with shape torch.Size([3, 2]) from checkpoint, the shape in "
                              "current model is torch.Size([2, 2]).")
    result = layer.load_state_dict({"weight": minigrad.ones(2, 2)}, strict=False)
    assert result.missing_keys == ["bias"] and result.unexpected_keys == []


def test_repr_matches_torch():
    torch = pytest.importorskip("torch")

    def build(lib):
        return lib.nn.Sequential(lib.nn.Linear(2, 3), lib.nn.ReLU(), lib.nn.Dropout(0.1),
                                 lib.nn.Sequential(lib.nn.Tanh(), lib.nn.Sigmoid()), lib.nn.MSELoss(),
                                 lib.nn.CrossEntropyLoss(), lib.nn.Softmax(dim=1), lib.nn.Flatten(),
                                 lib.nn.ReLU(inplace=True), lib.nn.Linear(3, 1, bias=False))
    assert repr(build(minigrad)) == repr(build(torch))
    assert repr(nn.Parameter(minigrad.tensor([1.0, 2.0]))) == repr(
        torch.nn.Parameter(torch.tensor([1.0, 2.0])))
    assert repr(nn.Parameter(minigrad.ones(2), requires_grad=False)) == repr(
        torch.nn.Parameter(torch.ones(2), requires_grad=False))


def test_parameter_of_integers_raises_torchs_error():
    with pytest.raises(RuntimeError, match="^Only Tensors of floating point and complex dtype can require "
                                           "gradients$"):
        nn.Parameter(minigrad.tensor([1, 2]))
    assert not nn.Parameter(minigrad.tensor([1, 2]), requires_grad=False).requires_grad


def test_ops_on_parameters_give_plain_tensors():
    p = nn.Parameter(minigrad.tensor([1.0, 2.0]))
    y = p * 2
    assert type(y) is minigrad.Tensor and repr(y) == "tensor([2., 4.], grad_fn=<MulBackward0>)"
    assert type(p.detach()) is minigrad.Tensor


# ----- init and Linear -----------------------------------------------------------------------------

def test_linear_default_init_follows_torchs_bounds_and_the_seed():
    minigrad.manual_seed(3)
    a = nn.Linear(50, 40)
    minigrad.manual_seed(3)
    b = nn.Linear(50, 40)
    assert np.array_equal(a.weight._data, b.weight._data) and np.array_equal(a.bias._data, b.bias._data)
    bound = 1 / math.sqrt(50)          # kaiming_uniform(a=sqrt(5)): gain*sqrt(3/fan_in) = 1/sqrt(fan_in)
    assert np.abs(a.weight._data).max() <= bound and np.abs(a.weight._data).max() > 0.9 * bound
    assert np.abs(a.bias._data).max() <= bound
    assert a.weight.dtype == minigrad.float32 and a.weight.requires_grad
    assert abs(a.weight._data.std() - bound / math.sqrt(3)) < 0.1 * bound


def test_initialisers_bounds_and_statistics():
    init = nn.init
    w = minigrad.empty(300, 200)
    version = w._version[0]
    init.xavier_uniform_(w)
    assert w._version[0] == version + 1
    a = math.sqrt(6 / 500)
    assert np.abs(w._data).max() <= a and np.abs(w._data).max() > 0.95 * a
    init.xavier_normal_(w, gain=2.0)
    assert abs(w._data.std() - 2 * math.sqrt(2 / 500)) < 0.05 * 2 * math.sqrt(2 / 500)
    init.kaiming_uniform_(w, nonlinearity="relu")
    assert np.abs(w._data).max() <= math.sqrt(6 / 200)
    init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu")
    assert abs(w._data.std() - math.sqrt(2 / 300)) < 0.05 * math.sqrt(2 / 300)
    init.normal_(w, 1.0, 0.5)
    assert abs(w._data.mean() - 1.0) < 0.01 and abs(w._data.std() - 0.5) < 0.01
    init.uniform_(w, -2, -1)
    assert w._data.min() >= -2 and w._data.max() < -1
    assert not init.zeros_(w)._data.any() and (init.ones_(w)._data == 1).all()
    assert (init.constant_(w, 0.25)._data == 0.25).all()
    assert init.calculate_gain("leaky_relu", 0.2) == pytest.approx(math.sqrt(2 / 1.04))
    with pytest.raises(ValueError, match="Fan in and fan out can not be computed for tensor with fewer"):
        init.xavier_uniform_(minigrad.empty(3))
    with pytest.raises(ValueError, match="Unsupported nonlinearity foo"):
        init.calculate_gain("foo")


def test_initialising_a_parameter_in_place_is_allowed_and_keeps_it_a_leaf():
    layer = nn.Linear(3, 3)
    nn.init.zeros_(layer.weight)
    assert layer.weight.is_leaf and layer.weight.requires_grad and not layer.weight._data.any()


# ----- functional and losses against torch ---------------------------------------------------------

@pytest.mark.parametrize("kwargs", [{}, {"reduction": "sum"}, {"reduction": "none"},
                                    {"weight": [0.2, 1.0, 3.0]}, {"ignore_index": 1},
                                    {"label_smoothing": 0.1},
                                    {"label_smoothing": 0.2, "weight": [1.0, 2.0, 0.5]},
                                    {"label_smoothing": 0.3, "ignore_index": 2, "reduction": "sum"}])
def test_cross_entropy_and_nll_values_and_gradients_match_torch(kwargs):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(6, 3))
    target = np.array([0, 2, 1, 1, 0, 2])
    ours_x, theirs_x = _t(logits, True), torch.tensor(logits, requires_grad=True)
    kw_ours = {k: (_t(v) if k == "weight" else v) for k, v in kwargs.items()}
    kw_theirs = {k: (torch.tensor(v, dtype=torch.float64) if k == "weight" else v) for k, v in kwargs.items()}
    ours = F.cross_entropy(ours_x, _t(target), **kw_ours)
    theirs = torch.nn.functional.cross_entropy(theirs_x, torch.tensor(target), **kw_theirs)
    np.testing.assert_allclose(ours._data, theirs.detach().numpy(), rtol=1e-10, atol=1e-12)
    ours.sum().backward()
    theirs.sum().backward()
    np.testing.assert_allclose(ours_x.grad._data, theirs_x.grad.numpy(), rtol=1e-10, atol=1e-12)
    if "label_smoothing" not in kwargs:
        logp = F.log_softmax(_t(logits), 1)
        nll = F.nll_loss(logp, _t(target), **kw_ours)
        ref = torch.nn.functional.nll_loss(torch.log_softmax(torch.tensor(logits), 1), torch.tensor(target),
                                           **kw_theirs)
        np.testing.assert_allclose(nll._data, ref.numpy(), rtol=1e-10)


def test_cross_entropy_with_probabilities_and_1d_input_match_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    logits, probs = rng.normal(size=(4, 3)), rng.dirichlet(np.ones(3), size=4)
    ours = F.cross_entropy(_t(logits), _t(probs), label_smoothing=0.1)
    theirs = torch.nn.functional.cross_entropy(torch.tensor(logits), torch.tensor(probs), label_smoothing=0.1)
    assert float(ours) == pytest.approx(float(theirs), rel=1e-12)
    one = F.cross_entropy(_t(logits[0]), _t(np.array(2)))
    assert float(one) == pytest.approx(float(torch.nn.functional.cross_entropy(
        torch.tensor(logits[0]), torch.tensor(2))), rel=1e-12)
    loss = nn.CrossEntropyLoss()(_t(logits), _t(np.array([0, 1, 2, 0])))
    assert float(loss) == pytest.approx(float(torch.nn.CrossEntropyLoss()(
        torch.tensor(logits), torch.tensor([0, 1, 2, 0]))), rel=1e-12)


def test_mse_loss_matches_torch_and_warns_on_broadcasting():
    torch = pytest.importorskip("torch")
    a, b = np.arange(6.0).reshape(2, 3), np.ones((2, 3))
    for reduction in ("mean", "sum", "none"):
        np.testing.assert_allclose(F.mse_loss(_t(a), _t(b), reduction=reduction)._data,
                                   torch.nn.functional.mse_loss(torch.tensor(a), torch.tensor(b),
                                                                reduction=reduction).numpy())
    with pytest.warns(UserWarning, match=r"Using a target size \(torch.Size\(\[3\]\)\) that is different to "
                                         r"the input size \(torch.Size\(\[2, 3\]\)\)"):
        F.mse_loss(_t(a), _t(b[0]))
    with pytest.raises(ValueError, match="bogus is not a valid value for reduction"):
        F.mse_loss(_t(a), _t(b), reduction="bogus")


def test_activations_and_linear_match_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(2)
    x, w, bias = rng.normal(size=(5, 3)), rng.normal(size=(4, 3)), rng.normal(size=4)
    tx = torch.tensor(x)
    for ours, theirs in [(F.relu(_t(x)), torch.relu(tx)), (F.sigmoid(_t(x)), torch.sigmoid(tx)),
                         (F.tanh(_t(x)), torch.tanh(tx)), (F.softmax(_t(x), dim=1), torch.softmax(tx, 1)),
                         (F.log_softmax(_t(x), dim=0), torch.log_softmax(tx, 0)),
                         (F.linear(_t(x), _t(w), _t(bias)),
                          torch.nn.functional.linear(tx, torch.tensor(w), torch.tensor(bias)))]:
        np.testing.assert_allclose(ours._data, theirs.numpy(), rtol=1e-12, atol=1e-14)


# ----- optimizers against torch ------------------------------------------------------------------

def _trajectory(lib, make_opt, steps=5):
    """A quadratic-plus-quartic objective on one float32 parameter, stepped ``steps`` times."""
    w = lib.nn.Parameter(lib.tensor([1.5, -0.5, 0.25, 2.0]))
    opt = make_opt(lib, [w])
    out = []
    for _ in range(steps):
        opt.zero_grad()
        loss = (w * w).sum() + (w ** 4).sum() * 0.1
        loss.backward()
        opt.step()
        out.append(np.array(w.detach().numpy(), copy=True))
    return np.array(out)


@pytest.mark.parametrize("config", [
    ("SGD", dict(lr=0.1)),
    ("SGD", dict(lr=0.1, momentum=0.9)),
    ("SGD", dict(lr=0.05, momentum=0.8, dampening=0.3, weight_decay=0.01)),
    ("SGD", dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.1)),
    ("SGD", dict(lr=0.05, momentum=0.5, maximize=True)),
    ("Adam", dict(lr=0.1)),
    ("Adam", dict(lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    ("Adam", dict(lr=0.05, amsgrad=True)),
    ("Adam", dict(lr=0.05, maximize=True)),
    ("Adam", dict(lr=0.05, weight_decay=0.2, decoupled_weight_decay=True)),
])
def test_optimizer_updates_follow_torch_step_for_step(config):
    torch = pytest.importorskip("torch")
    name, kwargs = config

    def make(lib, params):
        return getattr(lib.optim, name)(params, **kwargs)
    np.testing.assert_allclose(_trajectory(minigrad, make), _trajectory(torch, make), rtol=2e-6, atol=1e-6)


def test_step_updates_parameters_in_place_under_no_grad_and_bumps_versions():
    w = nn.Parameter(minigrad.tensor([1.0, 2.0]))
    storage = w._data
    opt = optim.SGD([w], lr=0.5, momentum=0.9)
    (w * w).sum().backward()
    before = w._version[0]
    opt.step()
    assert w._data is storage and w._version[0] == before + 1
    assert w.is_leaf and w.grad_fn is None and w.requires_grad
    assert np.allclose(w._data, [0.0, 0.0])


def test_optimizer_errors_and_repr_match_torch():
    torch = pytest.importorskip("torch")
    w = nn.Parameter(minigrad.ones(2))
    cases = [(lambda lib, p: lib.optim.SGD([], lr=1), ValueError),
             (lambda lib, p: lib.optim.SGD(p, lr=-1), ValueError),
             (lambda lib, p: lib.optim.SGD(p, lr=1, nesterov=True), ValueError),
             (lambda lib, p: lib.optim.SGD(p, lr=1, momentum=-1), ValueError),
             (lambda lib, p: lib.optim.Adam(p, betas=(1.0, 0.9)), ValueError),
             (lambda lib, p: lib.optim.Adam(p, eps=-1), ValueError),
             (lambda lib, p: lib.optim.Adam(p[0] * 2), TypeError)]
    tw = torch.nn.Parameter(torch.ones(2))
    for make, kind in cases:
        with pytest.raises(kind) as ours:
            make(minigrad, [w])
        with pytest.raises(kind) as theirs:
            make(torch, [tw])
        assert str(ours.value) == str(theirs.value)
    assert repr(optim.SGD([w], lr=0.1, momentum=0.9)) == repr(torch.optim.SGD([tw], lr=0.1, momentum=0.9))
    assert repr(optim.Adam([w])) == repr(torch.optim.Adam([tw]))


def test_optimizer_zero_grad_and_param_groups():
    a, b = nn.Parameter(minigrad.ones(2)), nn.Parameter(minigrad.ones(3))
    opt = optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.5}], lr=0.1)
    assert [g["lr"] for g in opt.param_groups] == [0.1, 0.5]
    (a.sum() + b.sum()).backward()
    opt.step()
    assert np.allclose(a._data, 0.9) and np.allclose(b._data, 0.5)
    opt.zero_grad()
    assert a.grad is None and b.grad is None
    with pytest.raises(ValueError, match="can't optimize a non-leaf Tensor"):
        optim.SGD([a * 2], lr=0.1)


# ----- training, differential and standalone -------------------------------------------------------

def _mlp(lib):
    return lib.nn.Sequential(lib.nn.Linear(4, 16), lib.nn.Tanh(), lib.nn.Linear(16, 16), lib.nn.ReLU(),
                             lib.nn.Linear(16, 3))


@pytest.mark.parametrize("opt_name, kwargs", [("SGD", dict(lr=0.1, momentum=0.9)),
                                              ("Adam", dict(lr=0.01))])
def test_mlp_training_gives_torchs_losses(opt_name, kwargs):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(7)
    x = rng.normal(size=(32, 4)).astype(np.float32)
    y = rng.integers(0, 3, size=32)
    minigrad.manual_seed(0)
    ours = _mlp(minigrad)
    theirs = _mlp(torch)
    with torch.no_grad():                 # the same initial weights in both
        for (name, p), (tname, tp) in zip(ours.named_parameters(), theirs.named_parameters()):
            assert name == tname
            tp.copy_(torch.from_numpy(np.array(p._data)))
    opt = getattr(minigrad.optim, opt_name)(ours.parameters(), **kwargs)
    topt = getattr(torch.optim, opt_name)(theirs.parameters(), **kwargs)
    xs, ys, txs, tys = _t(x), _t(y), torch.from_numpy(x), torch.from_numpy(y)
    ours_losses, theirs_losses = [], []
    for _ in range(20):
        opt.zero_grad()
        loss = nn.CrossEntropyLoss()(ours(xs), ys)
        loss.backward()
        opt.step()
        ours_losses.append(loss.item())
        topt.zero_grad()
        tloss = torch.nn.CrossEntropyLoss()(theirs(txs), tys)
        tloss.backward()
        topt.step()
        theirs_losses.append(tloss.item())
    np.testing.assert_allclose(ours_losses, theirs_losses, atol=1e-5, rtol=0)
    assert ours_losses[-1] < 0.9 * ours_losses[0]        # it actually trained


def _two_moons(n, noise, seed):
    rng = np.random.default_rng(seed)
    t = rng.uniform(0, np.pi, n)
    upper = np.stack([np.cos(t[: n // 2]), np.sin(t[: n // 2])], 1)
    lower = np.stack([1 - np.cos(t[n // 2:]), 0.5 - np.sin(t[n // 2:])], 1)
    x = np.concatenate([upper, lower]) + rng.normal(0, noise, (n, 2))
    y = np.concatenate([np.zeros(n // 2, np.int64), np.ones(n - n // 2, np.int64)])
    return x.astype(np.float32), y


def test_two_moons_classifier_reaches_97_percent_quickly():
    x, y = _two_moons(300, 0.1, seed=0)
    minigrad.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 2))
    opt = optim.Adam(model.parameters(), lr=0.02)
    loss_fn = nn.CrossEntropyLoss()
    xs, ys = minigrad.from_numpy(x), minigrad.from_numpy(y)
    start = time.perf_counter()
    for _ in range(300):
        opt.zero_grad()
        loss = loss_fn(model(xs), ys)
        loss.backward()
        opt.step()
    elapsed = time.perf_counter() - start
    model.eval()
    with minigrad.no_grad():
        accuracy = float((model(xs).argmax(1)._data == y).mean())
    assert accuracy >= 0.97, accuracy
    assert elapsed < 10, elapsed
