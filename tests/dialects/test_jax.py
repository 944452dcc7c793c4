"""The JAX dialect: each transform against finite differences, composition to third order,
pytrees, printing, immutability and JAX's errors. Expected texts and structures were checked
against jax 0.7.1 (tests/dialects/test_jax_oracle.py runs the real jax where it is installed)."""
from __future__ import annotations

import numpy as np
import pytest

import minigrad.jax as jax
import minigrad.jax.numpy as jnp
from minigrad.jax import tree_util


@pytest.fixture
def x64():
    """Float64 everywhere (JAX's jax_enable_x64), so finite differences are accurate."""
    jax.config.update("jax_enable_x64", True)
    yield
    jax.config.update("jax_enable_x64", False)


def numerical_jacobian(f, x, eps=1e-6):
    """d f / d x by central differences, shape out.shape + x.shape (float64)."""
    x = np.asarray(x, dtype=np.float64)
    out0 = np.asarray(f(jnp.array(x)))
    jac = np.zeros(out0.shape + x.shape)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = eps
        up, down = np.asarray(f(jnp.array(x + step))), np.asarray(f(jnp.array(x - step)))
        jac[(Ellipsis, *i)] = (up - down) / (2 * eps)
    return jac


SCALAR_FUNCTIONS = {
    "sin_exp": lambda x: jnp.sum(jnp.sin(x) * jnp.exp(x)),
    "tanh_sq": lambda x: jnp.sum(jnp.tanh(x) ** 2),
    "log_quad": lambda x: jnp.sum(jnp.log(1 + x * x)),
    "div_sqrt": lambda x: jnp.sum(x / jnp.sqrt(x * x + 2.)),
    "mean_cube": lambda x: jnp.mean(x ** 3),
    "max": lambda x: jnp.max(x * jnp.array([1., 2., 3.])),
    "where": lambda x: jnp.sum(jnp.where(x > 0, x ** 2, -x)),
    "matmul": lambda x: jnp.sum(jnp.matmul(jnp.reshape(jnp.arange(6.), (2, 3)), x) ** 2),
    "index_update": lambda x: jnp.sum(x.at[1].set(x[0] * x[2]) ** 2),
}
POINT = np.array([0.3, -0.7, 1.1])


@pytest.mark.parametrize("name", sorted(SCALAR_FUNCTIONS))
def test_grad_matches_finite_differences(x64, name):
    f = SCALAR_FUNCTIONS[name]
    g = jax.grad(f)(jnp.array(POINT))
    np.testing.assert_allclose(np.asarray(g), numerical_jacobian(f, POINT), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", sorted(SCALAR_FUNCTIONS))
def test_hessian_matches_finite_differences_of_grad(x64, name):
    f = SCALAR_FUNCTIONS[name]
    h = jax.hessian(f)(jnp.array(POINT))
    expected = numerical_jacobian(jax.grad(f), POINT)
    assert h.shape == (3, 3)
    np.testing.assert_allclose(np.asarray(h), expected, rtol=1e-5, atol=1e-7)


def vector_function(x):
    return jnp.stack([jnp.sum(x * x), x[0] * jnp.sin(x[1]), jnp.exp(x[2]) / (1 + x[0] ** 2)])


def test_jacrev_and_jacfwd_match_finite_differences(x64):
    expected = numerical_jacobian(vector_function, POINT)
    for jac in (jax.jacrev, jax.jacfwd):
        got = jac(vector_function)(jnp.array(POINT))
        assert got.shape == (3, 3)
        np.testing.assert_allclose(np.asarray(got), expected, rtol=1e-6, atol=1e-8)


def test_jacobians_of_matrix_functions_have_out_shape_plus_in_shape(x64):
    a = np.arange(6.).reshape(2, 3) / 5

    def f(m):
        return jnp.tanh(jnp.matmul(m, jnp.transpose(m)))

    expected = numerical_jacobian(f, a)
    for jac in (jax.jacrev, jax.jacfwd):
        got = jac(f)(jnp.array(a))
        assert got.shape == (2, 2, 2, 3)
        np.testing.assert_allclose(np.asarray(got), expected, rtol=1e-6, atol=1e-8)


def test_jvp_matches_finite_differences_along_the_tangent(x64):
    v = np.array([0.5, -1.0, 2.0])
    out, tangent = jax.jvp(vector_function, (jnp.array(POINT),), (jnp.array(v),))
    np.testing.assert_allclose(np.asarray(out), np.asarray(vector_function(jnp.array(POINT))))
    np.testing.assert_allclose(np.asarray(tangent), numerical_jacobian(vector_function, POINT) @ v,
                               rtol=1e-6)


def test_linearize_gives_a_reusable_jvp(x64):
    y, f_jvp = jax.linearize(vector_function, jnp.array(POINT))
    jac = numerical_jacobian(vector_function, POINT)
    for v in (np.array([1., 0., 0.]), np.array([0.5, -1., 2.])):
        np.testing.assert_allclose(np.asarray(f_jvp(jnp.array(v))), jac @ v, rtol=1e-6, atol=1e-9)


def test_vjp_pullback_is_reusable_and_transposes_the_jacobian(x64):
    out, pullback = jax.vjp(vector_function, jnp.array(POINT))
    jac = numerical_jacobian(vector_function, POINT)
    for ct in (np.array([1., 0., 0.]), np.array([0.5, -2., 3.]), np.array([0., 0., 1.])):
        (g,) = pullback(jnp.array(ct))
        np.testing.assert_allclose(np.asarray(g), ct @ jac, rtol=1e-6, atol=1e-9)


def test_vjp_with_several_primals_returns_one_cotangent_each():
    out, pullback = jax.vjp(lambda a, b: a * b, 3.0, 4.0)
    assert pullback(1.0) == (jnp.array(4.0), jnp.array(3.0))
    assert repr(out) == "Array(12., dtype=float32, weak_type=True)"


def test_third_order_by_nested_grad():
    # f = x^2 sin x: f''' = -x^2 cos x - 6 x sin x + 6 cos x
    f = lambda x: x ** 2 * jnp.sin(x)  # noqa: E731
    x = 0.8
    third = jax.grad(jax.grad(jax.grad(f)))(x)
    expected = -x ** 2 * np.cos(x) - 6 * x * np.sin(x) + 6 * np.cos(x)
    np.testing.assert_allclose(float(third), expected, rtol=1e-5)


def test_third_order_by_jacobian_composition():
    # d^3/dx^3 sum(x^4) = 24 x_i on the diagonal i = j = k, zero elsewhere
    x = np.array([1., 2.])
    t = jax.jacfwd(jax.jacfwd(jax.jacrev(lambda x: jnp.sum(x ** 4))))(jnp.array(x))
    expected = np.zeros((2, 2, 2))
    expected[0, 0, 0], expected[1, 1, 1] = 24 * x
    assert t.shape == (2, 2, 2)
    np.testing.assert_allclose(np.asarray(t), expected, rtol=1e-6)
    t2 = jax.jacrev(jax.jacrev(jax.jacfwd(lambda x: jnp.sum(x ** 4))))(jnp.array(x))
    np.testing.assert_allclose(np.asarray(t2), expected, rtol=1e-6)


def test_hessian_vector_products_agree_across_modes(x64):
    f = SCALAR_FUNCTIONS["tanh_sq"]
    x, v = jnp.array(POINT), jnp.array([1., -2., 0.5])
    fwd_rev = jax.jvp(jax.grad(f), (x,), (v,))[1]
    rev_rev = jax.grad(lambda x: jnp.vdot(jax.grad(f)(x), v))(x)
    rev_fwd = jax.grad(lambda x: jax.jvp(f, (x,), (v,))[1])(x)
    dense = np.asarray(jax.hessian(f)(x)) @ np.asarray(v)
    for got in (fwd_rev, rev_rev, rev_fwd):
        np.testing.assert_allclose(np.asarray(got), dense, rtol=1e-8)


def test_inner_transform_closing_over_outer_variable():
    # d/dy [d/dx (x y)] = d/dy y = 1; d/dy [d/dx (x^2 y^2)] at x=2 = d/dy 4 y^2 = 8 y
    assert float(jax.grad(lambda y: jax.grad(lambda x: x * y)(2.0))(3.0)) == 1.0
    assert float(jax.grad(lambda y: jax.grad(lambda x: x ** 2 * y ** 2)(2.0))(3.0)) == 24.0


def test_grad_of_vjp_pullback_differentiates_through_the_cotangent():
    # vjp_fn(c) = c * cos(x); d/dc sum = cos(x)
    _, pullback = jax.vjp(jnp.sin, 0.5)
    got = jax.grad(lambda c: pullback(c)[0])(1.0)
    np.testing.assert_allclose(float(got), np.cos(0.5), rtol=1e-6)


def test_argnums_int_tuple_and_negative():
    f = lambda x, y: x * y ** 2  # noqa: E731
    assert float(jax.grad(f)(3., 2.)) == 4.0
    assert float(jax.grad(f, argnums=-1)(3., 2.)) == 12.0
    single = jax.grad(f, argnums=(0,))(3., 2.)
    assert isinstance(single, tuple) and len(single) == 1
    gx, gy = jax.grad(f, argnums=(0, 1))(3., 2.)
    assert (float(gx), float(gy)) == (4.0, 12.0)


def test_has_aux_returns_aux_as_given_and_value_and_grad_nests_it():
    g, aux = jax.grad(lambda x: (x * x, {"k": 1, "v": x * 2}), has_aux=True)(3.)
    assert float(g) == 6.0 and aux["k"] == 1 and float(aux["v"]) == 6.0
    (value, aux), g = jax.value_and_grad(lambda x: (x ** 3, [x]), has_aux=True)(2.)
    assert (float(value), float(g)) == (8.0, 12.0)
    assert aux == [2.0]      # the argument itself comes back, as in JAX


def test_unused_argument_gets_zeros_with_its_weak_type():
    gx, gy = jax.grad(lambda x, y: x * 2, argnums=(0, 1))(3., 4.)
    assert repr(gy) == "Array(0., dtype=float32, weak_type=True)"
    assert repr(jax.grad(lambda x: 1.0)(3.)) == "Array(0., dtype=float32, weak_type=True)"


def test_pytree_arguments_keep_their_structure():
    params = {"w": [jnp.array([1., 2.]), 3.0], "b": (None, jnp.array(0.5)), "unused": jnp.ones(2)}

    def loss(p):
        return jnp.sum(p["w"][0] ** 2) * p["w"][1] + p["b"][1]

    g = jax.grad(loss)(params)
    assert tree_util.tree_structure(g) == tree_util.tree_structure(params)
    np.testing.assert_allclose(np.asarray(g["w"][0]), [6., 12.])
    assert float(g["w"][1]) == 5.0 and float(g["b"][1]) == 1.0 and g["b"][0] is None
    np.testing.assert_array_equal(np.asarray(g["unused"]), [0., 0.])


def test_jacobian_of_pytree_function_nests_output_then_input_structure():
    def f(x, y):
        return {"o": x * y, "p": (x, y)}

    jac = jax.jacrev(f, argnums=(0, 1))(jnp.array([1., 2.]), 3.)
    fwd = jax.jacfwd(f, argnums=(0, 1))(jnp.array([1., 2.]), 3.)
    for j in (jac, fwd):
        assert tree_util.tree_structure(j) == tree_util.tree_structure(
            {"o": (0, 0), "p": ((0, 0), (0, 0))})
        np.testing.assert_array_equal(np.asarray(j["o"][0]), 3 * np.eye(2))
        np.testing.assert_array_equal(np.asarray(j["o"][1]), [1., 2.])
        np.testing.assert_array_equal(np.asarray(j["p"][1][0]), [0., 0.])
    # weak types follow JAX: jacrev from the input, jacfwd from the output
    assert jac["o"][1].weak_type and not fwd["o"][1].weak_type


def test_jvp_accepts_pytree_primals_and_returns_output_structure():
    out, tangent = jax.jvp(lambda d: [d["a"] * d["b"], d["a"]], ({"a": 2., "b": 5.},),
                           ({"a": 1., "b": 0.},))
    assert [float(o) for o in out] == [10., 2.]
    assert [float(t) for t in tangent] == [5., 1.]


def test_stop_gradient_blocks_every_order():
    f = lambda x: jax.lax.stop_gradient(x) * x  # noqa: E731
    assert float(jax.grad(f)(3.)) == 3.0
    assert float(jax.grad(jax.grad(lambda x: jax.lax.stop_gradient(x ** 2) * x))(3.)) == 0.0


def test_transforms_never_touch_the_arguments():
    x = jnp.array([1., 2.])
    jax.grad(lambda x: jnp.sum(x ** 2))(x)
    assert x.grad_fn is None and x._grad is None
    np.testing.assert_array_equal(np.asarray(x), [1., 2.])


def test_jacobians_use_one_batched_pass(monkeypatch):
    from minigrad.jax import _api
    calls = []
    real = _api.run_backward

    def counting(*args, **kwargs):
        calls.append(kwargs.get("batch_ndim", 0))
        return real(*args, **kwargs)

    monkeypatch.setattr(_api, "run_backward", counting)
    x = jnp.arange(50.) / 50
    jax.jacrev(lambda x: jnp.tanh(x) * 2)(x)
    assert calls == [1]
    calls.clear()
    jax.jacfwd(lambda x: jnp.tanh(x) * 2)(x)
    assert calls == [0, 1]          # the recorded pullback, then all 50 tangents at once


# ----- printing and arrays ---------------------------------------------------------------------

def test_printing_as_jax_prints():
    g = jax.grad(lambda x: x * x)(3.0)
    assert str(g) == "6.0"
    assert repr(jax.grad(lambda x: x ** 3)(2.0)) == "Array(12., dtype=float32, weak_type=True)"
    assert repr(jnp.array([1., 2.])) == "Array([1., 2.], dtype=float32)"
    assert repr(jnp.arange(3)) == "Array([0, 1, 2], dtype=int32)"
    assert repr(jnp.ones((2, 2))) == "Array([[1., 1.],\n       [1., 1.]], dtype=float32)"
    assert repr(jnp.zeros((0, 3))) == "Array([], shape=(0, 3), dtype=float32)"
    assert str(jnp.array([1., 2.])) == "[1. 2.]"


def test_weak_types_follow_jax():
    assert jnp.array(2.).weak_type and not jnp.array([2.]).weak_type
    assert not (jnp.array(2.) + jnp.float32(1)).weak_type
    assert (jnp.arange(3) * 2.0).weak_type and (jnp.arange(3) * 2.0).dtype == np.float32
    assert not jnp.sum(jnp.array(2.)).weak_type
    assert jnp.asarray(np.float64(2.0)).dtype == np.float32
    assert repr(jax.grad(lambda x: x * x)(np.float32(3.))) == "Array(6., dtype=float32)"


def test_arrays_are_immutable_and_at_updates_copy():
    x = jnp.arange(5.)
    with pytest.raises(TypeError, match="JAX arrays are immutable"):
        x[0] = 1.
    with pytest.raises(AttributeError, match="add_"):
        x.add_(1.)
    assert repr(x.at[2].set(10.)) == "Array([ 0.,  1., 10.,  3.,  4.], dtype=float32)"
    assert repr(jnp.ones(3).at[jnp.array([0, 0])].add(5.)) == "Array([11.,  1.,  1.], dtype=float32)"
    assert repr(jnp.ones(3).at[1:].multiply(5.)) == "Array([1., 5., 5.], dtype=float32)"
    np.testing.assert_array_equal(np.asarray(x), np.arange(5.))
    y = x
    y += 1
    np.testing.assert_array_equal(np.asarray(x), np.arange(5.))


def test_at_updates_are_differentiable():
    g = jax.grad(lambda x: jnp.sum(x.at[0].set(x[1] * 3.).at[2].add(x[0])))(jnp.array([1., 2., 3.]))
    np.testing.assert_array_equal(np.asarray(g), [1., 4., 1.])


# ----- pytrees ---------------------------------------------------------------------------------

def test_tree_flatten_orders_dict_keys_and_round_trips():
    tree = {"b": 1, "a": (2, None, [3, {"z": 4, "y": 5}])}
    leaves, treedef = tree_util.tree_flatten(tree)
    assert leaves == [2, 3, 5, 4, 1]
    assert repr(treedef) == "PyTreeDef({'a': (*, None, [*, {'y': *, 'z': *}]), 'b': *})"
    assert tree_util.tree_unflatten(treedef, leaves) == tree
    assert tree_util.tree_map(lambda v: v * 10, tree) == {"b": 10, "a": (20, None, [30, {"z": 40, "y": 50}])}
    assert tree_util.tree_leaves([None, (1,)]) == [1]
    assert repr(tree_util.tree_structure((1,))) == "PyTreeDef((*,))"


def test_tree_map_over_several_trees_checks_structure():
    assert tree_util.tree_map(lambda a, b: a + b, [1, 2], [10, 20]) == [11, 22]
    with pytest.raises(ValueError, match="List arity mismatch: 3 != 2"):
        tree_util.tree_map(lambda a, b: a + b, [1, 2], [1, 2, 3])


# ----- jit, vmap, random -----------------------------------------------------------------------

def test_jit_runs_the_function_and_vmap_maps_the_leading_axis():
    assert float(jax.jit(lambda x: x * 2)(3.)) == 6.0
    out = jax.vmap(lambda r: jnp.sum(r * r))(jnp.array([[1., 2.], [3., 4.]]))
    np.testing.assert_array_equal(np.asarray(out), [5., 25.])
    out = jax.vmap(lambda a, b: a * b, in_axes=(0, None))(jnp.array([1., 2.]), 3.)
    np.testing.assert_array_equal(np.asarray(out), [3., 6.])
    per_example = jax.vmap(jax.grad(lambda x: x ** 3))(jnp.array([1., 2.]))
    np.testing.assert_array_equal(np.asarray(per_example), [3., 12.])


def test_random_is_deterministic_by_key():
    key = jax.random.PRNGKey(0)
    assert repr(key) == "Array([0, 0], dtype=uint32)"
    k1, k2 = jax.random.split(key)
    a = jax.random.normal(k1, (3,))
    np.testing.assert_array_equal(np.asarray(a), np.asarray(jax.random.normal(k1, (3,))))
    assert not np.array_equal(np.asarray(a), np.asarray(jax.random.normal(k2, (3,))))
    u = jax.random.uniform(k2, (100,), minval=2., maxval=3.)
    assert u.dtype == np.float32 and 2. <= float(jnp.min(u)) and float(jnp.max(u)) < 3.


# ----- errors, in JAX's words -------------------------------------------------------------------

def test_grad_of_non_scalar_output_is_refused():
    with pytest.raises(TypeError, match=r"^Gradient only defined for scalar-output functions\. "
                                        r"Output had shape: \(3,\)\.$"):
        jax.grad(lambda x: x * 2)(jnp.ones(3))
    with pytest.raises(TypeError, match=r"Output had shape: \(1,\)\."):
        jax.grad(lambda x: x * 2)(jnp.ones(1))
    with pytest.raises(TypeError, match=r"^Gradient only defined for scalar-output functions\. "
                                        r"Output was \(1\.0, 1\.0\)\.$"):
        jax.grad(lambda x: (x, x))(1.0)


def test_integer_inputs_and_outputs_are_refused():
    with pytest.raises(TypeError, match=r"^grad requires real- or complex-valued inputs \(input dtype that "
                                        r"is a sub-dtype of np.inexact\), but got int32\. If you want"):
        jax.grad(lambda x: x * 2)(3)
    with pytest.raises(TypeError, match=r"^grad requires real-valued outputs .* but got int32\."):
        jax.grad(lambda x: jnp.array(3))(1.0)
    with pytest.raises(TypeError, match=r"^jacfwd requires real-valued inputs"):
        jax.hessian(lambda x: x * 2)(3)
    with pytest.raises(TypeError, match=r"^jacrev requires real- or complex-valued inputs"):
        jax.jacrev(lambda x: x * 2)(3)
    g = jax.grad(lambda x: x * 2., allow_int=True)(3)
    assert g.dtype == jax.float0 and g.shape == ()


def test_argnums_out_of_range():
    with pytest.raises(TypeError, match=r"^differentiating with respect to argnums=2 requires at least 3 "
                                        r"positional arguments to be passed by the caller, but got only 2 "
                                        r"positional arguments\.$"):
        jax.grad(lambda x, y: x * y, argnums=2)(1.0, 2.0)
    with pytest.raises(TypeError, match=r"argnums=\(0, 3\) requires at least 4"):
        jax.grad(lambda x, y: x * y, argnums=(0, 3))(1.0, 2.0)


def test_has_aux_needs_a_pair():
    with pytest.raises(TypeError, match=r"^expected function with aux output to return a two-element tuple, "
                                        r"but got type <class 'tuple'> with value"):
        jax.grad(lambda x: (x * 2, 1, 2), has_aux=True)(1.0)
    g, aux = jax.grad(lambda x: [x * 2, 1], has_aux=True)(1.0)
    assert float(g) == 2.0 and aux == 1


def test_jvp_argument_errors():
    with pytest.raises(TypeError, match=r"^primal and tangent arguments to jax.jvp must be tuples or lists; "
                                        r"found float and float\.$"):
        jax.jvp(lambda x: x, 1.0, 1.0)
    with pytest.raises(TypeError, match=r"must have the same tree structure; primals have tree structure "
                                        r"PyTreeDef\(\(\*,\)\) whereas tangents have tree structure "
                                        r"PyTreeDef\(\(\*, \*\)\)\.$"):
        jax.jvp(lambda x: x, (1.0,), (1.0, 2.0))
    with pytest.raises(TypeError, match=r"Got primal dtype float32 and so expected tangent dtype float32, "
                                        r"but got tangent dtype int32 instead\.$"):
        jax.jvp(lambda x: x, (1.0,), (jnp.array(1),))
    with pytest.raises(ValueError, match=r"^jvp called with different primal and tangent shapes;Got primal "
                                         r"shape \(3,\) and tangent shape as \(2,\)$"):
        jax.jvp(lambda x: x, (jnp.ones(3),), (jnp.ones(2),))


def test_vjp_cotangent_errors():
    _, pullback = jax.vjp(lambda x: x * 2, jnp.ones(2))
    with pytest.raises(ValueError, match=r"^unexpected JAX type \(e\.g\. shape/dtype\) for argument to vjp "
                                         r"function: got float32\[3\], but expected float32\[2\] because "
                                         r"the corresponding output of the function <lambda> had JAX type "
                                         r"float32\[2\]$"):
        pullback(jnp.ones(3))
    with pytest.raises(ValueError, match=r"got int32\[2\], but expected float32\[2\]"):
        pullback(jnp.ones(2, dtype=jnp.int32))
    with pytest.raises(ValueError, match=r"^unexpected tree structure of argument to vjp function: got "
                                         r"PyTreeDef\(\(\*,\)\), but expected to match PyTreeDef\(\*\)$"):
        pullback((jnp.ones(2),))


def test_non_jax_types_are_refused():
    with pytest.raises(TypeError, match=r"^Argument 'a' of type <class 'str'> is not a valid JAX type\.$"):
        jax.grad(lambda x: x)("a")


# ----- JAX's autodiff cookbook, run as written (values printed by jax 0.7.1) ---------------------

def test_autodiff_cookbook_examples():
    from minigrad.jax import grad, jacfwd, jacrev, jvp, value_and_grad, vjp, vmap
    np.testing.assert_allclose(float(grad(jnp.tanh)(2.0)), 0.070650816, rtol=1e-6)
    np.testing.assert_allclose(float(grad(grad(jnp.tanh))(2.0)), -0.13621868, rtol=1e-6)
    np.testing.assert_allclose(float(grad(grad(grad(jnp.tanh)))(2.0)), 0.25265405, rtol=1e-6)

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

    W, b = jnp.array([0.3, -0.2, 0.5]), jnp.array(0.1)
    W_grad, b_grad = grad(loss, (0, 1))(W, b)
    np.testing.assert_allclose(np.asarray(W_grad), [-0.43281612, 0.3969975, -1.12746], rtol=1e-6)
    np.testing.assert_allclose(float(b_grad), -0.51942587, rtol=1e-6)
    assert repr(b_grad).endswith("dtype=float32, weak_type=True)")     # b = jnp.array(0.1) is weak
    by_dict = grad(lambda p: loss(p["W"], p["b"]))({"W": W, "b": b})
    np.testing.assert_allclose(np.asarray(by_dict["W"]), np.asarray(W_grad))
    loss_value, (gw, gb) = value_and_grad(loss, (0, 1))(W, b)
    np.testing.assert_allclose(float(loss_value), 1.6338761, rtol=1e-6)

    f = lambda W: predict(W, b, inputs)  # noqa: E731
    J = jacfwd(f)(W)
    assert J.shape == (4, 3)
    np.testing.assert_allclose(np.asarray(J[0]), [0.12450844, 0.26817203, 0.18436828], rtol=1e-6)
    np.testing.assert_allclose(np.asarray(jacrev(f)(W)), np.asarray(J), rtol=1e-6)
    H = jacfwd(jacrev(f))(W)
    assert H.shape == (4, 3, 3)
    np.testing.assert_allclose(float(H[0, 0, 0]), -1.33069325e-02, rtol=1e-5)

    def f2(X):
        return jnp.sum(jnp.tanh(X) ** 2)

    X, V = jnp.arange(12.).reshape(3, 4) / 10, jnp.ones((3, 4)) / 3
    ans1 = jvp(grad(f2), (X,), (V,))[1]
    ans2 = jnp.tensordot(jacfwd(jacrev(f2))(X), V, 2)
    assert bool(jnp.allclose(ans1, ans2, 1e-4, 1e-4))

    y, vjp_fun = vjp(lambda x: jnp.sum(jnp.tanh(x), axis=0), X)
    (outs,) = vmap(vjp_fun)(jnp.arange(8.).reshape(2, 4) / 7)
    assert outs.shape == (2, 3, 4)
    Jt = vmap(lambda s: jvp(f, (W,), (s,))[1], in_axes=1)(jnp.eye(3))
    np.testing.assert_allclose(np.asarray(jnp.transpose(Jt)), np.asarray(J), rtol=1e-6)


def test_unrelated_active_recorder_does_not_make_results_carry_graphs():
    from minigrad.autograd.graph import Recorder
    with Recorder():
        g = jax.grad(lambda x: jnp.sum(jnp.sin(x)))(jnp.array([0., 1.]))
    assert g.grad_fn is None
    np.testing.assert_allclose(np.asarray(g), np.cos([0., 1.]), rtol=1e-6)


def test_namedtuples_and_registered_classes_are_pytree_nodes():
    from collections import namedtuple
    P = namedtuple("P", ["w", "b"])
    assert repr(tree_util.tree_structure(P(1, (2, 3)))) == "PyTreeDef(CustomNode(namedtuple[P], [*, (*, *)]))"
    g = jax.grad(lambda p: p.w * p.b)(P(2., 3.))
    assert isinstance(g, P) and (float(g.w), float(g.b)) == (3., 2.)

    class Pair:
        def __init__(self, a, b):
            self.a, self.b = a, b

    tree_util.register_pytree_node(Pair, lambda p: ((p.a, p.b), "meta"), lambda aux, ch: Pair(*ch))
    leaves, treedef = tree_util.tree_flatten(Pair(1, [2]))
    assert leaves == [1, 2] and repr(treedef) == "PyTreeDef(CustomNode(Pair[meta], [*, [*]]))"
    g = jax.grad(lambda p: p.a * p.b[0])(Pair(2., [5.]))
    assert isinstance(g, Pair) and float(g.a) == 5. and float(g.b[0]) == 2.


def test_conversions_raise_jax_errors():
    with pytest.raises(ValueError, match="truth value of an array with more than one element is ambiguous"):
        bool(jnp.ones(2))
    with pytest.raises(TypeError, match=r"Only scalar arrays can be converted to Python scalars"):
        float(jnp.ones(2))
    with pytest.raises(TypeError, match=r"^add got incompatible shapes for broadcasting: \(2,\), \(3,\)\.$"):
        jnp.ones(2) + jnp.ones(3)
    assert float(jnp.array(2.5)) == 2.5


# ----- custom rules ------------------------------------------------------------------------------

def test_custom_vjp_replaces_the_derivative_and_composes():
    @jax.custom_vjp
    def f(x, y):
        return jnp.sin(x) * y

    def f_fwd(x, y):
        return f(x, y), (jnp.cos(x), jnp.sin(x), y)

    def f_bwd(res, g):
        cos_x, sin_x, y = res
        return (cos_x * g * y * 10, sin_x * g)       # deliberately not the true derivative in x

    f.defvjp(f_fwd, f_bwd)
    gx, gy = jax.grad(f, argnums=(0, 1))(1., 2.)
    np.testing.assert_allclose([float(gx), float(gy)], [10 * np.cos(1.) * 2, np.sin(1.)], rtol=1e-6)
    # second order differentiates bwd through its residuals: d/dx 20 cos x = -20 sin x
    np.testing.assert_allclose(float(jax.grad(jax.grad(f))(1., 2.)), -20 * np.sin(1.), rtol=1e-5)
    assert float(f(1., 2.)) == pytest.approx(np.sin(1.) * 2, rel=1e-6)      # no transform: fun itself


def test_custom_jvp_drives_forward_and_reverse_mode():
    @jax.custom_jvp
    def h(x):
        return jnp.sin(x)

    @h.defjvp
    def h_jvp(primals, tangents):
        return h(primals[0]), 3 * jnp.cos(primals[0]) * tangents[0]

    assert float(jax.jvp(h, (0.,), (1.,))[1]) == 3.0
    assert float(jax.grad(h)(0.)) == 3.0
    np.testing.assert_allclose(float(jax.grad(jax.grad(h))(0.5)), -3 * np.sin(0.5), rtol=1e-6)
