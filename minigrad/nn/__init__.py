"""torch.nn: modules, parameters, layers, losses, ``functional`` and ``init``."""
from . import functional, init  # noqa: F401
from .layers import (CrossEntropyLoss, Dropout, Flatten, Identity, Linear, LogSoftmax, ModuleList,  # noqa: F401
                     MSELoss, NLLLoss, ReLU, Sequential, Sigmoid, Softmax, Tanh)
from .module import Module  # noqa: F401
from .parameter import Parameter  # noqa: F401
