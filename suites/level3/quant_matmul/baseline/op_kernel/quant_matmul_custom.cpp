// Quantised matmul: C = dequant(A x B) = (int32 A x B) x scale, in float16.
// Mixed kernel: the host's MultiCoreMatmulTiling splits C over the vector cores; each core's Matmul
// multiplies int8 A and B on the cube (int32 accumulation, baseK a multiple of 32) and dequantises to half with one scale (SetQuantScalar: the float bits in the low 32 bits).
#include "kernel_operator.h"
#include "lib/matmul_intf.h"

using namespace AscendC;

namespace {

__aicore__ inline int32_t CeilDiv(int32_t a, int32_t b) { return (a + b - 1) / b; }
__aicore__ inline int32_t Min(int32_t a, int32_t b) { return a < b ? a : b; }

using Int8Gm = MatmulType<TPosition::GM, CubeFormat::ND, int8_t>;
using OutGm = MatmulType<TPosition::GM, CubeFormat::ND, half>;
using BiasGm = MatmulType<TPosition::GM, CubeFormat::ND, int32_t>;

}  // namespace

extern "C" __global__ __aicore__ void quant_matmul_custom(GM_ADDR a, GM_ADDR b, GM_ADDR c, GM_ADDR workspace, GM_ADDR tiling) {
  GET_TILING_DATA(tilingData, tiling);
  const TCubeTiling& t = tilingData.cubeTilingData;  // the host's MultiCoreMatmulTiling
  const int32_t M = t.M, N = t.N, K = t.Ka;
  const int32_t singleM = t.singleCoreM, singleN = t.singleCoreN, mUsed = CeilDiv(M, singleM);
  TPipe pipe;
  Matmul<Int8Gm, Int8Gm, OutGm, BiasGm> mm;
  REGIST_MATMUL_OBJ(&pipe, GetSysWorkSpacePtr(), mm, &t);
  const int32_t idx = GetBlockIdx();
  if (idx >= t.usedCoreNum) return;
  const int32_t m0 = (idx % mUsed) * singleM, n0 = (idx / mUsed) * singleN;
  GlobalTensor<int8_t> aGm, bGm;
  GlobalTensor<half> cGm;
  aGm.SetGlobalBuffer((__gm__ int8_t*)a, int64_t(M) * K);
  bGm.SetGlobalBuffer((__gm__ int8_t*)b, int64_t(K) * N);
  cGm.SetGlobalBuffer((__gm__ half*)c, int64_t(M) * N);
  mm.SetTensorA(aGm[m0 * K]);
  mm.SetTensorB(bGm[n0]);
  uint32_t scaleBits;
  __builtin_memcpy(&scaleBits, &tilingData.scale, 4);
  mm.SetQuantScalar(scaleBits);
  mm.SetTail(Min(singleM, M - m0), Min(singleN, N - n0), K);
  mm.IterateAll(cGm[int64_t(m0) * N + n0]);
  mm.End();
}
