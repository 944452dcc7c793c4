"""viz escapes every user-supplied name, wherever it is drawn, and the DOT still parses.

Names carry quotes, angle brackets, braces, brackets, backslashes, ampersands, newlines, tabs and
10,000 characters; they go into leaf and intermediate labels, results, graphless results, the
step-through captions, higher-order captions, a tf.Variable's and an ms.Parameter's own name, a
custom Function's node name, the leaves listed in a repeated block's box, and the legend.
"""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

pytest.importorskip("graphviz")

import minigrad as torch  # noqa: E402
import viz  # noqa: E402

HOSTILE = "q\"u'o <b>x</b> {br} [sq] a\\b\\\\ &amp; &#39; \nnew\rline\tT ]]> -- */ " + "Z" * 10_000
RAW = ('q"u', "<b>x</b>", "\nnew", "\rline", "\t", "&amp; &#39;")      # must never appear unescaped


def check(picture: viz.Picture) -> str:
    """Assert the DOT is well formed and escaped, render it with dot, and return the source."""
    src = picture.source
    for line in src.splitlines():
        assert re.fullmatch(r"(digraph \w+ \{|\}|\t+.*)", line), line[:120]
    labels = "".join(re.findall(r"label=<(.*?)>(?: \w+=| ?\]$)", src, re.M))
    assert labels
    for raw in RAW:
        assert raw not in labels
    assert "Z" * 200 not in src                          # long names are cut short, with an ellipsis
    if shutil.which("dot") is None:
        pytest.skip("dot is not installed")
    run = subprocess.run(["dot", "-Tsvg"], input=src.encode("utf-8"), capture_output=True, timeout=60)
    assert run.returncode == 0 and b"rror" not in run.stderr and b"arning" not in run.stderr, run.stderr[:500]
    svg = run.stdout.decode("utf-8")
    assert "<svg" in svg
    return src


def test_names_of_leaves_intermediates_results_and_saved_tensors():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    mid = x * x
    out = (mid * 3).sum()
    names = {HOSTILE: x, HOSTILE + "mid": mid, HOSTILE + "out": out}
    for pic in (viz.forward(out, names=names), viz.backward(out, names=names),
                viz.forward_backward(out, names=names)):
        src = check(pic)
        assert "q&quot;u&#39;o &lt;b&gt;x&lt;/b&gt; {br} [sq] a\\b\\\\ &amp;amp; &amp;#…" in src
    with viz.Flow() as flow:
        out.backward()
    src = check(viz.backward(out, flow=flow, names=names))
    assert "makes q&quot;u" in src and "legend" in src


def test_a_graphless_result_and_a_variables_own_name():
    a = torch.tensor([1.0, 2.0])
    doubled = a * 2
    assert "<B>q&quot;u&#39;o &lt;b&gt;" in check(viz.backward(doubled, names={HOSTILE: doubled}))
    tf = pytest.importorskip("minigrad.tf")
    v = tf.Variable(2.0, name=HOSTILE)
    with tf.GradientTape() as tape:
        y = v * v
    assert float(tape.gradient(y, v)) == 4.0
    assert "q&quot;u" in check(viz.backward(y))


def test_step_captions_and_the_higher_order_caption():
    x = torch.tensor(2.0, requires_grad=True)
    y = x ** 3
    s = viz.steps(y, run=lambda out: out.backward(), names={HOSTILE: x})
    for k in range(len(s)):
        check(s.frame(k))
        caption = s.caption(k)
        assert len(caption) < 400 and "\n" not in caption
    assert "q\"u'o <b>x</b>" in s.caption(len(s) - 1)            # plain text here; escaped when drawn
    (g,) = torch.autograd.grad(x ** 3, x, create_graph=True)
    check(viz.higher_order(y, g, names={HOSTILE: x, HOSTILE + "g": g}))


def test_a_repeated_blocks_box_and_a_custom_functions_node_name():
    nn = pytest.importorskip("minigrad.nn")
    torch.manual_seed(0)
    layers = []
    for _ in range(6):
        layers += [nn.Linear(4, 4), nn.ReLU()]
    model = nn.Sequential(*layers)
    out = model(torch.randn(2, 4)).sum()
    names = {f"{HOSTILE}{k}": p for k, p in enumerate(model.parameters())}
    src = check(viz.backward(out, names=names))
    box = re.search(r"repeated block.*", src).group(0)
    assert "each reads its own (first block): q&quot;u&#39;o &lt;b&gt;" in box
    check(viz.forward(out, names=names))

    Hostile = type(HOSTILE[:60], (torch.autograd.Function,), {
        "forward": staticmethod(lambda ctx, t: t * 2), "backward": staticmethod(lambda ctx, g: g * 2)})
    x = torch.tensor(1.0, requires_grad=True)
    y = Hostile.apply(x)
    with viz.Flow() as flow:
        y.backward()
    assert "&lt;b&gt;x&lt;/b&gt;" in check(viz.backward(y, flow=flow))
    assert viz.steps(y, flow=flow).caption(1).startswith("step 1/2: q\"u'o <b>x</b>")


def test_a_mindspore_parameters_own_name_in_a_trace():
    ms = pytest.importorskip("minigrad.ms")
    w = ms.Parameter(ms.Tensor([1.0, 2.0], ms.float32), name=HOSTILE)
    t = viz.trace(lambda x: (x * w).sum(), ms.Tensor([3.0, 4.0], ms.float32))
    t.grad()
    assert "q&quot;u" in check(t.backward()) and "parameter" in t.backward().source
    check(t.forward())
    for k in range(len(t.steps())):
        check(t.steps().frame(k))
