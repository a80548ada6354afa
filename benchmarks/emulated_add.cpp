// The fp16 add of 48 x 128 x 512 elements: the add_custom example kernel on 48 emulated AIV cores
// against libtorch's CPU add of the same half tensors, timed in one run; the outputs must agree
// bit for bit.
// Usage: emulated_add [--reps N] [--soc Ascend910B2]   (default: 20 repetitions, median reported)
#include <chrono>
#include <cstring>

#include <fmt/format.h>
#include <torch/torch.h>

#include "ascendgen/core/soc.h"
#include "ascendgen/sim/kernel_build.h"
#include "ascendgen/sim/kernel_library.h"
#include "ascendgen/sim/launcher.h"
#include "benchmark_util.h"

namespace {
constexpr int kCores = 48;
constexpr int64_t kElements = int64_t{48} * 128 * 512;
constexpr size_t kBytes = kElements * sizeof(uint16_t);

template <typename F> double seconds_of(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

int main(int argc, char** argv) try {
  const int reps = bench::positive_option(argc, argv, "reps", 20);
  const auto soc = ascendgen::load_soc(bench::option(argc, argv, "soc", "Ascend910B2"));

  bench::ScratchDir scratch;
  const std::string library_path = (scratch.path / "add_custom.so").string();
  const auto built = ascendgen::sim::build_kernel(ADD_CUSTOM_SOURCE, library_path);
  if (!built.ok) throw std::runtime_error("add_custom.cpp did not compile:\n" + built.output);
  ascendgen::sim::KernelLibrary library(library_path);
  const auto entry = library.entry("add_custom");

  torch::manual_seed(2024);
  const torch::Tensor x = (torch::randn({kElements}) * 8).to(torch::kHalf);
  const torch::Tensor y = (torch::randn({kElements}) * 8).to(torch::kHalf);

  ascendgen::sim::GlobalMemory gm;
  uint8_t* xp = gm.allocate(kBytes, "x");
  uint8_t* yp = gm.allocate(kBytes, "y");
  uint8_t* zp = gm.allocate(kBytes, "z");
  std::memcpy(xp, x.data_ptr(), kBytes);
  std::memcpy(yp, y.data_ptr(), kBytes);
  ascendgen::sim::LaunchOptions options;
  options.block_dim = kCores;
  options.limits = soc.core_limits();

  torch::Tensor z_torch;
  std::vector<double> emulator_s, torch_s;
  // One untimed round each first: page faults and lazy initialisation are not what is measured.
  for (int rep = 0; rep <= reps; ++rep) {
    const double e = seconds_of([&] { ascendgen::sim::launch(entry, {xp, yp, zp}, options, gm); });
    const double t = seconds_of([&] { z_torch = torch::add(x, y); });
    if (rep == 0) continue;
    emulator_s.push_back(e);
    torch_s.push_back(t);
    fmt::print(stderr, "[{}/{}] emulator {:.2f} ms, libtorch {:.2f} ms\n", rep, reps, e * 1e3, t * 1e3);
  }

  const auto* emulated = reinterpret_cast<const uint16_t*>(zp);
  const auto* reference = reinterpret_cast<const uint16_t*>(z_torch.data_ptr());
  int64_t differing = 0;
  for (int64_t i = 0; i < kElements; ++i) differing += emulated[i] != reference[i];

  const double emulator_ms = bench::median(emulator_s) * 1e3, torch_ms = bench::median(torch_s) * 1e3;
  fmt::print("| fp16 add, {} elements | median | min |\n|---|---|---|\n", kElements);
  fmt::print("| emulator: add_custom on {} cores ({}) | {:.2f} ms | {:.2f} ms |\n", kCores, soc.name, emulator_ms,
             *std::min_element(emulator_s.begin(), emulator_s.end()) * 1e3);
  fmt::print("| libtorch CPU torch::add, {} thread(s) | {:.2f} ms | {:.2f} ms |\n", at::get_num_threads(), torch_ms,
             *std::min_element(torch_s.begin(), torch_s.end()) * 1e3);
  fmt::print("\nratio emulator/libtorch: {:.2f} (target: within 3)\n", emulator_ms / torch_ms);
  fmt::print("outputs bit-identical: {} ({} of {} halves differ), {} repetitions\n", differing == 0 ? "yes" : "NO",
             differing, kElements, reps);
  return differing == 0 ? 0 : 1;
} catch (const std::exception& e) {
  fmt::print(stderr, "emulated_add: {}\n", e.what());
  return 2;
}
