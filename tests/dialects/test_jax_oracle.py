"""Differential tests against the real jax (0.7.1 in the MindSpore oracle venv): the same
expressions run under ``jax`` and under ``minigrad.jax``, each in its own interpreter, and their
results are compared: pytree structure, shapes, dtypes and weak types exactly, values to float32
rounding, errors by class and text, printed reprs exactly.

Skipped unless the oracle venv is installed (``tools/oracles.sh``; MINIGRAD_ORACLE_MS).
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]

DRIVER = textwrap.dedent(r'''
    import json, sys, warnings
    warnings.filterwarnings("ignore")
    import numpy as np
    if sys.argv[1] == "jax":
        import jax, jax.numpy as jnp
    else:
        sys.path.insert(0, sys.argv[2])
        import minigrad.jax as jax, minigrad.jax.numpy as jnp

    def describe(x):
        if x is None:
            return None
        if isinstance(x, tuple):
            return {"tuple": [describe(v) for v in x]}
        if isinstance(x, list):
            return {"list": [describe(v) for v in x]}
        if isinstance(x, dict):
            return {"dict": {str(k): describe(v) for k, v in sorted(x.items())}}
        if isinstance(x, (bool, int, float, str)):
            return {"py": repr(x)}
        a = np.asarray(x)
        if a.dtype.names:
            return {"shape": list(a.shape), "dtype": "float0", "weak": False, "values": None}
        return {"shape": list(a.shape), "dtype": a.dtype.name, "weak": bool(getattr(x, "weak_type", False)),
                "values": a.astype(np.float64).tolist() if a.dtype.kind in "fiub" else a.tolist()}

    results = {}
    for name, source in json.loads(sys.stdin.read()).items():
        env = {"jax": jax, "jnp": jnp, "np": np}
        try:
            exec(source, env)
            value = env["result"]
            results[name] = {"repr": value} if isinstance(value, str) else {"value": describe(value)}
        except Exception as error:
            results[name] = {"error": type(error).__name__, "message": str(error)}
    print(json.dumps(results))
''')

COOKBOOK = '''
def sigmoid(x):
    return 0.5 * (jnp.tanh(x / 2) + 1)
def predict(W, b, inputs):
    return sigmoid(jnp.dot(inputs, W) + b)
inputs = jnp.array([[0.52, 1.12, 0.77], [0.88, -1.08, 0.15], [0.52, 0.06, -1.30], [0.74, -2.49, 1.39]])
targets = jnp.array([True, True, False, True])
def loss(W, b):
    preds = predict(W, b, inputs)
    label_probs = preds * targets + (1 - preds) * (1 - targets)
    return -jnp.sum(jnp.log(label_probs))
W = jnp.array([0.3, -0.2, 0.5]); b = jnp.array(0.1)
'''

CASES = {
    # reverse mode
    "grad_scalar": "result = jax.grad(lambda x: x ** 2)(3.0)",
    "grad_f32_input": "result = jax.grad(lambda x: x * x)(np.float32(3.0))",
    "grad_vector": "result = jax.grad(lambda x: jnp.sum(jnp.sin(x) * x))(jnp.array([0.5, 1.5, -2.0]))",
    "grad_numpy_f64": "result = jax.grad(lambda x: jnp.sum(x ** 2))(np.array([1., 2.]))",
    "grad_argnums_tuple1": "result = jax.grad(lambda x, y: x * y, argnums=(0,))(2., 3.)",
    "grad_argnums_neg": "result = jax.grad(lambda x, y: x * y ** 2, argnums=-1)(2., 3.)",
    "grad_unused": "result = jax.grad(lambda x, y: x * 2, argnums=(0, 1))(3., 4.)",
    "grad_const": "result = jax.grad(lambda x: 1.0)(3.)",
    "grad_dict": "result = jax.grad(lambda d: d['a'] * d['b'][0])({'a': 2., 'b': [3., 4.], 'c': None})",
    "grad_nested_tree": ("result = jax.grad(lambda p: jnp.sum(p[0]['w'] ** 2) + p[1][0])"
                         "(({'w': jnp.array([1., 2.])}, [5., None]))"),
    "grad_has_aux": "result = jax.grad(lambda x: (x * x, {'k': x * 3, 'n': 1}), has_aux=True)(3.)",
    "grad_has_aux_list": "result = jax.grad(lambda x: [x * 2, 1], has_aux=True)(1.0)",
    "value_and_grad": "result = jax.value_and_grad(lambda x, y: x * jnp.exp(y), argnums=(0, 1))(2., 0.5)",
    "value_and_grad_aux": "result = jax.value_and_grad(lambda x: (x * x, {'k': x}), has_aux=True)(3.)",
    "value_identity": "result = jax.value_and_grad(lambda x: x)(3.0)",
    "allow_int": "result = jax.grad(lambda x, y: x * 2., argnums=(0, 1), allow_int=True)(3., 2)",
    "stop_gradient": "result = jax.grad(lambda x: jax.lax.stop_gradient(x) * x)(3.)",
    "vjp": ("out, f = jax.vjp(lambda x, y: {'s': x * y, 't': jnp.sin(x)}, jnp.array([1., 2.]), 3.)\n"
            "result = (out, f({'s': jnp.array([1., -1.]), 't': jnp.array([0.5, 2.])}))"),
    "vjp_twice": "out, f = jax.vjp(lambda x: x * x, 2.)\nresult = (f(1.0), f(3.0))",
    # forward mode and jacobians
    "jvp": "result = jax.jvp(lambda x: x * x, (2.,), (1.,))",
    "jvp_tree": ("result = jax.jvp(lambda d: [d['a'] * d['b'], jnp.sin(d['a'])], ({'a': jnp.array([1., 2.]), "
                 "'b': 3.},), ({'a': jnp.array([1., 0.5]), 'b': 2.},))"),
    "jvp_f64_tangent": "result = jax.jvp(lambda x: x * 2, (np.float32(1.0),), (np.float64(1.0),))",
    "linearize": ("y, f = jax.linearize(lambda x, s: jnp.sin(x) * x * s, jnp.array([1., 2.]), 3.)\n"
                  "result = (y, f(jnp.array([1., 0.]), 0.), f(jnp.array([0., 1.]), 1.))"),
    "jacrev": "result = jax.jacrev(lambda x: x * jnp.sum(x))(jnp.array([1., 2., 3.]))",
    "jacfwd": "result = jax.jacfwd(lambda x: x * jnp.sum(x))(jnp.array([1., 2., 3.]))",
    "jac_scalar": "result = (jax.jacrev(lambda x: x * x)(2.), jax.jacfwd(lambda x: x * x)(2.))",
    "jacrev_tuple": ("result = jax.jacrev(lambda x, y: {'o': x * y, 'p': (x, y)}, argnums=(0, 1))"
                     "(jnp.array([1., 2.]), 3.)"),
    "jacfwd_tuple": ("result = jax.jacfwd(lambda x, y: {'o': x * y, 'p': (x, y)}, argnums=(0, 1))"
                     "(jnp.array([1., 2.]), 3.)"),
    "jac_matrix": ("m = jnp.arange(6.).reshape(2, 3) / 5\n"
                   "f = lambda m: jnp.tanh(m @ m.T)\n"
                   "result = (jax.jacrev(f)(m), jax.jacfwd(f)(m))"),
    "jac_dict_in": "result = jax.jacrev(lambda d: d['a'] * 2)({'a': jnp.array([1., 2.])})",
    "hessian": "result = jax.hessian(lambda x: jnp.sum(x ** 3) * x[0])(jnp.array([1., 2.]))",
    "hessian_scalar": "result = jax.hessian(lambda x: x ** 3)(2.)",
    "hessian_aux": ("result = jax.hessian(lambda x: (jnp.sum(x ** 3), x[0]), has_aux=True)"
                    "(jnp.array([1., 2.]))"),
    "third_order": "result = jax.grad(jax.grad(jax.grad(lambda x: x ** 2 * jnp.sin(x))))(0.8)",
    "third_order_jac": ("result = jax.jacfwd(jax.jacfwd(jax.jacrev(lambda x: jnp.sum(x ** 4))))"
                        "(jnp.array([1., 2.]))"),
    "closure": "result = jax.grad(lambda y: jax.grad(lambda x: x ** 2 * y ** 2)(2.0))(3.0)",
    "hvp": ("f = lambda x: jnp.sum(jnp.tanh(x) ** 2)\nx = jnp.array([0.3, -0.7, 1.1])\n"
            "result = jax.jvp(jax.grad(f), (x,), (jnp.array([1., -2., 0.5]),))"),
    "cookbook_grads": COOKBOOK + "result = jax.value_and_grad(loss, (0, 1))(W, b)",
    "cookbook_dict": COOKBOOK + "result = jax.grad(lambda p: loss(p['W'], p['b']))({'W': W, 'b': b})",
    "cookbook_hessian": COOKBOOK + "result = jax.hessian(lambda W: predict(W, b, inputs))(W)",
    # edge cases of structure and type
    "jvp_aux": "result = jax.jvp(lambda x: (x * x, {'a': x + 1}), (2.,), (1.,), has_aux=True)",
    "vjp_aux": ("out, f, aux = jax.vjp(lambda x: (x * x, [x * 3]), 2., has_aux=True)\n"
                "result = (out, f(1.0), aux)"),
    "hessian_tuple": "result = jax.hessian(lambda x, y: x * x * y, argnums=(0, 1))(2., 3.)",
    "grad_list_arg": "result = jax.grad(lambda l: l[0] * l[1])([2., 3.])",
    "value_of_constant": "result = jax.value_and_grad(lambda x: 1.0)(2.)",
    "jac_of_constant": ("result = (jax.jacrev(lambda x: 1.0)(jnp.ones(2)), "
                        "jax.jacfwd(lambda x: 1.0)(jnp.ones(2)))"),
    "err_none_out": "result = jax.grad(lambda x: None)(2.)",
    "err_dict_out": "result = jax.grad(lambda x: {'a': x})(2.)",
    "jvp_list_primals": "result = jax.jvp(lambda x, y: x * y, [2., 3.], [1., 0.])",
    "jvp_float0": "result = jax.jvp(lambda x, y: x * y, (2., 3), (1., np.zeros((), dtype=jax.float0)))",
    "jacrev_list_out": "result = jax.jacrev(lambda x: [x, x * 2])(1.)",
    "jacfwd_tuple_arg": "result = jax.jacfwd(lambda p: p[0] * p[1])((jnp.array([1., 2.]), 3.))",
    "grad_kwargs": "result = jax.grad(lambda x, y=2.: x * y)(3., y=4.)",
    "vjp_int_primal": "result = jax.vjp(lambda x: x * 2, 3)[1](6)",
    "err_jacrev_int_out": "result = jax.jacrev(lambda x: jnp.arange(3))(1.)",
    "vmap_tree_out": "result = jax.vmap(lambda x: {'a': x, 'b': (x * 2,)})(jnp.arange(3.))",
    "grad_of_grad_vector": ("result = jax.grad(lambda x: jnp.sum(jax.grad(lambda y: jnp.sum(y ** 3))(x)))"
                            "(jnp.array([1., 2.]))"),
    "kinks": ("x = jnp.array([1., 3., 3.])\n"
              "g = lambda f: jax.grad(lambda x: jnp.sum(f(x)))(x)\n"
              "result = (g(jnp.max), g(lambda x: jnp.maximum(x, 3.)), g(lambda x: jnp.abs(x - 3.)), "
              "g(lambda x: jax.nn.relu(x - 3.)), g(lambda x: jnp.prod(x - 1.)), "
              "g(lambda x: jnp.sqrt(x - 1.)), g(lambda x: jnp.clip(x, 1., 3.)), "
              "jnp.abs(jnp.array([-0., -2., 3.])))"),
    "logsumexp": "result = jax.grad(lambda x: jax.scipy.special.logsumexp(x))(jnp.arange(3.))",
    "namedtuple": ("from collections import namedtuple\nP = namedtuple('P', ['w', 'b'])\n"
                   "result = (repr(jax.tree_util.tree_structure(P(1, (2, 3)))), "
                   "repr(jax.grad(lambda p: p.w * p.b)(P(2., 3.))))\nresult = repr(result)"),
    "custom_node": ("class Pt:\n    def __init__(self, x, y): self.x, self.y = x, y\n"
                    "jax.tree_util.register_pytree_node(Pt, lambda p: ((p.x, p.y), 'meta'), "
                    "lambda aux, ch: Pt(*ch))\n"
                    "g = jax.grad(lambda p: p.x * p.y)(Pt(2., 3.))\n"
                    "result = repr((jax.tree_util.tree_flatten(Pt(1, [2])), g.x, g.y))"),
    "hessian_dict": ("result = jax.hessian(lambda d: d['a'][0] ** 2 * d['a'][1] * d['b'])"
                     "({'a': jnp.array([1., 2.]), 'b': 3.})"),
    "vjp_dict": ("result = jax.vjp(lambda d: d['a'] * d['b'], {'a': jnp.array([1., 2.]), 'b': 3.})[1]"
                 "(jnp.ones(2))"),
    "stop_gradient_tree": "result = jax.lax.stop_gradient({'a': 1., 'b': [jnp.ones(2)]})",
    # custom rules
    "custom_vjp": ("@jax.custom_vjp\ndef f(x, y):\n    return jnp.sin(x) * y\n"
                   "def f_fwd(x, y):\n    return f(x, y), (jnp.cos(x), jnp.sin(x), y)\n"
                   "def f_bwd(res, g):\n    cos_x, sin_x, y = res\n    return (cos_x * g * y, sin_x * g)\n"
                   "f.defvjp(f_fwd, f_bwd)\n"
                   "result = (f(1., 2.), jax.grad(f, argnums=(0, 1))(1., 2.), "
                   "jax.grad(jax.grad(f))(1., 2.))"),
    "custom_vjp_clip_gradient": (
        "@jax.custom_vjp\ndef clip_gradient(lo, hi, x):\n    return x\n"
        "clip_gradient.defvjp(lambda lo, hi, x: (x, (lo, hi)), "
        "lambda res, g: (None, None, jnp.clip(g, res[0], res[1])))\n"
        "result = jax.grad(lambda x: clip_gradient(-0.75, 0.75, jnp.sin(x) * 3.))(0.1)"),
    "err_custom_vjp_structure": ("@jax.custom_vjp\ndef bad(x):\n    return x * 2\n"
                                 "bad.defvjp(lambda x: (x * 2, None), lambda res, g: g * 2)\n"
                                 "result = jax.grad(bad)(1.)"),
    "err_custom_vjp_undefined": "@jax.custom_vjp\ndef nodef(x):\n    return x\nresult = jax.grad(nodef)(1.)",
    "custom_jvp": ("@jax.custom_jvp\ndef h(x, y):\n    return jnp.sin(x) * y\n"
                   "@h.defjvp\ndef h_jvp(primals, tangents):\n    x, y = primals\n"
                   "    x_dot, y_dot = tangents\n"
                   "    return h(x, y), jnp.cos(x) * x_dot * y + jnp.sin(x) * y_dot\n"
                   "result = (h(2., 3.), jax.jvp(h, (2., 3.), (1., 0.)), "
                   "jax.grad(h, argnums=(0, 1))(2., 3.), jax.grad(jax.grad(h))(2., 3.))"),
    "custom_jvp_defjvps": ("@jax.custom_jvp\ndef log1pexp(x):\n    return jnp.log(1. + jnp.exp(x))\n"
                           "log1pexp.defjvps(lambda t, ans, x: (1 - 1 / (1 + jnp.exp(x))) * t)\n"
                           "result = (jax.grad(log1pexp)(100.), "
                           "jax.vmap(jax.grad(log1pexp))(jnp.arange(3.)))"),
    # arrays
    "at_set": "result = jnp.ones(3).at[0].set(5.)",
    "at_add_repeated": "result = jnp.ones(3).at[jnp.array([0, 0])].add(5.)",
    "at_multiply": "result = jnp.ones(3).at[1:].multiply(5.)",
    "weak_mix": ("result = (jnp.arange(3) * 2.0, jnp.arange(3) / 2, jnp.float32(2) * 2, jnp.array(2.) + "
                 "jnp.float32(1), jnp.sum(jnp.array(2.)), jnp.zeros_like(jnp.array(2.)), "
                 "jnp.mean(jnp.arange(4)), jnp.where(jnp.array([True, False]), 1., 2.), "
                 "jnp.array(2.).astype(jnp.int32), jnp.array(3) * 2)"),
    "creation": ("result = (jnp.zeros(2), jnp.ones((2, 2), dtype=jnp.int32), jnp.arange(4.), jnp.arange(3), "
                 "jnp.linspace(0., 1., 50), jnp.eye(2), jnp.array([1, 2]), jnp.array(True), "
                 "jnp.asarray(np.float64(2.)))"),
    "repr_scalar": "result = repr(jax.grad(lambda x: x ** 3)(2.0))",
    "str_scalar": "result = str(jax.grad(lambda x: x * x)(3.0))",
    "repr_matrix": "result = repr(jnp.arange(12.).reshape(3, 4).T)",
    "repr_long": "result = repr(jnp.arange(100.))",
    "repr_linspace": "result = repr(jnp.linspace(0., 1.))",
    "repr_empty": "result = repr(jnp.zeros((0, 3)))",
    "vmap_axes": ("x = jnp.arange(6.).reshape(2, 3)\n"
                  "result = (jax.vmap(lambda d: d['a'] * d['b'], in_axes=({'a': 0, 'b': None},))"
                  "({'a': x, 'b': 2.}), "
                  "jax.vmap(lambda a, b: a + b, in_axes=(1, None), out_axes=1)(x, jnp.ones(2)), "
                  "jax.vmap(lambda p: p[0] * p[1])((x, x)), "
                  "jax.vmap(jax.grad(lambda w, x: jnp.sum(w * x)), in_axes=(None, 0))(jnp.ones(3), x))"),
    "one_hot": "result = (jax.nn.one_hot(jnp.array([0, 2]), 3), jnp.argsort(jnp.array([3., 1., 2.])))",
    "repr_key": "result = repr(jax.random.PRNGKey(0))",
    "treedef": "result = repr(jax.tree_util.tree_flatten({'b': 1, 'a': (2, None, [3])}))",
    "tree_map": ("result = jax.tree_util.tree_map(lambda a, b: a + b, {'x': 1, 'y': (2, 3)}, "
                 "{'x': 10, 'y': (20, 30)})"),
    # errors
    "err_nonscalar": "result = jax.grad(lambda x: x * 2)(jnp.array([1., 2., 3.]))",
    "err_shape1": "result = jax.grad(lambda x: x * 2)(jnp.array([1.]))",
    "err_tuple_out": "result = jax.grad(lambda x: (x, x))(1.0)",
    "err_int_input": "result = jax.grad(lambda x: x * 2)(3)",
    "err_int_output": "result = jax.grad(lambda x: jnp.array(3))(1.0)",
    "err_argnums": "result = jax.grad(lambda x, y: x * y, argnums=2)(1.0, 2.0)",
    "err_argnums_tuple": "result = jax.grad(lambda x, y: x * y, argnums=(0, 3))(1.0, 2.0)",
    "err_jvp_float": "result = jax.jvp(lambda x: x * 2, 1.0, 1.0)",
    "err_jvp_dtype": "result = jax.jvp(lambda x: x * 2, (1.0,), (jnp.array(1),))",
    "err_jvp_shape": "result = jax.jvp(lambda x: x * 2, (jnp.ones(3),), (jnp.ones(2),))",
    "err_jvp_struct": "result = jax.jvp(lambda x: x[0] * 2, ((1.0, 2.0),), ([1.0, 2.0],))",
    "err_vjp_shape": "out, f = jax.vjp(lambda x: x * 2, jnp.ones(2))\nresult = f(jnp.ones(3))",
    "err_vjp_dtype": ("out, f = jax.vjp(lambda x: x * 2, jnp.ones(2))\n"
                      "result = f(jnp.ones(2, dtype=jnp.int32))"),
    "err_vjp_struct": "out, f = jax.vjp(lambda x: x * 2, jnp.ones(2))\nresult = f((jnp.ones(2),))",
    "err_jacfwd_int": "result = jax.jacfwd(lambda x: x * 2)(3)",
    "err_jacrev_int": "result = jax.jacrev(lambda x: x * 2)(3)",
    "err_str": "result = jax.grad(lambda x: x)('a')",
    "err_setitem": "x = jnp.ones(3)\nx[0] = 2.\nresult = x",
    "err_bool": "result = bool(jnp.ones(2))",
    "err_float": "result = float(jnp.ones(2))",
    "err_item": "result = jnp.ones(2).item()",
    "err_len": "result = len(jnp.array(1.))",
    "err_reshape": "result = jnp.ones(2).reshape(3)",
    "err_matmul": "result = jnp.ones((2, 3)) @ jnp.ones((2, 3))",
    "err_broadcast": "result = (jnp.ones(2) + jnp.ones(3), jnp.ones(2) * jnp.ones(3))",
    "err_broadcast_mul": "result = jnp.multiply(jnp.ones(2), jnp.ones(3, dtype=jnp.int32))",
    "err_vmap_sizes": "result = jax.vmap(lambda a, b: a + b)(jnp.ones(2), jnp.ones(3))",
    "err_tree_arity": "result = jax.tree_util.tree_map(lambda a, b: a + b, [1, 2], [1, 2, 3])",
}

# Each jax.numpy function (and a few of jax.nn, vmap, jit): its value and the gradient of a
# weighted sum of it, on one input with no ties.
OPS = {
    "sum_axis": "lambda x: jnp.sum(x, axis=0)",
    "sum_keepdims": "lambda x: jnp.sum(x, axis=1, keepdims=True)",
    "sum_tuple": "lambda x: jnp.sum(x, axis=(0, 1))",
    "mean_axis": "lambda x: jnp.mean(x, axis=-1)",
    "max_axis": "lambda x: jnp.max(x, axis=1)",
    "min_all": "lambda x: jnp.min(x)",
    "prod_axis": "lambda x: jnp.prod(x, axis=0)",
    "prod_all": "lambda x: jnp.prod(x)",
    "var": "lambda x: jnp.var(x, axis=0)",
    "std": "lambda x: jnp.std(x)",
    "exp": "jnp.exp", "log": "lambda x: jnp.log(jnp.abs(x))", "sin": "jnp.sin", "cos": "jnp.cos",
    "tanh": "jnp.tanh", "sqrt": "lambda x: jnp.sqrt(jnp.abs(x))", "square": "jnp.square", "abs": "jnp.abs",
    "log1p": "lambda x: jnp.log1p(jnp.abs(x))", "expm1": "jnp.expm1", "sinh": "jnp.sinh",
    "cosh": "jnp.cosh", "tan": "jnp.tan",
    "dot": "lambda x: jnp.dot(x, jnp.array([1., 2., 3.]))",
    "matmul": "lambda x: jnp.matmul(x, x.T)",
    "matmul_operator": "lambda x: x @ x.T",
    "where": "lambda x: jnp.where(x > 0, x, x * 2)",
    "maximum": "lambda x: jnp.maximum(x, 0.5)",
    "minimum": "lambda x: jnp.minimum(x, x[0])",
    "clip": "lambda x: jnp.clip(x, -1., 1.)",
    "power": "lambda x: jnp.power(x, 3)",
    "power_arrays": "lambda x: jnp.abs(x) ** x",
    "rpow": "lambda x: 2. ** x",
    "divide": "lambda x: 1. / (x * x + 1)",
    "negative": "lambda x: -x",
    "reshape": "lambda x: jnp.reshape(x, (3, 2))",
    "reshape_method": "lambda x: x.reshape(-1)",
    "transpose": "jnp.transpose",
    "transpose_axes": "lambda x: jnp.transpose(x[None], (2, 0, 1))",
    "T": "lambda x: x.T",
    "swapaxes": "lambda x: jnp.swapaxes(x, 0, 1)",
    "moveaxis": "lambda x: jnp.moveaxis(x[None], 0, -1)",
    "concatenate": "lambda x: jnp.concatenate([x, x * 2], axis=1)",
    "stack": "lambda x: jnp.stack([x, x], axis=1)",
    "hstack": "lambda x: jnp.hstack([x, x])",
    "vstack": "lambda x: jnp.vstack([x[0], x[1]])",
    "tile": "lambda x: jnp.tile(x[0], 2)",
    "split": "lambda x: jnp.split(x, 3, axis=1)[1]",
    "take": "lambda x: jnp.take(x, jnp.array([0, 4]))",
    "expand_dims": "lambda x: jnp.expand_dims(x, 1)",
    "squeeze": "lambda x: jnp.squeeze(x[:, None, :1])",
    "broadcast_to": "lambda x: jnp.broadcast_to(x[0], (4, 3))",
    "ravel": "jnp.ravel",
    "index": "lambda x: x[1, ::-1]",
    "fancy_index": "lambda x: x[jnp.array([1, 0, 1])]",
    "bool_mask": "lambda x: x[x > 0]",
    "mean_method": "lambda x: x.mean(axis=0)",
    "sum_method": "lambda x: x.sum(1)",
    "outer": "lambda x: jnp.outer(x[0], x[1])",
    "vdot": "lambda x: jnp.vdot(x, x)",
    "norm": "lambda x: jnp.linalg.norm(x)",
    "tensordot": "lambda x: jnp.tensordot(x, x.T, 1)",
    "diag": "lambda x: jnp.diag(x[:, :2])",
    "trace": "lambda x: jnp.trace(x[:, :2])",
    "at_set": "lambda x: x.at[0, 1].set(x[1, 1] * 3)",
    "at_add": "lambda x: x.at[:, 0].add(x[:, 2])",
    "at_multiply": "lambda x: x.at[1].multiply(x[0])",
    "at_reversed": "lambda x: x.at[0, ::-1].add(x[1]).at[:, ::-2].multiply(3.)",
    "index_reversed": "lambda x: x[::-1, ::-2]",
    "astype": "lambda x: x.astype(jnp.float32) * 2",
    "nn_relu": "jax.nn.relu", "nn_sigmoid": "jax.nn.sigmoid",
    "nn_softmax": "lambda x: jax.nn.softmax(x, axis=-1)", "nn_log_softmax": "jax.nn.log_softmax",
    "nn_logsumexp": "lambda x: jax.nn.logsumexp(x, axis=1)",
    "einsum_matmul": "lambda x: jnp.einsum('ij,kj->ik', x, x)",
    "einsum_reduce": "lambda x: jnp.einsum('ij->j', x)",
    "einsum_implicit": "lambda x: jnp.einsum('ij,jk', x, x.T)",
    "einsum_three": "lambda x: jnp.einsum('ij,jk,kl->il', x, x.T, x)",
    "einsum_batch": "lambda x: jnp.einsum('bi,bj->bij', x, x)",
    "log2": "lambda x: jnp.log2(jnp.abs(x))", "log10": "lambda x: jnp.log10(jnp.abs(x))", "exp2": "jnp.exp2",
    "logaddexp": "lambda x: jnp.logaddexp(x, x[::-1])",
    "sort": "jnp.sort", "sort_axis0": "lambda x: jnp.sort(x, axis=0)",
    "cumsum": "lambda x: jnp.cumsum(x, axis=1)", "cumsum_flat": "jnp.cumsum",
    "take_along_axis": "lambda x: jnp.take_along_axis(x, jnp.array([[2, 0], [1, 1]]), axis=1)",
    "nn_silu": "jax.nn.silu", "nn_gelu": "jax.nn.gelu", "nn_elu": "jax.nn.elu",
    "nn_leaky_relu": "jax.nn.leaky_relu", "nn_softplus": "jax.nn.softplus",
    "vmap": "jax.vmap(lambda r: jnp.sum(r ** 2))",
    "vmap_in_axes": "jax.vmap(lambda c: c * 2, in_axes=1)",
    "jit": "jax.jit(lambda x: x * 2 + 1)",
}
CASES.update({
    f"op_{name}": (f"x = jnp.array([[0.5, -1.5, 2.0], [1.0, 0.25, -0.75]])\nf = {source}\nout = f(x)\n"
                   "w = jnp.arange(1., 1 + np.size(out)).reshape(np.shape(out))\n"
                   "result = (out, jax.grad(lambda x: jnp.sum(f(x) * w))(x))")
    for name, source in OPS.items()})


def _run(python: str, which: str) -> dict:
    out = subprocess.run([python, "-c", DRIVER, which, str(REPO)], input=json.dumps(CASES), text=True,
                         capture_output=True, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def both(oracle_python):
    real = _run(oracle_python("jax"), "jax")
    ours = _run(sys.executable, "minigrad")
    return real, ours


def _compare(real, ours, path="result"):
    if real is None or ours is None:
        assert real == ours, f"{path}: {real!r} != {ours!r}"
        return
    assert real.keys() == ours.keys(), f"{path}: {sorted(real)} != {sorted(ours)}"
    if "tuple" in real or "list" in real:
        key = "tuple" if "tuple" in real else "list"
        assert len(real[key]) == len(ours[key]), path
        for i, (r, o) in enumerate(zip(real[key], ours[key])):
            _compare(r, o, f"{path}[{i}]")
    elif "dict" in real:
        assert real["dict"].keys() == ours["dict"].keys(), path
        for k in real["dict"]:
            _compare(real["dict"][k], ours["dict"][k], f"{path}[{k!r}]")
    elif "py" in real:
        assert real == ours, f"{path}: {real} != {ours}"
    else:
        for field in ("shape", "dtype", "weak"):
            assert real[field] == ours[field], f"{path}.{field}: {real[field]} != {ours[field]}"
        if real["values"] is not None:
            np.testing.assert_allclose(np.asarray(ours["values"], dtype=float),
                                       np.asarray(real["values"], dtype=float), rtol=2e-6, atol=1e-6,
                                       err_msg=path)


@pytest.mark.oracle
@pytest.mark.parametrize("name", sorted(CASES))
def test_same_as_jax(both, name):
    real, ours = both[0][name], both[1][name]
    if "error" in real:
        assert ours.get("error") == real["error"], f"jax raised {real}, minigrad gave {ours}"
        assert ours["message"] == real["message"]
    elif "repr" in real:
        assert ours == real
    else:
        assert "value" in ours, f"minigrad raised {ours}"
        _compare(real["value"], ours["value"])
