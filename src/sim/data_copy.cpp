// DataCopy / DataCopyPad: MTE2 (GM->UB), MTE3 (UB->GM) and UB->UB moves in bursts, with the
// 32-byte rules of the hardware and bounds checks against both the tensors and the allocations.
#include <algorithm>
#include <cstring>

#include "core.h"
#include "element.h"
#include "gm_access.h"
#include "launch.h"

namespace ascendgen::sim::abi {
using sim::Core;
using sim::current;
using sim::check_gm;
using sim::ErrorKind;

namespace {
constexpr uint32_t kMaxBlocks = 4095;
constexpr uint8_t kPadPoison = 0xff;  // what an unpadded tail holds: never rely on it

uint64_t round32(uint64_t n) { return (n + 31) / 32 * 32; }

void check_ub(Core& c, const TensorRef& t, uint64_t offset, uint64_t bytes, const char* role) {
  const uint64_t have = static_cast<uint64_t>(t.count) * sim::dtype_size(t.dtype);
  if (offset + bytes > have)
    c.fail(ErrorKind::UbOutOfBounds, "the {} bytes [{}, {}) of the copy exceed the {} LocalTensor of {} bytes at {}",
           role, offset, offset + bytes, role, have, c.describe(t));
}

// Whole-block copies (DataCopy with a count, or between local tensors) move blockLen = bytes / 32
// blocks: a length that is not a multiple of 32 bytes is rounded down on the NPU, with no error
// (CANN's DataCopy implementation says so), so it is a warning and the tail is not moved.
void check_shape(Core& c, CopyShape& s, bool whole_blocks, size_t elem) {
  if (s.blocks == 0 || s.blocks > kMaxBlocks)
    c.fail(ErrorKind::InvalidArgument, "blockCount {} is outside 1..{}", s.blocks, kMaxBlocks);
  if (s.block_bytes == 0) c.fail(ErrorKind::InvalidArgument, "the copy length is 0");
  if (whole_blocks && s.block_bytes % 32 != 0) {
    const uint32_t moved = s.block_bytes / 32 * 32;
    if (moved == 0)
      c.fail(ErrorKind::Misaligned,
             "copy length {} bytes is under one 32-byte block; DataCopy moves whole blocks and would move nothing "
             "(use DataCopyPad for unaligned lengths)",
             s.block_bytes);
    c.launch().warn(c, ErrorKind::Misaligned,
                    fmt::format("copy length {} bytes is not a multiple of 32 bytes; the NPU rounds it down and moves "
                                "{} bytes, leaving the last {} uncopied (use DataCopyPad for unaligned lengths)",
                                s.block_bytes, moved, s.block_bytes - moved));
    s.block_bytes = moved;
  }
  if (s.block_bytes % elem != 0)
    c.fail(ErrorKind::InvalidArgument, "blockLen {} bytes is not a whole number of {}-byte elements", s.block_bytes,
           elem);
}

void check_ub_aligned(Core& c, const TensorRef& t, const char* role) {
  if (t.addr % 32 != 0)
    c.fail(ErrorKind::Misaligned, "the {} UB address 0x{:x} is not 32-byte aligned ({})", role, t.addr, c.describe(t));
}

}  // namespace

void copy_gm_to_ub(const char* api, TensorRef dst, GmRef src, CopyShape shape, bool pad_mode, PadSpec pad,
                   Site site) {
  Core& c = current();
  c.enter(api, site);
  const size_t elem = sim::dtype_size(dst.dtype);
  // An AIC's MTE2 fills L1 (TPosition A1/B1/C1); an AIV's fills UB.
  const sim::Mem to_mem = c.mem_of(dst, 0, "destination");
  if (to_mem != sim::Mem::UB && to_mem != sim::Mem::L1)
    c.fail(ErrorKind::Unsupported, "GM -> {} is not a copy path of the 910B; copy GM -> L1 (A1/B1) and then LoadData",
           sim::mem_name(to_mem));
  check_shape(c, shape, !pad_mode, elem);
  check_ub_aligned(c, dst, "destination");
  // Left/right padding place the data whatever isPad says; isPad only chooses paddingValue over
  // the previous pad register contents, which the emulator treats as unknown.
  const uint64_t lead = pad_mode ? pad.left * elem : 0, trail = pad_mode ? pad.right * elem : 0;
  if (pad_mode && (lead > 32 || trail > 32))
    c.fail(ErrorKind::InvalidArgument, "padding of {} left and {} right elements exceeds 32 bytes", pad.left, pad.right);
  const uint64_t ub_block = pad_mode ? round32(lead + shape.block_bytes + trail) : shape.block_bytes;
  uint8_t* ub = c.ub() + dst.addr;
  for (uint32_t i = 0; i < shape.blocks; ++i) {
    const uint8_t* from = src.ptr + i * (shape.block_bytes + shape.src_gap_bytes);
    const uint64_t to = i * (ub_block + shape.dst_gap_bytes);
    check_gm(c, src, from, shape.block_bytes, false);
    check_ub(c, dst, to, ub_block, "destination");
    if (c.timing_only()) continue;
    uint8_t* out = ub + to;
    if (pad_mode) std::memset(out, kPadPoison, ub_block);
    std::memcpy(out + lead, from, shape.block_bytes);
    if (!pad.is_pad) continue;
    for (uint64_t b = 0; b < lead; b += elem) std::memcpy(out + b, &pad.value_bits, elem);
    for (uint64_t b = 0; b < trail; b += elem) std::memcpy(out + lead + shape.block_bytes + b, &pad.value_bits, elem);
  }
  const uint64_t bytes = static_cast<uint64_t>(shape.blocks) * shape.block_bytes;
  Instr& in = c.instr();
  in.kind = InstrKind::CopyGmToUb;
  in.pipe = Pipe::MTE2;
  in.dtype = dst.dtype;
  in.repeats = shape.blocks;
  in.amount = bytes;
  in.writes = {dst.addr, static_cast<uint32_t>(dst.addr + (shape.blocks - 1) * (ub_block + shape.dst_gap_bytes) + ub_block)};
  in.gm_begin = reinterpret_cast<uint64_t>(src.ptr);
  in.gm_end = in.gm_begin + (shape.blocks - 1) * (shape.block_bytes + shape.src_gap_bytes) + shape.block_bytes;
  c.record.gm_read_bytes += bytes;
}

void copy_ub_to_gm(const char* api, GmRef dst, TensorRef src, CopyShape shape, bool pad_mode, Site site) {
  Core& c = current();
  c.enter(api, site);
  c.require(sim::CoreKind::Aiv, "a copy from local memory to GM (MTE3) (an AIC writes GM with Fixpipe)");
  const size_t elem = sim::dtype_size(src.dtype);
  check_shape(c, shape, !pad_mode, elem);
  check_ub_aligned(c, src, "source");
  if (c.atomic_op != 0 && c.atomic_dtype != src.dtype)
    c.fail(ErrorKind::InvalidArgument, "atomic mode was set for {} but the copy moves {}",
           sim::dtype_name(c.atomic_dtype), sim::dtype_name(src.dtype));
  const uint64_t ub_block = pad_mode ? round32(shape.block_bytes) : shape.block_bytes;
  for (uint32_t i = 0; i < shape.blocks; ++i) {
    uint8_t* to = dst.ptr + i * (shape.block_bytes + shape.dst_gap_bytes);
    const uint64_t from = i * (ub_block + shape.src_gap_bytes);
    check_ub(c, src, from, shape.block_bytes, "source");
    check_gm(c, dst, to, shape.block_bytes, true);
    sim::write_gm(c, to, c.ub() + src.addr + from, shape.block_bytes, src.dtype);
  }
  const uint64_t bytes = static_cast<uint64_t>(shape.blocks) * shape.block_bytes;
  Instr& in = c.instr();
  in.kind = InstrKind::CopyUbToGm;
  in.pipe = Pipe::MTE3;
  in.dtype = src.dtype;
  in.write = c.atomic_op != 0;
  in.repeats = shape.blocks;
  in.amount = bytes;
  in.reads[0] = {src.addr, static_cast<uint32_t>(src.addr + (shape.blocks - 1) * (ub_block + shape.src_gap_bytes) +
                                                 shape.block_bytes)};
  in.gm_begin = reinterpret_cast<uint64_t>(dst.ptr);
  in.gm_end = in.gm_begin + (shape.blocks - 1) * (shape.block_bytes + shape.dst_gap_bytes) + shape.block_bytes;
  c.record.gm_write_bytes += bytes;
}

void copy_ub_to_ub(const char* api, TensorRef dst, TensorRef src, CopyShape shape, Site site) {
  Core& c = current();
  c.enter(api, site);
  // On an AIC the one local copy is L1 -> bias table (C1 -> C2), for Mmad's bias.
  if (c.is_aic() && (c.mem_of(src, 0, "source") != sim::Mem::L1 || c.mem_of(dst, 0, "destination") != sim::Mem::BT))
    c.fail(ErrorKind::Unsupported, "on a cube core DataCopy between local tensors moves L1 (C1) -> bias table (C2) "
           "only; L1 -> L0A/L0B is LoadData");
  check_shape(c, shape, true, sim::dtype_size(src.dtype));
  check_ub_aligned(c, dst, "destination");
  check_ub_aligned(c, src, "source");
  for (uint32_t i = 0; i < shape.blocks; ++i) {
    const uint64_t from = i * (shape.block_bytes + shape.src_gap_bytes);
    const uint64_t to = i * (shape.block_bytes + shape.dst_gap_bytes);
    check_ub(c, src, from, shape.block_bytes, "source");
    check_ub(c, dst, to, shape.block_bytes, "destination");
    if (!c.timing_only()) std::memmove(c.ub() + dst.addr + to, c.ub() + src.addr + from, shape.block_bytes);
  }
  const uint64_t bytes = static_cast<uint64_t>(shape.blocks) * shape.block_bytes;
  Instr& in = c.instr();
  in.kind = InstrKind::CopyUbToUb;
  in.pipe = Pipe::V;
  in.dtype = src.dtype;
  in.repeats = shape.blocks;
  in.amount = bytes;
  in.reads[0] = {src.addr, static_cast<uint32_t>(src.addr + (shape.blocks - 1) * (shape.block_bytes + shape.src_gap_bytes) +
                                                 shape.block_bytes)};
  in.writes = {dst.addr, static_cast<uint32_t>(dst.addr + (shape.blocks - 1) * (shape.block_bytes + shape.dst_gap_bytes) +
                                               shape.block_bytes)};
  c.record.ub_copy_bytes += bytes;
}

void gm_fill(const char* api, GmRef dst, uint64_t count, DType dt, uint64_t value_bits, Site site) {
  Core& c = current();
  c.enter(api, site);
  c.require(sim::CoreKind::Aiv, "InitOutput (it fills GM from UB through MTE3)");
  const size_t elem = sim::dtype_size(dt);
  const uint64_t bytes = count * elem;
  check_gm(c, dst, dst.ptr, bytes, true);
  // The library duplicates the value into UB and copies it out: GM sees ordinary MTE3 writes.
  uint8_t pattern[256];
  for (size_t i = 0; i < sizeof pattern; i += elem) std::memcpy(pattern + i, &value_bits, elem);
  for (uint64_t done = 0; done < bytes; done += sizeof pattern)
    sim::write_gm(c, dst.ptr + done, pattern, std::min<uint64_t>(sizeof pattern, bytes - done), dt);
  Instr& in = c.instr();
  in.kind = InstrKind::CopyUbToGm;
  in.pipe = Pipe::MTE3;
  in.dtype = dt;
  in.write = c.atomic_op != 0;
  in.repeats = 1;
  in.amount = bytes;
  in.gm_begin = reinterpret_cast<uint64_t>(dst.ptr);
  in.gm_end = in.gm_begin + bytes;
  c.record.gm_write_bytes += bytes;
}

void data_cache_clean(const void* gm, Site site) {
  Core& c = current();
  c.enter("DataCacheCleanAndInvalid", site);
  // GM writes are visible at once in the emulator; the call is recorded as the scalar unit's.
  c.instr().gm_begin = c.instr().gm_end = reinterpret_cast<uint64_t>(gm);
}

void gm_check(const char* api, const void* base, uint64_t declared_bytes, const void* ptr, uint64_t bytes, bool write,
              Site site) {
  Core& c = current();
  c.enter(api, site);
  check_gm(c, {const_cast<uint8_t*>(static_cast<const uint8_t*>(ptr)),
               const_cast<uint8_t*>(static_cast<const uint8_t*>(base)), declared_bytes},
           static_cast<const uint8_t*>(ptr), bytes, write);
  Instr& in = c.instr();
  in.kind = InstrKind::ScalarGm;
  in.write = write;
  const auto at = reinterpret_cast<uint64_t>(ptr);
  if (c.timing_only() && !write && c.uncomputed_gm.overlaps(at, at + bytes)) ++c.record.uncomputed_reads;
  in.amount = bytes;
  in.gm_begin = reinterpret_cast<uint64_t>(ptr);
  in.gm_end = in.gm_begin + bytes;
}

void gm_store(const char* api, const void* base, uint64_t declared_bytes, void* ptr, const void* value, uint32_t bytes,
              Site site) {
  gm_check(api, base, declared_bytes, ptr, bytes, true, site);
  Core& c = current();
  // A scalar store is never atomic, even inside SetAtomicAdd.
  c.launch().note_plain_write(c, static_cast<uint8_t*>(ptr), static_cast<const uint8_t*>(value), bytes);
  std::memcpy(ptr, value, bytes);
}

}  // namespace ascendgen::sim::abi

namespace ascendgen::sim {

void check_gm(Core& c, const abi::GmRef& t, const uint8_t* ptr, uint64_t bytes, bool write) {
  const char* verb = write ? "writes" : "reads";
  const bool declared = t.declared_bytes != ~uint64_t{0};
  const uint8_t* declared_end = declared ? t.base + t.declared_bytes : nullptr;
  const bool in_tensor = !declared || (ptr >= t.base && ptr + bytes <= declared_end);
  if (c.gm().find(ptr, bytes) && in_tensor) return;
  // An access past the end of a tensor, into the padding its allocator reserved, does not fault on
  // the NPU: a read gets whatever those bytes hold, a write lands in bytes no tensor owns. The
  // GlobalTensor must reach the tensor's end.
  const GlobalMemory::Buffer* b = c.gm().find_reserved(ptr, bytes);
  if (b && ptr + bytes > b->data + b->bytes &&
      (!declared || (ptr >= t.base && declared_end >= b->data + b->bytes))) {
    c.launch().warn(c, ErrorKind::GmOutOfBounds,
                    fmt::format("{} {} bytes at {}, into the {} bytes the device allocator reserves for it; the NPU {}",
                                verb, bytes, c.describe_gm(ptr, bytes), b->reserved_bytes,
                                write ? "writes the padding, which no tensor owns"
                                      : "reads whatever the padding holds (here 0xff bytes)"));
    return;
  }
  if (!c.gm().find(ptr, bytes))
    c.fail(ErrorKind::GmOutOfBounds, "{} {} bytes at {}, outside the GM allocation", verb, bytes,
           c.describe_gm(ptr, bytes));
  c.fail(ErrorKind::GmOutOfBounds, "{} {} bytes at {}, outside the GlobalTensor's {} bytes set by SetGlobalBuffer", verb,
         bytes, c.describe_gm(ptr, bytes), t.declared_bytes);
}

namespace {
// dst op= src element-wise in the atomic dtype.
template <DType D> void accumulate(uint8_t op, uint8_t* dst, const uint8_t* src, uint64_t bytes) {
  using E = Element<D>;
  using S = typename E::Storage;
  for (uint64_t i = 0; i < bytes / sizeof(S); ++i) {
    S a, b;
    std::memcpy(&a, dst + i * sizeof(S), sizeof(S));
    std::memcpy(&b, src + i * sizeof(S), sizeof(S));
    const auto x = E::load(a), y = E::load(b);
    const auto r = op == 1 ? static_cast<decltype(x)>(x + y) : op == 2 ? std::max(x, y) : std::min(x, y);
    const S out = E::store(r);
    std::memcpy(dst + i * sizeof(S), &out, sizeof(S));
  }
}
}  // namespace

void write_gm(Core& c, uint8_t* to, const uint8_t* from, uint64_t bytes, DType dt) {
  if (c.timing_only()) {  // no values to compare: every write counts for the conflict check
    c.note_gm_write(to, bytes, c.atomic_op != 0);
    const auto at = reinterpret_cast<uint64_t>(to);
    c.uncomputed_gm.add(at, at + bytes, {});
  } else if (c.atomic_op == 0) {
    c.launch().note_plain_write(c, to, from, bytes);
    std::memcpy(to, from, bytes);
  } else {
    c.note_gm_write(to, bytes, true);
    dispatch_dtype(dt, [&]<DType D>() { accumulate<D>(c.atomic_op, to, from, bytes); });
  }
}

}  // namespace ascendgen::sim
