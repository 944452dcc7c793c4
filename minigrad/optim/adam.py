"""torch.optim.Adam, with torch 2.13's single-tensor update, step for step."""
from __future__ import annotations

from typing import Any, Callable

from .. import ops
from .._mode import no_grad
from ..creation import zeros_like
from .optimizer import Optimizer


class Adam(Optimizer):
    """Adam (and AMSGrad, and with ``decoupled_weight_decay`` AdamW). Parameters are updated in
    place under ``no_grad``; ``state[p]`` holds ``step``, ``exp_avg``, ``exp_avg_sq`` (and
    ``max_exp_avg_sq``).

    >>> import minigrad as torch
    >>> w = torch.nn.Parameter(torch.tensor([1., -1.]))
    >>> opt = torch.optim.Adam([w], lr=0.1)
    >>> (w * w).sum().backward(); opt.step(); w
    Parameter containing:
    tensor([ 0.9000, -0.9000], requires_grad=True)
    """

    def __init__(self, params: Any, lr: float = 1e-3, betas: tuple = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0, amsgrad: bool = False, *, foreach: bool | None = None,
                 maximize: bool = False, capturable: bool = False, differentiable: bool = False,
                 fused: bool | None = None, decoupled_weight_decay: bool = False) -> None:
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= betas[0] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 0: {betas[0]}")
        if not 0.0 <= betas[1] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 1: {betas[1]}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad,
                        maximize=maximize, foreach=foreach, capturable=capturable,
                        differentiable=differentiable, fused=fused,
                        decoupled_weight_decay=decoupled_weight_decay)
        super().__init__(params, defaults)

    def step(self, closure: Callable | None = None) -> Any:
        """One Adam update of every parameter that has a gradient."""
        loss = self._closure(closure)
        with no_grad():
            for group in self.param_groups:
                lr, (beta1, beta2), eps = group["lr"], group["betas"], group["eps"]
                weight_decay, amsgrad = group["weight_decay"], group["amsgrad"]
                for param in group["params"]:
                    if param.grad is None:
                        continue
                    grad = param.grad if not group["maximize"] else -param.grad
                    state = self.state[param]
                    if not state:
                        state["step"] = 0
                        state["exp_avg"] = zeros_like(param)
                        state["exp_avg_sq"] = zeros_like(param)
                        if amsgrad:
                            state["max_exp_avg_sq"] = zeros_like(param)
                    state["step"] += 1
                    step, exp_avg, exp_avg_sq = state["step"], state["exp_avg"], state["exp_avg_sq"]
                    if weight_decay != 0:
                        if group["decoupled_weight_decay"]:
                            param.mul_(1 - lr * weight_decay)
                        else:
                            grad = grad.add(param, alpha=weight_decay)
                    exp_avg.add_((grad - exp_avg) * (1 - beta1))             # lerp_(grad, 1 - beta1)
                    exp_avg_sq.mul_(beta2).add_(grad * grad * (1 - beta2))   # addcmul_(grad, grad, 1 - beta2)
                    step_size = lr / (1 - beta1 ** step)
                    bias_correction2_sqrt = (1 - beta2 ** step) ** 0.5
                    second = exp_avg_sq
                    if amsgrad:
                        second = state["max_exp_avg_sq"]
                        second.copy_(ops.maximum(second, exp_avg_sq))
                    denom = (second.sqrt() / bias_correction2_sqrt).add_(eps)
                    param.add_(exp_avg / denom * -step_size)     # addcdiv_(exp_avg, denom, -step_size)
        return loss
