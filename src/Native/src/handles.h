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
}  // namespace trp

// Body returning a new tensor handle (NULL on error).
#define TRP_TENSOR(expr) TRP_GUARD(nullptr, { return trp::wrap(expr); })
// Body returning 0 on success (-1 on error).
#define TRP_STATUS(stmts) TRP_GUARD(-1, { stmts; return 0; })
