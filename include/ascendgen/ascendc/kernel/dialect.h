// Bisheng's (CANN's clang-based kernel compiler) spellings that plain C++ lacks, mapped so that
// kernels written for it compile unchanged. The Compiler's source rewrite (src/compiler/
// dialect.cpp) handles the forms no macro can reach: it blanks `[aicore]` and turns a
// `kernel<<<blockDim, l2ctrl, stream>>>(args)` launch into ASCENDGEN_HOST_LAUNCH(kernel)(args).
#pragma once

// Bisheng's forced inlining; the emulator needs no more than inline.
#define __forceinline__ inline

namespace ascendgen::sim::abi {

// A `<<<>>>` launch in kernel sources is host code the NPU toolchain compiles for the CPU side;
// the emulator launches the extern "C" entry itself, so reaching one is an error naming it.
[[noreturn]] void host_launch_unsupported(const char* kernel);

struct HostLaunch {
  const char* kernel;
  template <class... Args>
  void operator()(Args&&...) const {
    host_launch_unsupported(kernel);
  }
};

}  // namespace ascendgen::sim::abi

#define ASCENDGEN_HOST_LAUNCH(kernel) ((void)&(kernel), ::ascendgen::sim::abi::HostLaunch{#kernel})
