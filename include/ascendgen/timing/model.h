// The NPU performance model: replays the instruction stream the emulator recorded for each core
// (sim::CoreRecord::instructions) over in-order pipes whose costs come from the SoC description,
// and predicts the kernel's time on the NPU with a profile of where the time went.
//
//   auto record = ascendgen::sim::launch(entry, args, options, gm);
//   auto soc = ascendgen::load_soc("Ascend910B2");
//   ascendgen::timing::Profile p = ascendgen::timing::predict(record, soc);
//   fmt::print("{:.1f} us, {}-bound\n", p.predicted_us, to_string(p.bound));
//
// How it works (docs/timing.md): the scalar unit issues each core's instructions in program
// order; each pipe (S, V, MTE2, MTE3) runs its own in order; an instruction starts when its pipe
// is free and its dependencies are met: flags, barriers, SyncAll across cores, and read-after-write
// / write-after-read hazards on overlapping UB ranges (what auto-sync and the queues' implied
// flags enforce). GM bandwidth is shared by the transfers in flight at the same moment.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "ascendgen/core/soc.h"
#include "ascendgen/sim/launcher.h"

namespace ascendgen::timing {

// What limits a kernel: the busiest unit of its slowest core, or GM bandwidth as a whole.
enum class Bound { Mte2, Mte3, Vector, Scalar, Cube };
const char* to_string(Bound b);  // "mte2", "mte3", "vector", "scalar", "cube"

using PipeCycles = std::array<double, sim::kPipeCount>;  // indexed by sim::Pipe

struct CoreProfile {
  int core = 0;
  double cycles = 0;         // when the core's last instruction completed
  PipeCycles busy{};         // cycles each pipe was occupied
  uint64_t gm_bytes = 0;     // read + written
  uint64_t instructions = 0;
};

struct Profile {
  std::string soc;
  double clock_ghz = 0;
  double predicted_us = 0;     // kernel time on the NPU: slowest core + launch overhead
  double cycles = 0;           // device cycles, without the launch overhead
  double launch_overhead_us = 0;
  int critical_core = 0;       // the slowest core
  Bound bound = Bound::Vector;
  PipeCycles busy{};           // summed over cores
  PipeCycles utilisation{};    // busy / (cores x cycles), per pipe
  uint64_t gm_read_bytes = 0, gm_write_bytes = 0;
  double achieved_gbps = 0;    // GM bytes / device time
  double peak_gbps = 0;        // the SoC's aggregate GM bandwidth
  double movement_overlap = 0; // share of MTE2/MTE3 busy time during which the vector pipe was busy
  // Timing-only launches: scalar reads of values the run did not compute (sim::CoreRecord). When
  // non-zero the kernel's control flow may depend on them and the prediction may be off.
  uint64_t uncomputed_reads = 0;
  std::vector<CoreProfile> cores;
};

// One instruction as placed on the timeline: the pipe it occupied from `start` to `end` (cycles).
struct TimedInstr {
  uint32_t index = 0;  // into the core's instructions
  sim::Pipe pipe = sim::Pipe::S;
  double start = 0, end = 0;
};

struct Prediction {
  Profile profile;
  std::vector<std::vector<TimedInstr>> timeline;  // per core, in issue order
};

// Replays `record` on `soc`. Throws std::invalid_argument when `soc` has no timing section or the
// launch was run without record_trace.
Prediction simulate(const sim::LaunchRecord& record, const SocDescription& soc);
Profile predict(const sim::LaunchRecord& record, const SocDescription& soc);

// The profile as a JSON object (predicted_us, bound, per-pipe utilisation, bandwidth, overlap,
// per-core times), for --json output and reports.
std::string to_json(const Profile& profile);
// A few lines for people: time, bound, pipe utilisation, bandwidth, overlap.
std::string summary(const Profile& profile);

// The timeline in Chrome's trace-event JSON format (chrome://tracing, ui.perfetto.dev): one
// process per core, one thread per pipe, a complete ("X") event per instruction, times in us.
std::string chrome_trace(const sim::LaunchRecord& record, const Prediction& prediction);

}  // namespace ascendgen::timing
