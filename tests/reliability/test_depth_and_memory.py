"""Depth without recursion or quadratic time, and memory that does not grow over a long
training run (a notebook kernel lives for hours)."""
import gc
import tracemalloc
import weakref

import numpy as np
import pytest

import minigrad as torch


@pytest.mark.slow
def test_second_order_through_100000_nodes():
    x = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    h = x
    for _ in range(100_000):
        h = h * 1.00001
    (g,) = torch.autograd.grad(h * h, x, create_graph=True)
    (g2,) = torch.autograd.grad(g, x)
    assert g2.item() == pytest.approx(2 * 1.00001 ** 200_000, rel=1e-9)


def test_100000_node_graph_is_freed_when_its_output_goes():
    x = torch.ones(4, requires_grad=True)
    h = x
    for _ in range(100_000):
        h = h + 1.0
    first = weakref.ref(h.grad_fn)
    gc.disable()
    try:
        del h                       # iterative teardown: no RecursionError deep in the chain
        assert first() is None
    finally:
        gc.enable()


def _step(model, optimizer, data, target):
    optimizer.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(data), target)
    loss.backward()
    optimizer.step()
    return loss.item()


def test_1000_training_steps_allocate_nothing_that_stays():
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    data = torch.tensor(rng.standard_normal((32, 8)).astype(np.float32))
    target = torch.tensor(rng.integers(0, 3, 32))
    model = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU(), torch.nn.Linear(16, 3))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(50):             # warm-up: optimizer state, caches
        _step(model, optimizer, data, target)
    gc.collect()
    tracemalloc.start()
    start = tracemalloc.get_traced_memory()[0]
    objects = len(gc.get_objects())
    for _ in range(1000):
        _step(model, optimizer, data, target)
    gc.collect()
    grown = tracemalloc.get_traced_memory()[0] - start
    tracemalloc.stop()
    assert grown < 50_000, f"{grown} bytes still allocated after 1000 steps"
    assert len(gc.get_objects()) - objects < 100
