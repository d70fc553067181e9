// Blocking TCP helpers whose every wait ends at a deadline: nothing in the rendezvous can hang.
#pragma once
#include <chrono>
#include <cstddef>
#include <string>

namespace trp_gloo {

using Clock = std::chrono::steady_clock;

// Milliseconds left until `deadline` (0 once it passed).
int remaining_ms(Clock::time_point deadline);

// The text of an errno value.
std::string errno_text(int error);

// An owned socket descriptor (-1 = none).
class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  Socket(Socket&& other) noexcept : fd_(other.release()) {}
  Socket& operator=(Socket&& other) noexcept;
  ~Socket();
  int fd() const { return fd_; }
  int release();
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// Connects to host:port, retrying refused connections (the server may not be up yet) until `deadline`.
// Throws std::runtime_error naming the address and the last error.
Socket connect_until(const std::string& host, int port, Clock::time_point deadline);

// A listening socket on every interface (IPv6 dual-stack, else IPv4) at `port`, SO_REUSEADDR set.
Socket listen_on(int port);

// Sends/receives exactly `size` bytes or throws (peer closed, error, or deadline passed).
void send_all(int fd, const void* data, size_t size, Clock::time_point deadline);
void recv_all(int fd, void* data, size_t size, Clock::time_point deadline);

}  // namespace trp_gloo
