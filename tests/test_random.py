"""torch's random stream, reproduced: after the same seed, minigrad draws torch's numbers
(compared with the real torch, printed as torch prints them)."""
import numpy as np
import pytest

import minigrad

torch_real = pytest.importorskip("torch")


def draws(torch):
    torch.manual_seed(0)
    out = [torch.rand(3), torch.randn(3), torch.randn(2, 3), torch.rand(5, dtype=torch.float64),
           torch.randn(20), torch.randn(4, dtype=torch.float64), torch.randn(17, dtype=torch.float64),
           torch.randint(0, 10, (6,)), torch.randint(5, (2, 2)), torch.randint(-3, 2 ** 40, (4,))]
    torch.manual_seed(42)
    model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
    out += [p.detach() for p in model.parameters()] + [model(torch.ones(1, 3))]
    w = torch.empty(3, 5)
    for init in (torch.nn.init.xavier_uniform_, torch.nn.init.kaiming_normal_, torch.nn.init.xavier_normal_,
                 lambda t: torch.nn.init.normal_(t, 1.0, 0.1), lambda t: torch.nn.init.uniform_(t, -2, 3)):
        out.append(init(w).clone())
    g = torch.Generator().manual_seed(3)
    out += [torch.rand(2, generator=g), torch.randn(2, generator=g), g.initial_seed(),
            torch.Generator().initial_seed(), torch.empty(20).normal_(5, 2), torch.randn_like(torch.zeros(2))]
    x = torch.arange(12.).reshape(3, 4).requires_grad_()
    dropped = torch.nn.functional.dropout(x, 0.3)
    dropped.sum().backward()
    out += [dropped, x.grad, torch.nn.Dropout(0.5)(torch.ones(5)),
            torch.nn.functional.dropout(torch.ones(3), 1.0)]
    torch.manual_seed(2 ** 40 + 5)
    return out + [torch.rand(2), torch.initial_seed()]


def test_seeded_draws_are_torchs():
    assert [str(x) for x in draws(minigrad)] == [str(x) for x in draws(torch_real)]


def test_a_large_normal_sample_matches_torch_to_the_printed_digits():
    # From 16 values on torch computes Box-Muller in float32 SIMD maths: the last bit may differ.
    torch_real.manual_seed(1)
    minigrad.manual_seed(1)
    a, b = torch_real.randn(4096).numpy(), minigrad.randn(4096).numpy()
    np.testing.assert_allclose(a, b, rtol=0, atol=1e-6)
    assert (a == b).mean() > 0.8


def test_a_linear_layers_initial_weights_are_torchs_to_the_bit():
    torch_real.manual_seed(7)
    minigrad.manual_seed(7)
    a, b = torch_real.nn.Linear(300, 20), minigrad.nn.Linear(300, 20)
    assert np.array_equal(a.weight.detach().numpy(), b.weight.detach().numpy())
    assert np.array_equal(a.bias.detach().numpy(), b.bias.detach().numpy())
