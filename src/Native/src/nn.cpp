// Layers as functions, losses, gradient clipping and the fused recurrent kernels (trp_nn_*).
#include "handles.h"

using trp::T;
using trp::wrap;

namespace {

// The fused recurrent kernels take batched (3-d) input; PyTorch's modules also accept one
// unbatched sequence (2-d input, 2-d states), which is a batch of one here.
struct Batched {
  at::Tensor input;
  bool unbatched;
};

Batched batched(const at::Tensor& input, bool batch_first) {
  if (input.dim() == 3) return {input, false};
  if (input.dim() == 2) return {input.unsqueeze(batch_first ? 0 : 1), true};
  throw std::invalid_argument("expected a 2-d (unbatched) or 3-d input, got " + std::to_string(input.dim()) + "-d");
}

void check_params(int count, int has_biases, int64_t num_layers, int bidirectional) {
  int64_t per_layer = has_biases ? 4 : 2;
  int64_t expected = per_layer * num_layers * (bidirectional ? 2 : 1);
  if (count != expected)
    throw std::invalid_argument("expected " + std::to_string(expected) + " weight tensors (" + std::to_string(per_layer) +
                                " per layer and direction), got " + std::to_string(count));
}

// The initial state: the given one (unsqueezed when the input is unbatched) or zeros.
at::Tensor state_or_zeros(trp_tensor h, const Batched& in, bool batch_first, int64_t layers, int64_t hidden) {
  if (h != nullptr) return in.unbatched ? T(h).unsqueeze(1) : T(h);
  int64_t batch = in.input.size(batch_first ? 0 : 1);
  return at::zeros({layers, batch, hidden}, in.input.options());
}

at::Tensor unbatch(const at::Tensor& t, bool unbatched, int64_t dim) { return unbatched ? t.squeeze(dim) : t; }

// Shared by rnn_tanh, rnn_relu and gru, whose states are a single h.
template <typename F>
int single_state_rnn(F kernel, trp_tensor input, trp_tensor h0, const trp_tensor* params, int nparams, int has_biases,
                     int64_t num_layers, double dropout, int train, int bidirectional, int batch_first,
                     trp_tensor* output, trp_tensor* hn) {
  check_params(nparams, has_biases, num_layers, bidirectional);
  auto weights = trp::tensors(params, nparams);
  auto in = batched(T(input), batch_first != 0);
  int64_t layers = num_layers * (bidirectional ? 2 : 1);
  auto hx = state_or_zeros(h0, in, batch_first != 0, layers, weights[1].size(1));
  auto result = kernel(in.input, hx, weights, has_biases != 0, num_layers, dropout, train != 0, bidirectional != 0,
                       batch_first != 0);
  *output = wrap(unbatch(std::get<0>(result), in.unbatched, batch_first ? 0 : 1));
  *hn = wrap(unbatch(std::get<1>(result), in.unbatched, 1));
  return 0;
}

}  // namespace

extern "C" {

TRP_API trp_tensor trp_nn_linear(trp_tensor input, trp_tensor weight, trp_tensor bias) {
  TRP_TENSOR(at::linear(T(input), T(weight), trp::opt(bias)))
}

// padding_idx < 0: none (PyTorch passes -1 too). The padding row gets no gradient.
TRP_API trp_tensor trp_nn_embedding(trp_tensor weight, trp_tensor indices, int64_t padding_idx) {
  TRP_TENSOR(at::embedding(T(weight), T(indices), padding_idx, false, false))
}

TRP_API trp_tensor trp_nn_dropout(trp_tensor input, double p, int train) { TRP_TENSOR(at::dropout(T(input), p, train != 0)) }

TRP_API trp_tensor trp_nn_softmax(trp_tensor input, int64_t dim) { TRP_TENSOR(at::softmax(T(input), dim)) }
TRP_API trp_tensor trp_nn_log_softmax(trp_tensor input, int64_t dim) { TRP_TENSOR(at::log_softmax(T(input), dim)) }

// reduction: 0 = none, 1 = mean, 2 = sum (at::Reduction). Targets are class indices.
TRP_API trp_tensor trp_nn_cross_entropy(trp_tensor input, trp_tensor target, trp_tensor weight, int reduction,
                                        int64_t ignore_index, double label_smoothing) {
  TRP_TENSOR(at::cross_entropy_loss(T(input), T(target), trp::opt(weight), reduction, ignore_index, label_smoothing))
}
TRP_API trp_tensor trp_nn_nll_loss(trp_tensor input, trp_tensor target, trp_tensor weight, int reduction,
                                   int64_t ignore_index) {
  TRP_TENSOR(at::nll_loss_nd(T(input), T(target), trp::opt(weight), reduction, ignore_index))
}
TRP_API trp_tensor trp_nn_mse_loss(trp_tensor input, trp_tensor target, int reduction) {
  TRP_TENSOR(at::mse_loss(T(input), T(target), reduction))
}
TRP_API trp_tensor trp_nn_binary_cross_entropy_with_logits(trp_tensor input, trp_tensor target, int reduction) {
  TRP_TENSOR(at::binary_cross_entropy_with_logits(T(input), T(target), c10::nullopt, c10::nullopt, reduction))
}
TRP_API trp_tensor trp_nn_layer_norm(trp_tensor input, const int64_t* shape, int n, trp_tensor weight, trp_tensor bias,
                                     double eps) {
  TRP_TENSOR(at::layer_norm(T(input), trp::dims(shape, n), trp::opt(weight), trp::opt(bias), eps))
}
// F.batch_norm: in training, normalizes with the batch statistics and updates running_mean/var
// in place (momentum as PyTorch: new = (1-m)*old + m*batch, unbiased var); in eval uses them.
TRP_API trp_tensor trp_nn_batch_norm(trp_tensor input, trp_tensor running_mean, trp_tensor running_var, trp_tensor weight,
                                     trp_tensor bias, int training, double momentum, double eps) {
  TRP_TENSOR(at::batch_norm(T(input), trp::opt(weight), trp::opt(bias), trp::opt(running_mean), trp::opt(running_var),
                            training != 0, momentum, eps, false))
}

// torch.nn.utils.clip_grad_norm_: scales every gradient in place so that their joint norm is at
// most max_norm; returns the norm before clipping. Parameters without a gradient are skipped.
// norm_type = +inf gives the max-abs norm. Same op sequence as PyTorch 1.13.
TRP_API trp_tensor trp_nn_clip_grad_norm_(const trp_tensor* params, int count, double max_norm, double norm_type) {
  TRP_GUARD(nullptr, {
    at::NoGradGuard no_grad;
    std::vector<at::Tensor> grads;
    for (auto& p : trp::tensors(params, count))
      if (p.grad().defined()) grads.push_back(p.grad());
    if (grads.empty()) return wrap(at::zeros({}, at::kFloat));
    auto device = grads[0].device();
    std::vector<at::Tensor> norms;
    norms.reserve(grads.size());
    at::Tensor total;
    if (std::isinf(norm_type)) {
      for (auto& g : grads) norms.push_back(g.detach().abs().max().to(device));
      total = norms.size() == 1 ? norms[0] : at::max(at::stack(norms));
    } else {
      for (auto& g : grads) norms.push_back(at::norm(g.detach(), norm_type).to(device));
      total = at::norm(at::stack(norms), norm_type);
    }
    auto coef = at::clamp(max_norm / (total + 1e-6), c10::nullopt, 1.0);
    for (auto& g : grads) g.detach().mul_(coef.to(g.device()));
    return wrap(total);
  })
}

// The fused recurrent kernels (what nn.RNN / nn.LSTM / nn.GRU call). params: per layer (and
// direction) w_ih, w_hh[, b_ih, b_hh], in PyTorch's order; they may be any tensors (e.g. weights
// after weight dropout). h0 / c0 NULL = zeros. Outputs: output, h_n (and c_n).
TRP_API int trp_nn_rnn_tanh(trp_tensor input, trp_tensor h0, const trp_tensor* params, int nparams, int has_biases,
                            int64_t num_layers, double dropout, int train, int bidirectional, int batch_first,
                            trp_tensor* output, trp_tensor* hn) {
  TRP_GUARD(-1, {
    return single_state_rnn(
        [](auto&&... a) { return at::rnn_tanh(a...); }, input, h0, params, nparams, has_biases, num_layers, dropout,
        train, bidirectional, batch_first, output, hn);
  })
}

TRP_API int trp_nn_rnn_relu(trp_tensor input, trp_tensor h0, const trp_tensor* params, int nparams, int has_biases,
                            int64_t num_layers, double dropout, int train, int bidirectional, int batch_first,
                            trp_tensor* output, trp_tensor* hn) {
  TRP_GUARD(-1, {
    return single_state_rnn(
        [](auto&&... a) { return at::rnn_relu(a...); }, input, h0, params, nparams, has_biases, num_layers, dropout,
        train, bidirectional, batch_first, output, hn);
  })
}

TRP_API int trp_nn_gru(trp_tensor input, trp_tensor h0, const trp_tensor* params, int nparams, int has_biases,
                       int64_t num_layers, double dropout, int train, int bidirectional, int batch_first,
                       trp_tensor* output, trp_tensor* hn) {
  TRP_GUARD(-1, {
    return single_state_rnn(
        [](auto&&... a) { return at::gru(a...); }, input, h0, params, nparams, has_biases, num_layers, dropout,
        train, bidirectional, batch_first, output, hn);
  })
}

TRP_API int trp_nn_lstm(trp_tensor input, trp_tensor h0, trp_tensor c0, const trp_tensor* params, int nparams,
                        int has_biases, int64_t num_layers, double dropout, int train, int bidirectional,
                        int batch_first, trp_tensor* output, trp_tensor* hn, trp_tensor* cn) {
  TRP_GUARD(-1, {
    if ((h0 == nullptr) != (c0 == nullptr)) throw std::invalid_argument("expected both h0 and c0 or neither, got one");
    check_params(nparams, has_biases, num_layers, bidirectional);
    auto weights = trp::tensors(params, nparams);
    auto in = batched(T(input), batch_first != 0);
    int64_t layers = num_layers * (bidirectional ? 2 : 1);
    int64_t hidden = weights[1].size(1);
    auto h = state_or_zeros(h0, in, batch_first != 0, layers, hidden);
    auto c = state_or_zeros(c0, in, batch_first != 0, layers, hidden);
    auto result = at::lstm(in.input, {h, c}, weights, has_biases != 0, num_layers, dropout, train != 0,
                           bidirectional != 0, batch_first != 0);
    *output = wrap(unbatch(std::get<0>(result), in.unbatched, batch_first ? 0 : 1));
    *hn = wrap(unbatch(std::get<1>(result), in.unbatched, 1));
    *cn = wrap(unbatch(std::get<2>(result), in.unbatched, 1));
    return 0;
  })
}

}  // extern "C"
