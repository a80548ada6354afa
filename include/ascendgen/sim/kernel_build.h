// Compiling an Ascend C kernel source file into a shared object the emulator can load.
//
//   auto result = ascendgen::sim::build_kernel("add_custom.cpp", "/tmp/add_custom.so");
//   if (!result.ok) std::cerr << result.output;    // compiler diagnostics, file:line first
//   ascendgen::sim::KernelLibrary lib("/tmp/add_custom.so");
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace ascendgen::sim {

// Where the pieces a kernel compiles against are. Found from the location of the loaded
// libascendgen_sim, so it is right in the build tree, after install, and in a relocated install
// (a Python wheel).
struct KernelToolchain {
  std::string compiler;      // the candidate compiler ascendgen was configured with: clang++ when
                             // found (bisheng, CANN's kernel compiler, is clang-based), else g++
  std::string include_dir;   // holds kernel_operator.h
  std::string sim_library;   // the libascendgen_sim file this process runs; kernels link it

  static KernelToolchain detect();
  // Whether `compiler` is clang (its flags and diagnostics differ from g++'s).
  bool is_clang() const;
};

struct KernelBuildOptions {
  std::vector<std::string> extra_flags;  // appended after the standard flags, e.g. "-DTILE=64"
  double timeout_s = 0;                  // > 0: kill the compiler's process group after this long
  size_t max_output_bytes = 0;           // > 0: keep at most this much output (the rest is drained)
  uint64_t memory_limit_bytes = 0;       // > 0: address-space limit of the compiler and its children
};

struct KernelBuildResult {
  bool ok = false;
  std::string output;    // the compiler's stdout and stderr, or why it could not be run
  double seconds = 0;    // wall time of the compile
  bool timed_out = false;  // killed after options.timeout_s
  int exit_code = -1;      // the compiler's exit status; -1 when it could not run or was killed
};

// Compiles `source` with `<compiler> -std=c++17 -O2 -fPIC -shared -fno-builtin` against the kernel
// headers into the shared object `output`, linked to libascendgen_sim with an rpath. The
// compiler runs as a child process in its own process group, in the C locale (so its messages are
// the same everywhere); no shell is involved, except that with memory_limit_bytes `sh -c ulimit`
// sets the limit and then becomes the compiler. Never throws for a failed compile: the diagnostics are in
// the result.
KernelBuildResult build_kernel(const std::string& source, const std::string& output,
                               const KernelBuildOptions& options = {},
                               const KernelToolchain& toolchain = KernelToolchain::detect());

}  // namespace ascendgen::sim
