#include "ascendgen/sim/kernel_build.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

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

// Runs argv[0] (searched on PATH) with stdout and stderr captured together; no shell is involved,
// so file names need no quoting.
KernelBuildResult run_captured(const std::vector<std::string>& argv) {
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
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawn_error = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (spawn_error != 0) {
    close(fds[0]);
    result.output = fmt::format("cannot run '{}': {}", argv[0], std::strerror(spawn_error));
    return result;
  }
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n > 0) result.output.append(buffer, static_cast<size_t>(n));
    else if (n == 0 || errno != EINTR) break;
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (WIFSIGNALED(status))
    result.output += fmt::format("'{}' was killed by signal {}\n", argv[0], WTERMSIG(status));
  result.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
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
  const auto start = std::chrono::steady_clock::now();
  KernelBuildResult result = run_captured(argv);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace ascendgen::sim
