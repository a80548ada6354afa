// Launching a compiled kernel on the emulated AI cores and reading back what it did.
//
//   ascendgen::sim::GlobalMemory gm;
//   uint8_t* x = gm.allocate(n * 2, "x"); ...
//   auto record = ascendgen::sim::launch(entry, {x, y, z}, {.block_dim = 8}, gm);
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ascendgen/sim/global_memory.h"
#include "ascendgen/sim/trace.h"

namespace ascendgen::sim {

// Limits of the emulated AI vector core; normally read from an SoC description.
struct CoreLimits {
  int vector_cores = 48;           // AIV count: the largest legal blockDim
  uint32_t ub_bytes = 196608;      // Unified Buffer per core
  uint32_t max_buffers = 64;       // TQue/TBuf buffers per TPipe
};

struct LaunchOptions {
  int block_dim = 1;
  CoreLimits limits{};
  bool record_trace = true;  // keep each core's instruction stream for the timing model
  // Check and record every instruction but skip the arithmetic and data movement, so that a kernel
  // over gigabytes of (never touched, never materialised) GM is timed in seconds. Outputs are not
  // computed; CoreRecord::uncomputed_reads counts the scalar reads that saw such values.
  bool timing_only = false;
};

// What one core did: API calls by name, bytes moved, vector elements computed, and (when
// recorded) its instruction stream in program order.
struct CoreRecord {
  int core = 0;
  std::map<std::string, uint64_t> api_calls;
  std::vector<std::string> api_names;  // Instr::api indexes this
  std::vector<Instr> instructions;
  uint64_t gm_read_bytes = 0;    // GM -> UB
  uint64_t gm_write_bytes = 0;   // UB -> GM
  uint64_t ub_copy_bytes = 0;    // UB -> UB
  uint64_t vector_elements = 0;  // active lanes over all vector instructions
  // Timing-only launches: scalar reads (GetValue) of UB, or of GM the kernel wrote, whose values
  // were not computed. Non-zero means control flow may have depended on data the run skipped.
  uint64_t uncomputed_reads = 0;
};

struct LaunchRecord {
  std::vector<CoreRecord> cores;
};

// A kernel entry point: extern "C" void f(GM_ADDR...). Arguments are passed as GM pointers.
using KernelEntry = void (*)();

// Runs `entry` on block_dim cores (each with its own UB), one at a time in block order, switching
// at SyncAll. Throws KernelError on the first misuse; `gm` must own every pointer argument that
// the kernel dereferences (nullptr arguments are allowed).
LaunchRecord launch(KernelEntry entry, const std::vector<uint8_t*>& args, const LaunchOptions& options,
                    GlobalMemory& gm);

// The largest number of GM_ADDR arguments an entry may take.
constexpr size_t kMaxKernelArgs = 32;

}  // namespace ascendgen::sim
