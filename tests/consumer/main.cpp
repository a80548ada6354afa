// Loads an SoC description and runs the same kernel twice on the installed emulator: compiled into
// this program, and compiled at run time with build_kernel against the installed headers.
// Usage: consumer <install prefix> <scratch dir>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "ascendgen/core/soc.h"
#include "ascendgen/sim/kernel_build.h"
#include "ascendgen/sim/kernel_library.h"
#include "ascendgen/sim/launcher.h"
#include "kernel_operator.h"

extern "C" void mul_tile(GM_ADDR x, GM_ADDR y, GM_ADDR z);

namespace {
namespace fs = std::filesystem;
constexpr int kCores = 4;
constexpr size_t kCount = 256 * kCores;

int failures = 0;
void expect(bool ok, const std::string& what) {
  std::printf("%s: %s\n", ok ? "ok" : "FAILED", what.c_str());
  if (!ok) ++failures;
}

// Runs `entry` on kCores cores of `soc` and checks z = x * y against float arithmetic (the
// inputs are small integers, so every product is exact in half).
void run_and_check(ascendgen::sim::KernelEntry entry, const ascendgen::SocDescription& soc, const std::string& label) {
  ascendgen::sim::GlobalMemory gm;
  std::vector<half> x(kCount), y(kCount);
  for (size_t i = 0; i < kCount; ++i) {
    x[i] = half(static_cast<float>(i % 17) - 8.0f);
    y[i] = half(static_cast<float>(i % 5) + 1.0f);
  }
  uint8_t* xp = gm.allocate(kCount * sizeof(half), "x");
  uint8_t* yp = gm.allocate(kCount * sizeof(half), "y");
  uint8_t* zp = gm.allocate(kCount * sizeof(half), "z");
  std::memcpy(xp, x.data(), kCount * sizeof(half));
  std::memcpy(yp, y.data(), kCount * sizeof(half));
  ascendgen::sim::LaunchOptions options;
  options.block_dim = kCores;
  options.limits = soc.core_limits();
  ascendgen::sim::launch(entry, {xp, yp, zp}, options, gm);
  const half* z = reinterpret_cast<const half*>(zp);
  size_t wrong = 0;
  for (size_t i = 0; i < kCount; ++i)
    if (static_cast<float>(z[i]) != static_cast<float>(x[i]) * static_cast<float>(y[i])) ++wrong;
  expect(wrong == 0, label + ": " + std::to_string(kCount - wrong) + "/" + std::to_string(kCount) + " products right");
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <install prefix> <scratch dir>\n", argv[0]);
    return 2;
  }
  const fs::path prefix = fs::canonical(argv[1]);
  const fs::path scratch = argv[2];
  try {
    const auto soc = ascendgen::load_soc("Ascend910B2");
    expect(soc.vector_cores == 48 && soc.ub_bytes == 196608, "installed SoC description Ascend910B2 loaded");

    const auto toolchain = ascendgen::sim::KernelToolchain::detect();
    const auto inside_prefix = [&](const std::string& p) {
      return fs::canonical(p).string().rfind(prefix.string(), 0) == 0;
    };
    expect(inside_prefix(toolchain.include_dir) && inside_prefix(toolchain.sim_library),
           "kernel toolchain taken from the install: " + toolchain.include_dir);

    run_and_check(reinterpret_cast<ascendgen::sim::KernelEntry>(&mul_tile), soc, "kernel linked into the program");

    const std::string library = (scratch / "mul_tile.so").string();
    const auto built = ascendgen::sim::build_kernel(CONSUMER_KERNEL_SOURCE, library);
    expect(built.ok, "build_kernel against the installed headers" + (built.ok ? "" : ":\n" + built.output));
    if (built.ok) {
      ascendgen::sim::KernelLibrary kernel(library);
      run_and_check(kernel.entry("mul_tile"), soc, "kernel compiled at run time");
    }
  } catch (const std::exception& e) {
    std::printf("FAILED: %s\n", e.what());
    return 1;
  }
  return failures == 0 ? 0 : 1;
}
