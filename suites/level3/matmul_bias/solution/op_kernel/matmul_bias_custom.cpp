// C[M, N] = A[M, K] x B[K, N] + bias[N].
// Full operator, mixed (cube + vector) kernel: the cube core serves the Matmul objects that
// the vector cores drive (REGIST_MATMUL_OBJ returns on it). The host's MultiCoreMatmulTiling splits C over the vector cores; each core's Matmul computes its block with IterateAll.
#include "kernel_operator.h"
#include "lib/matmul_intf.h"

using namespace AscendC;

namespace {

__aicore__ inline int32_t CeilDiv(int32_t a, int32_t b) { return (a + b - 1) / b; }
__aicore__ inline int32_t Min(int32_t a, int32_t b) { return a < b ? a : b; }

using CT = DTYPE_C;
using HalfGm = MatmulType<TPosition::GM, CubeFormat::ND, half>;
using OutGm = MatmulType<TPosition::GM, CubeFormat::ND, CT>;
using BiasGm = MatmulType<TPosition::GM, CubeFormat::ND, float>;

}  // namespace

extern "C" __global__ __aicore__ void matmul_bias_custom(GM_ADDR a, GM_ADDR b, GM_ADDR bias, GM_ADDR c, GM_ADDR workspace, GM_ADDR tiling) {
  GET_TILING_DATA(tilingData, tiling);
  const TCubeTiling& t = tilingData.cubeTilingData;  // the host's MultiCoreMatmulTiling
  const int32_t M = t.M, N = t.N, K = t.Ka;
  const int32_t singleM = t.singleCoreM, singleN = t.singleCoreN, mUsed = CeilDiv(M, singleM);
  TPipe pipe;
  Matmul<HalfGm, HalfGm, OutGm, BiasGm> mm;
  REGIST_MATMUL_OBJ(&pipe, GetSysWorkSpacePtr(), mm, &t);
  const int32_t idx = GetBlockIdx();
  if (idx >= t.usedCoreNum) return;
  const int32_t m0 = (idx % mUsed) * singleM, n0 = (idx / mUsed) * singleN;
  GlobalTensor<half> aGm, bGm;
  GlobalTensor<CT> cGm;
  aGm.SetGlobalBuffer((__gm__ half*)a, int64_t(M) * K);
  bGm.SetGlobalBuffer((__gm__ half*)b, int64_t(K) * N);
  cGm.SetGlobalBuffer((__gm__ CT*)c, int64_t(M) * N);
  mm.SetTensorA(aGm[m0 * K], false);
  mm.SetTensorB(bGm[n0], false);
  GlobalTensor<float> biasGm;
  biasGm.SetGlobalBuffer((__gm__ float*)bias, N);
  mm.SetBias(biasGm[n0]);
  mm.SetTail(Min(singleM, M - m0), Min(singleN, N - n0), K);
  mm.IterateAll(cGm[int64_t(m0) * N + n0]);
  mm.End();
}
