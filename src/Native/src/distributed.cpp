// Collectives over c10d's Gloo backend (what PyTorch DDP uses on CPU): TCPStore rendezvous,
// bucketed allreduce, broadcast, barrier.
//
// Every blocking step is bounded by the group's timeout: the TCPStore connect/wait (rank 0 waits
// for all ranks to join), Gloo's full-mesh connect and each collective (Gloo's context timeout).
// A peer that dies closes its sockets, so the survivors' pending and later calls fail at once with
// Gloo's I/O error; a peer that hangs makes them fail when the timeout expires. After a failure the
// group is unusable (Gloo pairs stay broken): free it and rendezvous again.
#include <chrono>
#include <mutex>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include "handles.h"

using trp::T;

namespace {

struct Group {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> pg;
  int rank = 0;
  int size = 1;
  std::chrono::milliseconds timeout{0};
  std::mutex mutex;  // collectives must be issued in the same order on every rank: one at a time
};

Group& G(trp_process_group h) {
  if (h == nullptr) throw std::invalid_argument("null process group handle");
  return *reinterpret_cast<Group*>(h);
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// The address this rank's Gloo device listens on and advertises to its peers.
std::shared_ptr<gloo::transport::Device> make_device(const std::string& master, const char* local_address) {
  if (local_address != nullptr && local_address[0] != '\0')
    return c10d::ProcessGroupGloo::createDeviceForHostname(local_address);
  if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname != nullptr && ifname[0] != '\0')
    return c10d::ProcessGroupGloo::createDeviceForInterface(ifname);
  if (is_loopback(master)) return c10d::ProcessGroupGloo::createDeviceForHostname(master);
  return c10d::ProcessGroupGloo::createDefaultDevice();
}

std::string where(const Group& g) {
  return "rank " + std::to_string(g.rank) + " of " + std::to_string(g.size) + ", timeout " +
         std::to_string(g.timeout.count()) + " ms";
}

// Waits for a collective. Gloo's own timeout ends a stuck operation; the longer bound here only
// guards against a work item that never reports back.
void finish(Group& g, const c10::intrusive_ptr<c10d::Work>& work, const char* what) {
  try {
    work->wait(g.timeout * 2 + std::chrono::seconds(1));
  } catch (const c10::Error& e) {
    throw std::runtime_error(std::string(what) + " failed (" + where(g) + "): " + e.what_without_backtrace());
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string(what) + " failed (" + where(g) + "): " + e.what());
  }
}

std::vector<at::Tensor> collect(const trp_tensor* tensors, int count, const char* what) {
  if (count < 0) throw std::invalid_argument(std::string(what) + ": expected a tensor count >= 0, got " + std::to_string(count));
  if (count > 0 && tensors == nullptr) throw std::invalid_argument(std::string(what) + ": expected a tensor array, got NULL");
  std::vector<at::Tensor> result;
  result.reserve(count);
  for (int i = 0; i < count; ++i) {
    if (tensors[i] == nullptr)
      throw std::invalid_argument(std::string(what) + ": expected a tensor at index " + std::to_string(i) + ", got NULL");
    auto& t = T(tensors[i]);
    if (t.layout() != at::kStrided)
      throw std::invalid_argument(std::string(what) + ": expected dense tensors, got a " + c10::str(t.layout()) +
                                  " tensor at index " + std::to_string(i));
    result.push_back(t);
  }
  return result;
}

// Runs `collective` on one flat buffer per (dtype, device) group, in order of first appearance:
// gradients of one model form a single bucket. A lone contiguous tensor is its own buffer.
template <typename F>
void bucketed(std::vector<at::Tensor>& tensors, bool write_back, F collective) {
  std::vector<std::vector<size_t>> groups;
  for (size_t i = 0; i < tensors.size(); ++i) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const std::vector<size_t>& g) {
      const auto& head = tensors[g.front()];
      return head.scalar_type() == tensors[i].scalar_type() && head.device() == tensors[i].device();
    });
    if (it == groups.end())
      groups.push_back({i});
    else
      it->push_back(i);
  }
  at::NoGradGuard no_grad;
  for (const auto& group : groups) {
    if (group.size() == 1 && tensors[group.front()].is_contiguous()) {
      if (tensors[group.front()].numel() > 0) collective(tensors[group.front()]);
      continue;
    }
    std::vector<at::Tensor> flat_views;
    flat_views.reserve(group.size());
    for (auto i : group) flat_views.push_back(tensors[i].reshape({-1}));
    auto flat = at::cat(flat_views);
    if (flat.numel() == 0) continue;
    collective(flat);
    if (!write_back) continue;
    int64_t offset = 0;
    for (auto i : group) {
      auto n = tensors[i].numel();
      tensors[i].copy_(flat.narrow(0, offset, n).view(tensors[i].sizes()));
      offset += n;
    }
  }
}

}  // namespace

extern "C" {

TRP_API trp_process_group trp_dist_new(const char* host, int port, int rank, int world_size, int64_t timeout_ms,
                                       const char* local_address) {
  TRP_GUARD(nullptr, {
    if (host == nullptr || host[0] == '\0') throw std::invalid_argument("expected a rendezvous host, got an empty one");
    if (port < 1 || port > 65535) throw std::invalid_argument("expected a port in [1, 65535], got " + std::to_string(port));
    if (world_size < 1) throw std::invalid_argument("expected a world size >= 1, got " + std::to_string(world_size));
    if (rank < 0 || rank >= world_size)
      throw std::invalid_argument("expected a rank in [0, " + std::to_string(world_size) + "), got " + std::to_string(rank));
    if (timeout_ms <= 0) throw std::invalid_argument("expected a timeout > 0 ms, got " + std::to_string(timeout_ms));
    auto group = std::make_unique<Group>();
    group->rank = rank;
    group->size = world_size;
    group->timeout = std::chrono::milliseconds(timeout_ms);
    std::string master(host);
    try {
      c10d::TCPStoreOptions store_options;
      store_options.port = static_cast<std::uint16_t>(port);
      store_options.isServer = rank == 0;
      store_options.numWorkers = static_cast<std::size_t>(world_size);
      store_options.waitWorkers = false;
      store_options.timeout = group->timeout;
      group->store = c10::make_intrusive<c10d::TCPStore>(master, store_options);
      auto options = c10d::ProcessGroupGloo::Options::create(group->timeout);
      options->devices.push_back(make_device(master, local_address));
      group->pg = c10::make_intrusive<c10d::ProcessGroupGloo>(group->store, rank, world_size, options);
    } catch (const c10::Error& e) {
      throw std::runtime_error("rendezvous at " + master + ":" + std::to_string(port) + " failed (" + where(*group) +
                               "): " + e.what_without_backtrace());
    } catch (const std::exception& e) {
      throw std::runtime_error("rendezvous at " + master + ":" + std::to_string(port) + " failed (" + where(*group) +
                               "): " + e.what());
    }
    return reinterpret_cast<trp_process_group>(group.release());
  })
}

// Tears the group down: Gloo's worker threads finish (or time out of) their current work first.
TRP_API void trp_dist_free(trp_process_group h) {
  try {
    delete reinterpret_cast<Group*>(h);
  } catch (...) {
    // A destructor that throws would terminate the process; nothing is left to report it to.
  }
}

// op: 0 = sum, 1 = average (sum then divide by the world size; floating-point tensors only).
TRP_API int trp_dist_allreduce(trp_process_group h, const trp_tensor* tensors, int count, int op) {
  TRP_STATUS({
    auto& g = G(h);
    if (op != 0 && op != 1) throw std::invalid_argument("allreduce: expected op 0 (sum) or 1 (average), got " + std::to_string(op));
    auto list = collect(tensors, count, "allreduce");
    if (op == 1)
      for (size_t i = 0; i < list.size(); ++i)
        if (!at::isFloatingType(list[i].scalar_type()))
          throw std::invalid_argument("allreduce average: expected floating-point tensors, got " +
                                      std::string(c10::toString(list[i].scalar_type())) + " at index " + std::to_string(i));
    std::lock_guard<std::mutex> lock(g.mutex);
    bucketed(list, true, [&](at::Tensor& flat) {
      std::vector<at::Tensor> one{flat};
      c10d::AllreduceOptions options;
      options.reduceOp = c10d::ReduceOp::SUM;
      finish(g, g.pg->allreduce(one, options), "allreduce");
      if (op == 1) flat.div_(g.size);
    });
  })
}

TRP_API int trp_dist_broadcast(trp_process_group h, const trp_tensor* tensors, int count, int root) {
  TRP_STATUS({
    auto& g = G(h);
    if (root < 0 || root >= g.size)
      throw std::invalid_argument("broadcast: expected a root rank in [0, " + std::to_string(g.size) + "), got " +
                                  std::to_string(root));
    auto list = collect(tensors, count, "broadcast");
    std::lock_guard<std::mutex> lock(g.mutex);
    bucketed(list, g.rank != root, [&](at::Tensor& flat) {
      std::vector<at::Tensor> one{flat};
      c10d::BroadcastOptions options;
      options.rootRank = root;
      finish(g, g.pg->broadcast(one, options), "broadcast");
    });
  })
}

TRP_API int trp_dist_barrier(trp_process_group h) {
  TRP_STATUS({
    auto& g = G(h);
    std::lock_guard<std::mutex> lock(g.mutex);
    finish(g, g.pg->barrier(), "barrier");
  })
}

}  // extern "C"
