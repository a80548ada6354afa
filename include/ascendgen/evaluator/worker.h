// WorkerClient: runs one kernel launch in a separate, confined `ascendgen-worker` process, so that
// a kernel that crashes, loops, exhausts memory or makes a forbidden system call costs one result
// and never the caller.
//
//   ascendgen::WorkerClient client({.wall_timeout_s = 5});
//   ascendgen::WorkerRequest request{.artifact = "/tmp/add.so", .entry = "add_custom", .block_dim = 8};
//   request.buffers = {{"x", x_bytes, x_data, false}, {"z", z_bytes, {}, true}};
//   ascendgen::WorkerResult r = client.run(request);
//   if (r.ok()) use(r.outputs[1]); else std::cerr << r.error_kind << ": " << r.message;
//
// The worker limits its CPU time, address space, file size and open files, disables core dumps,
// and installs a seccomp filter (no fork, exec, sockets, ptrace or signals to other processes)
// before it loads the kernel; the client kills its process group at the wall-clock timeout and
// keeps at most max_output_bytes of what it prints.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ascendgen/core/soc.h"
#include "ascendgen/evaluator/operator_launch.h"
#include "ascendgen/sim/launcher.h"

namespace ascendgen {

// One GM_ADDR argument of the kernel.
struct WorkerBuffer {
  std::string name;              // appears in the emulator's error messages
  uint64_t bytes = 0;
  std::vector<uint8_t> data;     // initial contents (empty: zero-filled); at most `bytes` long
  bool read_back = false;        // an output: its final contents come back in WorkerResult::outputs
  // A tensor list (a dynamic input or output): the worker builds CANN's descriptor of these other
  // buffers (sim/tensor_list.h) in GM and passes it to the kernel; `bytes` and `data` stay empty,
  // and the listed buffers reach the kernel only through it.
  std::vector<size_t> list;
  std::vector<int64_t> shape;    // a tensor-list element: the shape its descriptor records
  // An earlier buffer whose GM memory this parameter is (an in-place output gets its input's
  // address); `bytes` and `data` stay empty. -1: a buffer of its own.
  int alias = -1;
};

struct WorkerRequest {
  std::filesystem::path artifact;   // the compiled kernel .so
  std::string entry;                // its extern "C" entry point
  int block_dim = 1;
  sim::CoreType core_type = sim::CoreType::Vector;  // task.yaml kernel.core_type
  sim::CoreLimits limits;           // the SoC's core limits
  // The kernel's parameters in order, each a buffer that no `list` names; tensor-list elements
  // anywhere among them.
  std::vector<WorkerBuffer> buffers;
  // When set (with a timing section), the worker predicts the launch's time on this SoC from the
  // instruction trace it holds and returns the profile.
  std::optional<SocDescription> soc;
  bool chrome_trace = false;  // with `soc`: also return the predicted timeline (Chrome trace JSON)
  // A full operator: the worker runs its tiling function first, which decides the block dim and
  // the sizes of the workspace and tiling buffers (give those buffers 0 bytes).
  std::optional<OperatorLaunch> operator_launch;
};

struct WorkerOptions {
  double wall_timeout_s = 10;               // the process group is killed after this long
  uint64_t memory_limit_bytes = 4ull << 30;  // RLIMIT_AS of the worker
  uint64_t max_output_bytes = 64 << 10;      // kept of what the worker prints (stdout + stderr)
  uint64_t open_files = 64;                 // RLIMIT_NOFILE
  std::filesystem::path executable;         // empty: find_worker_executable()
  std::filesystem::path temp_dir;           // where private directories go; empty: the system's
};

struct WorkerResult {
  // Empty when the launch completed; else an ErrorKind name ("ub_overflow", ...) for a misuse the
  // emulator caught, or "crash", "timeout", "memory_limit", "forbidden_syscall", "load_error", or
  // a full operator's tiling failure: "tiling_not_registered", "op_def_mismatch",
  // "tiling_exception", "tiling_failed", "tiling_data_overflow", "tiling_block_dim".
  std::string error_kind;
  std::string message;              // one paragraph saying what happened
  sim::LaunchRecord record;         // per-core counters, when the launch completed
  // timing::to_json of the predicted profile (with "predicted_us"), when the request named a SoC;
  // {"error": ...} when the prediction failed; empty otherwise.
  std::string profile;
  std::string chrome_trace;         // the timeline in Chrome's trace-event JSON, when asked for
  std::optional<TilingOutcome> tiling;  // what a full operator's tiling function set, when it ran
  std::vector<std::vector<uint8_t>> outputs;  // per buffer: final bytes when read_back, else empty
  std::string output;               // what the worker printed, truncated to max_output_bytes
  bool output_truncated = false;
  double seconds = 0;               // wall time of the worker process

  bool ok() const { return error_kind.empty(); }
};

class WorkerClient {
 public:
  explicit WorkerClient(WorkerOptions options = {});

  // Runs the request in a fresh worker process and waits for it (at most wall_timeout_s). Never
  // throws for what the kernel does; throws std::runtime_error when the worker cannot be started
  // or its directory cannot be written. Thread-safe: concurrent calls run concurrent workers.
  WorkerResult run(const WorkerRequest& request) const;

  const WorkerOptions& options() const { return options_; }

 private:
  WorkerOptions options_;
};

// The `ascendgen-worker` executable: $ASCENDGEN_WORKER if set, else beside libascendgen (build
// tree) or in the install's bin directory. Throws std::runtime_error listing where it looked.
std::filesystem::path find_worker_executable();

}  // namespace ascendgen
