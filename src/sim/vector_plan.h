// How one vector instruction walks its operands: the lanes each repeat touches, checked against
// the documented ranges of mask and repeat and against each operand's LocalTensor.
#pragma once
#include <span>

#include "core.h"

namespace ascendgen::sim {

struct VectorPlan {
  uint32_t repeats = 0;   // repeats to run (0: nothing to do)
  uint32_t lanes = 0;     // lanes in one repeat: 256 bytes of elements
  uint32_t epb = 0;       // elements per 32-byte block
  uint64_t mask[2] = {};  // active lanes of every repeat but the last
  uint64_t last[2] = {};  // active lanes of the last repeat
  bool contiguous = false;  // count form: elements [0, count) of every operand
  uint64_t count = 0;       // contiguous element count
  uint64_t active = 0;      // active lanes over all repeats
};

// Validates the shape for dtype `dt`, updates the core's mask register as the API would, and
// returns the walk.
VectorPlan plan_vector(Core& c, const abi::VecShape& shape, DType dt);

// Checks alignment and that every element the plan touches lies in `t` (stride set `op`); returns
// the UB bytes from the start of `t` to the farthest element touched.
UbRange check_operand(Core& c, const VectorPlan& p, const abi::VecShape& shape, int op, const TensorRef& t,
                      const char* role);

// Completes the current call's trace record as a vector instruction of plan `p` on dtype `dt`
// (operand ranges are set by the caller) and counts its active lanes.
void note_vector(Core& c, const VectorPlan& p, DType dt, abi::MaskForm form);

// Calls run(offsets, n) for each maximal run of consecutive active lanes; offsets[i] is the element
// offset of operand i (0 = dst, 1 = src0, 2 = src1) where the run starts.
template <class F> void for_each_run(const VectorPlan& p, const abi::VecShape& s, F&& run) {
  if (p.contiguous) {
    if (p.count) {
      const uint64_t zero[3] = {0, 0, 0};
      run(zero, p.count);
    }
    return;
  }
  uint64_t pending[3] = {0, 0, 0};
  uint64_t pending_n = 0;
  for (uint32_t r = 0; r < p.repeats; ++r) {
    const uint64_t* m = r + 1 == p.repeats ? p.last : p.mask;
    for (uint32_t lane = 0; lane < p.lanes;) {
      if (!((m[lane / 64] >> (lane % 64)) & 1u)) {
        ++lane;
        continue;
      }
      const uint32_t block = lane / p.epb;
      uint32_t end = lane + 1;  // a run stays inside one 32-byte block
      while (end < (block + 1) * p.epb && ((m[end / 64] >> (end % 64)) & 1u)) ++end;
      uint64_t off[3];
      for (int i = 0; i < 3; ++i)
        off[i] = static_cast<uint64_t>(r) * s.rep[i] * p.epb + static_cast<uint64_t>(block) * s.blk[i] * p.epb +
                 lane % p.epb;
      const bool continues = pending_n && off[0] == pending[0] + pending_n && off[1] == pending[1] + pending_n &&
                             off[2] == pending[2] + pending_n;
      if (continues) {
        pending_n += end - lane;
      } else {
        if (pending_n) run(static_cast<const uint64_t*>(pending), pending_n);
        for (int i = 0; i < 3; ++i) pending[i] = off[i];
        pending_n = end - lane;
      }
      lane = end;
    }
  }
  if (pending_n) run(static_cast<const uint64_t*>(pending), pending_n);
}

// Calls lane(r, l) for each active lane l of each repeat r, in order (count form: element i is
// lane i % lanes of repeat i / lanes). For instructions whose operands do not all advance alike:
// differing element sizes (Cast) or bit-mask operands (Compare, Select).
template <class F> void for_each_lane(const VectorPlan& p, F&& lane) {
  if (p.contiguous) {
    for (uint64_t i = 0; i < p.count; ++i) lane(static_cast<uint32_t>(i / p.lanes), static_cast<uint32_t>(i % p.lanes));
    return;
  }
  for (uint32_t r = 0; r < p.repeats; ++r) {
    const uint64_t* m = r + 1 == p.repeats ? p.last : p.mask;
    for (uint32_t l = 0; l < p.lanes; ++l)
      if ((m[l / 64] >> (l % 64)) & 1u) lane(r, l);
  }
}

// Element offset of lane l of repeat r in operand op (stride set op of s) holding `epb` elements
// per 32-byte block, in the mask/repeat form.
inline uint64_t lane_offset(const abi::VecShape& s, int op, uint32_t epb, uint32_t r, uint32_t l) {
  return (static_cast<uint64_t>(r) * s.rep[op] + static_cast<uint64_t>(l / epb) * s.blk[op]) * epb + l % epb;
}

using DTypes = std::span<const DType>;
// The dtypes of the vector unit's floating-point instructions on the 910B (Div, Exp, reductions,
// the math library, ...).
inline constexpr DType kHalfAndFloat[] = {DType::F16, DType::F32};
// Fails with Unsupported unless `dt` is among `allowed` (the dtypes the 910B has for the API).
void require_dtype(Core& c, DType dt, DTypes allowed);

}  // namespace ascendgen::sim
