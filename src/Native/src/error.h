// The one boundary where C++ exceptions become per-thread error messages.
#pragma once
#include <c10/util/Exception.h>
#include <exception>
#include <string>

namespace trp {
void set_error(std::string message);
}

// Wrap a function body: any exception becomes the thread's error and the function returns `fail`.
#define TRP_GUARD(fail, body)                                            \
  try {                                                                  \
    body                                                                 \
  } catch (const c10::Error& e) {                                        \
    trp::set_error(e.what_without_backtrace());                          \
    return fail;                                                         \
  } catch (const std::exception& e) {                                    \
    trp::set_error(e.what());                                            \
    return fail;                                                         \
  } catch (...) {                                                        \
    trp::set_error("unknown C++ exception");                             \
    return fail;                                                         \
  }
