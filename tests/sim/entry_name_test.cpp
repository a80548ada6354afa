// Entry points named like C library functions load from a kernel shared object and run; names the
// kernel does not define fail clearly, even when libc/libm define them.
#include <cmath>
#include <stdexcept>
#include <string>

#include "ascendgen/sim/kernel_library.h"
#include "harness.h"

using ascendgen::sim::KernelLibrary;
using ascendgen::test::Harness;

namespace {
constexpr int kLength = 256;

// Runs entry `name` of the test kernel library on x and returns y.
std::vector<float> run_entry(const KernelLibrary& lib, const std::string& name, const std::vector<float>& xs) {
  Harness h;
  auto x = h.input(xs, "x");
  auto y = h.output<float>(kLength, "y");
  ascendgen::sim::LaunchOptions options;
  ascendgen::sim::launch(lib.entry(name), {x, y, nullptr}, options, h.gm);
  return h.read<float>(y, kLength);
}

std::string error_of(const std::function<void()>& body) {
  try {
    body();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  FAIL("expected std::runtime_error");
  return "";
}
}  // namespace

TEST_CASE("kernels named sqrt and exp load from their shared object and run") {
  const KernelLibrary lib(ASCENDGEN_ENTRY_NAME_KERNELS);
  std::vector<float> xs(kLength);
  for (int i = 0; i < kLength; ++i) xs[i] = 0.05f * static_cast<float>(i);
  const auto roots = run_entry(lib, "sqrt", xs);
  const auto powers = run_entry(lib, "exp", xs);
  for (int i = 0; i < kLength; ++i) {
    CHECK(roots[i] == std::sqrt(xs[i]));
    CHECK(powers[i] == std::exp(xs[i]));
  }
}

TEST_CASE("an entry the kernel library does not define fails with a clear error") {
  const KernelLibrary lib(ASCENDGEN_ENTRY_NAME_KERNELS);
  auto message = error_of([&] { (void)lib.entry("nonexistent"); });
  CHECK(message.find("has no entry point 'nonexistent'") != std::string::npos);
  CHECK(message.find(lib.path()) != std::string::npos);
  // libm defines cos and the library depends on it, but cos is not one of the kernel's entries.
  message = error_of([&] { (void)lib.entry("cos"); });
  CHECK(message.find("has no entry point 'cos'") != std::string::npos);
  message = error_of([&] { (void)lib.entry("malloc"); });
  CHECK(message.find("has no entry point 'malloc'") != std::string::npos);
}

TEST_CASE("a kernel library that does not exist fails naming its path") {
  const auto message = error_of([] { KernelLibrary lib("/nonexistent/kernels.so"); });
  CHECK(message.find("cannot load '/nonexistent/kernels.so'") != std::string::npos);
}
