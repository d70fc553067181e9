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

/* ==== serialization (serialize.cpp) ==================================================
 * Named tensor sets in PyTorch's own format: an ordered dict str -> Tensor written with
 * torch::pickle_save, i.e. what Python's torch.save(dict) writes and torch.load reads back.
 * Tensors are stored detached and on the CPU; loading yields CPU tensors in file order.
 * Corrupt or truncated input fails with a message naming what was expected. */
typedef struct trp_tensor_dict_s* trp_tensor_dict; /* a loaded name -> tensor list */
typedef struct trp_bytes_s* trp_bytes;             /* an owned byte buffer */

/* names: count non-empty, unique, NUL-terminated UTF-8 strings; tensors: count handles.
 * The file is written beside the target and renamed over it (no torn checkpoints). */
TRP_API int trp_serialize_save_file(const char* const* names, const trp_tensor* tensors, int count, const char* path);
TRP_API trp_bytes trp_serialize_save_bytes(const char* const* names, const trp_tensor* tensors, int count);
/* *data stays valid until trp_serialize_bytes_free. */
TRP_API int trp_serialize_bytes_view(trp_bytes bytes, const void** data, int64_t* size);
TRP_API void trp_serialize_bytes_free(trp_bytes bytes);
TRP_API trp_tensor_dict trp_serialize_load_file(const char* path);
TRP_API trp_tensor_dict trp_serialize_load_bytes(const void* data, int64_t size);
TRP_API int trp_serialize_dict_count(trp_tensor_dict dict);
/* The name stays valid until trp_serialize_dict_free. */
TRP_API const char* trp_serialize_dict_name(trp_tensor_dict dict, int index);
TRP_API trp_tensor trp_serialize_dict_tensor(trp_tensor_dict dict, int index);
TRP_API void trp_serialize_dict_free(trp_tensor_dict dict);

/* ==== distributed (distributed.cpp) ==================================================
 * A c10d Gloo process group. Rendezvous through a TCPStore served by rank 0 at host:port; every
 * blocking step (store connect, rank 0 waiting for all ranks, Gloo connect, each collective) is
 * bounded by timeout_ms, and a dead peer fails the survivors' calls instead of hanging them.
 * After a failed call the group is unusable: free it and rendezvous again.
 * local_address (NULL = choose) is the address this rank's Gloo device binds and advertises;
 * by default GLOO_SOCKET_IFNAME if set, the host itself when it is loopback, else the address
 * of this machine's hostname (as PyTorch does). Collectives must be issued in the same order
 * with the same shapes and dtypes on every rank. */
typedef struct trp_process_group_s* trp_process_group;

TRP_API trp_process_group trp_dist_new(const char* host, int port, int rank, int world_size, int64_t timeout_ms,
                                       const char* local_address);
TRP_API void trp_dist_free(trp_process_group group);
/* In place over all ranks; the tensors travel as one flat bucket per dtype (gradients: one).
 * op: 0 = sum, 1 = average (floating-point tensors only). */
TRP_API int trp_dist_allreduce(trp_process_group group, const trp_tensor* tensors, int count, int op);
/* In place: every rank ends with root's values (one flat bucket per dtype). */
TRP_API int trp_dist_broadcast(trp_process_group group, const trp_tensor* tensors, int count, int root);
TRP_API int trp_dist_barrier(trp_process_group group);
/* ==== end of serialization and distributed ========================================== */

#ifdef __cplusplus
}
#endif
#endif
