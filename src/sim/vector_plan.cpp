#include "vector_plan.h"

#include <bit>

namespace ascendgen::sim {

namespace {
constexpr uint32_t kMaxRepeat = 255;

void set_first_lanes(uint64_t m[2], uint64_t n) {
  m[0] = n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1;
  m[1] = n >= 128 ? ~uint64_t{0} : n <= 64 ? 0 : (uint64_t{1} << (n - 64)) - 1;
}

// Counter mode: `count` elements, full repeats then a partial one.
void plan_counter(VectorPlan& p, uint64_t count) {
  p.repeats = static_cast<uint32_t>((count + p.lanes - 1) / p.lanes);
  set_first_lanes(p.mask, p.lanes);
  set_first_lanes(p.last, count - (p.repeats ? (p.repeats - 1) * uint64_t{p.lanes} : 0));
  p.active = count;
}
}  // namespace

void require_dtype(Core& c, DType dt, DTypes allowed) {
  for (DType a : allowed)
    if (a == dt) return;
  std::string names;
  for (DType a : allowed) names += std::string(names.empty() ? "" : ", ") + dtype_name(a);
  c.fail(ErrorKind::Unsupported, "{} is not supported for this API on Ascend 910B (supported: {})", dtype_name(dt),
         names);
}

VectorPlan plan_vector(Core& c, const abi::VecShape& s, DType dt) {
  c.require(CoreKind::Aiv, "the vector unit");
  VectorPlan p;
  const uint32_t es = static_cast<uint32_t>(dtype_size(dt));
  p.epb = 32 / es;
  p.lanes = 256 / es;
  using abi::MaskForm;
  if (s.form == MaskForm::Count) {
    // The count form sets counter mode for itself and leaves the mask reset, as CANN's does.
    p.contiguous = true;
    p.count = s.count;
    p.active = s.count;
    if (s.count == ~uint64_t{0}) c.fail(ErrorKind::InvalidArgument, "calCount is negative");
    c.counter_mode = false;
    c.mask[0] = c.mask[1] = ~uint64_t{0};
    return p;
  }
  if (es == 1)
    c.fail(ErrorKind::Unsupported, "the mask/repeat form does not take {} operands", dtype_name(dt));
  if (s.form == MaskForm::Bits) {
    if (c.counter_mode) {
      c.mask[0] = s.mask[0];
    } else {
      c.mask[0] = s.mask[0];
      c.mask[1] = s.mask[1];
    }
  } else if (s.form == MaskForm::Continuous) {
    if (c.counter_mode) {
      c.mask[0] = s.mask[0];
    } else {
      if (s.mask[0] < 1 || s.mask[0] > p.lanes)
        c.fail(ErrorKind::MaskOutOfRange, "continuous mask {} is outside 1..{} for {}", s.mask[0], p.lanes,
               dtype_name(dt));
      set_first_lanes(c.mask, s.mask[0]);
    }
  }
  if (c.counter_mode) {
    plan_counter(p, c.mask[0]);
    return p;
  }
  if (s.repeat > kMaxRepeat) c.fail(ErrorKind::MaskOutOfRange, "repeatTimes {} exceeds {}", s.repeat, kMaxRepeat);
  // The register holds 128 lane bits (ResetMask sets them all) and a repeat of wider elements reads
  // only its own lanes; a mask passed with the instruction must not name lanes the repeat lacks.
  uint64_t m[2] = {c.mask[0], c.mask[1]};
  if (s.form == MaskForm::Register && p.lanes <= 64) {
    m[1] = 0;
    if (p.lanes < 64) m[0] &= (uint64_t{1} << p.lanes) - 1;
  }
  if (m[0] == 0 && m[1] == 0) c.fail(ErrorKind::MaskOutOfRange, "the mask selects no lane");
  if (es == 4 && m[1] != 0)
    c.fail(ErrorKind::MaskOutOfRange, "mask[1] = 0x{:x} must be 0 for 32-bit {}: a repeat has only 64 lanes", m[1],
           dtype_name(dt));
  if (es == 8 && (m[1] != 0 || m[0] >> 32))
    c.fail(ErrorKind::MaskOutOfRange, "mask 0x{:x}:{:x} selects lanes past 32, a repeat of 64-bit {} has 32", m[1],
           m[0], dtype_name(dt));
  p.repeats = s.repeat;
  p.mask[0] = p.last[0] = m[0];
  p.mask[1] = p.last[1] = m[1];
  p.active = static_cast<uint64_t>(std::popcount(m[0]) + std::popcount(m[1])) * s.repeat;
  return p;
}

UbRange check_operand(Core& c, const VectorPlan& p, const abi::VecShape& s, int op, const TensorRef& t,
                      const char* role) {
  if (t.addr % 32 != 0)
    c.fail(ErrorKind::Misaligned, "{} starts at UB 0x{:x}, not 32-byte aligned ({})", role, t.addr, c.describe(t));
  uint64_t needed = 0;  // one past the largest element offset touched
  if (p.contiguous) {
    needed = p.count;
  } else if (p.repeats) {
    // One past the farthest element of repeat r: with block stride 0 the highest lane need not be it.
    auto reach = [&](uint32_t r, const uint64_t m[2]) {
      uint64_t far = 0;
      for (uint32_t lane = 0; lane < p.lanes; ++lane)
        if ((m[lane / 64] >> (lane % 64)) & 1u)
          far = std::max<uint64_t>(far, static_cast<uint64_t>(lane / p.epb) * s.blk[op] * p.epb + lane % p.epb + 1);
      return static_cast<uint64_t>(r) * s.rep[op] * p.epb + far;
    };
    needed = reach(p.repeats - 1, p.last);
    if (p.repeats > 1) needed = std::max(needed, reach(p.repeats - 2, p.mask));
  }
  if (needed > t.count)
    c.fail(ErrorKind::UbOutOfBounds,
           "{} would touch {} elements (repeat {}, blk stride {}, rep stride {}) but its LocalTensor holds {} at {}", role,
           needed, p.repeats, s.blk[op], s.rep[op], t.count, c.describe(t));
  return ub_span(t, needed);
}

void note_vector(Core& c, const VectorPlan& p, DType dt, abi::MaskForm form) {
  Instr& in = c.instr();
  in.kind = InstrKind::Vector;
  in.pipe = Pipe::V;
  in.dtype = dt;
  in.mask_form = static_cast<uint8_t>(form);
  // A repeat costs a cycle whatever its mask; the count form issues whole repeats for its elements.
  in.repeats = p.contiguous ? static_cast<uint32_t>((p.count + p.lanes - 1) / p.lanes) : p.repeats;
  in.amount = p.active;
  c.record.vector_elements += p.active;
}

}  // namespace ascendgen::sim
