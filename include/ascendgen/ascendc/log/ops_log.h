// The CANN operator repositories' logging macros (log/ops_log.h), which their op_host code uses:
// OPS_LOG_D/I/W/E(desc, fmt, ...). `desc` names the operator (a context or a name) and is not
// printed. CANN writes logs to its log files at level ERROR by default, so debug, info and
// warning messages are dropped and errors go to stderr, prefixed with [ERROR].
#pragma once
#include <cstdio>

#define OPS_LOG_D(desc, ...) static_cast<void>(desc)
#define OPS_LOG_I(desc, ...) static_cast<void>(desc)
#define OPS_LOG_W(desc, ...) static_cast<void>(desc)
#define OPS_LOG_E(desc, ...)            \
  do {                                  \
    static_cast<void>(desc);            \
    std::fprintf(stderr, "[ERROR] ");   \
    std::fprintf(stderr, __VA_ARGS__);  \
    std::fprintf(stderr, "\n");         \
  } while (0)
