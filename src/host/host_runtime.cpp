#include "operator/host_runtime.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <utility>
#include <mutex>

namespace ascendgen::host {
namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::string, OpFactory> ops;
};
Registry& registry() {
  static Registry r;  // constructed on first use: OP_ADD runs during other libraries' static init
  return r;
}

// One launch at a time per worker process; cores run one after another on the launching thread.
struct LaunchTiling {
  uint64_t key = 0;
  size_t bytes = 0;
  TilingOverflow overflow;
};
LaunchTiling& launch_state() {
  static LaunchTiling state;
  return state;
}

}  // namespace

bool register_op(const char* op_type, OpFactory factory) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  r.ops[op_type] = factory;
  return true;
}

OpFactory find_op(const std::string& op_type) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  const auto it = r.ops.find(op_type);
  return it == r.ops.end() ? nullptr : it->second;
}

std::vector<std::string> registered_ops() {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  std::vector<std::string> names;
  for (const auto& [name, factory] : r.ops) names.push_back(name);
  return names;
}

void report_tiling_overflow(size_t needed, size_t capacity) {
  TilingOverflow& o = launch_state().overflow;
  if (needed > o.needed) o = {needed, capacity};
}

TilingOverflow take_tiling_overflow() { return std::exchange(launch_state().overflow, TilingOverflow{}); }

void set_launch_tiling(uint64_t key, size_t bytes) {
  launch_state().key = key;
  launch_state().bytes = bytes;
}

uint64_t launch_tiling_key() { return launch_state().key; }

void copy_tiling_data(void* out, size_t size, const void* tiling) {
  const size_t copied = tiling ? std::min(size, launch_state().bytes) : 0;
  if (copied) std::memcpy(out, tiling, copied);
  std::memset(static_cast<unsigned char*>(out) + copied, 0, size - copied);
}

}  // namespace ascendgen::host
