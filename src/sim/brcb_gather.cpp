// Brcb (vbrcb) and Gather (vgather). Facts: CANN asc-devkit docs for Brcb and Gather and its
// dav_c220 gather implementation (offsets in bytes from src + srcBaseAddr; one uint32 offset per
// lane, advancing one repeat of lanes per repeat).
#include "ascendgen/ascendc/kernel/brcb_gather.h"

#include <cstring>

#include "vector_plan.h"

namespace ascendgen::sim::abi {
using sim::Core;
using sim::current;
using sim::ErrorKind;

namespace {
constexpr DType kBrcbTypes[] = {DType::I16, DType::U16, DType::I32, DType::U32, DType::F16, DType::BF16, DType::F32};
constexpr DType kGatherTypes[] = {DType::F16, DType::BF16, DType::I16, DType::U16, DType::F32, DType::I32, DType::U32};

void require_aligned(Core& c, const TensorRef& t, const char* role) {
  if (t.addr % 32 != 0)
    c.fail(ErrorKind::Misaligned, "{} starts at UB 0x{:x}, not 32-byte aligned ({})", role, t.addr, c.describe(t));
}
}  // namespace

void brcb(const char* api, DType dt, TensorRef dst, TensorRef src, uint32_t repeat, uint16_t dst_blk, uint16_t dst_rep,
          Site site) {
  Core& c = current();
  c.enter(api, site);
  sim::require_dtype(c, dt, kBrcbTypes);
  require_aligned(c, dst, "dst");
  require_aligned(c, src, "src0");
  if (repeat == 0) return;
  const uint64_t es = sim::dtype_size(dt), epb = 32 / es;
  const uint64_t blk = dst_blk == 0 ? 1 : dst_blk;
  const uint64_t src_needed = uint64_t{repeat} * 8;
  if (src_needed > src.count)
    c.fail(ErrorKind::UbOutOfBounds, "src0 must hold 8 x repeatTime = {} elements but holds {} ({})", src_needed,
           src.count, c.describe(src));
  const uint64_t last_block = uint64_t{repeat - 1} * dst_rep + 7 * blk;  // furthest block written
  const uint64_t dst_needed = (last_block + 1) * epb;
  if (dst_needed > dst.count)
    c.fail(ErrorKind::UbOutOfBounds,
           "dst would touch {} elements (repeatTime {}, dstBlkStride {}, dstRepStride {}) but holds {} ({})", dst_needed,
           repeat, dst_blk, dst_rep, dst.count, c.describe(dst));
  const uint64_t dst_end = dst.addr + dst_needed * es, src_end = src.addr + src_needed * es;
  if (dst.addr < src_end && src.addr < dst_end)
    c.fail(ErrorKind::InvalidArgument, "dst ({}) and src0 ({}) overlap; Brcb does not support it", c.describe(dst),
           c.describe(src));
  uint8_t* ub = c.ub();
  for (uint64_t r = 0; r < repeat && !c.timing_only(); ++r)
    for (uint64_t j = 0; j < 8; ++j) {
      uint8_t* block = ub + dst.addr + (r * dst_rep + j * blk) * 32;
      for (uint64_t e = 0; e < epb; ++e) std::memcpy(block + e * es, ub + src.addr + (r * 8 + j) * es, es);
    }
  Instr& in = c.instr();
  in.kind = InstrKind::Vector;
  in.pipe = Pipe::V;
  in.dtype = dt;
  in.repeats = repeat;
  in.amount = src_needed * epb;
  in.reads[0] = sim::ub_span(src, src_needed);
  in.writes = sim::ub_span(dst, dst_needed);
  c.record.vector_elements += src_needed * epb;
}

void gather(const char* api, DType dt, TensorRef dst, TensorRef src, TensorRef offsets, uint32_t src_base,
            const VecShape& shape, Site site) {
  Core& c = current();
  c.enter(api, site);
  sim::require_dtype(c, dt, kGatherTypes);
  VecShape s = shape;
  s.blk[0] = 1;
  s.blk[1] = 1;  // operand 1 walks the offsets: one uint32 per lane, a repeat of lanes per repeat
  s.rep[1] = 8;
  const sim::VectorPlan p = sim::plan_vector(c, s, dt);
  c.instr().writes = sim::check_operand(c, p, s, 0, dst, "dst");
  c.instr().reads[0] = sim::check_operand(c, p, s, 1, offsets, "srcOffset");
  require_aligned(c, src, "src");
  const uint64_t es = sim::dtype_size(dt);
  const uint64_t src_bytes = uint64_t{src.count} * es;
  uint8_t* ub = c.ub();
  const auto* off = reinterpret_cast<const uint32_t*>(ub + offsets.addr);
  // Validate every offset before writing, so a failing call leaves dst untouched. The offsets are
  // data: a timing-only run has not computed them.
  if (!c.timing_only()) sim::for_each_run(p, s, [&](const uint64_t* o, uint64_t n) {
    for (uint64_t i = 0; i < n; ++i) {
      const uint64_t at = uint64_t{src_base} + off[o[1] + i];
      if (at % es != 0)
        c.fail(ErrorKind::Misaligned, "srcOffset[{}] = {} (+ srcBaseAddr {}) is not a multiple of the {}-byte element",
               o[1] + i, off[o[1] + i], src_base, es);
      if (at + es > src_bytes)
        c.fail(ErrorKind::UbOutOfBounds, "srcOffset[{}] = {} (+ srcBaseAddr {}) reads byte {} of src, which holds {} ({})",
               o[1] + i, off[o[1] + i], src_base, at, src_bytes, c.describe(src));
    }
  });
  if (!c.timing_only()) sim::for_each_run(p, s, [&](const uint64_t* o, uint64_t n) {
    for (uint64_t i = 0; i < n; ++i)
      std::memcpy(ub + dst.addr + (o[0] + i) * es, ub + src.addr + src_base + off[o[1] + i], es);
  });
  c.instr().reads[1] = sim::ub_span(src, src.count);
  sim::note_vector(c, p, dt, shape.form);
}

}  // namespace ascendgen::sim::abi
