"""The seed examples, run with minigrad: ``python -m minigrad.demo`` (``-q`` hides the code).

Each example is a code sample from the framework comparison pages this project grew from, with
only its import lines changed to minigrad's dialects. The demo prints each program, what it prints
under minigrad, and whether that is what the real framework printed. A dialect that is not there
yet is reported as such. Exits 1 unless every example matches.
"""
from __future__ import annotations

import contextlib
import io
import re
import sys
import traceback
from dataclasses import dataclass

_GRAD_OPERATION = '''import numpy as np
import minigrad.ms.nn as nn
import minigrad.ms as ms
from minigrad.ms import ops

class Net(nn.Cell):
    def __init__(self):
        super(Net, self).__init__()
        self.matmul = ops.MatMul()
        self.z = ms.Parameter(ms.Tensor(np.array([1.0], np.float32)), name='z')
    def construct(self, x, y):
        x = x * self.z
        out = self.matmul(x, y)
        return out

class GradNetWrtX(nn.Cell):
    def __init__(self, net):
        super(GradNetWrtX, self).__init__()
        self.net = net
        self.grad_op = ops.GradOperation()
    def construct(self, x, y):
        gradient_function = self.grad_op(self.net)
        return gradient_function(x, y)

x = ms.Tensor([[0.5, 0.6, 0.4], [1.2, 1.3, 1.1]], dtype=ms.float32)
y = ms.Tensor([[0.01, 0.3, 1.1], [0.1, 0.2, 1.3], [2.1, 1.2, 3.3]], dtype=ms.float32)
output = GradNetWrtX(Net())(x, y)
print(output)
'''
_MS_OUT = "[[1.4100001 1.5999999 6.6      ]\n [1.4100001 1.5999999 6.6      ]]\n"

# (title, source, what the real framework printed). Outputs: torch 2.13, tensorflow 2.21 (TF1 API),
# mindspore 2.10. In "torch: second derivative" the inputs are random: only the constant second
# derivative (the text from "Second Derivative" on) is compared.
EXAMPLES: list[tuple[str, str, str]] = [
    ("torch: backward and autograd.grad of z = x*x*y", '''import minigrad as torch
x = torch.tensor(2., requires_grad=True)
y = torch.tensor(3., requires_grad=True)
z = x * x * y
z.backward()
print(x.grad, y.grad)

x = torch.tensor(2.).requires_grad_()
y = torch.tensor(3.).requires_grad_()
z = x * x * y
grad_x = torch.autograd.grad(outputs=z, inputs=x)
print(grad_x[0])
''', "tensor(12.) tensor(4.)\ntensor(12.)\n"),
    ("torch: second derivative with create_graph", '''import minigrad as torch

x = torch.randn(3, 4).requires_grad_(True)
y = x ** 2
weight = torch.ones(y.size())
y.backward(weight, retain_graph=True)

print('backward grad')
print(x.grad)
dydx = torch.autograd.grad(outputs=y, inputs=x, grad_outputs=weight,
                           retain_graph=True, create_graph=True, only_inputs=True)
print('autograd grad')
print(dydx[0])

d2ydx2 = torch.autograd.grad(outputs=dydx[0], inputs=x, grad_outputs=weight,
                             retain_graph=True, create_graph=True, only_inputs=True)
print('Second Derivative')
print(d2ydx2[0])
''', "Second Derivative\ntensor([[2., 2., 2., 2.],\n        [2., 2., 2., 2.],\n"
     "        [2., 2., 2., 2.]], grad_fn=<MulBackward0>)\n"),
    ("tensorflow: tf.gradients with grad_ys (TF1 graph API)", '''import minigrad.tf as tf
w1 = tf.get_variable('w1', shape=[3])
w2 = tf.get_variable('w2', shape=[3])
w3 = tf.get_variable('w3', shape=[3])
w4 = tf.get_variable('w4', shape=[3])
z1 = w1 + w2+ w3
z2 = w3 + w4
grads = tf.gradients([z1, z2], [w1, w2, w3, w4],
                     grad_ys=[tf.convert_to_tensor([2.,2.,3.]), tf.convert_to_tensor([3.,2.,4.])])
with tf.Session() as sess:
    tf.global_variables_initializer().run()
    print(sess.run(grads))
''', "[array([2., 2., 3.], dtype=float32), array([2., 2., 3.], dtype=float32), "
     "array([5., 4., 7.], dtype=float32), array([3., 2., 4.], dtype=float32)]\n"),
    ("mindspore: ops.GradOperation over a Cell", _GRAD_OPERATION, _MS_OUT),
    ("mindspore: ms.grad over a Cell", _GRAD_OPERATION.replace(
        "        self.grad_op = ops.GradOperation()\n", "").replace(
        "self.grad_op(self.net)", "ms.grad(self.net)"), _MS_OUT),
]


@dataclass
class Result:
    """What one example printed under minigrad, and how that compares with the real framework."""
    title: str
    output: str
    error: str | None  # the exception's last line, when the example raised
    matches: bool


def _same(title: str, got: str, want: str) -> bool:
    if "second derivative" in title:
        return "Second Derivative" in got and got[got.index("Second Derivative"):] == want
    return got == want


def run_example(title: str) -> Result:
    """Run the example titled ``title`` (a key of :data:`EXAMPLES`), capturing what it prints.

    >>> r = run_example("torch: backward and autograd.grad of z = x*x*y")
    >>> print(r.output, end="")
    tensor(12.) tensor(4.)
    tensor(12.)
    >>> r.matches
    True
    """
    source, want = next((s, w) for t, s, w in EXAMPLES if t == title)
    out, error = io.StringIO(), None
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(source, f"<demo: {title}>", "exec"), {"__name__": "__demo__"})
        except Exception as exc:  # a dialect still missing, or a bug: report it, run the rest
            error = traceback.format_exception_only(type(exc), exc)[-1].strip()
    got = out.getvalue()
    return Result(title, got, error, error is None and _same(title, got, want))


def main(argv: list[str] | None = None) -> int:
    """Run every example and print a report; returns 0 when all match the real frameworks.

    Example: ``main(["-q"])`` is ``python -m minigrad.demo -q`` (results only, no code).
    """
    quiet = "-q" in (sys.argv[1:] if argv is None else argv)
    ok = 0
    for title, source, want in EXAMPLES:
        r = run_example(title)
        ok += r.matches
        print(f"=== {title}")
        if not quiet:
            print(re.sub(r"(?m)^", "  | ", source.rstrip()))
            print("  --- minigrad prints:")
        print(r.output, end="" if r.output.endswith("\n") or not r.output else "\n")
        missing = r.error is not None and "No module named 'minigrad." in r.error
        verdict = ("same as the real framework" if r.matches else f"dialect not available yet ({r.error})"
                   if missing else f"raised {r.error}" if r.error else "DIFFERS from the real framework")
        print(f"  -> {verdict}\n")
    print(f"demo: {ok}/{len(EXAMPLES)} examples print what the real frameworks print")
    return 0 if ok == len(EXAMPLES) else 1


if __name__ == "__main__":
    sys.exit(main())
