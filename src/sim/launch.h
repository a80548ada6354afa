// One kernel launch: its cores, each on its own thread, run one at a time in block order. A core
// hands the baton on when it reaches SyncAll or ends; SyncAll releases when every core arrived.
#pragma once
#include <condition_variable>
#include <mutex>
#include <vector>

#include "core.h"

namespace ascendgen::sim {

class Launch {
 public:
  Launch(const LaunchOptions& options, GlobalMemory& gm);
  LaunchRecord run(KernelEntry entry, const std::vector<uint8_t*>& args);

  // Called by a core at SyncAll: blocks until every core has arrived (or the launch aborts).
  void sync_all(Core& core);

  const CoreLimits& limits() const { return options_.limits; }
  const LaunchOptions& options() const { return options_; }
  int block_num() const { return options_.block_dim; }
  GlobalMemory& gm() { return gm_; }

 private:
  enum class State { Waiting, Running, AtBarrier, Done };
  void core_main(int index, KernelEntry entry, const std::vector<uint8_t*>& args);
  // With the lock held: choose who runs next after `from` stops running.
  void pass_baton(int from);
  void wait_for_baton(std::unique_lock<std::mutex>& lock, int index);
  void check_write_conflicts();

  LaunchOptions options_;
  GlobalMemory& gm_;
  std::vector<std::unique_ptr<Core>> cores_;
  std::vector<State> states_;
  std::mutex mutex_;
  std::condition_variable cv_;
  int running_ = -1;
  bool aborted_ = false;
  std::exception_ptr error_;
};

// Thrown into cores blocked at SyncAll when another core failed; never escapes a launch.
struct LaunchAborted {};

}  // namespace ascendgen::sim
