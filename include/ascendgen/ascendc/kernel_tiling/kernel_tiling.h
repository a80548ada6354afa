// Kernel-side tiling structs under CANN's header name: TCubeTiling (what the host's matmul tiling
// writes and the Matmul API reads) plus the math library's SoftMaxTiling and LayerNormTiling.
// Every TCubeTiling field is an int32_t in CANN's order, so host tiling data copies in byte for byte.
#pragma once
#include <cstdint>

#include "../kernel/math_library_tiling.h"

namespace AscendC::tiling {

// One matmul's split. M x Ka times Kb x N (Ka == Kb) over usedCoreNum cores, each computing a
// singleCoreM x singleCoreN block over singleCoreK, in baseM x baseN x baseK steps (the L0 tiles).
// depthA1/depthB1 count baseM x baseK / baseK x baseN tiles held in L1; stepM/stepN/stepKa/stepKb
// say how many base tiles one L1 load spans. iterateOrder 0 walks M first, 1 walks N first.
struct TCubeTiling {
  int32_t usedCoreNum = 0;
  int32_t M = 0;
  int32_t N = 0;
  int32_t Ka = 0;
  int32_t Kb = 0;
  int32_t singleCoreM = 0;
  int32_t singleCoreN = 0;
  int32_t singleCoreK = 0;
  int32_t baseM = 0;
  int32_t baseN = 0;
  int32_t baseK = 0;
  int32_t depthA1 = 0;
  int32_t depthB1 = 0;
  int32_t stepM = 0;
  int32_t stepN = 0;
  int32_t isBias = 0;
  int32_t transLength = 0;
  int32_t iterateOrder = 0;
  int32_t shareMode = 0;
  int32_t shareL1Size = 0;
  int32_t shareL0CSize = 0;
  int32_t shareUbSize = 0;
  int32_t batchM = 0;
  int32_t batchN = 0;
  int32_t singleBatchM = 0;
  int32_t singleBatchN = 0;
  int32_t stepKa = 0;
  int32_t stepKb = 0;
  int32_t depthAL1CacheUB = 0;
  int32_t depthBL1CacheUB = 0;
  int32_t dbL0A = 0;
  int32_t dbL0B = 0;
  int32_t dbL0C = 0;
  int32_t ALayoutInfoB = 0;
  int32_t ALayoutInfoS = 0;
  int32_t ALayoutInfoN = 0;
  int32_t ALayoutInfoG = 0;
  int32_t ALayoutInfoD = 0;
  int32_t BLayoutInfoB = 0;
  int32_t BLayoutInfoS = 0;
  int32_t BLayoutInfoN = 0;
  int32_t BLayoutInfoG = 0;
  int32_t BLayoutInfoD = 0;
  int32_t CLayoutInfoB = 0;
  int32_t CLayoutInfoS1 = 0;
  int32_t CLayoutInfoN = 0;
  int32_t CLayoutInfoG = 0;
  int32_t CLayoutInfoS2 = 0;
  int32_t BatchNum = 0;
  int32_t reserved = 0;
};

}  // namespace AscendC::tiling

// Kernels name it unqualified, as CANN's kernel_tiling.h allows.
using TCubeTiling = AscendC::tiling::TCubeTiling;
