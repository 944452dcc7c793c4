"""``tf.compat.v1``: the TF1 names the tutorials use, pointing at the same objects."""
from __future__ import annotations

import types

from . import gradients as _gradients, math_ops as _math_ops, session as _session, tape as _tape
from . import tensor as _tensor

v1 = types.SimpleNamespace(
    Session=_session.Session, InteractiveSession=_session.InteractiveSession,
    global_variables_initializer=_session.global_variables_initializer,
    initialize_all_variables=_session.initialize_all_variables,
    variables_initializer=_session.variables_initializer,
    global_variables=_session.global_variables, trainable_variables=_session.trainable_variables,
    reset_default_graph=_session.reset_default_graph, Graph=_session.Graph,
    disable_eager_execution=_session.disable_eager_execution,
    disable_v2_behavior=_session.disable_v2_behavior, enable_eager_execution=_session.enable_eager_execution,
    executing_eagerly=_session.executing_eagerly,
    get_variable=_tensor.get_variable, Variable=_tensor.Variable, constant=_tensor.constant,
    convert_to_tensor=_tensor.convert_to_tensor, gradients=_gradients.gradients,
    stop_gradient=_gradients.stop_gradient, GradientTape=_tape.GradientTape,
    matmul=_math_ops.matmul, reduce_sum=_math_ops.reduce_sum, reduce_mean=_math_ops.reduce_mean,
)
