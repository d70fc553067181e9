#include "net.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace trp_gloo {

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return 0;
  return left > INT32_MAX ? INT32_MAX : static_cast<int>(left);
}

std::string errno_text(int error) {
  char buffer[256];
  // GNU strerror_r returns the message (maybe not in buffer).
  return strerror_r(error, buffer, sizeof buffer);
}

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

Socket::~Socket() {
  if (fd_ >= 0) ::close(fd_);
}

int Socket::release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

namespace {

// Waits until fd is ready for `events` or the deadline passes (then throws `what` timed out).
void wait_ready(int fd, short events, Clock::time_point deadline, const char* what) {
  while (true) {
    pollfd p{fd, events, 0};
    int n = ::poll(&p, 1, remaining_ms(deadline));
    if (n > 0) return;
    if (n == 0) throw std::runtime_error(std::string(what) + " timed out");
    if (errno != EINTR) throw std::runtime_error(std::string(what) + ": " + errno_text(errno));
  }
}

// One non-blocking connect attempt bounded by the deadline; returns 0 or the errno of the failure.
int try_connect(const addrinfo* ai, Clock::time_point deadline, Socket& out) {
  Socket s(::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol));
  if (!s) return errno;
  int flags = ::fcntl(s.fd(), F_GETFL);
  ::fcntl(s.fd(), F_SETFL, flags | O_NONBLOCK);
  if (::connect(s.fd(), ai->ai_addr, ai->ai_addrlen) != 0) {
    if (errno != EINPROGRESS) return errno;
    pollfd p{s.fd(), POLLOUT, 0};
    int n = ::poll(&p, 1, remaining_ms(deadline));
    if (n == 0) return ETIMEDOUT;
    if (n < 0) return errno;
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(s.fd(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) return error;
  }
  ::fcntl(s.fd(), F_SETFL, flags);
  int one = 1;
  ::setsockopt(s.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  out = std::move(s);
  return 0;
}

}  // namespace

Socket connect_until(const std::string& host, int port, Clock::time_point deadline) {
  const std::string where = host + ":" + std::to_string(port);
  std::string last = "no attempt";
  while (true) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
    if (rc != 0) {
      last = std::string("cannot resolve ") + host + ": " + gai_strerror(rc);
    } else {
      for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
        Socket s;
        int error = try_connect(ai, deadline, s);
        if (error == 0) {
          ::freeaddrinfo(found);
          return s;
        }
        last = errno_text(error);
      }
      ::freeaddrinfo(found);
    }
    if (remaining_ms(deadline) == 0)
      throw std::runtime_error("could not reach rank 0's rendezvous store at " + where + " (" + last + ")");
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(50, remaining_ms(deadline))));
  }
}

Socket listen_on(int port) {
  Socket s(::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
  bool v6 = static_cast<bool>(s);
  if (!v6) s = Socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!s) throw std::runtime_error("cannot create a socket: " + errno_text(errno));
  int one = 1, zero = 0;
  // A port still in TIME_WAIT from an earlier group (e.g. after a failure) must be reusable at once.
  ::setsockopt(s.fd(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  int rc;
  if (v6) {
    ::setsockopt(s.fd(), IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_any;
    a.sin6_port = htons(static_cast<uint16_t>(port));
    rc = ::bind(s.fd(), reinterpret_cast<sockaddr*>(&a), sizeof a);
  } else {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_ANY);
    a.sin_port = htons(static_cast<uint16_t>(port));
    rc = ::bind(s.fd(), reinterpret_cast<sockaddr*>(&a), sizeof a);
  }
  if (rc != 0 || ::listen(s.fd(), 128) != 0)
    throw std::runtime_error("rank 0 cannot serve the rendezvous store on port " + std::to_string(port) + ": " +
                             errno_text(errno));
  return s;
}

void send_all(int fd, const void* data, size_t size, Clock::time_point deadline) {
  auto p = static_cast<const char*>(data);
  while (size > 0) {
    wait_ready(fd, POLLOUT, deadline, "sending to the rendezvous store");
    ssize_t n = ::send(fd, p, size, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
      throw std::runtime_error("sending to the rendezvous store: " + errno_text(errno));
    }
    p += n;
    size -= static_cast<size_t>(n);
  }
}

void recv_all(int fd, void* data, size_t size, Clock::time_point deadline) {
  auto p = static_cast<char*>(data);
  while (size > 0) {
    wait_ready(fd, POLLIN, deadline, "receiving from the rendezvous store");
    ssize_t n = ::recv(fd, p, size, MSG_DONTWAIT);
    if (n == 0) throw std::runtime_error("the rendezvous store closed the connection");
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
      throw std::runtime_error("receiving from the rendezvous store: " + errno_text(errno));
    }
    p += n;
    size -= static_cast<size_t>(n);
  }
}

}  // namespace trp_gloo
