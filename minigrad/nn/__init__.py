"""torch.nn: modules, parameters, layers, losses, ``functional`` and ``init``."""
from . import functional, init  # noqa: F401
from .layers import (BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, Dropout, Flatten, Identity,  # noqa: F401
                     L1Loss, Linear, LogSoftmax, ModuleList, MSELoss, NLLLoss, ReLU, Sequential, Sigmoid,
                     Softmax, Tanh)
from .module import Module  # noqa: F401
from .parameter import Parameter  # noqa: F401
