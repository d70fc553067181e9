// Tensor lifetime, data transfer, metadata and autograd basics.
#include <cstring>
#include "handles.h"

using trp::T;
using trp::wrap;

extern "C" {

TRP_API void trp_tensor_free(trp_tensor h) { delete reinterpret_cast<at::Tensor*>(h); }

TRP_API trp_tensor trp_tensor_from_data(const void* data, const int64_t* shape, int ndim, int dtype,
                                        int device_type, int device_index, int requires_grad) {
  TRP_GUARD(nullptr, {
    auto options = at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype));
    auto cpu = at::empty(trp::dims(shape, ndim), options);
    if (cpu.numel() > 0) std::memcpy(cpu.data_ptr(), data, cpu.numel() * cpu.element_size());
    auto device = trp::device_of(device_type, device_index);
    auto t = device.is_cpu() ? cpu : cpu.to(device);
    if (requires_grad) t.set_requires_grad(true);
    return wrap(std::move(t));
  })
}

// Copies the elements (row-major, contiguous) to dst, which must hold nbytes.
TRP_API int trp_tensor_copy_to(trp_tensor h, void* dst, int64_t nbytes) {
  TRP_STATUS({
    auto t = T(h).detach().to(at::kCPU).contiguous();
    int64_t need = t.numel() * static_cast<int64_t>(t.element_size());
    if (need != nbytes)
      throw std::invalid_argument("copy_to: destination holds " + std::to_string(nbytes) + " bytes, tensor needs " +
                                  std::to_string(need));
    if (need > 0) std::memcpy(dst, t.data_ptr(), need);
  })
}

TRP_API int trp_tensor_ndim(trp_tensor h) { TRP_GUARD(-1, { return static_cast<int>(T(h).dim()); }) }

TRP_API int trp_tensor_shape(trp_tensor h, int64_t* out) {
  TRP_STATUS({
    auto s = T(h).sizes();
    std::copy(s.begin(), s.end(), out);
  })
}

TRP_API int trp_tensor_strides(trp_tensor h, int64_t* out) {
  TRP_STATUS({
    auto s = T(h).strides();
    std::copy(s.begin(), s.end(), out);
  })
}

TRP_API int64_t trp_tensor_numel(trp_tensor h) { TRP_GUARD(-1, { return T(h).numel(); }) }

TRP_API int trp_tensor_dtype(trp_tensor h) { TRP_GUARD(-1, { return static_cast<int>(T(h).scalar_type()); }) }

TRP_API int trp_tensor_device(trp_tensor h, int* type, int* index) {
  TRP_STATUS({
    auto d = T(h).device();
    *type = static_cast<int>(d.type());
    *index = d.has_index() ? d.index() : -1;
  })
}

TRP_API int trp_tensor_requires_grad(trp_tensor h) { TRP_GUARD(-1, { return T(h).requires_grad() ? 1 : 0; }) }

TRP_API int trp_tensor_set_requires_grad(trp_tensor h, int value) {
  TRP_STATUS({ T(h).set_requires_grad(value != 0); })
}

// *out = the gradient, or NULL when the tensor has none yet (not an error).
TRP_API int trp_tensor_grad(trp_tensor h, trp_tensor* out) {
  TRP_STATUS({
    auto g = T(h).grad();
    *out = g.defined() ? wrap(g) : nullptr;
  })
}

TRP_API int trp_tensor_set_grad(trp_tensor h, trp_tensor grad) {
  TRP_STATUS({ T(h).mutable_grad() = grad ? T(grad) : at::Tensor(); })
}

TRP_API trp_tensor trp_tensor_detach(trp_tensor h) { TRP_TENSOR(T(h).detach()) }

TRP_API int trp_tensor_detach_(trp_tensor h) { TRP_STATUS({ T(h).detach_(); }) }

TRP_API int trp_tensor_backward(trp_tensor h, trp_tensor grad, int retain_graph) {
  TRP_STATUS({
    at::Tensor g = grad ? T(grad) : at::Tensor();
    T(h).backward(g, retain_graph != 0, false);
  })
}

TRP_API int trp_tensor_zero_(trp_tensor h) { TRP_STATUS({ T(h).zero_(); }) }

TRP_API int trp_tensor_item_double(trp_tensor h, double* out) { TRP_STATUS({ *out = T(h).item<double>(); }) }

TRP_API int trp_tensor_item_long(trp_tensor h, int64_t* out) { TRP_STATUS({ *out = T(h).item<int64_t>(); }) }

// The storage of a tensor shares memory with the other (views, parameters): 1 if so.
TRP_API int trp_tensor_is_same(trp_tensor a, trp_tensor b) {
  TRP_GUARD(-1, { return T(a).is_same(T(b)) ? 1 : 0; })
}

// Returns the previous value (0/1).
TRP_API int trp_autograd_set_grad_enabled(int enabled) {
  TRP_GUARD(-1, {
    bool prev = at::GradMode::is_enabled();
    at::GradMode::set_enabled(enabled != 0);
    return prev ? 1 : 0;
  })
}

// Replaces the tensor's data in place, keeping its identity and autograd metadata (what
// `param.data = t` does; Module.to(device) relies on it so optimizers keep their references).
TRP_API int trp_tensor_set_data(trp_tensor h, trp_tensor data) { TRP_STATUS({ T(h).set_data(T(data)); }) }

TRP_API int trp_tensor_is_leaf(trp_tensor h) { TRP_GUARD(-1, { return T(h).is_leaf() ? 1 : 0; }) }

TRP_API int trp_tensor_element_size(trp_tensor h) { TRP_GUARD(-1, { return static_cast<int>(T(h).element_size()); }) }

TRP_API int trp_autograd_is_grad_enabled(void) { return at::GradMode::is_enabled() ? 1 : 0; }

}  // extern "C"
