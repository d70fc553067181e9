/*
 * libtroupe_gloo.so: collectives over standalone Gloo (Debian's libgloo, no libtorch) on raw CPU buffers.
 *
 * Conventions of this ABI:
 *  - Functions returning int return 0 on success and -1 on failure; functions returning a handle return NULL on
 *    failure. The failure's message is then available from trp_gloo_last_error() on the same thread (every C++
 *    exception is caught at this boundary; none crosses it).
 *  - Every blocking call is bounded by the group's timeout (Gloo's context timeout). A peer that dies closes its
 *    sockets, so calls fail at once; a peer that hangs makes them fail when the timeout expires. After a failed
 *    collective the group refuses further collectives: free it and rendezvous again.
 *  - Collectives must be issued in the same order, with the same sizes, on every rank. One runs at a time per group.
 */
#ifndef TROUPE_GLOO_H
#define TROUPE_GLOO_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TRP_GLOO_API __attribute__((visibility("default")))

typedef struct trp_gloo_group_s* trp_gloo_group;

/* Element types of trp_gloo_allreduce. */
enum trp_gloo_dtype { TRP_GLOO_FLOAT32 = 0, TRP_GLOO_FLOAT64 = 1, TRP_GLOO_INT32 = 2, TRP_GLOO_INT64 = 3 };

/* The message of this thread's last failure, or NULL when the last call succeeded. Valid until this thread's next
 * trp_gloo_* call. */
TRP_GLOO_API const char* trp_gloo_last_error(void);

/*
 * Rendezvous and full-mesh connect. Rank 0 serves a small key-value store on `port` (all interfaces) for the time
 * of the rendezvous; the other ranks reach it at host:port. local_address (NULL or "" = choose) is the address this
 * rank's Gloo device binds and advertises: else GLOO_SOCKET_IFNAME's interface, else `host` when it is loopback,
 * else this machine's hostname. timeout_ms > 0 bounds the rendezvous and every later call.
 */
TRP_GLOO_API trp_gloo_group trp_gloo_new(const char* host, int port, int rank, int world_size, int64_t timeout_ms,
                                         const char* local_address);

/* Closes the group's connections. NULL is a no-op. */
TRP_GLOO_API void trp_gloo_free(trp_gloo_group group);

/* Sums `count` elements of `dtype` at `data` over all ranks, in place. */
TRP_GLOO_API int trp_gloo_allreduce(trp_gloo_group group, void* data, int64_t count, int dtype);

/* Overwrites `bytes` bytes at `data` on every rank with rank `root`'s bytes. */
TRP_GLOO_API int trp_gloo_broadcast(trp_gloo_group group, void* data, int64_t bytes, int root);

/* Returns once every rank has entered the barrier. */
TRP_GLOO_API int trp_gloo_barrier(trp_gloo_group group);

#ifdef __cplusplus
}
#endif

#endif
