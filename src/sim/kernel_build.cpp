#include "ascendgen/sim/kernel_build.h"

#include <dlfcn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstring>
#include <exception>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "child_process.h"

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

// Runs argv (argv[0] searched on PATH, no shell, so file names need no quoting) with stdout and
// stderr captured together; messages call it `program`. The child leads its own process group, so
// a timeout kills the compiler driver together with the cc1plus/as/ld it started.
KernelBuildResult run_captured(const std::vector<std::string>& argv, const KernelBuildOptions& options,
                               const std::string& program) {
  detail::ChildOptions child;
  child.argv = argv;
  child.env = c_locale_environment();
  if (options.timeout_s > 0)
    child.deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                            std::chrono::duration<double>(options.timeout_s));
  if (options.max_output_bytes > 0) child.max_output_bytes = options.max_output_bytes;
  KernelBuildResult result;
  detail::ChildResult ended;
  try {
    ended = detail::run_child(child);
  } catch (const std::exception& e) {
    result.output = e.what();
    return result;
  }
  result.output = std::move(ended.output);
  result.timed_out = ended.timed_out;
  if (ended.output_truncated)
    result.output += fmt::format("\n[output truncated to {} bytes]\n", options.max_output_bytes);
  if (ended.timed_out) {
    result.output += fmt::format("'{}' did not finish within {} s and was killed\n", program, options.timeout_s);
    return result;
  }
  if (WIFSIGNALED(ended.wait_status))
    result.output += fmt::format("'{}' was killed by signal {}\n", program, WTERMSIG(ended.wait_status));
  if (WIFEXITED(ended.wait_status)) result.exit_code = WEXITSTATUS(ended.wait_status);
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

bool KernelToolchain::is_clang() const {
  return fs::path(compiler).filename().string().find("clang") != std::string::npos;
}

KernelBuildResult build_kernel(const std::string& source, const std::string& output, const KernelBuildOptions& options,
                               const KernelToolchain& toolchain) {
  const std::string library_dir = fs::path(toolchain.sim_library).parent_path().string();
  std::vector<std::string> argv = {toolchain.compiler, "-std=c++17", "-O2", "-fPIC", "-shared", "-fno-builtin",
                                   "-I", toolchain.include_dir};
  // clang links through gold: with the default ld.bfd a clang compile costs 42% more CPU than g++'s,
  // with gold 12% (docs/compiler.md).
  if (toolchain.is_clang()) argv.push_back("-fuse-ld=gold");
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
