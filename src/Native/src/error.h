// The one boundary where C++ exceptions become this thread's error message (see trp_gloo_last_error).
#pragma once
#include <exception>
#include <string>

namespace trp_gloo {
void set_error(std::string message);
void clear_error();
}  // namespace trp_gloo

// Wraps a function body: any exception becomes the thread's error and the function returns `fail`.
#define TRP_GLOO_GUARD(fail, body)                 \
  trp_gloo::clear_error();                         \
  try {                                            \
    body                                           \
  } catch (const std::exception& e) {              \
    trp_gloo::set_error(e.what());                 \
    return fail;                                   \
  } catch (...) {                                  \
    trp_gloo::set_error("unknown C++ exception");  \
    return fail;                                   \
  }
