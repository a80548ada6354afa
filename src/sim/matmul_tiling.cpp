// ascendgen's matmul tiling algorithm behind tiling/matmul_tiling.h (see docs/matmul.md).
#include "ascendgen/ascendc/tiling/matmul_tiling.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include <fmt/format.h>

#include "core.h"
#include "matmul_limits.h"

namespace matmul_tiling {
namespace {
using ascendgen::sim::abi::DType;

std::optional<DType> dtype_of(DataType d) {
  switch (d) {
    case DataType::DT_FLOAT16: return DType::F16;
    case DataType::DT_BF16:
    case DataType::DT_BFLOAT16: return DType::BF16;
    case DataType::DT_FLOAT: return DType::F32;
    case DataType::DT_INT8: return DType::I8;
    case DataType::DT_INT32: return DType::I32;
    default: return std::nullopt;
  }
}

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }
int64_t align_up(int64_t a, int64_t b) { return ceil_div(a, b) * b; }

// Cycles of one core's block, as the cost model of docs/matmul.md estimates them: one 16 x 16 x C0
// cube step per cycle over the padded pieces, plus GM -> L1 loads at 64 bytes a cycle (A is read
// once per column of pieces, B once per row of pieces).
double block_cycles(int64_t sM, int64_t sN, int64_t K, int64_t bM, int64_t bN, int64_t c0, int64_t es) {
  const int64_t mIter = ceil_div(sM, bM), nIter = ceil_div(sN, bN);
  const double cube = double(mIter * nIter) * (bM / 16) * (bN / 16) * ceil_div(K, c0);
  const double loads = double(nIter * sM * K + mIter * sN * K) * es / 64.0;
  return cube + loads;
}

struct Split {
  int64_t singleM, singleN, cores;
};

// Splits M x N over at most `dim` cores, minimising the slowest core's estimated cycles.
Split split_cores(int64_t M, int64_t N, int64_t K, int64_t dim, int64_t c0, int64_t es) {
  Split best{M, N, 1};
  double best_cost = -1;
  for (int64_t mDim = 1; mDim <= dim; ++mDim) {
    const int64_t nDim = dim / mDim;
    const int64_t sM = std::min(M, align_up(ceil_div(M, mDim), 16)), sN = std::min(N, align_up(ceil_div(N, nDim), 16));
    const int64_t cores = ceil_div(M, sM) * ceil_div(N, sN);
    const double cost = block_cycles(sM, sN, K, align_up(std::min<int64_t>(sM, 128), 16),
                                     align_up(std::min<int64_t>(sN, 256), 16), c0, es);
    if (best_cost < 0 || cost < best_cost || (cost == best_cost && cores < best.cores)) {
      best_cost = cost;
      best = {sM, sN, cores};
    }
  }
  return best;
}
}  // namespace

int32_t MatmulApiTilingBase::fail(std::string why) {
  error_ = std::move(why);
  return -1;
}

int32_t MatmulApiTilingBase::SetAType(TPosition pos, CubeFormat type, DataType dataType, bool isTrans) {
  aType_ = {pos, type, dataType, isTrans, true};
  return 0;
}
int32_t MatmulApiTilingBase::SetBType(TPosition pos, CubeFormat type, DataType dataType, bool isTrans) {
  bType_ = {pos, type, dataType, isTrans, true};
  return 0;
}
int32_t MatmulApiTilingBase::SetCType(TPosition pos, CubeFormat type, DataType dataType) {
  cType_ = {pos, type, dataType, false, true};
  return 0;
}
int32_t MatmulApiTilingBase::SetBiasType(TPosition pos, CubeFormat type, DataType dataType) {
  biasType_ = {pos, type, dataType, false, true};
  return 0;
}
int32_t MatmulApiTilingBase::SetShape(int32_t m, int32_t n, int32_t k) {
  if (m <= 0 || n <= 0 || k <= 0) return fail(fmt::format("SetShape: M, N and K must be positive (got {}, {}, {})", m, n, k));
  m_ = m, n_ = n, k_ = k;
  return 0;
}
int32_t MatmulApiTilingBase::SetOrgShape(int32_t orgMIn, int32_t orgNIn, int32_t orgKIn) {
  return SetOrgShape(orgMIn, orgNIn, orgKIn, orgKIn);
}
int32_t MatmulApiTilingBase::SetOrgShape(int32_t orgMIn, int32_t orgNIn, int32_t orgKaIn, int32_t orgKbIn) {
  if (orgMIn <= 0 || orgNIn <= 0 || orgKaIn <= 0 || orgKbIn <= 0)
    return fail("SetOrgShape: every dimension must be positive");
  orgM_ = orgMIn, orgN_ = orgNIn, orgKa_ = orgKaIn, orgKb_ = orgKbIn;
  return 0;
}
int32_t MatmulApiTilingBase::SetBias(bool isBiasIn) {
  isBias_ = isBiasIn;
  return 0;
}
int32_t MatmulApiTilingBase::SetFixSplit(int32_t baseMIn, int32_t baseNIn, int32_t baseKIn) {
  fixBaseM_ = baseMIn, fixBaseN_ = baseNIn, fixBaseK_ = baseKIn;
  return 0;
}
int32_t MatmulApiTilingBase::SetBufferSpace(int32_t l1Size, int32_t l0CSize, int32_t ubSize, int32_t btSize) {
  (void)btSize;
  const PlatformInfo whole;
  if (l1Size > int64_t(whole.l1Size) || l0CSize > int64_t(whole.l0CSize) || ubSize > int64_t(whole.ubSize))
    return fail("SetBufferSpace: a size exceeds the core's buffer");
  if (l1Size >= 0) buffers_.l1Size = l1Size;
  if (l0CSize >= 0) buffers_.l0CSize = l0CSize;
  if (ubSize >= 0) buffers_.ubSize = ubSize;
  return 0;
}
int32_t MatmulApiTilingBase::SetSplitRange(int32_t maxBaseM, int32_t maxBaseN, int32_t maxBaseK, int32_t minBaseM,
                                           int32_t minBaseN, int32_t minBaseK) {
  range_ = {maxBaseM, maxBaseN, maxBaseK, minBaseM, minBaseN, minBaseK};
  return 0;
}
int32_t MatmulApiTilingBase::SetTraverse(MatrixTraverse traverse) {
  traverse_ = traverse;
  return 0;
}

int64_t MatmulApiTilingBase::compute(int32_t cores, int32_t singleM, int32_t singleN, TCubeTiling& out) {
  error_.clear();
  if (!aType_.set || !bType_.set || !cType_.set) return fail("GetTiling: SetAType, SetBType and SetCType must come first");
  if (m_ <= 0) return fail("GetTiling: SetShape must come first");
  const auto a = dtype_of(aType_.dataType), b = dtype_of(bType_.dataType), c = dtype_of(cType_.dataType);
  if (!a || !b || !c || *a != *b || *a == DType::I32)
    return fail("GetTiling: A and B must have the same type, one of float16, bfloat16, float or int8");
  if (aType_.type != CubeFormat::ND || bType_.type != CubeFormat::ND || cType_.type != CubeFormat::ND)
    return fail("GetTiling: only CubeFormat::ND is supported");
  const auto bias = isBias_ ? dtype_of(biasType_.set ? biasType_.dataType : (*a == DType::I8 ? DataType::DT_INT32 : DataType::DT_FLOAT))
                            : std::optional<DType>(DType::F32);
  if (!bias) return fail("GetTiling: unsupported bias type");
  const int32_t orgM = orgM_ ? orgM_ : m_, orgN = orgN_ ? orgN_ : n_, orgKa = orgKa_ ? orgKa_ : k_,
                orgKb = orgKb_ ? orgKb_ : k_;
  if (orgKa != orgKb) return fail(fmt::format("GetTiling: Ka {} and Kb {} differ", orgKa, orgKb));
  if (m_ > orgM || n_ > orgN || k_ > orgKa)
    return fail(fmt::format("GetTiling: the shape {} x {} x {} exceeds the original shape {} x {} x {}", m_, n_, k_, orgM,
                            orgN, orgKa));
  if (cores <= 0) return fail("GetTiling: the core count (SetDim) must be positive");

  const int64_t es = ascendgen::sim::dtype_size(*a), c0 = ascendgen::sim::cube_c0(*a);
  const Split split = singleM > 0 && singleN > 0
                          ? Split{singleM, singleN, ceil_div(m_, singleM) * ceil_div(n_, singleN)}
                          : split_cores(m_, n_, k_, cores, c0, es);
  if (split.cores > cores)
    return fail(fmt::format("GetTiling: single shape {} x {} needs {} cores, more than {}", split.singleM, split.singleN,
                            split.cores, cores));

  // L0 tiles: the pair (baseM, baseN) with the fewest estimated cycles whose L0C tile fits.
  int64_t bM = fixBaseM_, bN = fixBaseN_;
  if (bM <= 0 || bN <= 0) {
    double best = -1;
    // Candidates: multiples of 16 up to 256 and the block, within SetSplitRange's bounds.
    const auto bound = [](int64_t limit, int64_t fallback) { return limit > 0 ? limit : fallback; };
    const int64_t maxM = fixBaseM_ > 0 ? fixBaseM_ : std::min(align_up(split.singleM, 16), bound(range_.maxBaseM, 256));
    const int64_t maxN = fixBaseN_ > 0 ? fixBaseN_ : std::min(align_up(split.singleN, 16), bound(range_.maxBaseN, 256));
    const int64_t minM = fixBaseM_ > 0 ? fixBaseM_ : align_up(std::min(bound(range_.minBaseM, 16), maxM), 16);
    const int64_t minN = fixBaseN_ > 0 ? fixBaseN_ : align_up(std::min(bound(range_.minBaseN, 16), maxN), 16);
    for (int64_t m = minM; m <= maxM; m += 16)
      for (int64_t n = minN; n <= maxN; n += 16) {
        if (uint64_t(m * n * 4) > buffers_.l0CSize) continue;
        const double cost = block_cycles(split.singleM, split.singleN, k_, m, n, c0, es);
        if (best < 0 || cost < best || (cost == best && m * n > bM * bN)) best = cost, bM = m, bN = n;
      }
    if (best < 0) return fail("GetTiling: no baseM x baseN tile fits L0C");
  }
  // baseK: the longest K step whose L0A and L0B tiles fit half the buffer (double buffering).
  int64_t bK = fixBaseK_;
  if (bK <= 0) {
    const int64_t byA = int64_t(buffers_.l0ASize) / 2 / (bM * es), byB = int64_t(buffers_.l0BSize) / 2 / (bN * es);
    bK = std::min<int64_t>({byA, byB, align_up(k_, c0), range_.maxBaseK > 0 ? range_.maxBaseK : INT64_MAX}) / c0 * c0;
    if (bK <= 0) return fail("GetTiling: no baseK fits L0A/L0B");
  }
  // L1: as many K steps per load as fit, double-buffered when possible.
  const int64_t kIter = ceil_div(k_, bK), biasBytes = isBias_ ? bN * ascendgen::sim::dtype_size(*bias) : 0;
  const int64_t tileBytes = (bM + bN) * bK * es;
  int64_t step = std::min<int64_t>(kIter, 8), depth = 0;
  for (; step >= 1; --step) {
    if (2 * step * tileBytes + biasBytes <= int64_t(buffers_.l1Size)) { depth = 2 * step; break; }
    if (step * tileBytes + biasBytes <= int64_t(buffers_.l1Size)) { depth = step; break; }
  }
  if (depth == 0) return fail("GetTiling: one baseM x baseK plus baseK x baseN tile does not fit L1");

  TCubeTiling t{};
  t.usedCoreNum = int32_t(split.cores);
  t.M = orgM, t.N = orgN, t.Ka = orgKa, t.Kb = orgKb;
  t.singleCoreM = int32_t(split.singleM), t.singleCoreN = int32_t(split.singleN), t.singleCoreK = k_;
  t.baseM = int32_t(bM), t.baseN = int32_t(bN), t.baseK = int32_t(bK);
  t.depthA1 = int32_t(depth), t.depthB1 = int32_t(depth);
  t.stepM = 1, t.stepN = 1, t.stepKa = int32_t(step), t.stepKb = int32_t(step);
  t.isBias = isBias_ ? 1 : 0;
  t.iterateOrder = traverse_ == MatrixTraverse::FIRSTN ? 1 : 0;
  t.shareL1Size = int32_t(depth * tileBytes + biasBytes);
  t.shareL0CSize = int32_t(bM * bN * 4);
  t.batchM = t.batchN = t.singleBatchM = t.singleBatchN = 1;
  t.dbL0A = t.dbL0B = 2, t.dbL0C = 1;
  const ascendgen::sim::CubeBuffers cube{uint32_t(buffers_.l1Size), uint32_t(buffers_.l0ASize),
                                         uint32_t(buffers_.l0BSize), uint32_t(buffers_.l0CSize)};
  const std::string problem = ascendgen::sim::matmul_tiling_problem(
      {t.baseM, t.baseN, t.baseK, t.depthA1, t.depthB1, t.stepKa, t.stepKb, t.isBias}, *a, *bias, cube);
  if (!problem.empty()) return fail("GetTiling: " + problem);
  baseM_ = t.baseM, baseN_ = t.baseN, baseK_ = t.baseK;
  out = t;
  return 0;
}

int64_t MatmulApiTiling::GetTiling(TCubeTiling& tiling) { return compute(1, m_, n_, tiling); }

int32_t MultiCoreMatmulTiling::SetDim(int32_t dim) {
  if (dim <= 0) return fail(fmt::format("SetDim: the core count must be positive (got {})", dim));
  dim_ = dim;
  return 0;
}
int32_t MultiCoreMatmulTiling::SetSingleShape(int32_t singleMIn, int32_t singleNIn, int32_t singleKIn) {
  (void)singleKIn;
  singleM_ = singleMIn, singleN_ = singleNIn;
  return 0;
}
int64_t MultiCoreMatmulTiling::GetTiling(TCubeTiling& tiling) {
  const int32_t cores = dim_ > 0 ? dim_ : platformCores_;
  const int64_t r = compute(cores, singleM_, singleN_, tiling);
  if (r == 0) last_ = tiling;
  return r;
}
int32_t MultiCoreMatmulTiling::GetSingleShape(int32_t& shapeM, int32_t& shapeN, int32_t& shapeK) const {
  shapeM = last_.singleCoreM, shapeN = last_.singleCoreN, shapeK = last_.singleCoreK;
  return last_.usedCoreNum > 0 ? 0 : -1;
}
int32_t MultiCoreMatmulTiling::GetCoreNum(int32_t& dim, int32_t& mDim, int32_t& nDim) const {
  if (last_.usedCoreNum <= 0) return -1;
  mDim = int32_t(ceil_div(m_, last_.singleCoreM)), nDim = int32_t(ceil_div(n_, last_.singleCoreN));
  dim = last_.usedCoreNum;
  return 0;
}

}  // namespace matmul_tiling
