// The CANN operator repositories' error macros (error/ops_error.h): a failed check logs an error
// (log/ops_log.h) and runs the given statement, usually `return ge::GRAPH_FAILED`.
//   OPS_CHECK(cond, log_statement, expr): when cond holds, log_statement then expr.
//   OPS_LOG_E_IF_NULL(desc, ptr, expr): when ptr is null, an error naming it, then expr.
//   OPS_REPORT_VECTOR_INNER_ERR(desc, fmt, ...): an error.
#pragma once
#include "log/ops_log.h"

#define OPS_REPORT_VECTOR_INNER_ERR(desc, ...) OPS_LOG_E(desc, __VA_ARGS__)
#define OPS_CHECK(cond, log_statement, expr) \
  if (cond) {                                \
    log_statement;                           \
    expr;                                    \
  }
#define OPS_LOG_E_IF_NULL(desc, ptr, expr)         \
  if ((ptr) == nullptr) {                          \
    OPS_LOG_E(desc, "%s is nullptr", #ptr);        \
    expr;                                          \
  }
