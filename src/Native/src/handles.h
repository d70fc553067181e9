// Handle conventions shared by every translation unit: a trp_tensor is an owned at::Tensor*.
#pragma once
#include <torch/torch.h>
#include "error.h"
#include "troupe_native.h"

namespace trp {
inline at::Tensor& T(trp_tensor h) {
  if (h == nullptr) throw std::invalid_argument("null tensor handle");
  return *reinterpret_cast<at::Tensor*>(h);
}
inline trp_tensor wrap(at::Tensor t) { return reinterpret_cast<trp_tensor>(new at::Tensor(std::move(t))); }
inline c10::Device device_of(int type, int index) {
  return c10::Device(static_cast<c10::DeviceType>(type), static_cast<c10::DeviceIndex>(index));
}
inline at::IntArrayRef dims(const int64_t* p, int n) { return at::IntArrayRef(p, static_cast<size_t>(n)); }
// Optional tensor argument: NULL handle means "none".
inline c10::optional<at::Tensor> opt(trp_tensor h) {
  if (h == nullptr) return c10::nullopt;
  return T(h);
}
// A scalar crossing the ABI as (value, integral): integral scalars keep integer type promotion
// (int64 tensor + 2 stays int64), others are doubles as Python floats are.
inline at::Scalar scalar(double value, int integral) {
  return integral ? at::Scalar(static_cast<int64_t>(value)) : at::Scalar(value);
}
// A scalar as a 0-dim "wrapped number" tensor: type promotion treats it like a Python scalar.
inline at::Tensor wrapped_scalar(double value, int integral) {
  auto t = c10::scalar_to_tensor(scalar(value, integral));
  t.unsafeGetTensorImpl()->set_wrapped_number(true);
  return t;
}
// A list of count tensor handles (none may be NULL).
inline std::vector<at::Tensor> tensors(const trp_tensor* handles, int count) {
  if (count < 0) throw std::invalid_argument("expected a tensor count >= 0, got " + std::to_string(count));
  std::vector<at::Tensor> result;
  result.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    if (handles[i] == nullptr) throw std::invalid_argument("expected a tensor at index " + std::to_string(i) + ", got NULL");
    result.push_back(T(handles[i]));
  }
  return result;
}
// Options of a factory: dtype code, device type/index, requires_grad.
inline at::TensorOptions options(int dtype, int device_type, int device_index, int requires_grad = 0) {
  return at::TensorOptions()
      .dtype(static_cast<at::ScalarType>(dtype))
      .device(device_of(device_type, device_index))
      .requires_grad(requires_grad != 0);
}
// Writes up to `capacity` handles of `list` to out; returns the count (an error when it does not fit).
inline int write_list(const std::vector<at::Tensor>& list, trp_tensor* out, int capacity) {
  if (static_cast<int>(list.size()) > capacity)
    throw std::invalid_argument("expected room for " + std::to_string(list.size()) + " results, got " +
                                std::to_string(capacity));
  for (size_t i = 0; i < list.size(); ++i) out[i] = wrap(list[i]);
  return static_cast<int>(list.size());
}
}  // namespace trp

// Body returning a new tensor handle (NULL on error).
#define TRP_TENSOR(expr) TRP_GUARD(nullptr, { return trp::wrap(expr); })
// Body returning 0 on success (-1 on error).
#define TRP_STATUS(stmts) TRP_GUARD(-1, { stmts; return 0; })
