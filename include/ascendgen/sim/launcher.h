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

// Limits of the emulated AI cores; normally read from an SoC description.
struct CoreLimits {
  int vector_cores = 48;           // AIV count: the largest legal blockDim of a vector launch
  uint32_t ub_bytes = 196608;      // Unified Buffer per AIV
  uint32_t max_buffers = 64;       // TQue/TBuf buffers per TPipe
  int cube_cores = 24;             // AIC count: the largest blockDim of a cube or mixed launch
  uint32_t l1_bytes = 524288;      // per AIC
  uint32_t l0a_bytes = 65536;
  uint32_t l0b_bytes = 65536;
  uint32_t l0c_bytes = 131072;
  uint32_t bias_table_bytes = 1024;
};

// The cores a launch runs: blockDim AIVs (vector, the default), blockDim AICs (cube), or blockDim
// groups of 1 AIC + 2 AIV (mix; task.yaml `kernel.core_type: mix`).
enum class CoreType : uint8_t { Vector, Cube, Mix };
// The kind of one core: AI vector core or AI cube core.
enum class CoreKind : uint8_t { Aiv, Aic };

struct LaunchOptions {
  // Blocks to run, 1..kMaxBlockDim. Above the SoC's core count (CoreLimits) they run in waves, as
  // CANN schedules them: block b on core b mod cores, once block b - cores has finished.
  int block_dim = 1;
  CoreLimits limits{};
  bool record_trace = true;  // keep each core's instruction stream for the timing model
  // Check and record every instruction but skip the arithmetic and data movement, so that a kernel
  // over gigabytes of (never touched, never materialised) GM is timed in seconds. Outputs are not
  // computed; CoreRecord::uncomputed_reads counts the scalar reads that saw such values.
  bool timing_only = false;
  CoreType core_type = CoreType::Vector;  // last, so {block_dim, limits} initialisers keep working
};

// What one core did: API calls by name, bytes moved, vector elements computed, and (when
// recorded) its instruction stream in program order.
struct CoreRecord {
  int core = 0;                  // index in the launch (mix: group * 3, then its two AIVs)
  CoreKind kind = CoreKind::Aiv;
  int block_idx = 0;             // what GetBlockIdx() returned on this core
  std::map<std::string, uint64_t> api_calls;
  std::vector<std::string> api_names;  // Instr::api indexes this
  std::vector<Instr> instructions;
  uint64_t gm_read_bytes = 0;    // GM -> UB
  uint64_t gm_write_bytes = 0;   // UB -> GM
  uint64_t ub_copy_bytes = 0;    // UB -> UB
  uint64_t vector_elements = 0;  // active lanes over all vector instructions
  uint64_t cube_macs = 0;        // multiply-accumulates over all Mmad instructions (m * n * k)
  // Timing-only launches: scalar reads (GetValue) of UB, or of GM the kernel wrote, whose values
  // were not computed. Non-zero means control flow may have depended on data the run skipped.
  uint64_t uncomputed_reads = 0;
};

struct LaunchRecord {
  std::vector<CoreRecord> cores;  // one per block (mix: per AIC and AIV), in block order
  // Misuses the NPU tolerates and still computes right (an identical-value write of the same GM
  // bytes by two cores, a read inside the allocator's padding, a DataCopy length rounded down to
  // 32 bytes): one line per call site, "[kind] API at file:line on core N: what (K times)".
  std::vector<std::string> warnings;
};

// A kernel entry point: extern "C" void f(GM_ADDR...). Arguments are passed as GM pointers.
using KernelEntry = void (*)();

// Runs `entry` on the cores of options.core_type (each with its own UB, or L1/L0 buffers on an AIC),
// one at a time in order, switching at SyncAll and at cross-core waits. Throws KernelError on the
// first misuse; `gm` must own every pointer argument that the kernel dereferences (nullptr
// arguments are allowed).
LaunchRecord launch(KernelEntry entry, const std::vector<uint8_t*>& args, const LaunchOptions& options,
                    GlobalMemory& gm);

// The largest blockDim a launch takes (CANN's limit; blocks above the core count run in waves).
constexpr int kMaxBlockDim = 65535;

// The largest number of GM_ADDR arguments an entry may take.
constexpr size_t kMaxKernelArgs = 32;

}  // namespace ascendgen::sim
