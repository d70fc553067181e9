// Gloo's rendezvous Store over Troupe's key-value store: rank 0 reads its own table, the others ask rank 0's
// server. Waits poll (every few ms) until their deadline and then name what is missing, by rank.
#pragma once
#include <gloo/rendezvous/store.h>

#include <chrono>
#include <memory>

#include "kv.h"

namespace trp_gloo {

class RendezvousStore : public gloo::rendezvous::Store {
 public:
  // Rank 0: the table its server serves.
  RendezvousStore(std::shared_ptr<KvTable> table, int world_size, std::chrono::milliseconds timeout);
  // Other ranks: a connection to rank 0's server.
  RendezvousStore(std::unique_ptr<KvClient> client, int world_size, std::chrono::milliseconds timeout);

  void set(const std::string& key, const std::vector<char>& data) override;
  std::vector<char> get(const std::string& key) override;
  void wait(const std::vector<std::string>& keys) override;
  void wait(const std::vector<std::string>& keys, const std::chrono::milliseconds& timeout) override;

  bool add(const std::string& key, const std::vector<char>& data);
  std::optional<Bytes> try_get(const std::string& key);

  // Waits until `prefix` + r exists for every rank r; on timeout names the ranks whose key is missing
  // ("ranks 1, 2 of 3 <missing_text> within <timeout> ms"); the deadline is the rendezvous's.
  void wait_ranks(const std::string& prefix, const std::string& missing_text, Clock::time_point deadline);

 private:
  std::chrono::milliseconds timeout_;
  int world_size_;
  std::shared_ptr<KvTable> table_;
  std::unique_ptr<KvClient> client_;
};

}  // namespace trp_gloo
