// How long build_kernel takes to turn an Ascend C kernel into a loadable shared object.
// Usage: compile_latency [--runs N] [--source kernel.cpp] [--compiler PATH]
// (default: 20 runs of add_custom.cpp with the configured candidate compiler)
#include <cstdio>

#include <fmt/format.h>

#include "ascendgen/sim/kernel_build.h"
#include "benchmark_util.h"

int main(int argc, char** argv) try {
  const int runs = bench::positive_option(argc, argv, "runs", 20);
  const std::string source = bench::option(argc, argv, "source", ADD_CUSTOM_SOURCE);
  ascendgen::sim::KernelToolchain toolchain = ascendgen::sim::KernelToolchain::detect();
  toolchain.compiler = bench::option(argc, argv, "compiler", toolchain.compiler);
  bench::ScratchDir scratch;
  const std::string output = (scratch.path / "kernel.so").string();
  std::vector<double> seconds;
  for (int i = 1; i <= runs; ++i) {
    const auto result = ascendgen::sim::build_kernel(source, output, {}, toolchain);
    if (!result.ok) {
      fmt::print(stderr, "compile of {} failed:\n{}", source, result.output);
      return 1;
    }
    seconds.push_back(result.seconds);
    fmt::print(stderr, "[{}/{}] {:.3f} s\n", i, runs, result.seconds);
  }
  fmt::print("| benchmark | runs | median | p90 |\n|---|---|---|---|\n");
  fmt::print("| compile_latency ({}, {}) | {} | {:.3f} s | {:.3f} s |\n",
             std::filesystem::path(source).filename().string(),
             std::filesystem::path(toolchain.compiler).filename().string(), runs, bench::median(seconds),
             bench::quantile(seconds, 0.9));
  return 0;
} catch (const std::exception& e) {
  fmt::print(stderr, "compile_latency: {}\n", e.what());
  return 2;
}
