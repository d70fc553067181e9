#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

#include "kv.h"

namespace trp_gloo {

namespace {

// A client connection and the bytes of its incomplete request.
struct Connection {
  Socket socket;
  Bytes pending;
};

// Handles every complete request in c.pending; false when the connection must close (malformed input,
// or a client that does not read its responses within a second).
bool serve(Connection& c, KvTable& table) {
  while (c.pending.size() >= 9) {
    uint32_t lengths[2];
    std::memcpy(lengths, &c.pending[1], sizeof lengths);
    uint32_t key_length = ntohl(lengths[0]), value_length = ntohl(lengths[1]);
    char op = c.pending[0];
    if ((op != 'S' && op != 'A' && op != 'G') || key_length > kMaxKeyBytes || value_length > kMaxValueBytes)
      return false;
    size_t total = 9 + size_t{key_length} + value_length;
    if (c.pending.size() < total) return true;
    std::string key(&c.pending[9], key_length);
    Bytes value(c.pending.begin() + 9 + key_length, c.pending.begin() + static_cast<std::ptrdiff_t>(total));
    c.pending.erase(c.pending.begin(), c.pending.begin() + static_cast<std::ptrdiff_t>(total));
    uint8_t status = 0;
    Bytes reply;
    if (op == 'S') {
      table.set(key, std::move(value));
    } else if (op == 'A') {
      status = table.add(key, std::move(value)) ? 0 : 1;
    } else if (auto found = table.get(key)) {
      reply = std::move(*found);
    } else {
      status = 1;
    }
    Bytes response(5 + reply.size());
    response[0] = static_cast<char>(status);
    uint32_t length = htonl(static_cast<uint32_t>(reply.size()));
    std::memcpy(&response[1], &length, sizeof length);
    if (!reply.empty()) std::memcpy(&response[5], reply.data(), reply.size());
    try {
      send_all(c.socket.fd(), response.data(), response.size(), Clock::now() + std::chrono::seconds(1));
    } catch (const std::exception&) {
      return false;
    }
  }
  return true;
}

}  // namespace

KvServer::KvServer(int port, std::shared_ptr<KvTable> table) : table_(std::move(table)), listener_(listen_on(port)) {
  if (::pipe2(wake_, O_CLOEXEC) != 0) throw std::runtime_error("cannot create a pipe: " + errno_text(errno));
  thread_ = std::thread([this] { run(); });
}

KvServer::~KvServer() {
  char byte = 0;
  (void)!::write(wake_[1], &byte, 1);
  if (thread_.joinable()) thread_.join();
  ::close(wake_[0]);
  ::close(wake_[1]);
}

void KvServer::run() {
  std::vector<Connection> connections;
  while (true) {
    std::vector<pollfd> fds{{wake_[0], POLLIN, 0}, {listener_.fd(), POLLIN, 0}};
    for (auto& c : connections) fds.push_back({c.socket.fd(), POLLIN, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      return;  // cannot happen with valid descriptors; the clients then time out with a clear message
    }
    if (fds[0].revents != 0) return;
    std::vector<bool> keep(connections.size(), true);
    for (size_t i = 0; i < connections.size(); ++i) {
      if (fds[i + 2].revents == 0) continue;
      char buffer[65536];
      ssize_t n = ::recv(connections[i].socket.fd(), buffer, sizeof buffer, MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        keep[i] = false;
        continue;
      }
      if (n > 0) connections[i].pending.insert(connections[i].pending.end(), buffer, buffer + n);
      keep[i] = serve(connections[i], *table_);
    }
    for (size_t i = connections.size(); i-- > 0;)
      if (!keep[i]) connections.erase(connections.begin() + static_cast<std::ptrdiff_t>(i));
    if (fds[1].revents & POLLIN) {
      int fd = ::accept4(listener_.fd(), nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        connections.push_back({Socket(fd), {}});
      }
    }
  }
}

}  // namespace trp_gloo
