#include "ascendgen/evaluator/worker.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "../timing/soc_json.h"
#include "../worker/protocol.h"

extern char** environ;

namespace ascendgen {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// A private directory for one worker run, removed with everything in it.
class ScratchDir {
 public:
  explicit ScratchDir(const fs::path& parent) {
    std::string pattern = ((parent.empty() ? fs::temp_directory_path() : parent) / "ascendgen-worker-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      throw std::runtime_error(fmt::format("cannot create a worker directory {}: {}", pattern, std::strerror(errno)));
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write_bytes(const fs::path& path, const void* data, size_t bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
  if (!out.flush()) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string signal_name(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  const char* description = strsignal(sig);
  return abbrev ? fmt::format("SIG{} ({})", abbrev, description ? description : "") : fmt::format("signal {}", sig);
}

// The worker process: spawned in its own process group with stdout and stderr on a pipe.
struct Spawned {
  pid_t pid = -1;
  int output_fd = -1;
};

Spawned spawn_worker(const fs::path& executable, const fs::path& dir) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Its own process group, so a timeout kills everything it started; default signal handling and
  // an empty mask whatever the caller's threads use.
  sigset_t all, none;
  sigfillset(&all);
  sigemptyset(&none);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  const std::string exe = executable.string(), arg = dir.string();
  char* argv[] = {const_cast<char*>(exe.c_str()), const_cast<char*>(arg.c_str()), nullptr};
  Spawned s;
  const int rc = posix_spawn(&s.pid, exe.c_str(), &actions, &attr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    throw std::runtime_error(fmt::format("cannot start {}: {}", exe, std::strerror(rc)));
  }
  s.output_fd = fds[0];
  return s;
}

// Waits for the worker until `deadline`, draining its output (so it never blocks on a full pipe)
// and keeping the first `max_bytes`. Kills the process group at the deadline. Returns the wait
// status and whether the deadline struck.
struct Ended {
  int status = 0;
  bool timed_out = false;
};

Ended wait_worker(const Spawned& s, Clock::time_point deadline, uint64_t max_bytes, WorkerResult& result) {
  Ended ended;
  auto remaining_ms = [&] {
    return static_cast<int>(std::max<int64_t>(
        0, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count()));
  };
  char buffer[16384];
  bool open = true;
  while (open) {
    pollfd p{s.output_fd, POLLIN, 0};
    const int ready = poll(&p, 1, remaining_ms());
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      ended.timed_out = true;
      break;
    }
    const ssize_t n = read(s.output_fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      open = false;
      break;
    }
    const size_t keep = std::min<size_t>(static_cast<size_t>(n), max_bytes - std::min<size_t>(max_bytes, result.output.size()));
    result.output.append(buffer, keep);
    if (keep < static_cast<size_t>(n)) result.output_truncated = true;
  }
  close(s.output_fd);
  // The pipe closes as the worker exits; allow it the rest of the deadline to be reaped.
  while (!ended.timed_out) {
    const pid_t r = waitpid(s.pid, &ended.status, WNOHANG);
    if (r == s.pid) return ended;
    if (r < 0 && errno != EINTR) throw std::runtime_error(fmt::format("waitpid: {}", std::strerror(errno)));
    if (Clock::now() >= deadline) ended.timed_out = true;
    else std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kill(-s.pid, SIGKILL);
  kill(s.pid, SIGKILL);
  while (waitpid(s.pid, &ended.status, 0) < 0 && errno == EINTR) {}
  return ended;
}

fs::path library_dir() {
  Dl_info info{};
  if (!dladdr(reinterpret_cast<const void*>(&find_worker_executable), &info) || !info.dli_fname) return {};
  return fs::absolute(info.dli_fname).parent_path();
}

}  // namespace

fs::path find_worker_executable() {
  if (const char* env = std::getenv("ASCENDGEN_WORKER")) return env;
  const fs::path lib = library_dir();
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
  ScratchDir dir(options_.temp_dir);
  worker::Request wire;
  wire.artifact = fs::absolute(request.artifact).string();
  wire.entry = request.entry;
  wire.block_dim = request.block_dim;
  wire.limits = request.limits;
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
    worker::Buffer w{b.name, b.bytes, "", ""};
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

  WorkerResult result;
  const Spawned spawned = spawn_worker(options_.executable, dir.path());
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options_.wall_timeout_s));
  const Ended ended = wait_worker(spawned, deadline, options_.max_output_bytes, result);
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();

  auto fail = [&](std::string kind, std::string message) {
    result.error_kind = std::move(kind);
    result.message = std::move(message);
    return result;
  };
  if (ended.timed_out)
    return fail("timeout", fmt::format("the kernel ran past the wall-clock limit of {} s and was killed", options_.wall_timeout_s));
  if (WIFSIGNALED(ended.status)) {
    const int sig = WTERMSIG(ended.status);
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
  const int code = WEXITSTATUS(ended.status);
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
