#include <arpa/inet.h>

#include <cstring>
#include <stdexcept>

#include "kv.h"

namespace trp_gloo {

KvClient::KvClient(const std::string& host, int port, Clock::time_point deadline)
    : address_(host + ":" + std::to_string(port)), socket_(connect_until(host, port, deadline)) {}

std::pair<uint8_t, Bytes> KvClient::call(char op, const std::string& key, const Bytes& value,
                                         Clock::time_point deadline) {
  if (key.size() > kMaxKeyBytes || value.size() > kMaxValueBytes)
    throw std::invalid_argument("rendezvous store: key or value too large (" + std::to_string(key.size()) + ", " +
                                std::to_string(value.size()) + " bytes)");
  Bytes request(9 + key.size() + value.size());
  request[0] = op;
  uint32_t lengths[2] = {htonl(static_cast<uint32_t>(key.size())), htonl(static_cast<uint32_t>(value.size()))};
  std::memcpy(&request[1], lengths, sizeof lengths);
  std::memcpy(&request[9], key.data(), key.size());
  if (!value.empty()) std::memcpy(&request[9 + key.size()], value.data(), value.size());
  try {
    send_all(socket_.fd(), request.data(), request.size(), deadline);
    char head[5];
    recv_all(socket_.fd(), head, sizeof head, deadline);
    uint32_t length;
    std::memcpy(&length, &head[1], sizeof length);
    length = ntohl(length);
    if (length > kMaxValueBytes) throw std::runtime_error("oversized response (" + std::to_string(length) + " bytes)");
    Bytes reply(length);
    if (length > 0) recv_all(socket_.fd(), reply.data(), length, deadline);
    return {static_cast<uint8_t>(head[0]), std::move(reply)};
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string(e.what()) + " (rank 0's store at " + address_ + ", key '" + key + "')");
  }
}

void KvClient::set(const std::string& key, const Bytes& value, Clock::time_point deadline) {
  call('S', key, value, deadline);
}

bool KvClient::add(const std::string& key, const Bytes& value, Clock::time_point deadline) {
  return call('A', key, value, deadline).first == 0;
}

std::optional<Bytes> KvClient::get(const std::string& key, Clock::time_point deadline) {
  auto [status, value] = call('G', key, {}, deadline);
  if (status != 0) return std::nullopt;
  return value;
}

}  // namespace trp_gloo
