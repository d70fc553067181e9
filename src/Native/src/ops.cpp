// Pointwise arithmetic, comparisons, activations, matmul and conversions (trp_ops_*).
//
// Every op returns a new handle (NULL on error) or, for in-place ops, 0 / -1. Broadcasting, type
// promotion and autograd are libtorch's own: these are one-line forwards to ATen so that results
// are bitwise what PyTorch computes.
#include "handles.h"

using trp::T;
using trp::wrap;

#define TRP_UNARY(name, expr) \
  TRP_API trp_tensor trp_ops_##name(trp_tensor a) { TRP_TENSOR(expr) }
#define TRP_BINARY(name, expr) \
  TRP_API trp_tensor trp_ops_##name(trp_tensor a, trp_tensor b) { TRP_TENSOR(expr) }
// tensor (op) scalar and scalar (op) tensor ("r" variants) with Python-scalar type promotion.
#define TRP_BINARY_SCALAR(name, expr)                                                              \
  TRP_API trp_tensor trp_ops_##name(trp_tensor a, double value, int integral) { TRP_TENSOR(expr) }
#define TRP_INPLACE(name, stmt) \
  TRP_API int trp_ops_##name(trp_tensor a, trp_tensor b) { TRP_STATUS({ stmt; }) }
#define TRP_INPLACE_SCALAR(name, stmt) \
  TRP_API int trp_ops_##name(trp_tensor a, double value, int integral) { TRP_STATUS({ stmt; }) }

namespace {
inline at::Scalar S(double value, int integral) { return trp::scalar(value, integral); }
inline at::Tensor W(double value, int integral) { return trp::wrapped_scalar(value, integral); }
// alpha of add/sub: integral values stay integral so int64 tensors accept the default alpha of 1.
inline at::Scalar A(double alpha) {
  return alpha == static_cast<double>(static_cast<int64_t>(alpha)) ? at::Scalar(static_cast<int64_t>(alpha)) : at::Scalar(alpha);
}
}  // namespace

extern "C" {

// ---- binary, tensor with tensor (broadcasting) ----
TRP_API trp_tensor trp_ops_add(trp_tensor a, trp_tensor b, double alpha) { TRP_TENSOR(at::add(T(a), T(b), A(alpha))) }
TRP_API trp_tensor trp_ops_sub(trp_tensor a, trp_tensor b, double alpha) { TRP_TENSOR(at::sub(T(a), T(b), A(alpha))) }
TRP_BINARY(mul, at::mul(T(a), T(b)))
TRP_BINARY(div, at::div(T(a), T(b)))
TRP_BINARY(pow, at::pow(T(a), T(b)))
TRP_BINARY(remainder, at::remainder(T(a), T(b)))
TRP_BINARY(maximum, at::maximum(T(a), T(b)))
TRP_BINARY(minimum, at::minimum(T(a), T(b)))
TRP_BINARY(eq, at::eq(T(a), T(b)))
TRP_BINARY(ne, at::ne(T(a), T(b)))
TRP_BINARY(lt, at::lt(T(a), T(b)))
TRP_BINARY(le, at::le(T(a), T(b)))
TRP_BINARY(gt, at::gt(T(a), T(b)))
TRP_BINARY(ge, at::ge(T(a), T(b)))
TRP_BINARY(logical_and, at::logical_and(T(a), T(b)))
TRP_BINARY(logical_or, at::logical_or(T(a), T(b)))
TRP_BINARY(matmul, at::matmul(T(a), T(b)))
TRP_BINARY(mm, at::mm(T(a), T(b)))
TRP_BINARY(bmm, at::bmm(T(a), T(b)))
TRP_BINARY(outer, at::outer(T(a), T(b)))

// ---- binary with a scalar ----
TRP_BINARY_SCALAR(add_scalar, at::add(T(a), W(value, integral)))
TRP_BINARY_SCALAR(sub_scalar, at::sub(T(a), W(value, integral)))
TRP_BINARY_SCALAR(rsub_scalar, at::sub(W(value, integral), T(a)))
TRP_BINARY_SCALAR(mul_scalar, at::mul(T(a), W(value, integral)))
TRP_BINARY_SCALAR(div_scalar, at::div(T(a), W(value, integral)))
TRP_BINARY_SCALAR(rdiv_scalar, at::div(W(value, integral), T(a)))
TRP_BINARY_SCALAR(pow_scalar, at::pow(T(a), S(value, integral)))
TRP_BINARY_SCALAR(rpow_scalar, at::pow(S(value, integral), T(a)))
TRP_BINARY_SCALAR(remainder_scalar, at::remainder(T(a), S(value, integral)))
TRP_BINARY_SCALAR(eq_scalar, at::eq(T(a), S(value, integral)))
TRP_BINARY_SCALAR(ne_scalar, at::ne(T(a), S(value, integral)))
TRP_BINARY_SCALAR(lt_scalar, at::lt(T(a), S(value, integral)))
TRP_BINARY_SCALAR(le_scalar, at::le(T(a), S(value, integral)))
TRP_BINARY_SCALAR(gt_scalar, at::gt(T(a), S(value, integral)))
TRP_BINARY_SCALAR(ge_scalar, at::ge(T(a), S(value, integral)))

// ---- unary ----
TRP_UNARY(neg, at::neg(T(a)))
TRP_UNARY(abs, at::abs(T(a)))
TRP_UNARY(exp, at::exp(T(a)))
TRP_UNARY(log, at::log(T(a)))
TRP_UNARY(log1p, at::log1p(T(a)))
TRP_UNARY(sqrt, at::sqrt(T(a)))
TRP_UNARY(rsqrt, at::rsqrt(T(a)))
TRP_UNARY(square, at::square(T(a)))
TRP_UNARY(sin, at::sin(T(a)))
TRP_UNARY(cos, at::cos(T(a)))
TRP_UNARY(tanh, at::tanh(T(a)))
TRP_UNARY(sigmoid, at::sigmoid(T(a)))
TRP_UNARY(relu, at::relu(T(a)))
TRP_UNARY(gelu, at::gelu(T(a)))
TRP_UNARY(silu, at::silu(T(a)))
TRP_UNARY(floor, at::floor(T(a)))
TRP_UNARY(ceil, at::ceil(T(a)))
TRP_UNARY(round, at::round(T(a)))
TRP_UNARY(sign, at::sign(T(a)))
TRP_UNARY(reciprocal, at::reciprocal(T(a)))
TRP_UNARY(logical_not, at::logical_not(T(a)))
TRP_UNARY(isnan, at::isnan(T(a)))
TRP_UNARY(isinf, at::isinf(T(a)))
TRP_UNARY(clone, T(a).clone())
TRP_API trp_tensor trp_ops_leaky_relu(trp_tensor a, double slope) { TRP_TENSOR(at::leaky_relu(T(a), slope)) }

// Bounds are optional: has_min / has_max = 0 leaves that side open.
TRP_API trp_tensor trp_ops_clamp(trp_tensor a, int has_min, double min, int has_max, double max) {
  TRP_TENSOR(at::clamp(T(a), has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                       has_max ? c10::optional<at::Scalar>(max) : c10::nullopt))
}

TRP_API trp_tensor trp_ops_where(trp_tensor cond, trp_tensor a, trp_tensor b) { TRP_TENSOR(at::where(T(cond), T(a), T(b))) }

TRP_API trp_tensor trp_ops_masked_fill(trp_tensor a, trp_tensor mask, double value, int integral) {
  TRP_TENSOR(at::masked_fill(T(a), T(mask), S(value, integral)))
}

TRP_API trp_tensor trp_ops_masked_select(trp_tensor a, trp_tensor mask) { TRP_TENSOR(at::masked_select(T(a), T(mask))) }

// ---- in place (autograd checks leaf/version rules and reports misuse) ----
TRP_API int trp_ops_add_(trp_tensor a, trp_tensor b, double alpha) { TRP_STATUS({ T(a).add_(T(b), A(alpha)); }) }
TRP_API int trp_ops_sub_(trp_tensor a, trp_tensor b, double alpha) { TRP_STATUS({ T(a).sub_(T(b), A(alpha)); }) }
TRP_INPLACE(mul_, T(a).mul_(T(b)))
TRP_INPLACE(div_, T(a).div_(T(b)))
TRP_INPLACE(copy_, T(a).copy_(T(b)))
TRP_INPLACE_SCALAR(add_scalar_, T(a).add_(S(value, integral)))
TRP_INPLACE_SCALAR(sub_scalar_, T(a).sub_(S(value, integral)))
TRP_INPLACE_SCALAR(mul_scalar_, T(a).mul_(S(value, integral)))
TRP_INPLACE_SCALAR(div_scalar_, T(a).div_(S(value, integral)))
TRP_INPLACE_SCALAR(fill_, T(a).fill_(S(value, integral)))
TRP_API int trp_ops_clamp_(trp_tensor a, int has_min, double min, int has_max, double max) {
  TRP_STATUS({
    T(a).clamp_(has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                has_max ? c10::optional<at::Scalar>(max) : c10::nullopt);
  })
}
TRP_API int trp_ops_masked_fill_(trp_tensor a, trp_tensor mask, double value, int integral) {
  TRP_STATUS({ T(a).masked_fill_(T(mask), S(value, integral)); })
}

// ---- conversions ----
// dtype < 0 keeps the dtype, device_type < 0 keeps the device; copy forces a new tensor.
TRP_API trp_tensor trp_ops_to(trp_tensor a, int dtype, int device_type, int device_index, int copy) {
  TRP_GUARD(nullptr, {
    auto& t = T(a);
    auto st = dtype < 0 ? t.scalar_type() : static_cast<at::ScalarType>(dtype);
    auto dev = device_type < 0 ? t.device() : trp::device_of(device_type, device_index);
    return wrap(t.to(dev, st, /*non_blocking=*/false, copy != 0));
  })
}

}  // extern "C"
