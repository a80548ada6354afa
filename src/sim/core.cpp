#include "core.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "launch.h"

namespace ascendgen::sim {

namespace detail {
thread_local Core* current_core = nullptr;
}

Core& current() {
  if (!detail::current_core)
    throw KernelError(ErrorKind::InvalidArgument, {},
                      "an Ascend C API was called outside a kernel launched by ascendgen::sim::launch");
  return *detail::current_core;
}

void IntervalSet::add(uint64_t begin, uint64_t end, Origin origin) {
  if (begin >= end) return;
  auto it = ranges_.upper_bound(begin);
  if (it != ranges_.begin() && std::prev(it)->second.end >= begin) {
    --it;
    begin = it->first;
    end = std::max(end, it->second.end);
    origin = it->second.origin;
    it = ranges_.erase(it);
  }
  while (it != ranges_.end() && it->first <= end) {
    end = std::max(end, it->second.end);
    it = ranges_.erase(it);
  }
  ranges_.emplace(begin, Span{end, origin});
}

namespace {
// UB starts filled with a NaN/-1 pattern: the NPU's UB holds leftovers, never zeros.
constexpr uint8_t kUbPoison = 0xff;
void free_aligned(void* p) { std::free(p); }
}  // namespace

Core::Core(Launch& launch, int index, CorePlace place)
    : launch_(launch), index_(index), place_(place), memory_(memory_layout(place.kind, launch.limits())),
      ub_(static_cast<uint8_t*>(std::aligned_alloc(4096, (memory_.total + 4095) / 4096 * 4096)), free_aligned),
      trace_(launch.options().record_trace), timing_only_(launch.options().timing_only) {
  std::memset(ub_.get(), kUbPoison, memory_.total);
  record.core = index;
  record.kind = place.kind;
  record.block_idx = static_cast<int>(block_idx());
}

int64_t Core::block_idx() const {
  if (launch_.options().core_type != CoreType::Mix) return index_;
  return place_.kind == CoreKind::Aic ? place_.group : place_.group * 2 + place_.sub;
}

void Core::require(CoreKind kind, const char* what) const {
  if (place_.kind == kind) return;
  if (kind == CoreKind::Aiv)
    fail(ErrorKind::WrongCoreKind, "{} exists on AI vector cores (AIV) only, and this is a cube core (AIC); guard the "
         "call with `if ASCEND_IS_AIV`", what);
  fail(ErrorKind::WrongCoreKind, "{} exists on AI cube cores (AIC) only, and this is a vector core (AIV); cube work needs "
       "a mixed or cube launch (task.yaml kernel.core_type: mix) and `if ASCEND_IS_AIC`", what);
}

Mem Core::mem_of(const TensorRef& t, uint64_t bytes, const char* role) const {
  for (int i = 0; i < kMemCount; ++i) {
    const Mem m = static_cast<Mem>(i);
    if (!memory_.has(m) || t.addr < memory_.base_of(m) || t.addr >= memory_.base_of(m) + memory_.bytes_of(m)) continue;
    if (t.addr + bytes > static_cast<uint64_t>(memory_.base_of(m)) + memory_.bytes_of(m))
      fail(ErrorKind::UbOutOfBounds, "the {} ({} bytes at {}) runs past the end of {}", role, bytes, describe(t),
           mem_name(m));
    return m;
  }
  fail(ErrorKind::UbOutOfBounds, "the {} at local address 0x{:x} lies in no on-chip memory of this core", role, t.addr);
}

const CoreLimits& Core::limits() const { return launch_.limits(); }
GlobalMemory& Core::gm() { return launch_.gm(); }
int Core::block_num() const { return launch_.block_num(); }

void Core::enter(const char* api, Site site) {
  api_ = api;
  site_ = site;
  call_ = ++site_calls_[{site.file, site.line}];
  note(api);
}

Instr& Core::note(const char* api) {
  const auto [it, added] = api_ids_.try_emplace(api, static_cast<uint16_t>(record.api_names.size()));
  if (added) {
    record.api_names.emplace_back(api);
    api_counts_.push_back(0);
  }
  ++api_counts_[it->second];
  Instr& in = trace_ ? record.instructions.emplace_back() : (scratch_ = Instr{});
  in.api = it->second;
  return in;
}

bool IntervalSet::overlaps(uint64_t begin, uint64_t end) const {
  auto it = ranges_.upper_bound(begin);
  if (it != ranges_.begin() && std::prev(it)->second.end > begin) return true;
  return it != ranges_.end() && it->first < end;
}

UbRange ub_span(const TensorRef& t, uint64_t elements) {
  return {t.addr, static_cast<uint32_t>(t.addr + elements * dtype_size(t.dtype))};
}

void Core::fail(ErrorKind kind, const std::string& detail) const {
  KernelError::Where where;
  where.api = api_;
  where.core = index_;
  where.file = site_.file ? site_.file : "";
  where.line = site_.line;
  where.call = call_;
  throw KernelError(kind, where, detail);
}

std::string Core::describe(const TensorRef& t) const {
  Mem m = Mem::UB;
  for (int i = 0; i < kMemCount; ++i)
    if (memory_.has(static_cast<Mem>(i)) && t.addr >= memory_.base[i] && t.addr < memory_.base[i] + memory_.bytes[i])
      m = static_cast<Mem>(i);
  const uint32_t base = memory_.base_of(m);
  std::string s = fmt::format("{} 0x{:x}..0x{:x}", mem_name(m), t.addr - base, t.addr - base + t.count * dtype_size(t.dtype));
  if (t.buffer >= 0 && t.buffer < static_cast<int32_t>(slots.size()))
    s += fmt::format(" (buffer {} of 0x{:x} bytes at 0x{:x})", t.buffer, slots[t.buffer].len, slots[t.buffer].addr - base);
  return s;
}

std::string Core::describe_gm(const void* ptr, uint64_t bytes) const {
  const GlobalMemory::Buffer* b = launch_.gm().owner(ptr);
  if (!b) {
    // Name the allocation the access ran off, when one lies below it.
    const auto* p = static_cast<const uint8_t*>(ptr);
    const auto& all = launch_.gm().buffers();
    auto below = std::upper_bound(all.begin(), all.end(), p,
                                  [](const uint8_t* q, const GlobalMemory::Buffer& x) { return q < x.data; });
    if (below == all.begin()) return fmt::format("GM {} (+{} bytes, in no allocated buffer)", ptr, bytes);
    --below;
    return fmt::format("GM {} (+{} bytes), {} bytes past the end of buffer '{}' ({} bytes)", ptr, bytes,
                       p - (below->data + below->bytes), below->name, below->bytes);
  }
  return fmt::format("GM bytes [{}, {}) of buffer '{}' ({} bytes)", static_cast<const uint8_t*>(ptr) - b->data,
                     static_cast<const uint8_t*>(ptr) - b->data + bytes, b->name, b->bytes);
}

void Core::note_gm_write(const void* ptr, uint64_t bytes, bool atomic) {
  const auto begin = reinterpret_cast<uint64_t>(ptr);
  (atomic ? atomic_writes : plain_writes).add(begin, begin + bytes, {api_, site_});
}

void Core::finish() {
  api_ = "kernel end";
  site_ = {nullptr, 0};
  call_ = 0;
  if (deferred_error) std::rethrow_exception(deferred_error);
  for (size_t s = 0; s < flags.size(); ++s)
    for (size_t d = 0; d < flags[s].size(); ++d)
      for (int id = 0; id < 8; ++id)
        if (flags[s][d] & (1u << id)) {
          // Reported at the SetFlag whose event nobody waited for.
          api_ = "SetFlag";
          site_ = flag_sites[s][d][id];
          fail(ErrorKind::SyncMisuse,
               "event id {} of SetFlag from pipe {} to pipe {} was never waited for when the kernel ended "
               "(WaitFlag missing)",
               id, pipe_name(static_cast<uint8_t>(s)), pipe_name(static_cast<uint8_t>(d)));
        }
  for (size_t i = 0; i < api_counts_.size(); ++i) record.api_calls[record.api_names[i]] += api_counts_[i];
}

size_t dtype_size(DType dt) {
  switch (dt) {
    case DType::F16: case DType::BF16: case DType::I16: case DType::U16: return 2;
    case DType::F32: case DType::I32: case DType::U32: return 4;
    case DType::I8: case DType::U8: case DType::BOOL: return 1;
    case DType::I64: case DType::U64: return 8;
  }
  return 1;
}

const char* dtype_name(DType dt) {
  switch (dt) {
    case DType::F16: return "half";
    case DType::BF16: return "bfloat16_t";
    case DType::F32: return "float";
    case DType::I8: return "int8_t";
    case DType::U8: return "uint8_t";
    case DType::I16: return "int16_t";
    case DType::U16: return "uint16_t";
    case DType::I32: return "int32_t";
    case DType::U32: return "uint32_t";
    case DType::I64: return "int64_t";
    case DType::U64: return "uint64_t";
    case DType::BOOL: return "bool";
  }
  return "?";
}

const char* pipe_name(uint8_t pipe) {
  static const char* names[] = {"S", "V", "M", "MTE1", "MTE2", "MTE3", "ALL", "FIX"};
  return pipe < 8 ? names[pipe] : "?";
}

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::UbOverflow: return "ub_overflow";
    case ErrorKind::Misaligned: return "misaligned";
    case ErrorKind::GmOutOfBounds: return "gm_out_of_bounds";
    case ErrorKind::UbOutOfBounds: return "ub_out_of_bounds";
    case ErrorKind::QueueMisuse: return "queue_misuse";
    case ErrorKind::MaskOutOfRange: return "mask_out_of_range";
    case ErrorKind::SyncMisuse: return "sync_misuse";
    case ErrorKind::TooManyCores: return "too_many_cores";
    case ErrorKind::GmWriteConflict: return "gm_write_conflict";
    case ErrorKind::Unsupported: return "unsupported";
    case ErrorKind::InvalidArgument: return "invalid_argument";
    case ErrorKind::CubeBufferOverflow: return "cube_buffer_overflow";
    case ErrorKind::WrongCoreKind: return "wrong_core_kind";
  }
  return "unknown";
}

namespace {
std::string full_message(ErrorKind kind, const KernelError::Where& w, const std::string& detail) {
  std::string s = fmt::format("[{}] ", to_string(kind));
  if (!w.api.empty()) s += w.api;
  if (!w.file.empty()) s += fmt::format(" at {}:{}", w.file, w.line);
  if (w.core >= 0) s += fmt::format(" on core {}", w.core);
  if (w.call > 0) s += fmt::format(" (call {} from this line)", w.call);
  if (!w.api.empty() || w.core >= 0) s += ": ";
  return s + detail;
}
}  // namespace

KernelError::KernelError(ErrorKind kind, Where where, const std::string& detail)
    : std::runtime_error(full_message(kind, where, detail)), kind_(kind), where_(std::move(where)), detail_(detail) {}

}  // namespace ascendgen::sim

namespace ascendgen::sim::abi {
int64_t block_idx() { return current().block_idx(); }
int64_t block_num() { return current().block_num(); }
uint8_t* ub_base() { return current().ub(); }
uint8_t* ub_scalar(const char* api, uint32_t addr, uint32_t bytes, bool write) {
  Core& c = current();
  Instr& in = c.note(api);
  in.kind = InstrKind::ScalarUb;
  in.write = write;
  in.amount = bytes;
  (write ? in.writes : in.reads[0]) = {addr, addr + bytes};
  if (c.timing_only() && !write) ++c.record.uncomputed_reads;
  return c.ub() + addr;
}
void fail_local_index(const char* api, TensorRef t, uint64_t index, Site site) {
  Core& c = current();
  c.enter(api, site);
  c.fail(ErrorKind::UbOutOfBounds, "index {} is outside the LocalTensor of {} {} elements at {}", index, t.count,
         dtype_name(t.dtype), c.describe(t));
}
}  // namespace ascendgen::sim::abi
