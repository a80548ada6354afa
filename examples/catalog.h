// The example kernels of examples/kernels/ as a catalog: each runs on the emulator with seeded
// inputs and is checked against a libtorch reference with NPUKernelBench's tolerance rule. Used
// by the example runner (the main job) and by tests/kernels.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ascendgen/sim/launcher.h"

namespace ascendgen::examples {

struct ExampleInfo {
  std::string name;      // the kernel's entry name
  std::string summary;   // what it demonstrates
  int block_dim = 1;
};

struct ExampleResult {
  bool passed = false;
  std::string error;         // KernelError or mismatch description; empty when passed
  double max_abs_error = 0;  // over all outputs
  int64_t mismatches = 0;    // elements failing |d| > atol && |d|/(|ref|+1e-7) > rtol
  int64_t elements = 0;      // output elements compared
  double seconds = 0;        // wall time of the emulated launch
  sim::LaunchRecord record;
};

// All examples, in a stable order.
std::vector<ExampleInfo> list_examples();

// Runs the example `name` with inputs drawn from `seed` (recording each core's instruction stream
// unless `record_trace` is off); throws std::invalid_argument for an unknown name.
ExampleResult run_example(const std::string& name, uint64_t seed = 0, bool record_trace = true);

}  // namespace ascendgen::examples
