#include "ascendgen/evaluator/worker.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "ascendgen/core/files.h"

#include "../core/library_dir.h"
#include "../core/temp_dir.h"
#include "../sim/child_process.h"
#include "../timing/soc_json.h"
#include "../worker/protocol.h"

namespace ascendgen {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

void write_bytes(const fs::path& path, const void* data, size_t bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
  if (!out.flush()) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

// What the worker left in its directory; a file it did not write reads as empty.
std::string read_text(const fs::path& path) { return try_read_file(path).value_or(""); }

std::string signal_name(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  const char* description = strsignal(sig);
  return abbrev ? fmt::format("SIG{} ({})", abbrev, description ? description : "") : fmt::format("signal {}", sig);
}

}  // namespace

fs::path find_worker_executable() {
  if (const char* env = std::getenv("ASCENDGEN_WORKER")) return env;
  const fs::path lib = detail::library_dir();
  const fs::path beside = lib / "ascendgen-worker";
  const fs::path installed = (lib / ASCENDGEN_WORKER_FROM_LIB / "ascendgen-worker").lexically_normal();
  for (const auto& p : {beside, installed})
    if (fs::exists(p)) return p;
  throw std::runtime_error(fmt::format("ascendgen-worker not found (looked for {} and {}; set ASCENDGEN_WORKER)",
                                       beside.string(), installed.string()));
}

WorkerClient::WorkerClient(WorkerOptions options) : options_(std::move(options)) {
  if (options_.executable.empty()) options_.executable = find_worker_executable();
}

WorkerResult WorkerClient::run(const WorkerRequest& request) const {
  const auto start = Clock::now();
  const detail::TempDir dir(options_.temp_dir, "ascendgen-worker-");
  worker::Request wire;
  wire.artifact = fs::absolute(request.artifact).string();
  wire.entry = request.entry;
  wire.block_dim = request.block_dim;
  wire.core_type = request.core_type;
  wire.limits = request.limits;
  wire.operator_launch = request.operator_launch;
  // CPU time sums over threads, but the emulated cores take turns, so it tracks wall time: the
  // CPU limit backs up the wall-clock one should the parent's kill be delayed.
  wire.cpu_seconds = static_cast<uint64_t>(std::ceil(options_.wall_timeout_s)) + 1;
  wire.address_space_bytes = options_.memory_limit_bytes;
  wire.open_files = options_.open_files;
  uint64_t largest = 0;
  for (size_t i = 0; i < request.buffers.size(); ++i) {
    const WorkerBuffer& b = request.buffers[i];
    if (b.data.size() > b.bytes)
      throw std::invalid_argument(fmt::format("buffer '{}' holds {} bytes of data but is {} bytes long", b.name,
                                              b.data.size(), b.bytes));
    worker::Buffer w{b.name, b.bytes, "", "", b.list, b.shape, b.alias};
    if (!b.data.empty()) {
      // The worker reads an input in full: shorter data is padded with zeros.
      std::vector<uint8_t> padded(b.data);
      padded.resize(b.bytes);
      w.input = fmt::format("in{}.bin", i);
      write_bytes(dir.path() / w.input, padded.data(), padded.size());
    }
    if (b.read_back) w.output = fmt::format("out{}.bin", i);
    largest = std::max(largest, b.bytes);
    wire.buffers.push_back(std::move(w));
  }
  wire.file_size_bytes = largest + (1 << 20);  // the largest output, or the response
  if (request.soc && request.soc->costs.present) {
    wire.soc = timing::timing_soc_to_json(*request.soc);
    wire.chrome_trace = request.chrome_trace;
    if (request.chrome_trace) wire.file_size_bytes = std::max<uint64_t>(wire.file_size_bytes, uint64_t{1} << 30);
  }
  const std::string request_text = worker::to_json(wire).dump();
  write_bytes(dir.path() / worker::kRequestFile, request_text.data(), request_text.size());

  sim::detail::ChildOptions child;
  child.argv = {fs::absolute(options_.executable).string(), dir.path().string()};
  child.deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options_.wall_timeout_s));
  child.max_output_bytes = options_.max_output_bytes;
  sim::detail::ChildResult ended = sim::detail::run_child(child);
  WorkerResult result;
  result.output = std::move(ended.output);
  result.output_truncated = ended.output_truncated;
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();

  auto fail = [&](std::string kind, std::string message) {
    result.error_kind = std::move(kind);
    result.message = std::move(message);
    return result;
  };
  if (ended.timed_out)
    return fail("timeout", fmt::format("the kernel ran past the wall-clock limit of {} s and was killed", options_.wall_timeout_s));
  if (WIFSIGNALED(ended.wait_status)) {
    const int sig = WTERMSIG(ended.wait_status);
    if (sig == SIGXCPU || (sig == SIGKILL && result.seconds >= options_.wall_timeout_s))
      return fail("timeout", fmt::format("the kernel ran past the CPU time limit of {} s", wire.cpu_seconds));
    if (sig == SIGSYS) {
      const std::string call = read_text(dir.path() / worker::kFatalFile);
      // With signals blocked (posix_spawn, system()) the kernel kills the worker before the handler
      // can name the call.
      return fail("forbidden_syscall",
                  call.empty() ? std::string("the kernel made a forbidden system call (process creation, exec, socket, "
                                             "ptrace or a signal to another process) and was killed")
                               : fmt::format("the kernel made the forbidden system call '{}' and was killed", call));
    }
    if (sig == SIGXFSZ)
      return fail("crash", fmt::format("the kernel wrote a file past the size limit of {} bytes ({})", wire.file_size_bytes,
                                       signal_name(sig)));
    return fail("crash", fmt::format("the kernel crashed: the worker was killed by {}", signal_name(sig)));
  }
  const int code = WEXITSTATUS(ended.wait_status);
  const fs::path response_path = dir.path() / worker::kResponseFile;
  if (code != 0 || !fs::exists(response_path)) {
    // Before the started marker no kernel code has run: a failure there is ours, not the kernel's.
    if (!fs::exists(dir.path() / worker::kStartedFile))
      throw std::runtime_error(fmt::format("ascendgen-worker failed before loading the kernel (exit status {}): {}", code,
                                           result.output));
    return fail("crash", fmt::format("the kernel ended the process (exit status {}) before the launch completed", code));
  }
  worker::Response response;
  try {
    response = worker::response_from_json(nlohmann::json::parse(read_text(response_path)));
  } catch (const std::exception& e) {
    return fail("crash", fmt::format("the worker's response is unreadable ({}); the kernel may have overwritten it", e.what()));
  }
  if (response.status != "ok") return fail(response.error_kind, response.message);
  result.record = std::move(response.record);
  result.tiling = response.tiling;
  if (!response.profile.is_null()) result.profile = response.profile.dump();
  if (wire.chrome_trace && fs::exists(dir.path() / worker::kChromeTraceFile))
    result.chrome_trace = read_text(dir.path() / worker::kChromeTraceFile);
  result.outputs.resize(request.buffers.size());
  for (size_t i = 0; i < request.buffers.size(); ++i) {
    if (!request.buffers[i].read_back) continue;
    const std::string bytes = read_text(dir.path() / wire.buffers[i].output);
    if (bytes.size() != request.buffers[i].bytes)
      return fail("crash", fmt::format("output '{}' came back with {} of {} bytes", request.buffers[i].name, bytes.size(),
                                       request.buffers[i].bytes));
    result.outputs[i].assign(bytes.begin(), bytes.end());
  }
  return result;
}

}  // namespace ascendgen
