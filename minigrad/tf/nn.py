# ruff: noqa: F401, A004
"""``tf.nn``: activations and losses (thin calls into minigrad.ops, via math_ops)."""
from .math_ops import (l2_loss, leaky_relu, log_softmax, relu, sigmoid,
                       sigmoid_cross_entropy_with_logits,  # noqa: F401
                       softmax, softmax_cross_entropy_with_logits, softplus,
                       sparse_softmax_cross_entropy_with_logits, tanh)
