"""torch.autograd: the entry points, grad modes, and the graph inspection API (``graph``)."""
from .._mode import enable_grad, is_grad_enabled, no_grad, set_grad_enabled  # noqa: F401
from . import graph  # noqa: F401
from .anomaly import detect_anomaly, set_detect_anomaly  # noqa: F401
from .grad import backward, grad  # noqa: F401
from . import function  # noqa: F401,E402
from .function import Function  # noqa: F401,E402
from . import functional  # noqa: F401,E402
from .gradcheck import GradcheckError, gradcheck, gradgradcheck  # noqa: F401,E402
