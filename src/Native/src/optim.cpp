// Optimizer steps over a whole parameter list in one call (trp_optim_*).
//
// Each step runs the very ATen op sequence of PyTorch 1.13's single-tensor optimizers
// (torch/optim/{sgd,adam,adamw}.py), so results match PyTorch bitwise; doing it here saves the
// per-op interpreter and interop overhead. Parameters without a gradient are skipped and keep
// their step count. steps[i] counts the updates of parameter i (PyTorch's state['step']); state
// tensors are allocated by the caller (zeros, same shape as the parameter).
#include <cmath>
#include "handles.h"

using trp::T;

namespace {
void check_lists(const trp_tensor* params, int count, const int64_t* steps) {
  if (count < 0) throw std::invalid_argument("expected a parameter count >= 0, got " + std::to_string(count));
  if (count > 0 && (params == nullptr || steps == nullptr))
    throw std::invalid_argument("expected parameter and step arrays, got NULL");
}

at::Tensor& state(const trp_tensor* list, int i, const char* what) {
  if (list == nullptr || list[i] == nullptr)
    throw std::invalid_argument(std::string("expected a ") + what + " tensor for parameter " + std::to_string(i) + ", got NULL");
  return T(list[i]);
}
}  // namespace

extern "C" {

// SGD with momentum, dampening, Nesterov and L2 weight decay. buffers may be NULL when momentum == 0.
// Here steps[i] counts the updates of buffer i: at 0 the buffer takes d_p as it is (PyTorch creates
// it with clone(d_p)), so momentum may be switched on at any step.
TRP_API int trp_optim_sgd_step(const trp_tensor* params, const trp_tensor* buffers, int64_t* steps, int count, double lr,
                               double momentum, double dampening, double weight_decay, int nesterov) {
  TRP_STATUS({
    check_lists(params, count, steps);
    at::NoGradGuard no_grad;
    for (int i = 0; i < count; ++i) {
      auto& param = T(params[i]);
      const auto& grad = param.grad();
      if (!grad.defined()) continue;
      at::Tensor d_p = grad;
      if (weight_decay != 0) d_p = d_p.add(param, weight_decay);
      if (momentum != 0) {
        auto& buf = state(buffers, i, "momentum buffer");
        if (steps[i] == 0)
          buf.copy_(d_p);  // PyTorch: buf = clone(d_p) on the first step, whatever the dampening
        else
          buf.mul_(momentum).add_(d_p, 1 - dampening);
        steps[i] += 1;
        d_p = nesterov ? d_p.add(buf, momentum) : buf;
      }
      param.add_(d_p, -lr);
    }
  })
}

// Adam (decoupled = 0: L2 weight decay added to the gradient) and AdamW (decoupled = 1: the
// parameter shrinks by lr * weight_decay before the update), bias-corrected.
TRP_API int trp_optim_adam_step(const trp_tensor* params, const trp_tensor* exp_avgs, const trp_tensor* exp_avg_sqs,
                                int64_t* steps, int count, double lr, double beta1, double beta2, double eps,
                                double weight_decay, int decoupled) {
  TRP_STATUS({
    check_lists(params, count, steps);
    at::NoGradGuard no_grad;
    for (int i = 0; i < count; ++i) {
      auto& param = T(params[i]);
      at::Tensor grad = param.grad();
      if (!grad.defined()) continue;
      auto& exp_avg = state(exp_avgs, i, "exp_avg");
      auto& exp_avg_sq = state(exp_avg_sqs, i, "exp_avg_sq");
      steps[i] += 1;
      double step = static_cast<double>(steps[i]);
      if (decoupled)
        param.mul_(1 - lr * weight_decay);
      else if (weight_decay != 0)
        grad = grad.add(param, weight_decay);
      exp_avg.mul_(beta1).add_(grad, 1 - beta1);
      exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
      double bias_correction1 = 1 - std::pow(beta1, step);
      double bias_correction2 = 1 - std::pow(beta2, step);
      double step_size = lr / bias_correction1;
      double bias_correction2_sqrt = std::sqrt(bias_correction2);
      auto denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
      param.addcdiv_(exp_avg, denom, -step_size);
    }
  })
}

// Clears the gradients of a parameter list: set_to_none drops them (the next backward allocates
// fresh ones), otherwise they are zeroed in place (PyTorch 1.13's default).
TRP_API int trp_optim_zero_grad(const trp_tensor* params, int count, int set_to_none) {
  TRP_STATUS({
    for (auto& p : trp::tensors(params, count)) {
      auto& g = p.mutable_grad();
      if (!g.defined()) continue;
      if (set_to_none) {
        g.reset();
      } else {
        if (g.grad_fn()) g = g.detach();
        else g.requires_grad_(false);
        g.zero_();
      }
    }
  })
}

}  // extern "C"
