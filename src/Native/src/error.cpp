#include "error.h"
#include "troupe_gloo.h"

namespace {
// Per thread: the managed side reads the message right after the failing call, on the same thread.
thread_local std::string last_error;
thread_local bool has_error = false;
}  // namespace

namespace trp_gloo {
void set_error(std::string message) {
  last_error = std::move(message);
  has_error = true;
}

void clear_error() {
  has_error = false;
}
}  // namespace trp_gloo

extern "C" TRP_GLOO_API const char* trp_gloo_last_error(void) {
  return has_error ? last_error.c_str() : nullptr;
}
