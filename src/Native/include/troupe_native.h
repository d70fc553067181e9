/* Troupe's C ABI over libtorch.
 *
 * Conventions (every function follows them):
 *  - names are trp_<area>_<op>;
 *  - handles are opaque pointers owned by the caller and released with the matching *_free;
 *  - a function returning a handle returns NULL on error, one returning int returns -1 on error
 *    (0 or a non-negative value on success); the error message is then kept per thread and
 *    handed out once by trp_error_take();
 *  - no C++ exception ever crosses this boundary.
 * Dtype codes are c10::ScalarType values (float32 = 6, int64 = 4, bool = 11), device types are
 * c10::DeviceType values (cpu = 0, cuda = 1), as TorchSharp uses them.
 */
#ifndef TROUPE_NATIVE_H
#define TROUPE_NATIVE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TRP_API __attribute__((visibility("default")))

typedef struct trp_tensor_s* trp_tensor;

/* errors */
/* The last error of this thread, or NULL; the message is cleared by this call. The pointer is
 * valid until the next trp_* call on the same thread. */
TRP_API const char* trp_error_take(void);

#ifdef __cplusplus
}
#endif
#endif
