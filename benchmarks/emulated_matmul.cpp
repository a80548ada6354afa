// The fp16 matmul of 1024 x 1024 x 1024: a cube-unit Ascend C kernel (benchmarks/kernels/
// matmul_cube.cpp) on the emulated AICs of the SoC against libtorch's CPU matmul of the same half
// matrices, timed in one run; the results must agree to half precision.
// libtorch 1.13's CPU matmul has no half kernel ("not implemented for 'Half'"); when that is so the
// reference converts the inputs to float, multiplies, and rounds to half, conversions timed too.
// Usage: emulated_matmul [--reps N] [--soc Ascend910B2] [--size 1024]   (median of N, default 5)
#include <chrono>
#include <cmath>
#include <cstring>

#include <fmt/format.h>
#include <torch/torch.h>

#include "ascendgen/core/soc.h"
#include "ascendgen/sim/kernel_build.h"
#include "ascendgen/sim/kernel_library.h"
#include "ascendgen/sim/launcher.h"
#include "benchmark_util.h"

namespace {
template <typename F> double seconds_of(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// libtorch's fp16 matmul on the CPU, or float on half inputs where it has no half kernel.
bool half_matmul_supported(const torch::Tensor& a, const torch::Tensor& b) {
  try {
    torch::matmul(a.slice(0, 0, 16).slice(1, 0, 16), b.slice(0, 0, 16).slice(1, 0, 16));
    return true;
  } catch (const c10::Error&) {
    return false;
  }
}
}  // namespace

int main(int argc, char** argv) try {
  const int reps = bench::positive_option(argc, argv, "reps", 5);
  const int64_t size = bench::positive_option(argc, argv, "size", 1024);
  if (size % 256 != 0) throw std::invalid_argument("--size must be a multiple of 256 (the kernel's K chunk)");
  const auto soc = ascendgen::load_soc(bench::option(argc, argv, "soc", "Ascend910B2"));

  bench::ScratchDir scratch;
  const std::string library_path = (scratch.path / "matmul_cube.so").string();
  const auto built = ascendgen::sim::build_kernel(MATMUL_CUBE_SOURCE, library_path);
  if (!built.ok) throw std::runtime_error("matmul_cube.cpp did not compile:\n" + built.output);
  ascendgen::sim::KernelLibrary library(library_path);
  const auto entry = library.entry("matmul_cube");

  torch::manual_seed(2024);
  const torch::Tensor a = torch::randn({size, size}).to(torch::kHalf);
  const torch::Tensor b = torch::randn({size, size}).to(torch::kHalf);
  const size_t bytes = static_cast<size_t>(size * size) * sizeof(uint16_t);
  ascendgen::sim::GlobalMemory gm;
  uint8_t* ap = gm.allocate(bytes, "a");
  uint8_t* bp = gm.allocate(bytes, "b");
  uint8_t* cp = gm.allocate(bytes, "c");
  uint8_t* tp = gm.allocate(3 * sizeof(uint32_t), "tiling");
  std::memcpy(ap, a.data_ptr(), bytes);
  std::memcpy(bp, b.data_ptr(), bytes);
  const uint32_t tiling[3] = {static_cast<uint32_t>(size), static_cast<uint32_t>(size), static_cast<uint32_t>(size)};
  std::memcpy(tp, tiling, sizeof(tiling));
  ascendgen::sim::LaunchOptions options;
  options.block_dim = soc.cube_cores;
  options.core_type = ascendgen::sim::CoreType::Cube;
  options.limits = soc.core_limits();

  const bool native_half = half_matmul_supported(a, b);
  const auto reference = [&] {
    return native_half ? torch::matmul(a, b) : torch::matmul(a.to(torch::kFloat), b.to(torch::kFloat)).to(torch::kHalf);
  };
  torch::Tensor c_torch;
  std::vector<double> emulator_s, torch_s;
  // One untimed round each first: page faults and lazy initialisation are not what is measured.
  for (int rep = 0; rep <= reps; ++rep) {
    const double e = seconds_of([&] { ascendgen::sim::launch(entry, {ap, bp, cp, tp}, options, gm); });
    const double t = seconds_of([&] { c_torch = reference(); });
    if (rep == 0) continue;
    emulator_s.push_back(e);
    torch_s.push_back(t);
    fmt::print(stderr, "[{}/{}] emulator {:.1f} ms, libtorch {:.1f} ms\n", rep, reps, e * 1e3, t * 1e3);
  }

  // Both accumulate in float and round once to half; summation orders differ, so a result may sit
  // one half ulp away.
  const torch::Tensor emulated = torch::from_blob(cp, {size, size}, torch::kHalf).to(torch::kFloat);
  const torch::Tensor expected = c_torch.to(torch::kFloat);
  const torch::Tensor diff = (emulated - expected).abs();
  const double max_diff = diff.max().item<double>();
  const bool agree = (diff <= expected.abs() * 2e-3 + 1e-2).all().item<bool>();
  const int64_t identical = (emulated == expected).sum().item<int64_t>();

  const double emulator_ms = bench::median(emulator_s) * 1e3, torch_ms = bench::median(torch_s) * 1e3;
  fmt::print("| fp16 matmul {}^3 | median | min |\n|---|---|---|\n", size);
  fmt::print("| emulator: matmul_cube on {} AICs ({}) | {:.1f} ms | {:.1f} ms |\n", options.block_dim, soc.name,
             emulator_ms, *std::min_element(emulator_s.begin(), emulator_s.end()) * 1e3);
  fmt::print("| libtorch CPU {}, {} thread(s) | {:.1f} ms | {:.1f} ms |\n",
             native_half ? "torch::matmul (half)" : "torch::matmul (half -> float -> half)", at::get_num_threads(),
             torch_ms, *std::min_element(torch_s.begin(), torch_s.end()) * 1e3);
  fmt::print("\nratio emulator/libtorch: {:.2f} (target: within 5)\n", emulator_ms / torch_ms);
  fmt::print("results agree to half precision: {} (max |diff| {:.3g}; {} of {} identical), {} repetitions\n",
             agree ? "yes" : "NO", max_diff, identical, size * size, reps);
  return agree ? 0 : 1;
} catch (const std::exception& e) {
  fmt::print(stderr, "emulated_matmul: {}\n", e.what());
  return 2;
}
