"""Grad mode and recording state are per thread (contextvars): two threads training two models
at once get the same results as one after the other."""
import threading

import numpy as np

import minigrad as torch
from minigrad.autograd.graph import Recorder


def train(seed, steps=60):
    """Least squares by plain gradient descent on tensor ops; returns the loss history."""
    rng = np.random.default_rng(seed)
    x = torch.tensor(rng.standard_normal((32, 3)))
    y = torch.tensor(rng.standard_normal((32, 1)))
    w = torch.tensor(rng.standard_normal((3, 1)) * 0.1, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = ((x @ w - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= 0.1 * w.grad
        w.grad = None
        losses.append(loss.item())
    return losses


def test_two_threads_training_at_once_match_one_after_the_other():
    sequential = [train(1), train(2)]
    results = [None, None]
    barrier = threading.Barrier(2)

    def work(i):
        barrier.wait()
        results[i] = train(i + 1)
    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == sequential


def test_no_grad_in_one_thread_does_not_change_another():
    inside, seen = threading.Event(), {}
    release = threading.Event()

    def quiet():
        with torch.no_grad():
            inside.set()
            release.wait(5)

    t = threading.Thread(target=quiet)
    t.start()
    inside.wait(5)
    x = torch.tensor(1., requires_grad=True)
    seen["requires_grad"] = (x * 2).requires_grad
    seen["enabled"] = torch.is_grad_enabled()
    release.set()
    t.join()
    assert seen == {"requires_grad": True, "enabled": True}


def test_a_recorder_active_in_one_thread_records_nothing_in_another():
    started, done = threading.Event(), threading.Event()
    tape = Recorder()
    c = torch.tensor(3.)
    tape.watch(c)

    def hold():
        with tape:
            started.set()
            done.wait(5)

    t = threading.Thread(target=hold)
    t.start()
    started.wait(5)
    y = c * c            # this thread has no active recorder: nothing is recorded
    done.set()
    t.join()
    assert y.grad_fn is None
