// Intra-op and inter-op thread pools (trp_threads_*). For small models one intra-op thread per
// trial is fastest; parallelism comes from running trials side by side.
#include <ATen/Parallel.h>
#include <dlfcn.h>
#include "handles.h"

namespace {

// Debian's libtorch does its GEMMs in OpenBLAS (pthreads build), whose own thread pool at::set_num_threads does not
// size. Left at its default (one thread per core), every trial's GEMMs are split over that one shared pool, whose
// workers spin in sched_yield while waiting: two trials side by side in one process then serialise on it and the
// spinning steals the cores they need. So the intra-op thread count is applied to OpenBLAS too, when it is the
// loaded BLAS (looked up in the already-loaded libraries only; another BLAS is left alone).
void* openblas_symbol(const char* name) {
  for (const char* lib : {"libopenblas.so.0", "libblas.so.3", "libopenblas.so"}) {
    if (void* handle = dlopen(lib, RTLD_LAZY | RTLD_NOLOAD)) {
      if (void* fn = dlsym(handle, name)) return fn;
    }
  }
  return nullptr;
}

void set_blas_threads(int n) {
  using setter = void (*)(int);
  static const auto set = reinterpret_cast<setter>(openblas_symbol("openblas_set_num_threads"));
  if (set != nullptr) set(n);
}

}  // namespace

extern "C" {

TRP_API int trp_threads_get_num_threads(void) { TRP_GUARD(-1, { return at::get_num_threads(); }) }

TRP_API int trp_threads_set_num_threads(int n) {
  TRP_STATUS({
    if (n < 1) throw std::invalid_argument("set_num_threads: expected a thread count >= 1, got " + std::to_string(n));
    at::set_num_threads(n);
    set_blas_threads(n);
  })
}

// OpenBLAS's thread count, or 0 when the loaded BLAS is not OpenBLAS.
TRP_API int trp_threads_get_blas_threads(void) {
  TRP_GUARD(-1, {
    using getter = int (*)(void);
    static const auto get = reinterpret_cast<getter>(openblas_symbol("openblas_get_num_threads"));
    return get != nullptr ? get() : 0;
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
