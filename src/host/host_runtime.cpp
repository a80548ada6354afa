#include "operator/host_runtime.h"
#include "operator/unsupported.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <utility>
#include <mutex>
#include <stdexcept>

namespace ascendgen::host {
namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::string, OpFactory> ops;
  std::map<std::string, OpImplFunctions> impls;
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
  fe::PlatFormInfos* platform = nullptr;
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

void merge_op_impl(const std::string& op_type, const OpImplFunctions& functions) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  OpImplFunctions& record = r.impls[op_type];
  if (functions.tiling) record.tiling = functions.tiling;
  if (functions.tiling_parse) {
    record.tiling_parse = functions.tiling_parse;
    record.create_compile_info = functions.create_compile_info;
    record.delete_compile_info = functions.delete_compile_info;
  }
  if (functions.infer_shape) record.infer_shape = functions.infer_shape;
  if (functions.infer_data_type) record.infer_data_type = functions.infer_data_type;
}

OpImplFunctions find_op_impl(const std::string& op_type) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  const auto it = r.impls.find(op_type);
  return it == r.impls.end() ? OpImplFunctions{} : it->second;
}

void unsupported_api(const char* api) {
  throw std::runtime_error(std::string(api) +
                           " is not supported on the emulator: it runs kernels through the task's harness, not "
                           "through the AscendCL runtime or aclnn");
}

void set_current_platform(fe::PlatFormInfos* platform) { launch_state().platform = platform; }

fe::PlatFormInfos* current_platform() { return launch_state().platform; }

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
