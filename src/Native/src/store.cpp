#include "store.h"

#include <stdexcept>
#include <thread>

namespace trp_gloo {

namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(5);

// "rank 1" / "ranks 1, 2"
std::string rank_list(const std::vector<int>& ranks) {
  std::string text = ranks.size() == 1 ? "rank " : "ranks ";
  for (size_t i = 0; i < ranks.size(); ++i) text += (i > 0 ? ", " : "") + std::to_string(ranks[i]);
  return text;
}

// Gloo names each rank's address list by the rank's number alone.
std::string describe_missing(const std::vector<std::string>& keys) {
  std::vector<int> ranks;
  std::string others;
  for (const auto& key : keys) {
    if (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos && key.size() < 10)
      ranks.push_back(std::stoi(key));
    else
      others += (others.empty() ? "key '" : ", '") + key + "'";
  }
  if (!ranks.empty()) return rank_list(ranks) + " did not publish a Gloo address";
  return others + " never appeared";
}

}  // namespace

RendezvousStore::RendezvousStore(std::shared_ptr<KvTable> table, int world_size, std::chrono::milliseconds timeout)
    : timeout_(timeout), world_size_(world_size), table_(std::move(table)) {}

RendezvousStore::RendezvousStore(std::unique_ptr<KvClient> client, int world_size, std::chrono::milliseconds timeout)
    : timeout_(timeout), world_size_(world_size), client_(std::move(client)) {}

void RendezvousStore::set(const std::string& key, const std::vector<char>& data) {
  if (table_)
    table_->set(key, data);
  else
    client_->set(key, data, Clock::now() + timeout_);
}

bool RendezvousStore::add(const std::string& key, const std::vector<char>& data) {
  if (table_) return table_->add(key, data);
  return client_->add(key, data, Clock::now() + timeout_);
}

std::optional<Bytes> RendezvousStore::try_get(const std::string& key) {
  if (table_) return table_->get(key);
  return client_->get(key, Clock::now() + timeout_);
}

std::vector<char> RendezvousStore::get(const std::string& key) {
  // Gloo's stores block in get until the key exists.
  wait({key}, timeout_);
  auto value = try_get(key);
  if (!value) throw std::runtime_error("rendezvous store: key '" + key + "' vanished");
  return *value;
}

void RendezvousStore::wait(const std::vector<std::string>& keys) { wait(keys, timeout_); }

void RendezvousStore::wait(const std::vector<std::string>& keys, const std::chrono::milliseconds& timeout) {
  auto deadline = Clock::now() + timeout;
  while (true) {
    std::vector<std::string> missing;
    for (const auto& key : keys)
      if (!try_get(key)) missing.push_back(key);
    if (missing.empty()) return;
    if (remaining_ms(deadline) == 0)
      throw std::runtime_error(describe_missing(missing) + " within " + std::to_string(timeout.count()) + " ms");
    std::this_thread::sleep_for(kPollInterval);
  }
}

void RendezvousStore::wait_ranks(const std::string& prefix, const std::string& missing_text,
                                 Clock::time_point deadline) {
  std::vector<int> missing;
  while (true) {
    std::vector<int> still_missing;
    try {
      for (int r = 0; r < world_size_; ++r)
        if (!try_get(prefix + std::to_string(r))) still_missing.push_back(r);
    } catch (const std::exception& e) {
      // Rank 0 gave up (its own deadline came first) or died: say who was still missing, then why it ended.
      if (missing.empty()) throw;
      throw std::runtime_error(rank_list(missing) + " of " + std::to_string(world_size_) + " " + missing_text +
                               " before the store went away: " + e.what());
    }
    missing = std::move(still_missing);
    if (missing.empty()) return;
    if (remaining_ms(deadline) == 0)
      throw std::runtime_error(rank_list(missing) + " of " + std::to_string(world_size_) + " " + missing_text +
                               " within " + std::to_string(timeout_.count()) + " ms");
    std::this_thread::sleep_for(kPollInterval);
  }
}

}  // namespace trp_gloo
