// The process group: rendezvous through rank 0's key-value store, Gloo's full mesh, then collectives on raw
// buffers (Gloo's ring allreduce, broadcast and barrier, what PyTorch's ProcessGroupGloo runs on CPU).
//
// Every blocking step is bounded by the group's timeout: reaching rank 0's store, waiting for all ranks, Gloo's
// full-mesh connect and each collective (Gloo's context timeout). A peer that dies closes its sockets, so the
// survivors' calls fail at once with Gloo's I/O error; one that hangs makes them fail when the timeout expires.
// Gloo's pairs are in an unknown state after an error, so the group then refuses every later collective.
#include <gloo/allreduce.h>
#include <gloo/barrier.h>
#include <gloo/broadcast.h>
#include <gloo/math.h>
#include <gloo/rendezvous/context.h>
#include <gloo/transport/tcp/device.h>
#include <netdb.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include "error.h"
#include "store.h"
#include "troupe_gloo.h"

using trp_gloo::Clock;

struct trp_gloo_group_s {
  int rank = 0;
  int size = 1;
  std::chrono::milliseconds timeout{0};
  std::shared_ptr<gloo::rendezvous::Context> context;
  std::mutex mutex;     // one collective at a time: they must be issued in the same order on every rank
  uint32_t tag = 0;     // Gloo matches messages by tag: each collective gets the next one, equal on all ranks
  std::string failure;  // the first collective failure; non-empty = the group is unusable
};

namespace {

trp_gloo_group_s& G(trp_gloo_group h) {
  if (h == nullptr) throw std::invalid_argument("expected a process group, got NULL");
  return *h;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// Gloo's own lookup reads an unset result when getaddrinfo fails with anything but -1 (a name that does not
// resolve crashes the process), so every name is resolved here first.
void require_resolvable(const std::string& name, const char* origin) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int rc = ::getaddrinfo(name.c_str(), nullptr, &hints, &found);
  if (rc != 0) throw std::runtime_error("cannot resolve this rank's address '" + name + "' (" + origin + "): " + gai_strerror(rc));
  ::freeaddrinfo(found);
}

// The address this rank's Gloo device listens on and advertises to its peers.
std::shared_ptr<gloo::transport::Device> make_device(const std::string& master, const char* local_address) {
  gloo::transport::tcp::attr attr;
  if (local_address != nullptr && local_address[0] != '\0') {
    attr.hostname = local_address;
    require_resolvable(attr.hostname, "the local address given");
  } else if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname != nullptr && ifname[0] != '\0') {
    attr.iface = ifname;
  } else if (is_loopback(master)) {
    attr.hostname = master;
    require_resolvable(attr.hostname, "the loopback rendezvous host");
  } else {
    char name[256] = {0};
    if (::gethostname(name, sizeof name - 1) != 0) throw std::runtime_error("cannot read this machine's hostname");
    attr.hostname = name;
    require_resolvable(attr.hostname, "this machine's hostname; pass a local address or set GLOO_SOCKET_IFNAME");
  }
  return gloo::transport::tcp::CreateDevice(attr);
}

std::vector<char> bytes_of(const std::string& text) { return {text.begin(), text.end()}; }

// Runs one collective under the group's lock; a failure marks the group unusable and propagates. It runs on the
// caller's thread: a worker thread per group (as c10d has) was measured slower here, by the extra hand-off per call.
template <typename F>
void collective(trp_gloo_group_s& g, F run) {
  std::lock_guard<std::mutex> lock(g.mutex);
  if (!g.failure.empty())
    throw std::runtime_error(std::string("the group is unusable after an earlier failure (") + g.failure +
                             "): dispose it and rendezvous again");
  try {
    run(g.tag++);
  } catch (const std::exception& e) {
    g.failure = e.what();
    throw;
  }
}

template <typename T>
void sum_in_place(trp_gloo_group_s& g, void* data, int64_t count, uint32_t tag) {
  using ReduceFunc = void (*)(void*, const void*, const void*, size_t);
  gloo::AllreduceOptions options(g.context);
  options.setOutput<T>(static_cast<T*>(data), static_cast<size_t>(count));
  options.setReduceFunction(static_cast<ReduceFunc>(&gloo::sum<T>));
  options.setTag(tag);
  options.setTimeout(g.timeout);
  gloo::allreduce(options);
}

}  // namespace

extern "C" {

TRP_GLOO_API trp_gloo_group trp_gloo_new(const char* host, int port, int rank, int world_size, int64_t timeout_ms,
                                         const char* local_address) {
  TRP_GLOO_GUARD(nullptr, {
    if (host == nullptr || host[0] == '\0') throw std::invalid_argument("expected a rendezvous host, got an empty one");
    if (port < 1 || port > 65535) throw std::invalid_argument("expected a port in [1, 65535], got " + std::to_string(port));
    if (world_size < 1) throw std::invalid_argument("expected a world size >= 1, got " + std::to_string(world_size));
    if (rank < 0 || rank >= world_size)
      throw std::invalid_argument("expected a rank in [0, " + std::to_string(world_size) + "), got " + std::to_string(rank));
    if (timeout_ms <= 0) throw std::invalid_argument("expected a timeout > 0 ms, got " + std::to_string(timeout_ms));
    auto group = std::make_unique<trp_gloo_group_s>();
    group->rank = rank;
    group->size = world_size;
    group->timeout = std::chrono::milliseconds(timeout_ms);
    const std::string master(host);
    const auto deadline = Clock::now() + group->timeout;

    // The device first: a rank whose own address is wrong fails before it joins, with its own error.
    auto device = make_device(master, local_address);

    // Rank 0 serves the keys only while the group forms (the server thread ends with this function).
    std::unique_ptr<trp_gloo::KvServer> server;
    std::unique_ptr<trp_gloo::RendezvousStore> store;
    if (rank == 0) {
      auto table = std::make_shared<trp_gloo::KvTable>();
      table->set("world", bytes_of(std::to_string(world_size)));
      server = std::make_unique<trp_gloo::KvServer>(port, table);
      store = std::make_unique<trp_gloo::RendezvousStore>(table, world_size, group->timeout);
    } else {
      auto client = std::make_unique<trp_gloo::KvClient>(master, port, deadline);
      store = std::make_unique<trp_gloo::RendezvousStore>(std::move(client), world_size, group->timeout);
      auto world = store->try_get("world");
      std::string served = world ? std::string(world->begin(), world->end()) : "?";
      if (served != std::to_string(world_size))
        throw std::runtime_error("rank 0 at " + master + ":" + std::to_string(port) + " forms a group of " + served +
                                 " ranks, this rank expected " + std::to_string(world_size));
    }
    if (!store->add("join/" + std::to_string(rank), bytes_of(std::to_string(::getpid()))))
      throw std::runtime_error("another process already joined as rank " + std::to_string(rank));
    store->wait_ranks("join/", "did not arrive", deadline);

    group->context = std::make_shared<gloo::rendezvous::Context>(rank, world_size);
    group->context->setTimeout(group->timeout);
    group->context->connectFullMesh(*store, device);

    // Rank 0 keeps serving until every rank has read the addresses it needs (each says so once connected).
    store->set("done/" + std::to_string(rank), {});
    if (rank == 0) store->wait_ranks("done/", "did not finish connecting", Clock::now() + group->timeout);
    return group.release();
  })
}

TRP_GLOO_API void trp_gloo_free(trp_gloo_group group) {
  try {
    delete group;
  } catch (...) {
    // A destructor that throws would terminate the process; nothing is left to report it to.
  }
}

TRP_GLOO_API int trp_gloo_allreduce(trp_gloo_group h, void* data, int64_t count, int dtype) {
  TRP_GLOO_GUARD(-1, {
    auto& g = G(h);
    if (count < 0) throw std::invalid_argument("allreduce: expected a count >= 0, got " + std::to_string(count));
    if (count > 0 && data == nullptr) throw std::invalid_argument("allreduce: expected a buffer, got NULL");
    if (dtype < TRP_GLOO_FLOAT32 || dtype > TRP_GLOO_INT64)
      throw std::invalid_argument("allreduce: expected a dtype code in [0, 3], got " + std::to_string(dtype));
    collective(g, [&](uint32_t tag) {
      if (count == 0) return;
      switch (dtype) {
        case TRP_GLOO_FLOAT32: sum_in_place<float>(g, data, count, tag); break;
        case TRP_GLOO_FLOAT64: sum_in_place<double>(g, data, count, tag); break;
        case TRP_GLOO_INT32: sum_in_place<int32_t>(g, data, count, tag); break;
        default: sum_in_place<int64_t>(g, data, count, tag); break;
      }
    });
    return 0;
  })
}

TRP_GLOO_API int trp_gloo_broadcast(trp_gloo_group h, void* data, int64_t bytes, int root) {
  TRP_GLOO_GUARD(-1, {
    auto& g = G(h);
    if (bytes < 0) throw std::invalid_argument("broadcast: expected a byte count >= 0, got " + std::to_string(bytes));
    if (bytes > 0 && data == nullptr) throw std::invalid_argument("broadcast: expected a buffer, got NULL");
    if (root < 0 || root >= g.size)
      throw std::invalid_argument("broadcast: expected a root rank in [0, " + std::to_string(g.size) + "), got " +
                                  std::to_string(root));
    collective(g, [&](uint32_t tag) {
      if (bytes == 0) return;
      gloo::BroadcastOptions options(g.context);
      options.setOutput<uint8_t>(static_cast<uint8_t*>(data), static_cast<size_t>(bytes));
      options.setRoot(root);
      options.setTag(tag);
      options.setTimeout(g.timeout);
      gloo::broadcast(options);
    });
    return 0;
  })
}

TRP_GLOO_API int trp_gloo_barrier(trp_gloo_group h) {
  TRP_GLOO_GUARD(-1, {
    auto& g = G(h);
    collective(g, [&](uint32_t tag) {
      gloo::BarrierOptions options(g.context);
      options.setTag(tag);
      options.setTimeout(g.timeout);
      gloo::barrier(options);
    });
    return 0;
  })
}

}  // extern "C"
