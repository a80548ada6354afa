// Integer matmul C[M, N] = A[M, K] x B[K, N], int8 inputs, int32 result.
// Mixed kernel: the host's MultiCoreMatmulTiling splits C over the vector cores; each core's Matmul
// multiplies int8 A and B on the cube (int32 accumulation, baseK a multiple of 32).
#include "kernel_operator.h"
#include "lib/matmul_intf.h"

using namespace AscendC;

namespace {

__aicore__ inline int32_t CeilDiv(int32_t a, int32_t b) { return (a + b - 1) / b; }
__aicore__ inline int32_t Min(int32_t a, int32_t b) { return a < b ? a : b; }

using Int8Gm = MatmulType<TPosition::GM, CubeFormat::ND, int8_t>;
using OutGm = MatmulType<TPosition::GM, CubeFormat::ND, int32_t>;
using BiasGm = MatmulType<TPosition::GM, CubeFormat::ND, int32_t>;

}  // namespace

extern "C" __global__ __aicore__ void matmul_int8_custom(GM_ADDR a, GM_ADDR b, GM_ADDR c, GM_ADDR workspace, GM_ADDR tiling) {
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
  GlobalTensor<int32_t> cGm;
  aGm.SetGlobalBuffer((__gm__ int8_t*)a, int64_t(M) * K);
  bGm.SetGlobalBuffer((__gm__ int8_t*)b, int64_t(K) * N);
  cGm.SetGlobalBuffer((__gm__ int32_t*)c, int64_t(M) * N);
  mm.SetTensorA(aGm[m0 * K]);
  mm.SetTensorB(bGm[n0]);
  mm.SetTail(Min(singleM, M - m0), Min(singleN, N - n0), K);
  mm.IterateAll(cGm[int64_t(m0) * N + n0]);
  mm.End();
}
