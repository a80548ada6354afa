#include "ascendgen/sim/kernel_build.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

extern char** environ;

namespace ascendgen::sim {
namespace fs = std::filesystem;

namespace {

// The file this library was loaded from (libascendgen_sim.so.N).
fs::path loaded_sim_library() {
  Dl_info info{};
  if (!dladdr(reinterpret_cast<const void*>(&KernelToolchain::detect), &info) || !info.dli_fname)
    return {};
  return fs::absolute(info.dli_fname);
}

// The environment of this process with LC_ALL=C, so compiler messages are in English with ASCII
// quotes whatever the caller's locale.
std::vector<std::string> c_locale_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "LC_ALL=", 7) != 0) env.emplace_back(*e);
  env.emplace_back("LC_ALL=C");
  return env;
}

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// Runs argv[0] (searched on PATH) with stdout and stderr captured together; no shell is involved,
// so file names need no quoting; messages call it `program`. The child leads its own process group, so a timeout kills the
// compiler driver together with the cc1plus/as/ld it started.
KernelBuildResult run_captured(const std::vector<std::string>& argv, const KernelBuildOptions& options,
                               const std::string& program) {
  using Clock = std::chrono::steady_clock;
  KernelBuildResult result;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    result.output = fmt::format("cannot create a pipe: {}", std::strerror(errno));
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  const std::vector<std::string> env = c_locale_environment();
  std::vector<char*> args = c_strings(argv), envp = c_strings(env);
  pid_t pid = 0;
  const int spawn_error = posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close(fds[1]);
  if (spawn_error != 0) {
    close(fds[0]);
    result.output = fmt::format("cannot run '{}': {}", argv[0], std::strerror(spawn_error));
    return result;
  }
  const bool limited = options.timeout_s > 0;
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(limited ? options.timeout_s : 0));
  const auto ms_left = [&] {
    if (!limited) return -1;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return static_cast<int>(std::max<int64_t>(left, 0));
  };
  bool truncated = false;
  char buffer[4096];
  for (;;) {
    pollfd readable{fds[0], POLLIN, 0};
    const int ready = poll(&readable, 1, ms_left());
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      result.timed_out = true;
      break;
    }
    const ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    size_t keep = static_cast<size_t>(n);
    if (options.max_output_bytes > 0)
      keep = std::min(keep, options.max_output_bytes - std::min(options.max_output_bytes, result.output.size()));
    result.output.append(buffer, keep);
    truncated = truncated || keep < static_cast<size_t>(n);
  }
  close(fds[0]);
  // The output can end before the child does; wait for it no longer than the deadline.
  int status = 0;
  while (!result.timed_out) {
    const pid_t waited = waitpid(pid, &status, limited ? WNOHANG : 0);
    if (waited == pid || (waited < 0 && errno != EINTR)) break;
    if (waited == 0 && ms_left() == 0) result.timed_out = true;
    else if (waited == 0) usleep(2000);
  }
  if (truncated) result.output += fmt::format("\n[output truncated to {} bytes]\n", options.max_output_bytes);
  if (result.timed_out) {
    kill(-pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    result.output += fmt::format("'{}' did not finish within {} s and was killed\n", program, options.timeout_s);
    return result;
  }
  if (WIFSIGNALED(status))
    result.output += fmt::format("'{}' was killed by signal {}\n", program, WTERMSIG(status));
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  result.ok = result.exit_code == 0;
  return result;
}

}  // namespace

KernelToolchain KernelToolchain::detect() {
  KernelToolchain t;
  t.compiler = ASCENDGEN_KERNEL_CXX;
  const fs::path library = loaded_sim_library();
  t.sim_library = library.string();
  std::error_code ec;
  const bool in_build_tree = fs::equivalent(library.parent_path(), ASCENDGEN_SIM_BUILD_DIR, ec);
  t.include_dir = in_build_tree ? fs::path(ASCENDGEN_KERNEL_INCLUDE_BUILD).string()
                                : (library.parent_path() / ASCENDGEN_KERNEL_INCLUDE_FROM_LIB).lexically_normal().string();
  return t;
}

KernelBuildResult build_kernel(const std::string& source, const std::string& output, const KernelBuildOptions& options,
                               const KernelToolchain& toolchain) {
  const std::string library_dir = fs::path(toolchain.sim_library).parent_path().string();
  std::vector<std::string> argv = {toolchain.compiler, "-std=c++17", "-O2", "-fPIC", "-shared", "-fno-builtin",
                                   "-I", toolchain.include_dir};
  argv.insert(argv.end(), options.extra_flags.begin(), options.extra_flags.end());
  // --no-undefined: a call into an API the runtime lacks fails here, with the kernel's file:line,
  // rather than later in dlopen.
  argv.insert(argv.end(), {source, "-o", output, toolchain.sim_library, "-Wl,-rpath," + library_dir,
                           "-Wl,--no-undefined"});
  // The limit must be in place before the driver starts cc1plus, so a shell sets it and then
  // becomes the compiler; the arguments pass through "$@" unquoted and unchanged.
  if (options.memory_limit_bytes > 0)
    argv.insert(argv.begin(), {"/bin/sh", "-c",
                               fmt::format("ulimit -v {} && exec \"$@\"", options.memory_limit_bytes / 1024), "sh"});
  const auto start = std::chrono::steady_clock::now();
  KernelBuildResult result = run_captured(argv, options, toolchain.compiler);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace ascendgen::sim
