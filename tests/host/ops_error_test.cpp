// error/ops_error.h and log/ops_log.h: a failed check runs its statement (usually a return) after
// logging; a passing one runs nothing.
#include <doctest/doctest.h>

#include "error/ops_error.h"
#include "register/op_def_registry.h"

namespace {

ge::graphStatus check_positive(int64_t value, int* logged) {
  OPS_CHECK(value <= 0, ++*logged, return ge::GRAPH_FAILED);
  OPS_LOG_D("op", "value %ld", static_cast<long>(value));
  return ge::GRAPH_SUCCESS;
}

ge::graphStatus check_present(const int64_t* value) {
  OPS_LOG_E_IF_NULL("op", value, return ge::GRAPH_FAILED);
  return ge::GRAPH_SUCCESS;
}

}  // namespace

TEST_CASE("ops_error, failed_checks_log_and_run_their_statement") {
  int logged = 0;
  CHECK(check_positive(3, &logged) == ge::GRAPH_SUCCESS);
  CHECK(logged == 0);
  CHECK(check_positive(0, &logged) == ge::GRAPH_FAILED);
  CHECK(logged == 1);
  const int64_t one = 1;
  CHECK(check_present(&one) == ge::GRAPH_SUCCESS);
  CHECK(check_present(nullptr) == ge::GRAPH_FAILED);
}
