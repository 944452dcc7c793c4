"""The benchmark code is correct: every workload, at tiny sizes, computes the same numbers three
ways (minigrad, hand-written NumPy, torch when installed). No timing is asserted anywhere."""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks import run as bench  # noqa: E402

TIMED = ["W1", "W2", "W3", "W4", "W6"]


def _results(case: bench.Case, name: str) -> list:
    variant = case.variants[name]
    if isinstance(variant, bench.Skip):
        pytest.skip(f"{name}: {variant}")
    variant.run()
    return variant.result()


@pytest.mark.parametrize("key", TIMED)
def test_minigrad_matches_the_numpy_baseline(key: str) -> None:
    case = bench.WORKLOADS[key][1](True)
    expected = _results(case, "numpy")
    names = [n for n, v in case.variants.items()
             if n.startswith("minigrad") and not isinstance(v, bench.Skip)]
    assert names, "no minigrad variant of this workload can run"
    for name in names:
        got = _results(case, name)
        assert len(got) == len(expected), name
        for g, e in zip(got, expected):
            assert g.shape == e.shape, name
            np.testing.assert_allclose(g, e, rtol=case.rtol, atol=case.atol, err_msg=name)


@pytest.mark.parametrize("key", TIMED)
def test_torch_agrees_with_the_numpy_baseline(key: str) -> None:
    """torch is an independent check that the hand-written backward passes are right."""
    pytest.importorskip("torch")
    case = bench.WORKLOADS[key][1](True)
    expected = _results(case, "numpy")
    for name in [n for n in case.variants if n.startswith("torch")]:
        for g, e in zip(_results(case, name), expected):
            np.testing.assert_allclose(g, e, rtol=case.rtol, atol=case.atol, err_msg=name)


@pytest.mark.parametrize("key", ["W1", "W3"])
def test_minimal_tape_agrees_with_the_numpy_baseline(key: str) -> None:
    case = bench.WORKLOADS[key][1](True)
    expected = _results(case, "numpy")
    for g, e in zip(_results(case, "minimal tape"), expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=case.rtol, atol=case.atol)


def test_w4_baseline_is_the_hessian() -> None:
    """The closed form against central differences of the gradient, independent of any engine."""
    case = bench.w4(True)
    (h,) = _results(case, "numpy")
    rng = np.random.default_rng(4)
    A, x = rng.standard_normal((5, 5)) / np.sqrt(5), rng.standard_normal(5)
    grad = lambda v: A.T @ (2 * np.tanh(A @ v) * (1 - np.tanh(A @ v) ** 2))  # noqa: E731
    eps = 1e-6
    fd = np.array([(grad(x + eps * e) - grad(x - eps * e)) / (2 * eps) for e in np.eye(5)])
    np.testing.assert_allclose(h, fd, rtol=1e-6, atol=1e-8)


def test_runner_writes_table_json_and_chart(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "r.json"
    png = tmp_path / "r.png"
    res = bench.main(["W1", "W3", "--tiny", "--repeats", "2", "--save", "--json", str(out), "--png",
                      str(png)])
    data = json.loads(out.read_text())
    assert set(bench.THREAD_VARS) <= set(data["environment"]["threads"])
    pools = data["environment"]["threadpools"]
    assert isinstance(pools, str) or all(p["num_threads"] == 1 for p in pools)
    for key in ("W1", "W3"):
        stats = data["workloads"][key]["variants"]
        assert stats["numpy"]["ratio"] == 1.0
        s = stats["minigrad"]
        assert s["min"] <= s["median"] <= s["max"] and len(s["samples"]) == 2
        assert math.isclose(s["ratio"], s["median"] / stats["numpy"]["median"])
    assert res["workloads"].keys() == {"W1", "W3"}
    assert "ratio" in capsys.readouterr().out
    table = bench.markdown(data)
    assert table.count("| minigrad |") == 2 and "≤ 2.5x" in table
    pytest.importorskip("matplotlib")
    assert png.stat().st_size > 0


def test_w5_memory_report_runs() -> None:
    res = bench.w5(True)
    chain = res["chain"]["minigrad"]
    assert chain["ops"] == 101 and chain["held_after_forward_per_node"] > 0
    assert chain["peak_forward_backward_per_node"] >= chain["held_after_forward_per_node"] * 0.5
    assert set(res["rss_growth"]) >= {"numpy", "minigrad"}
