// Seeding, generator state and random draws on the default generators (trp_random_*).
// Draws consume the generator exactly as the same PyTorch calls do, so a seeded sequence of
// calls reproduces PyTorch's numbers bitwise.
#include <ATen/CPUGeneratorImpl.h>
#include <cstring>
#include <mutex>
#include "handles.h"

using trp::T;
using trp::wrap;

extern "C" {

// Seeds the CPU generator and, when present, every CUDA generator (torch.manual_seed).
TRP_API int trp_random_manual_seed(uint64_t seed) { TRP_STATUS({ torch::manual_seed(seed); }) }

TRP_API int64_t trp_random_initial_seed(void) {
  TRP_GUARD(-1, { return static_cast<int64_t>(at::detail::getDefaultCPUGenerator().current_seed()); })
}

// The CPU generator state as bytes (what torch.get_rng_state() holds). With out == NULL only the
// size is returned; otherwise capacity must be at least that size. Returns the size, -1 on error.
TRP_API int64_t trp_random_get_state(uint8_t* out, int64_t capacity) {
  TRP_GUARD(-1, {
    auto gen = at::detail::getDefaultCPUGenerator();
    at::Tensor state;
    {
      std::lock_guard<std::mutex> lock(gen.mutex());
      state = gen.get_state();
    }
    int64_t size = state.numel();
    if (out == nullptr) return size;
    if (capacity < size)
      throw std::invalid_argument("get_rng_state: expected a buffer of " + std::to_string(size) + " bytes, got " +
                                  std::to_string(capacity));
    std::memcpy(out, state.data_ptr<uint8_t>(), static_cast<size_t>(size));
    return size;
  })
}

TRP_API int trp_random_set_state(const uint8_t* data, int64_t size) {
  TRP_STATUS({
    if (size < 0 || (size > 0 && data == nullptr))
      throw std::invalid_argument("set_rng_state: expected a byte buffer, got " + std::to_string(size) + " bytes");
    auto state = at::empty({size}, at::kByte);
    if (size > 0) std::memcpy(state.data_ptr<uint8_t>(), data, static_cast<size_t>(size));
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_state(state);
  })
}

TRP_API trp_tensor trp_random_rand(const int64_t* shape, int n, int dtype, int device_type, int device_index,
                                   int requires_grad) {
  TRP_TENSOR(torch::rand(trp::dims(shape, n), trp::options(dtype, device_type, device_index, requires_grad)))
}

TRP_API trp_tensor trp_random_randn(const int64_t* shape, int n, int dtype, int device_type, int device_index,
                                    int requires_grad) {
  TRP_TENSOR(torch::randn(trp::dims(shape, n), trp::options(dtype, device_type, device_index, requires_grad)))
}

// Integers uniform in [low, high).
TRP_API trp_tensor trp_random_randint(int64_t low, int64_t high, const int64_t* shape, int n, int dtype, int device_type,
                                      int device_index) {
  TRP_TENSOR(torch::randint(low, high, trp::dims(shape, n), trp::options(dtype, device_type, device_index)))
}

TRP_API trp_tensor trp_random_randperm(int64_t n, int dtype, int device_type, int device_index) {
  TRP_TENSOR(torch::randperm(n, trp::options(dtype, device_type, device_index)))
}

// Draws 0/1 with the probabilities in p (same shape and dtype as p).
TRP_API trp_tensor trp_random_bernoulli(trp_tensor p) { TRP_TENSOR(at::bernoulli(T(p))) }

// In place: every element becomes 1 with probability p, else 0 (tensor.bernoulli_(p)).
TRP_API int trp_random_bernoulli_(trp_tensor a, double p) { TRP_STATUS({ T(a).bernoulli_(p); }) }
TRP_API int trp_random_uniform_(trp_tensor a, double from, double to) { TRP_STATUS({ T(a).uniform_(from, to); }) }
TRP_API int trp_random_normal_(trp_tensor a, double mean, double std) { TRP_STATUS({ T(a).normal_(mean, std); }) }

// Indices drawn from the rows of probs (unnormalized weights allowed).
TRP_API trp_tensor trp_random_multinomial(trp_tensor probs, int64_t num_samples, int replacement) {
  TRP_TENSOR(at::multinomial(T(probs), num_samples, replacement != 0))
}

}  // extern "C"
