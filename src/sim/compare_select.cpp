// Compare (vcmpv, vcmpvs) and Select (vsel). Floats compare as IEEE values (NaN is unordered).
#include <algorithm>
#include <cstring>

#include "ascendgen/ascendc/kernel/compare_select.h"
#include "element.h"
#include "vector_plan.h"

namespace ascendgen::sim::abi {
using sim::Core;
using sim::current;
using sim::ErrorKind;

namespace {
// AscendC::CMPMODE and AscendC::SELMODE values.
enum CmpMode : uint8_t { kLt, kGt, kEq, kLe, kGe, kNe, kCmpModeCount };
enum SelMode : uint8_t { kCmpMaskSpr, kTensorScalar, kTensorTensor, kSelModeCount };

constexpr DType kCompareTypes[] = {DType::F16, DType::F32, DType::I32};
constexpr DType kCompareMaskTypes[] = {DType::I8, DType::U8};
constexpr DType kCompareScalarMaskTypes[] = {DType::U8};
constexpr DType kSelectTypes[] = {DType::F16, DType::F32};
constexpr DType kSelectMaskTypes[] = {DType::U8, DType::U16, DType::U32, DType::U64};

template <typename V> bool holds(CmpMode mode, V a, V b) {
  switch (mode) {
    case kLt: return a < b;
    case kGt: return a > b;
    case kEq: return a == b;
    case kLe: return a <= b;
    case kGe: return a >= b;
    default: return a != b;
  }
}

// Fails unless `bytes` bytes from the start of the 32-byte aligned `t` lie inside it.
void check_bytes(Core& c, const TensorRef& t, uint64_t bytes, const char* role) {
  if (t.addr % 32 != 0)
    c.fail(ErrorKind::Misaligned, "{} starts at UB 0x{:x}, not 32-byte aligned ({})", role, t.addr, c.describe(t));
  const uint64_t holds_bytes = uint64_t{t.count} * sim::dtype_size(t.dtype);
  if (bytes > holds_bytes)
    c.fail(ErrorKind::UbOutOfBounds, "{} would touch {} bytes but its LocalTensor holds {} at {}", role, bytes,
           holds_bytes, c.describe(t));
}

uint64_t element_offset(const sim::VectorPlan& p, const VecShape& s, int op, uint32_t r, uint32_t l) {
  return p.contiguous ? static_cast<uint64_t>(r) * p.lanes + l : sim::lane_offset(s, op, p.epb, r, l);
}

// Compare takes no mask: every lane of `repeat` repeats, or `count` elements filling whole repeats.
sim::VectorPlan plan_compare(Core& c, const VecShape& s, DType dt) {
  sim::VectorPlan p;
  const uint32_t es = static_cast<uint32_t>(sim::dtype_size(dt));
  p.lanes = 256 / es;
  p.epb = 32 / es;
  if (s.form == MaskForm::Count) {
    if (s.count == ~uint64_t{0}) c.fail(ErrorKind::InvalidArgument, "count is negative");
    if (s.count * es % 256 != 0)
      c.fail(ErrorKind::InvalidArgument, "count {} of {} is {} bytes; it must fill whole 256-byte repeats", s.count,
             sim::dtype_name(dt), s.count * es);
    p.contiguous = true;
    p.count = p.active = s.count;
    return p;
  }
  if (s.repeat > 255) c.fail(ErrorKind::MaskOutOfRange, "repeatTimes {} exceeds 255", s.repeat);
  p.repeats = s.repeat;
  p.mask[0] = p.last[0] = ~uint64_t{0};
  p.mask[1] = p.last[1] = p.lanes > 64 ? ~uint64_t{0} : 0;
  p.active = uint64_t{p.repeats} * p.lanes;
  return p;
}
}  // namespace

void vec_compare(const char* api, DType dt, uint8_t cmp_mode, TensorRef dst, TensorRef src0, TensorRef src1,
                 bool scalar, uint64_t scalar_bits, const VecShape& shape, Site site) {
  Core& c = current();
  c.enter(api, site);
  if (cmp_mode >= kCmpModeCount) c.fail(ErrorKind::InvalidArgument, "cmpMode {} is not a CMPMODE", cmp_mode);
  const CmpMode mode = static_cast<CmpMode>(cmp_mode);
  sim::require_dtype(c, dt, kCompareTypes);
  if (dt == DType::I32 && mode != kEq)
    c.fail(ErrorKind::Unsupported, "int32_t operands compare only with CMPMODE::EQ on Ascend 910B");
  sim::require_dtype(c, dst.dtype, scalar ? sim::DTypes(kCompareScalarMaskTypes) : sim::DTypes(kCompareMaskTypes));
  const sim::VectorPlan p = plan_compare(c, shape, dt);
  const uint64_t bits = p.contiguous ? p.count : p.active;
  check_bytes(c, dst, bits / 8, "dst");
  c.instr().writes = {dst.addr, static_cast<uint32_t>(dst.addr + bits / 8)};
  c.instr().reads[0] = sim::check_operand(c, p, shape, 1, src0, "src0");
  if (!scalar) c.instr().reads[1] = sim::check_operand(c, p, shape, 2, src1, "src1");

  uint8_t* out = c.ub() + dst.addr;
  if (!c.timing_only()) sim::dispatch_dtype(dt, [&]<DType D>() {
    using E = sim::Element<D>;
    const auto* x = reinterpret_cast<const typename E::Storage*>(c.ub() + src0.addr);
    const auto* y = reinterpret_cast<const typename E::Storage*>(c.ub() + src1.addr);
    const auto b = sim::scalar_from_bits<D>(scalar_bits);
    sim::for_each_lane(p, [&](uint32_t r, uint32_t l) {
      const uint64_t bit = static_cast<uint64_t>(r) * p.lanes + l;  // dst is dense whatever its strides
      const auto a = E::load(x[element_offset(p, shape, 1, r, l)]);
      const bool set = holds(mode, a, scalar ? b : E::load(y[element_offset(p, shape, 2, r, l)]));
      const uint8_t one = static_cast<uint8_t>(1u << (bit % 8));
      out[bit / 8] = static_cast<uint8_t>(set ? out[bit / 8] | one : out[bit / 8] & ~one);
    });
  });
  sim::note_vector(c, p, dt, shape.form);
}

void vec_select(DType dt, uint8_t sel_mode, TensorRef dst, TensorRef sel_mask, TensorRef src0, TensorRef src1,
                bool scalar, uint64_t scalar_bits, const VecShape& shape, Site site) {
  Core& c = current();
  c.enter("Select", site);
  if (sel_mode >= kSelModeCount) c.fail(ErrorKind::InvalidArgument, "selMode {} is not a SELMODE", sel_mode);
  if (scalar != (sel_mode == kTensorScalar))
    c.fail(ErrorKind::InvalidArgument,
           scalar ? "a scalar src1 needs SELMODE::VSEL_TENSOR_SCALAR_MODE"
                  : "a tensor src1 needs SELMODE::VSEL_CMPMASK_SPR or VSEL_TENSOR_TENSOR_MODE");
  sim::require_dtype(c, dt, kSelectTypes);
  sim::require_dtype(c, sel_mask.dtype, kSelectMaskTypes);
  const sim::VectorPlan p = sim::plan_vector(c, shape, dt);
  c.instr().writes = sim::check_operand(c, p, shape, 0, dst, "dst");
  c.instr().reads[0] = sim::check_operand(c, p, shape, 1, src0, "src0");
  if (!scalar) c.instr().reads[1] = sim::check_operand(c, p, shape, 2, src1, "src1");
  // VSEL_CMPMASK_SPR reads the same lane bits in every repeat; the other modes read on.
  auto sel_bit = [&](uint32_t r, uint32_t l) {
    return sel_mode == kCmpMaskSpr ? uint64_t{l} : static_cast<uint64_t>(r) * p.lanes + l;
  };
  uint64_t sel_bits = 0;
  sim::for_each_lane(p, [&](uint32_t r, uint32_t l) { sel_bits = std::max(sel_bits, sel_bit(r, l) + 1); });
  check_bytes(c, sel_mask, (sel_bits + 7) / 8, "selMask");

  const size_t es = sim::dtype_size(dt);
  uint8_t* d = c.ub() + dst.addr;
  const uint8_t* sel = c.ub() + sel_mask.addr;
  const uint8_t* x = c.ub() + src0.addr;
  const uint8_t* y = c.ub() + src1.addr;
  if (!c.timing_only()) sim::for_each_lane(p, [&](uint32_t r, uint32_t l) {
    const uint64_t bit = sel_bit(r, l);
    const uint8_t* from = (sel[bit / 8] >> (bit % 8)) & 1u ? x + element_offset(p, shape, 1, r, l) * es
                          : scalar                      ? reinterpret_cast<const uint8_t*>(&scalar_bits)
                                                        : y + element_offset(p, shape, 2, r, l) * es;
    std::memcpy(d + element_offset(p, shape, 0, r, l) * es, from, es);
  });
  sim::note_vector(c, p, dt, shape.form);
}

}  // namespace ascendgen::sim::abi
