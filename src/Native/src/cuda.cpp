// CUDA discovery (trp_cuda_*). Built unchanged against a CPU-only or a CUDA libtorch: the CUDA
// runtime is reached through libtorch's own hooks, so a CPU-only build simply reports no device.
#include <torch/cuda.h>
#include "handles.h"

extern "C" {

TRP_API int trp_cuda_is_available(void) { TRP_GUARD(-1, { return torch::cuda::is_available() ? 1 : 0; }) }

TRP_API int trp_cuda_device_count(void) { TRP_GUARD(-1, { return static_cast<int>(torch::cuda::device_count()); }) }

TRP_API int trp_cuda_manual_seed_all(uint64_t seed) { TRP_STATUS({ torch::cuda::manual_seed_all(seed); }) }

TRP_API int trp_cuda_synchronize(int device_index) {
  TRP_STATUS({ torch::cuda::synchronize(static_cast<int64_t>(device_index)); })
}

}  // extern "C"
