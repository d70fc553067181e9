#include "error.h"
#include "troupe_native.h"

namespace {
thread_local std::string last_error;
thread_local bool has_error = false;
thread_local std::string handed_out;
}  // namespace

namespace trp {
void set_error(std::string message) {
  last_error = std::move(message);
  has_error = true;
}
}  // namespace trp

extern "C" const char* trp_error_take(void) {
  if (!has_error) return nullptr;
  handed_out.swap(last_error);
  last_error.clear();
  has_error = false;
  return handed_out.c_str();
}
