// The state of one emulated AI vector core and of the launch it belongs to. Every abi:: function
// runs on the thread of the current core and reaches its state through current().
#pragma once
#include <array>
#include <cstdint>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "ascendgen/ascendc/kernel/abi.h"
#include "ascendgen/sim/errors.h"
#include "ascendgen/sim/launcher.h"
#include "local_memory.h"

namespace ascendgen::sim {

using abi::DType;
using abi::Site;
using abi::TensorRef;

// Half-open byte ranges, merged on insert; used for per-core GM write sets. Each range keeps the
// API call that wrote its first bytes, so a write conflict can name it.
class IntervalSet {
 public:
  struct Origin {
    const char* api = "";
    Site site{nullptr, 0};
  };
  struct Span {
    uint64_t end;
    Origin origin;
  };
  void add(uint64_t begin, uint64_t end, Origin origin);
  bool overlaps(uint64_t begin, uint64_t end) const;
  const std::map<uint64_t, Span>& ranges() const { return ranges_; }
  void clear() { ranges_.clear(); }

 private:
  std::map<uint64_t, Span> ranges_;  // begin -> end, origin
};

struct BufferSlot {
  enum class State { Free, Allocated, Enqueued, Dequeued };
  uint32_t addr = 0;
  uint32_t len = 0;
  int32_t queue = -1;
  State state = State::Free;
  Site alloc_site{nullptr, 0};
};

struct Queue {
  int32_t pipe = -1;
  uint8_t position = 0;
  int32_t depth = 0;  // 0 for a TBuf
  std::vector<int32_t> slots;
  std::deque<int32_t> fifo;
  size_t next_alloc = 0;  // AllocTensor hands out the buffers in turn, as CANN's TQue does
  Site init_site{nullptr, 0};
};

struct PipeState {
  bool alive = true;
  std::array<uint32_t, kMemCount> next{};  // bump allocator per memory, offsets from its base
  uint32_t buffers = 0;
  std::vector<int32_t> queues;
};

class Launch;

// Where a core sits in its launch: its kind, and in a mixed launch its group and (AIV) sub-block.
struct CorePlace {
  CoreKind kind = CoreKind::Aiv;
  int group = 0;  // mix: the AI Core group (blockIdx of its AIC); otherwise the core's index
  int sub = 0;    // mix AIV: 0 or 1 inside the group
};

class Core {
 public:
  Core(Launch& launch, int index, CorePlace place);

  // Marks the start of an API call: counts how often this call site ran, for error messages, and
  // appends the call's instruction record (a scalar-unit call until the API says otherwise).
  void enter(const char* api, Site site);
  // The instruction record of the current API call; a scratch record when tracing is off.
  Instr& instr() { return trace_ ? record.instructions.back() : scratch_; }
  // Appends a record for an access that skips enter() (scalar loads and stores of UB).
  Instr& note(const char* api);
  // Timing-only launch: checks and records run, the arithmetic and data movement are skipped.
  bool timing_only() const { return timing_only_; }
  // Throws KernelError for the current API call.
  [[noreturn]] void fail(ErrorKind kind, const std::string& detail) const;
  template <typename... Args>
  [[noreturn]] void fail(ErrorKind kind, fmt::format_string<Args...> f, Args&&... args) const {
    fail(kind, fmt::format(f, std::forward<Args>(args)...));
  }

  // The core's on-chip memory: UB on an AIV; L1, L0A, L0B, L0C, BT on an AIC (local_memory.h).
  uint8_t* ub() { return ub_.get(); }
  const MemLayout& memory() const { return memory_; }
  // The memory holding `t`'s first byte; fails unless all of its `bytes` lie in that memory.
  Mem mem_of(const TensorRef& t, uint64_t bytes, const char* role) const;
  const CoreLimits& limits() const;
  GlobalMemory& gm();
  int index() const { return index_; }
  const CorePlace& place() const { return place_; }
  bool is_aic() const { return place_.kind == CoreKind::Aic; }
  // Fails with WrongCoreKind unless this core is of `kind` (`what` names the unit: "the vector unit").
  void require(CoreKind kind, const char* what) const;
  Launch& launch() { return launch_; }
  int block_num() const;
  int64_t block_idx() const;
  // A readable description of UB bytes for messages: "UB 0x1200..0x1300 (queue buffer 3)".
  std::string describe(const TensorRef& t) const;
  std::string describe_gm(const void* ptr, uint64_t bytes) const;

  // Records a GM write by the current API call for the cross-core conflict check.
  void note_gm_write(const void* ptr, uint64_t bytes, bool atomic);
  // Checks at kernel end: held tensors, pending flags.
  void finish();

  // Queue machinery (queues.cpp).
  std::vector<PipeState> pipes;
  std::vector<Queue> queues;
  std::vector<BufferSlot> slots;

  // Vector mask register: two 64-bit lane masks in normal mode, an element count in counter mode.
  uint64_t mask[2] = {~uint64_t{0}, ~uint64_t{0}};
  bool counter_mode = false;
  // DEQSCALE register as SetDeqScale(half) sets it (bits of the half); -1 until set.
  int32_t deq_scale = -1;

  // Pending SetFlag events, bit per event id, indexed [src pipe][dst pipe].
  std::array<std::array<uint8_t, 8>, 8> flags{};
  Site flag_sites[8][8][8] = {};  // where each pending event was set, for the kernel-end report
  uint8_t atomic_op = 0;
  DType atomic_dtype = DType::F32;

  // Cross-core flag counters (CrossCoreSetFlag/WaitFlag), one per flag id.
  std::array<uint8_t, 16> cross_flags{};

  IntervalSet plain_writes, atomic_writes;  // GM writes since the last SyncAll
  IntervalSet uncomputed_gm;                // timing-only: GM bytes a skipped copy would have written
  CoreRecord record;
  std::exception_ptr deferred_error;  // raised when the kernel returns (e.g. from ~TPipe)
  int sync_count = 0;

 private:
  Launch& launch_;
  int index_;
  CorePlace place_;
  MemLayout memory_;
  std::unique_ptr<uint8_t, void (*)(void*)> ub_;
  const char* api_ = "";
  Site site_{nullptr, 0};
  uint64_t call_ = 0;
  struct SiteHash {
    size_t operator()(const std::pair<const char*, uint32_t>& k) const {
      return std::hash<const void*>()(k.first) ^ (size_t{k.second} * 0x9e3779b97f4a7c15ull);
    }
  };
  std::unordered_map<std::pair<const char*, uint32_t>, uint64_t, SiteHash> site_calls_;
  std::unordered_map<const char*, uint16_t> api_ids_;  // API name -> index into record.api_names
  std::vector<uint64_t> api_counts_;                   // calls per API, by that index
  bool trace_;
  bool timing_only_;
  Instr scratch_;
  friend class Launch;
};

// The current core of this thread; throws when called outside a running kernel.
Core& current();

// The local-memory bytes of the first `elements` elements of `t`, for the trace.
UbRange ub_span(const TensorRef& t, uint64_t elements);

// Elements of each dtype, for messages and byte arithmetic.
size_t dtype_size(DType dt);
const char* dtype_name(DType dt);
// Short pipe names ("V", "MTE2") for messages.
const char* pipe_name(uint8_t pipe);

}  // namespace ascendgen::sim
