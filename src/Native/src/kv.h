// The rendezvous key-value store rank 0 hosts for the time of a rendezvous (PyTorch's TCPStore in small):
// a table, a TCP server over it and a client. The wire format is one request, one response:
//   request  = op (1 byte: 'S' set, 'A' add = set if absent, 'G' get) | key length | value length | key | value
//   response = status (1 byte: 0 ok; 1 for 'A': key existed, for 'G': key absent) | value length | value
// Lengths are 32-bit big-endian. A malformed or oversized request closes that connection, nothing else.
//
// Why here, in C++, and not in C# behind a Store that calls back into managed code: Gloo calls the store from deep
// inside connectFullMesh; a managed store would need reverse P/Invoke callbacks kept alive across that call, every
// managed exception stopped before it unwinds through Gloo's C++ frames, and values marshalled both ways, for what
// is a few hundred lines of sockets with deadlines. In C++ the whole rendezvous is one call that either returns a group or an
// error string, and the shim works (and is tested by hand) without .NET. Rank 0 hosting it means no extra service:
// whoever places the ranks already tells each one rank 0's address and port, as PyTorch's TCPStore does.
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "net.h"

namespace trp_gloo {

constexpr uint32_t kMaxKeyBytes = 1024;
constexpr uint32_t kMaxValueBytes = 16u << 20;  // Gloo's address list of a rank: ~100 bytes per peer

using Bytes = std::vector<char>;

// The table itself; rank 0 reads and writes it directly, the others through KvClient.
class KvTable {
 public:
  void set(const std::string& key, Bytes value);
  bool add(const std::string& key, Bytes value);  // false when the key already existed (value kept)
  std::optional<Bytes> get(const std::string& key) const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bytes> entries_;
};

// Serves `table` on every interface at `port` from a thread of its own until destroyed.
class KvServer {
 public:
  KvServer(int port, std::shared_ptr<KvTable> table);
  KvServer(const KvServer&) = delete;
  KvServer& operator=(const KvServer&) = delete;
  ~KvServer();

 private:
  void run();
  std::shared_ptr<KvTable> table_;
  Socket listener_;
  int wake_[2] = {-1, -1};  // a pipe: the destructor writes to it to end the poll loop at once
  std::thread thread_;
};

// One connection to rank 0's server. Every call ends by its deadline or throws.
class KvClient {
 public:
  KvClient(const std::string& host, int port, Clock::time_point deadline);
  void set(const std::string& key, const Bytes& value, Clock::time_point deadline);
  bool add(const std::string& key, const Bytes& value, Clock::time_point deadline);
  std::optional<Bytes> get(const std::string& key, Clock::time_point deadline);
  const std::string& address() const { return address_; }

 private:
  // Sends one request; returns (status, value).
  std::pair<uint8_t, Bytes> call(char op, const std::string& key, const Bytes& value, Clock::time_point deadline);
  std::string address_;
  Socket socket_;
};

}  // namespace trp_gloo
