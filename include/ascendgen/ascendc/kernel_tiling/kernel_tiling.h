// Kernel-side tiling structs under CANN's header name: TCubeTiling (what the host's matmul tiling
// writes and the Matmul API reads) plus the math library's SoftMaxTiling and LayerNormTiling.
// Every TCubeTiling field is an int32_t in CANN's order, so host tiling data copies in byte for byte:
// usedCoreNum, M, N, Ka, Kb, singleCoreM/N/K, baseM/N/K, depthA1, depthB1, stepM, stepN, isBias, ...
#pragma once
#include <cstdint>

#include "../kernel/math_library_tiling.h"

// TCubeTiling's fields in CANN's order, each an int32_t; X(name) per field (also used by the host
// class optiling::TCubeTiling in tiling/matmul_tilingdata.h, so both lay out the same bytes).
#define ASCENDGEN_TCUBE_TILING_FIELDS(X) \
  X(usedCoreNum) X(M) X(N) X(Ka) X(Kb) X(singleCoreM) X(singleCoreN) X(singleCoreK) X(baseM) \
  X(baseN) X(baseK) X(depthA1) X(depthB1) X(stepM) X(stepN) X(isBias) X(transLength) \
  X(iterateOrder) X(shareMode) X(shareL1Size) X(shareL0CSize) X(shareUbSize) X(batchM) X(batchN) \
  X(singleBatchM) X(singleBatchN) X(stepKa) X(stepKb) X(depthAL1CacheUB) X(depthBL1CacheUB) \
  X(dbL0A) X(dbL0B) X(dbL0C) X(ALayoutInfoB) X(ALayoutInfoS) X(ALayoutInfoN) X(ALayoutInfoG) \
  X(ALayoutInfoD) X(BLayoutInfoB) X(BLayoutInfoS) X(BLayoutInfoN) X(BLayoutInfoG) X(BLayoutInfoD) \
  X(CLayoutInfoB) X(CLayoutInfoS1) X(CLayoutInfoN) X(CLayoutInfoG) X(CLayoutInfoS2) X(BatchNum) \
  X(reserved)

namespace AscendC::tiling {

// One matmul's split. M x Ka times Kb x N (Ka == Kb) over usedCoreNum cores, each computing a
// singleCoreM x singleCoreN block over singleCoreK, in baseM x baseN x baseK steps (the L0 tiles).
// depthA1/depthB1 count baseM x baseK / baseK x baseN tiles held in L1; stepM/stepN/stepKa/stepKb
// say how many base tiles one L1 load spans. iterateOrder 0 walks M first, 1 walks N first.
struct TCubeTiling {
#define ASCENDGEN_TCUBE_TILING_FIELD(name) int32_t name = 0;
  ASCENDGEN_TCUBE_TILING_FIELDS(ASCENDGEN_TCUBE_TILING_FIELD)
#undef ASCENDGEN_TCUBE_TILING_FIELD
};

}  // namespace AscendC::tiling

// Kernels name it unqualified, as CANN's kernel_tiling.h allows.
using TCubeTiling = AscendC::tiling::TCubeTiling;
