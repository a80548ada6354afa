// The main job for now: every example kernel on the emulated 910B, checked against libtorch.
// Prints one table row per kernel as it finishes; exits non-zero when any fails.
#include <cstdio>

#include <fmt/format.h>

#include "catalog.h"

int main() {
  using namespace ascendgen::examples;
  const auto examples = list_examples();
  fmt::print("{:<20} {:>5} {:>10} {:>12} {:>10}  {}\n", "kernel", "cores", "elements", "max |err|", "emul. ms",
             "result");
  int failed = 0;
  for (const auto& e : examples) {
    const ExampleResult r = run_example(e.name);
    failed += !r.passed;
    fmt::print("{:<20} {:>5} {:>10} {:>12.3g} {:>10.2f}  {}\n", e.name, e.block_dim, r.elements, r.max_abs_error,
               r.seconds * 1e3, r.passed ? "pass" : "FAIL: " + r.error);
    std::fflush(stdout);
  }
  fmt::print("\n{} of {} example kernels pass on the emulator\n", examples.size() - failed, examples.size());
  return failed ? 1 : 0;
}
