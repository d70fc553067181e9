// Factories (trp_ops_*): every one takes dtype, device and requires_grad. torch:: (not at::)
// factories are used because they honour requires_grad.
#include "handles.h"

using trp::T;
using trp::wrap;

#define TRP_FACTORY(name, expr)                                                                      \
  TRP_API trp_tensor trp_ops_##name(const int64_t* shape, int n, int dtype, int device_type, int device_index, \
                                    int requires_grad) {                                             \
    TRP_TENSOR(expr(trp::dims(shape, n), trp::options(dtype, device_type, device_index, requires_grad))) \
  }

extern "C" {

TRP_FACTORY(zeros, torch::zeros)
TRP_FACTORY(ones, torch::ones)
TRP_FACTORY(empty, torch::empty)

TRP_API trp_tensor trp_ops_full(const int64_t* shape, int n, double value, int integral, int dtype, int device_type,
                                int device_index, int requires_grad) {
  TRP_TENSOR(torch::full(trp::dims(shape, n), trp::scalar(value, integral),
                         trp::options(dtype, device_type, device_index, requires_grad)))
}

TRP_API trp_tensor trp_ops_arange(double start, double end, double step, int integral, int dtype, int device_type,
                                  int device_index, int requires_grad) {
  TRP_TENSOR(torch::arange(trp::scalar(start, integral), trp::scalar(end, integral), trp::scalar(step, integral),
                           trp::options(dtype, device_type, device_index, requires_grad)))
}

TRP_API trp_tensor trp_ops_linspace(double start, double end, int64_t steps, int dtype, int device_type, int device_index,
                                    int requires_grad) {
  TRP_TENSOR(torch::linspace(start, end, steps, trp::options(dtype, device_type, device_index, requires_grad)))
}

TRP_API trp_tensor trp_ops_eye(int64_t n, int dtype, int device_type, int device_index, int requires_grad) {
  TRP_TENSOR(torch::eye(n, trp::options(dtype, device_type, device_index, requires_grad)))
}

TRP_API trp_tensor trp_ops_zeros_like(trp_tensor a) { TRP_TENSOR(torch::zeros_like(T(a))) }
TRP_API trp_tensor trp_ops_ones_like(trp_tensor a) { TRP_TENSOR(torch::ones_like(T(a))) }
TRP_API trp_tensor trp_ops_empty_like(trp_tensor a) { TRP_TENSOR(torch::empty_like(T(a))) }
TRP_API trp_tensor trp_ops_full_like(trp_tensor a, double value, int integral) {
  TRP_TENSOR(torch::full_like(T(a), trp::scalar(value, integral)))
}

}  // extern "C"
