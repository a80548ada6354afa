// Reductions of the vector unit (vcadd / vcmax / vcmin / vcgadd / vcgmax / vcgmin / vcpadd) and the
// ReduceSum/Max/Min library calls built on them, with the 910B's (Atlas A2) summation order:
// - inside one group of lanes (a repeat, a 32-byte block, a pair) sums form a binary tree: level by
//   level, neighbours (0,1), (2,3), ... are added and each partial sum is rounded to the element type.
//   Assumed: a masked-off lane is skipped (it neither adds a value nor turns -0.0 into +0.0).
// - ReduceSum's count form (vcadd in counter mode with accumulation) adds the per-repeat sums in
//   sequence, each addition rounded to the element type; its sharedTmpBuffer is not used.
// - ReduceSum's mask form reduces the per-repeat sums again in trees of one repeat's lanes, round
//   after round, until one value is left (CANN's first/second/final steps).
// - Max/Min are exact; on ties the first lane / repeat wins, as the documentation states.
// Facts: CANN asc-devkit API docs (ReduceSum, ReduceMax, ReduceRepeat, ReduceDataBlock,
// PairReduceSum) and its dav_c220 reduce implementation.
#include "ascendgen/ascendc/kernel/reduce.h"

#include <bit>
#include <cstring>
#include <optional>
#include <vector>

#include "element.h"
#include "vector_plan.h"

namespace ascendgen::sim::abi {
using sim::Core;
using sim::current;
using sim::ErrorKind;
using sim::VectorPlan;

namespace {
constexpr int64_t kMaxStride = 65535;

const char* op_name(ReduceOp op) { return op == ReduceOp::Sum ? "sum" : op == ReduceOp::Max ? "max" : "min"; }

bool lane_on(const uint64_t m[2], uint32_t lane) { return (m[lane / 64] >> (lane % 64)) & 1u; }

// The lanes each repeat reads and where: element offset of lane `lane` in repeat `r`.
struct LaneWalk {
  uint64_t repeats = 0;
  uint32_t lanes = 0, epb = 0;
  uint64_t mask[2] = {}, last[2] = {};
  uint64_t blk = 1, rep = 8;
  const uint64_t* mask_of(uint64_t r) const { return r + 1 == repeats ? last : mask; }
  uint64_t offset(uint64_t r, uint32_t lane) const {
    return r * rep * epb + uint64_t{lane / epb} * blk * epb + lane % epb;
  }
};

LaneWalk walk_of(const VectorPlan& p, const VecShape& s) {
  LaneWalk w;
  w.lanes = p.lanes;
  w.epb = p.epb;
  if (p.contiguous) {  // count form: full repeats, then the first lanes of a last one
    w.repeats = (p.count + p.lanes - 1) / p.lanes;
    w.mask[0] = ~uint64_t{0};
    w.mask[1] = p.lanes > 64 ? ~uint64_t{0} : 0;
    const uint64_t tail = p.count - (w.repeats - 1) * p.lanes;
    w.last[0] = tail >= 64 ? ~uint64_t{0} : (uint64_t{1} << tail) - 1;
    w.last[1] = tail >= 128 ? ~uint64_t{0} : tail <= 64 ? 0 : (uint64_t{1} << (tail - 64)) - 1;
    return w;
  }
  w.repeats = p.repeats;
  std::memcpy(w.mask, p.mask, sizeof w.mask);
  std::memcpy(w.last, p.last, sizeof w.last);
  w.blk = s.blk[1];
  w.rep = s.rep[1];
  return w;
}

// A mask form whose mask selects no lane: the 910B treats the call as a no-op.
bool selects_nothing(const Core& c, const VecShape& s) {
  if (c.counter_mode) return false;
  switch (s.form) {
    case MaskForm::Bits: return s.mask[0] == 0 && s.mask[1] == 0;
    case MaskForm::Continuous: return s.mask[0] == 0;
    case MaskForm::Register: return c.mask[0] == 0 && c.mask[1] == 0;
    default: return false;
  }
}

void require_range(Core& c, const char* name, int64_t v, int64_t hi, ErrorKind kind) {
  if (v < 0 || v > hi) c.fail(kind, "{} = {} is outside 0..{}", name, v, hi);
}

// Checks that `bytes` from the start of `t` lie in it and that t starts `align`-byte aligned.
void check_extent(Core& c, const TensorRef& t, const char* role, uint64_t bytes, uint32_t align) {
  if (t.addr % align != 0)
    c.fail(ErrorKind::Misaligned, "{} starts at UB 0x{:x}, not {}-byte aligned ({})", role, t.addr, align,
           c.describe(t));
  const uint64_t held = uint64_t{t.count} * sim::dtype_size(t.dtype);
  if (bytes > held)
    c.fail(ErrorKind::UbOutOfBounds, "{} needs {} bytes but its LocalTensor holds {} ({})", role, bytes, held,
           c.describe(t));
}

template <DType D> struct Lanes {
  using E = sim::Element<D>;
  static float round(float v) { return E::load(E::store(v)); }

  // Binary-tree sum of `slots` (absent = masked off); absent when every slot is.
  static std::optional<float> tree_sum(std::vector<std::optional<float>> v) {
    while (v.size() > 1) {
      std::vector<std::optional<float>> next((v.size() + 1) / 2);
      for (size_t i = 0; i < next.size(); ++i) {
        const auto& a = v[2 * i];
        const auto& b = 2 * i + 1 < v.size() ? v[2 * i + 1] : std::nullopt;
        next[i] = a && b ? std::optional<float>(round(*a + *b)) : a ? a : b;
      }
      v = std::move(next);
    }
    return v.empty() ? std::nullopt : v[0];
  }
  // Index of the first extreme value among the present slots (-1 when none).
  static int64_t extreme(const std::vector<std::optional<float>>& v, ReduceOp op) {
    int64_t best = -1;
    for (size_t i = 0; i < v.size(); ++i) {
      if (!v[i]) continue;
      if (best < 0 || (op == ReduceOp::Max ? *v[i] > *v[best] : *v[i] < *v[best])) best = static_cast<int64_t>(i);
    }
    return best;
  }
  static uint64_t bits(float v) {
    const auto s = E::store(v);
    uint64_t b = 0;
    std::memcpy(&b, &s, sizeof s);
    return b;
  }
};

// One result to store: `bytes` little-endian bytes of `bits` at byte offset `at` of dst.
struct Store {
  uint64_t at;
  uint32_t bytes;
  uint64_t bits;
};

void commit(Core& c, const TensorRef& dst, const char* role, const std::vector<Store>& stores, uint32_t align) {
  uint64_t end = 0;
  for (const Store& s : stores) end = std::max(end, s.at + s.bytes);
  check_extent(c, dst, role, end, align);
  for (const Store& s : stores) std::memcpy(c.ub() + dst.addr + s.at, &s.bits, s.bytes);
  c.instr().writes = {dst.addr, static_cast<uint32_t>(dst.addr + end)};
}
}  // namespace

void reduce_groups(const char* api, ReduceOp op, ReduceGroup group, DType dt, TensorRef dst, TensorRef src,
                   const VecShape& mask, ReduceWalk walk, uint8_t order_value, Site site) {
  Core& c = current();
  c.enter(api, site);
  sim::require_dtype(c, dt, sim::kHalfAndFloat);
  if (dst.dtype != dt)
    c.fail(ErrorKind::Unsupported, "dst is {} but src is {}: the 910B reduces into the source dtype",
           sim::dtype_name(dst.dtype), sim::dtype_name(dt));
  if (group == ReduceGroup::Pair && op != ReduceOp::Sum)
    c.fail(ErrorKind::Unsupported, "the pair reduction has only SUM, not {}", op_name(op));
  const auto order = static_cast<AscendC::ReduceOrder>(order_value);
  if (order_value > static_cast<uint8_t>(AscendC::ReduceOrder::ORDER_ONLY_INDEX))
    c.fail(ErrorKind::InvalidArgument, "ReduceOrder value {} is outside 0..3", order_value);
  require_range(c, "repeatTime", walk.repeat, 255, ErrorKind::MaskOutOfRange);
  require_range(c, "dstRepStride", walk.dst_rep, kMaxStride, ErrorKind::InvalidArgument);
  require_range(c, "srcBlkStride", walk.src_blk, kMaxStride, ErrorKind::InvalidArgument);
  require_range(c, "srcRepStride", walk.src_rep, kMaxStride, ErrorKind::InvalidArgument);
  if (walk.repeat == 0 || selects_nothing(c, mask)) return;  // documented no-op on the 910B

  VecShape s = mask;
  s.repeat = static_cast<uint32_t>(walk.repeat);
  s.blk[1] = static_cast<uint16_t>(walk.src_blk);
  s.rep[1] = static_cast<uint16_t>(walk.src_rep);
  const VectorPlan p = sim::plan_vector(c, s, dt);
  c.instr().reads[0] = sim::check_operand(c, p, s, 1, src, "src");
  const LaneWalk w = walk_of(p, s);

  const uint32_t es = static_cast<uint32_t>(sim::dtype_size(dt));
  const uint32_t group_lanes = group == ReduceGroup::Repeat ? w.lanes : group == ReduceGroup::Block ? w.epb : 2;
  const uint32_t groups = w.lanes / group_lanes;
  // Bytes of one result: per ReduceRepeat's table 3 for Max/Min per repeat, else one element.
  const bool per_repeat_extreme = group == ReduceGroup::Repeat && op != ReduceOp::Sum;
  const bool with_index = per_repeat_extreme && (order == AscendC::ReduceOrder::ORDER_VALUE_INDEX ||
                                                 order == AscendC::ReduceOrder::ORDER_INDEX_VALUE);
  const bool only_index = per_repeat_extreme && order == AscendC::ReduceOrder::ORDER_ONLY_INDEX;
  const uint32_t result_bytes = with_index ? 2 * es : only_index ? 4 : es;
  // dstRepStride counts whole repeats of results; dst alignment follows the same unit, at most 32.
  const uint64_t rep_bytes = uint64_t{groups} * result_bytes;

  std::vector<Store> stores;
  sim::dispatch_dtype(dt, [&]<DType D>() {
    if constexpr (D == DType::F16 || D == DType::F32) {
      using L = Lanes<D>;
      const auto* x = reinterpret_cast<const typename sim::Element<D>::Storage*>(c.ub() + src.addr);
      for (uint64_t r = 0; r < w.repeats; ++r) {
        const uint64_t* m = w.mask_of(r);
        for (uint32_t g = 0; g < groups; ++g) {
          std::vector<std::optional<float>> v(group_lanes);
          bool any = false;
          for (uint32_t i = 0; i < group_lanes; ++i) {
            const uint32_t lane = g * group_lanes + i;
            if (lane_on(m, lane)) {
              v[i] = sim::Element<D>::load(x[w.offset(r, lane)]);
              any = true;
            }
          }
          if (!any) continue;  // the 910B leaves the result of an all-masked group unwritten
          const uint64_t at = r * walk.dst_rep * rep_bytes + uint64_t{g} * result_bytes;
          if (op == ReduceOp::Sum) {
            stores.push_back({at, es, L::bits(*L::tree_sum(std::move(v)))});
            continue;
          }
          const int64_t best = L::extreme(v, op);
          const uint64_t value = L::bits(*v[best]);
          const uint64_t index = static_cast<uint64_t>(best) + g * group_lanes;  // lane inside the repeat
          const uint32_t half = es * 8;
          switch (per_repeat_extreme ? order : AscendC::ReduceOrder::ORDER_ONLY_VALUE) {
            case AscendC::ReduceOrder::ORDER_VALUE_INDEX: stores.push_back({at, 2 * es, value | index << half}); break;
            case AscendC::ReduceOrder::ORDER_INDEX_VALUE: stores.push_back({at, 2 * es, index | value << half}); break;
            case AscendC::ReduceOrder::ORDER_ONLY_VALUE: stores.push_back({at, es, value}); break;
            case AscendC::ReduceOrder::ORDER_ONLY_INDEX: stores.push_back({at, 4, index}); break;
          }
        }
      }
    }
  });
  commit(c, dst, "dst", stores, static_cast<uint32_t>(std::min<uint64_t>(rep_bytes, 32)));
  sim::note_vector(c, p, dt, s.form);
}

namespace {
uint64_t align_up(uint64_t n, uint64_t a) { return (n + a - 1) / a * a; }

// sharedTmpBuffer elements ReduceMax/Min need (ReduceMax documentation): every round writes
// [value, index] per repeat it reduces, block-aligned; with the index all rounds are kept.
uint64_t extreme_work_elements(uint64_t first_repeats, uint32_t lanes, uint32_t epb, bool cal_index) {
  uint64_t out = first_repeats * 2;
  if (!cal_index) return align_up(out, epb);
  uint64_t need = 0;
  for (;;) {
    need += align_up(out, epb);
    if (out <= 2) return need;
    out = (out + lanes - 1) / lanes * 2;
  }
}
}  // namespace

void reduce_all(const char* api, ReduceOp op, DType dt, TensorRef dst, TensorRef src, TensorRef work,
                const VecShape& shape, int32_t repeat, int32_t src_rep, bool cal_index, Site site) {
  Core& c = current();
  c.enter(api, site);
  sim::require_dtype(c, dt, sim::kHalfAndFloat);
  const bool mask_form = shape.form == MaskForm::Bits || shape.form == MaskForm::Continuous;
  VecShape s = shape;
  VectorPlan p;
  if (mask_form) {
    if (repeat < 0) c.fail(ErrorKind::MaskOutOfRange, "repeatTime = {} is negative", repeat);
    require_range(c, "srcRepStride", src_rep, kMaxStride, ErrorKind::InvalidArgument);
    if (repeat == 0 || selects_nothing(c, shape)) return;  // documented no-op on the 910B
    if (c.counter_mode)
      c.fail(ErrorKind::InvalidArgument, "the mask form needs normal mask mode, but SetMaskCount is in effect");
    // Validated as one repeat: the library splits repeatTime (up to INT32_MAX) into 255-repeat calls.
    s.repeat = 1;
    s.rep[1] = static_cast<uint16_t>(src_rep);
    p = sim::plan_vector(c, s, dt);
    p.repeats = static_cast<uint32_t>(repeat);
    p.active *= p.repeats;
  } else {
    p = sim::plan_vector(c, s, dt);
    if (p.contiguous && p.count == 0) return;  // count 0: no-op
  }
  c.instr().reads[0] = sim::check_operand(c, p, s, 1, src, "src");
  const LaneWalk w = walk_of(p, s);
  const uint32_t es = static_cast<uint32_t>(sim::dtype_size(dt));

  if (op != ReduceOp::Sum || mask_form) {
    const uint64_t first = mask_form ? w.repeats : std::max<uint64_t>(p.count / w.lanes, 1);
    const uint64_t need = op == ReduceOp::Sum ? align_up(first, w.epb)
                                              : extreme_work_elements(first, w.lanes, w.epb, cal_index);
    check_extent(c, work, "sharedTmpBuffer", need * es, 32);
    c.instr().reads[1] = sim::ub_span(work, need);  // written and read back between passes
  }

  std::vector<Store> stores;
  sim::dispatch_dtype(dt, [&]<DType D>() {
    if constexpr (D == DType::F16 || D == DType::F32) {
      using L = Lanes<D>;
      const auto* x = reinterpret_cast<const typename sim::Element<D>::Storage*>(c.ub() + src.addr);
      auto lanes_of = [&](uint64_t r) {
        std::vector<std::optional<float>> v(w.lanes);
        for (uint32_t lane = 0; lane < w.lanes; ++lane)
          if (lane_on(w.mask_of(r), lane)) v[lane] = sim::Element<D>::load(x[w.offset(r, lane)]);
        return v;
      };
      if (op == ReduceOp::Sum) {
        std::vector<std::optional<float>> partial(w.repeats);
        for (uint64_t r = 0; r < w.repeats; ++r) partial[r] = L::tree_sum(lanes_of(r));
        if (mask_form) {
          while (partial.size() > 1) {  // trees over one repeat of partial sums, round after round
            std::vector<std::optional<float>> next;
            for (size_t i = 0; i < partial.size(); i += w.lanes) {
              const auto end = partial.begin() + static_cast<ptrdiff_t>(std::min<size_t>(i + w.lanes, partial.size()));
              next.push_back(L::tree_sum({partial.begin() + static_cast<ptrdiff_t>(i), end}));
            }
            partial = std::move(next);
          }
        } else {
          for (size_t r = 1; r < partial.size(); ++r)  // the accumulator adds repeat sums in order
            partial[0] = partial[0] && partial[r] ? L::round(*partial[0] + *partial[r]) : partial[0] ? partial[0] : partial[r];
        }
        stores.push_back({0, es, L::bits(partial[0].value_or(0.0f))});
        return;
      }
      std::optional<float> best;
      uint64_t best_index = 0;
      for (uint64_t r = 0; r < w.repeats; ++r) {
        const auto v = lanes_of(r);
        const int64_t i = L::extreme(v, op);
        if (i < 0 || (best && !(op == ReduceOp::Max ? *v[i] > *best : *v[i] < *best))) continue;
        best = v[i];
        best_index = r * w.rep * w.epb + static_cast<uint64_t>(i);  // CANN's index: repeat offset + lane
      }
      stores.push_back({0, es, L::bits(*best)});
      // The index is written in the element type's width: half keeps its low 16 bits.
      if (cal_index) stores.push_back({es, es, best_index & (es == 2 ? 0xffffu : 0xffffffffu)});
    }
  });
  commit(c, dst, "dst", stores, cal_index && op != ReduceOp::Sum ? 2 * es : es);
  sim::note_vector(c, p, dt, s.form);
}

}  // namespace ascendgen::sim::abi
