// One kernel launch: its cores, each on its own thread, run one at a time in block order. A core
// hands the baton on when it reaches SyncAll or ends; SyncAll releases when every core arrived.
// A blockDim above the SoC's cores runs in waves of at most that many blocks (CANN schedules block
// b on a core once block b - cores has ended), each wave's cores created when it starts.
#pragma once
#include <condition_variable>
#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core.h"

namespace ascendgen::sim {

class Launch {
 public:
  Launch(const LaunchOptions& options, GlobalMemory& gm);
  LaunchRecord run(KernelEntry entry, const std::vector<uint8_t*>& args);

  // Called by a core at SyncAll: blocks until every participant has arrived (or the launch
  // aborts). Participants: every core, or every AIV when `aiv_only` in a mixed launch.
  void sync_all(Core& core, bool aiv_only);
  // Hands the baton on until `ready()` holds (checked with the launch lock held, while no core
  // runs); `what` describes the wait for the report when no core can ever make it hold.
  void block_until(Core& core, std::function<bool()> ready, std::string what);

  // Records a misuse the NPU tolerates and computes right, for `core`'s current API call: one
  // LaunchRecord::warnings line per kind and call site, counting repeats.
  void warn(const Core& core, ErrorKind kind, const std::string& detail);
  // Records a plain GM write of `bytes` bytes from `from` to `to` by `core`, before it is made.
  // Bytes another core already wrote in this SyncAll phase and that already hold these values are
  // a warning, not a conflict: the NPU's result does not depend on which core wrote last.
  void note_plain_write(Core& core, const uint8_t* to, const uint8_t* from, uint64_t bytes);

  // The cores of the running wave, in run order (mix: each group's AIC, then its two AIVs).
  std::vector<std::unique_ptr<Core>>& cores() { return cores_; }
  // The core of `kind` in `group` (sub: the AIV's index in the group).
  Core& core_in_group(int group, CoreKind kind, int sub);
  // CrossCoreSetFlag arrivals still short of their quorum (modes 0 and 1, mode 2 from AIVs), by
  // {mode, kind or group, flag id}.
  std::map<std::array<int, 3>, int>& cross_arrivals() { return cross_arrivals_; }

  const CoreLimits& limits() const { return options_.limits; }
  const LaunchOptions& options() const { return options_; }
  int block_num() const { return options_.block_dim; }
  GlobalMemory& gm() { return gm_; }

 private:
  enum class State { Waiting, Running, AtBarrier, Blocked, Done };
  // Creates the cores of blocks [first, last) and runs them to their end.
  void run_wave(int first, int last, KernelEntry entry, const std::vector<uint8_t*>& args);
  // The core's position in the running wave (states_, ready_, waits_, cores_).
  int slot(const Core& core) const { return core.index() - first_core_; }
  void core_main(int index, KernelEntry entry, const std::vector<uint8_t*>& args);
  // With the lock held: choose who runs next after `from` stops running.
  void pass_baton(int from);
  void wait_for_baton(std::unique_lock<std::mutex>& lock, int index);
  // Moves the running cores' GM write ranges into retired_.
  void retire_writes();
  void check_write_conflicts();
  bool barrier_participant(int index) const;
  // With the lock held: every core waits or has ended; release the barrier or report the hang.
  void settle(int from);
  void abort_with(std::exception_ptr error);

  // A GM write range of one core since the last SyncAll, for the conflict check.
  struct WriteRange {
    uint64_t begin, end;
    int core;
    bool atomic;
    IntervalSet::Origin origin;
  };
  // Who first wrote each GM byte (plain writes) since the last SyncAll: begin -> {end, core}.
  struct FirstWriter {
    uint64_t end;
    int core;
  };
  struct Warning {
    std::string text;
    uint64_t count;
  };

  LaunchOptions options_;
  GlobalMemory& gm_;
  int wave_blocks_;      // blocks that run at once: the SoC's cores of the launch's kind
  int first_core_ = 0;   // index of the running wave's first core
  std::vector<std::unique_ptr<Core>> cores_;
  std::vector<CoreRecord> records_;     // of the cores of finished waves
  std::vector<WriteRange> retired_;     // their GM writes (a launch in waves has no SyncAll)
  std::map<uint64_t, FirstWriter> first_writers_;
  std::vector<std::pair<std::array<uint64_t, 3>, Warning>> warnings_;  // {kind, file, line}, in order
  std::vector<State> states_;
  std::vector<std::function<bool()>> ready_;  // Blocked cores: when they may run again
  std::vector<std::string> waits_;            // Blocked cores: what they wait for
  bool barrier_aiv_only_ = false;
  std::map<std::array<int, 3>, int> cross_arrivals_;
  std::mutex mutex_;
  std::condition_variable cv_;
  int running_ = -1;
  bool aborted_ = false;
  std::exception_ptr error_;
};

// Thrown into cores blocked at SyncAll when another core failed; never escapes a launch.
struct LaunchAborted {};

}  // namespace ascendgen::sim
