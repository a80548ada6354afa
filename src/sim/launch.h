// One kernel launch: its cores, each on its own thread, run one at a time in block order. A core
// hands the baton on when it reaches SyncAll or ends; SyncAll releases when every core arrived.
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

  // The cores of the launch, in run order (mix: each group's AIC, then its two AIVs).
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
  void core_main(int index, KernelEntry entry, const std::vector<uint8_t*>& args);
  // With the lock held: choose who runs next after `from` stops running.
  void pass_baton(int from);
  void wait_for_baton(std::unique_lock<std::mutex>& lock, int index);
  void check_write_conflicts();
  bool barrier_participant(int index) const;
  // With the lock held: every core waits or has ended; release the barrier or report the hang.
  void settle(int from);
  void abort_with(std::exception_ptr error);

  LaunchOptions options_;
  GlobalMemory& gm_;
  std::vector<std::unique_ptr<Core>> cores_;
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
