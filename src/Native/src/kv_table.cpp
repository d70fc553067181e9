#include "kv.h"

namespace trp_gloo {

void KvTable::set(const std::string& key, Bytes value) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_[key] = std::move(value);
}

bool KvTable::add(const std::string& key, Bytes value) {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.emplace(key, std::move(value)).second;
}

std::optional<Bytes> KvTable::get(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

}  // namespace trp_gloo
