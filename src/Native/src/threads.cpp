// Intra-op and inter-op thread pools (trp_threads_*). For small models one intra-op thread per
// trial is fastest; parallelism comes from running trials side by side.
#include <ATen/Parallel.h>
#include "handles.h"

extern "C" {

TRP_API int trp_threads_get_num_threads(void) { TRP_GUARD(-1, { return at::get_num_threads(); }) }

TRP_API int trp_threads_set_num_threads(int n) {
  TRP_STATUS({
    if (n < 1) throw std::invalid_argument("set_num_threads: expected a thread count >= 1, got " + std::to_string(n));
    at::set_num_threads(n);
  })
}

TRP_API int trp_threads_get_num_interop_threads(void) { TRP_GUARD(-1, { return at::get_num_interop_threads(); }) }

// libtorch allows this only once, before any inter-op work started; later calls fail with its message.
TRP_API int trp_threads_set_num_interop_threads(int n) {
  TRP_STATUS({
    if (n < 1) throw std::invalid_argument("set_num_interop_threads: expected a thread count >= 1, got " + std::to_string(n));
    at::set_num_interop_threads(n);
  })
}

}  // extern "C"
