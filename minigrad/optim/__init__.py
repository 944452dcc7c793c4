"""torch.optim: SGD and Adam over minigrad tensors."""
from .adam import Adam  # noqa: F401
from .optimizer import Optimizer  # noqa: F401
from .sgd import SGD  # noqa: F401
