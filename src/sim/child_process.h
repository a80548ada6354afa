// Running a program as a child process with its output captured and a wall-clock limit. Internal:
// shared by build_kernel (the compiler) and the evaluator's WorkerClient (the sandboxed worker), so
// it lives in libascendgen_sim, the lowest library both link.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ascendgen::sim::detail {

struct ChildOptions {
  std::vector<std::string> argv;                 // argv[0] is searched on PATH unless it holds a '/'
  std::optional<std::vector<std::string>> env;   // the child's environment; none: this process's
  // The child's process group is killed at this time; none: wait for it however long it takes.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  size_t max_output_bytes = SIZE_MAX;            // kept of stdout + stderr; the rest is drained
};

struct ChildResult {
  int wait_status = 0;     // as from waitpid; meaningless when timed_out
  bool timed_out = false;  // killed at the deadline
  std::string output;      // stdout and stderr together, at most max_output_bytes
  bool output_truncated = false;
};

// Starts argv (no shell) with stdin on /dev/null, stdout and stderr on one pipe, default signal
// handling and an empty signal mask, as the leader of its own process group, so a timeout kills it
// together with everything it started. Throws std::runtime_error naming argv[0] when it cannot be
// started or waited for.
ChildResult run_child(const ChildOptions& options);

}  // namespace ascendgen::sim::detail
