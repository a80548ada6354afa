// Batched matmul C[b] = A[b] x B[b] for b < Bt.
// Mixed kernel: the work items (batch, 16-aligned block of rows) are dealt to the vector cores in
// turn; each item re-points the core's Matmul at its batch (SetTensorA/B) and computes its rows with
// IterateAll.
#include "kernel_operator.h"
#include "lib/matmul_intf.h"

using namespace AscendC;

namespace {

__aicore__ inline int32_t CeilDiv(int32_t a, int32_t b) { return (a + b - 1) / b; }
__aicore__ inline int32_t Align16(int32_t v) { return CeilDiv(v, 16) * 16; }
__aicore__ inline int32_t Min(int32_t a, int32_t b) { return a < b ? a : b; }

// One core's singleM x singleN block of C over the whole K, in L0 tiles of at most 128 x 128 x baseK
// (16 KiB of L0A and of L0B, 64 KiB of L0C), two K steps of A and B held in L1.
__aicore__ inline void FillTiling(TCubeTiling& t, int32_t M, int32_t N, int32_t K, int32_t singleM, int32_t singleN,
                                  int32_t baseK, bool bias) {
  t.M = M;
  t.N = N;
  t.Ka = K;
  t.Kb = K;
  t.singleCoreM = singleM;
  t.singleCoreN = singleN;
  t.singleCoreK = K;
  t.baseM = Min(128, Align16(singleM));
  t.baseN = Min(128, Align16(singleN));
  t.baseK = baseK;
  t.depthA1 = 2;
  t.depthB1 = 2;
  t.stepM = 1;
  t.stepN = 1;
  t.stepKa = 1;
  t.stepKb = 1;
  t.isBias = bias ? 1 : 0;
  t.iterateOrder = 0;
  t.dbL0A = 2;
  t.dbL0B = 2;
  t.dbL0C = 1;
}

using HalfGm = MatmulType<TPosition::GM, CubeFormat::ND, half>;
using OutGm = MatmulType<TPosition::GM, CubeFormat::ND, float>;

struct TilingData {
  int64_t Bt, M, N, K;
};
}  // namespace

extern "C" __global__ __aicore__ void batched_matmul_custom(GM_ADDR a, GM_ADDR b, GM_ADDR c, GM_ADDR tiling) {
  const TilingData td = *reinterpret_cast<__gm__ TilingData*>(tiling);
  const int32_t Bt = int32_t(td.Bt), M = int32_t(td.M), N = int32_t(td.N), K = int32_t(td.K);
  const int32_t cores = GetBlockNum() * GetTaskRation();  // vector cores: each drives one Matmul object
  const int32_t mBlocks = Min(CeilDiv(cores, Bt), CeilDiv(M, 16));
  const int32_t singleM = Align16(CeilDiv(M, mBlocks)), mUsed = CeilDiv(M, singleM);
  TCubeTiling t;
  FillTiling(t, M, N, K, singleM, N, 64, false);
  t.usedCoreNum = Min(cores, Bt * mUsed);
  TPipe pipe;
  Matmul<HalfGm, HalfGm, OutGm> mm;
  REGIST_MATMUL_OBJ(&pipe, GetSysWorkSpacePtr(), mm, &t);
  if (GetBlockIdx() >= t.usedCoreNum) return;
  GlobalTensor<half> aGm, bGm;
  GlobalTensor<float> cGm;
  aGm.SetGlobalBuffer((__gm__ half*)a, int64_t(Bt) * M * K);
  bGm.SetGlobalBuffer((__gm__ half*)b, int64_t(Bt) * K * N);
  cGm.SetGlobalBuffer((__gm__ float*)c, int64_t(Bt) * M * N);
  for (int32_t item = GetBlockIdx(); item < Bt * mUsed; item += cores) {
    const int32_t batch = item / mUsed, m0 = (item % mUsed) * singleM;
    mm.SetTensorA(aGm[(int64_t(batch) * M + m0) * K]);
    mm.SetTensorB(bGm[int64_t(batch) * K * N]);
    mm.SetTail(Min(singleM, M - m0), N, K);
    mm.IterateAll(cGm[(int64_t(batch) * M + m0) * N]);
  }
  mm.End();
}
