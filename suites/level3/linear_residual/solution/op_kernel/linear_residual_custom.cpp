// C = A[M, K] x W^T + bias[N] + R[M, N]: a linear layer (W stored as [N, K]) with a residual add.
// Mixed kernel: each vector core's Matmul brings its baseM x baseN pieces of A x B + bias into UB
// (GetTensorC into a VECIN queue, rows Align16(width) apart), the vector unit applies the
// epilogue (Add of the residual) and DataCopyPad writes the piece's rows to C.
#include "kernel_operator.h"
#include "lib/matmul_intf.h"

using namespace AscendC;

namespace {

__aicore__ inline int32_t CeilDiv(int32_t a, int32_t b) { return (a + b - 1) / b; }
__aicore__ inline int32_t Min(int32_t a, int32_t b) { return a < b ? a : b; }

using HalfGm = MatmulType<TPosition::GM, CubeFormat::ND, half>;
using FloatUb = MatmulType<TPosition::VECIN, CubeFormat::ND, float>;
using BiasGm = MatmulType<TPosition::GM, CubeFormat::ND, float>;

}  // namespace

extern "C" __global__ __aicore__ void linear_residual_custom(GM_ADDR a, GM_ADDR b, GM_ADDR bias, GM_ADDR r, GM_ADDR c, GM_ADDR workspace, GM_ADDR tiling) {
  GET_TILING_DATA(tilingData, tiling);
  const TCubeTiling& t = tilingData.cubeTilingData;  // the host's MultiCoreMatmulTiling
  const int32_t M = t.M, N = t.N, K = t.Ka;
  const int32_t singleM = t.singleCoreM, singleN = t.singleCoreN, mUsed = CeilDiv(M, singleM);
  TPipe pipe;
  Matmul<HalfGm, HalfGm, FloatUb, BiasGm> mm;
  REGIST_MATMUL_OBJ(&pipe, GetSysWorkSpacePtr(), mm, &t);
  const int32_t idx = GetBlockIdx();
  if (idx >= t.usedCoreNum) return;
  const int32_t m0 = (idx % mUsed) * singleM, n0 = (idx / mUsed) * singleN;
  const int32_t tailM = Min(singleM, M - m0), tailN = Min(singleN, N - n0);
  GlobalTensor<half> aGm, bGm;
  GlobalTensor<float> biasGm, cGm, rGm;
  aGm.SetGlobalBuffer((__gm__ half*)a, int64_t(M) * K);
  bGm.SetGlobalBuffer((__gm__ half*)b, int64_t(N) * K);
  biasGm.SetGlobalBuffer((__gm__ float*)bias, N);
  cGm.SetGlobalBuffer((__gm__ float*)c, int64_t(M) * N);
  rGm.SetGlobalBuffer((__gm__ float*)r, int64_t(M) * N);
  TQue<TPosition::VECIN, 1> inQ, resQ;
  TQue<TPosition::VECOUT, 1> outQ;
  pipe.InitBuffer(inQ, 1, t.baseM * t.baseN * sizeof(float));
  pipe.InitBuffer(resQ, 1, t.baseM * t.baseN * sizeof(float));
  pipe.InitBuffer(outQ, 1, t.baseM * t.baseN * sizeof(float));
  mm.SetTensorA(aGm[m0 * K]);
  mm.SetTensorB(bGm[n0 * K], true);
  mm.SetBias(biasGm[n0]);
  mm.SetTail(tailM, tailN, K);
  const int32_t mIter = CeilDiv(tailM, t.baseM);
  for (int32_t piece = 0; mm.Iterate(); ++piece) {
    const int32_t pm0 = (piece % mIter) * t.baseM, pn0 = (piece / mIter) * t.baseN;
    const int32_t pm = Min(t.baseM, tailM - pm0), pn = Min(t.baseN, tailN - pn0);
    const int32_t ld = CeilDiv(pn, 16) * 16;  // a piece's rows in UB
    const uint32_t gapBlocks = uint32_t((ld * 4 - CeilDiv(pn * 4, 32) * 32) / 32);
    const int64_t at = int64_t(m0 + pm0) * N + n0 + pn0;
    LocalTensor<float> x = inQ.AllocTensor<float>();
    mm.GetTensorC(x, 0, true);
    inQ.EnQue(x);
    LocalTensor<float> res = resQ.AllocTensor<float>();
    DataCopyPad(res, rGm[at], DataCopyExtParams(uint16_t(pm), uint32_t(pn * 4), uint32_t((N - pn) * 4), gapBlocks, 0),
                DataCopyPadExtParams<float>(false, 0, 0, 0.0f));
    resQ.EnQue(res);
    res = resQ.DeQue<float>();
    x = inQ.DeQue<float>();
    LocalTensor<float> y = outQ.AllocTensor<float>();
    Add(y, x, res, uint32_t(pm * ld));
    inQ.FreeTensor(x);
    resQ.FreeTensor(res);
    outQ.EnQue(y);
    y = outQ.DeQue<float>();
    DataCopyPad(cGm[at], y, DataCopyExtParams(uint16_t(pm), uint32_t(pn * 4), gapBlocks, uint32_t((N - pn) * 4), 0));
    outQ.FreeTensor(y);
  }
  mm.End();
}
