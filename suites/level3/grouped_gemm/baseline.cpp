// Baseline: the solution run by one vector core (the others return), so one cube core does all the work.
// Grouped GEMM (the MoE expert layer): rows of x belong to consecutive groups whose sizes come
// from group_sizes (a group starting past the end is empty; the last group takes every row left);
// y[rows of g] = x[rows of g] x w[g]. Every core reads the sizes, walks the groups' 64-row chunks in
// order and takes every `cores`-th chunk; its Matmul is re-pointed at the chunk's rows and at
// w[g] (SetTensorA/B) and computes the chunk with IterateAll.
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
constexpr int32_t CHUNK = 64;

struct TilingData {
  int64_t T, N, K, G;
};
}  // namespace

extern "C" __global__ __aicore__ void grouped_gemm_custom(GM_ADDR x, GM_ADDR w, GM_ADDR group_sizes, GM_ADDR y,
                                                          GM_ADDR tiling) {
  const TilingData td = *reinterpret_cast<__gm__ TilingData*>(tiling);
  const int32_t T = int32_t(td.T), N = int32_t(td.N), K = int32_t(td.K), G = int32_t(td.G);
  const int32_t cores = 1;  // baseline: one vector core drives the cube for the whole problem
  TCubeTiling t;
  FillTiling(t, T, N, K, CHUNK, N, 64, false);
  t.usedCoreNum = cores;
  TPipe pipe;
  Matmul<HalfGm, HalfGm, OutGm> mm;
  REGIST_MATMUL_OBJ(&pipe, GetSysWorkSpacePtr(), mm, &t);
  if (GetBlockIdx() >= t.usedCoreNum) return;
  GlobalTensor<half> xGm, wGm;
  GlobalTensor<int64_t> sizesGm;
  GlobalTensor<float> yGm;
  xGm.SetGlobalBuffer((__gm__ half*)x, int64_t(T) * K);
  wGm.SetGlobalBuffer((__gm__ half*)w, int64_t(G) * K * N);
  sizesGm.SetGlobalBuffer((__gm__ int64_t*)group_sizes, G);
  yGm.SetGlobalBuffer((__gm__ float*)y, int64_t(T) * N);
  int32_t chunk = 0, start = 0;
  for (int32_t g = 0; g < G; ++g) {
    const int64_t size = sizesGm.GetValue(g);
    const int32_t end = g == G - 1 ? T : int32_t(start + size < T ? start + size : T);
    for (int32_t r0 = start; r0 < end; r0 += CHUNK, ++chunk) {
      if (chunk % cores != GetBlockIdx()) continue;
      mm.SetTensorA(xGm[int64_t(r0) * K]);
      mm.SetTensorB(wGm[int64_t(g) * K * N]);
      mm.SetTail(Min(CHUNK, end - r0), N, K);
      mm.IterateAll(yGm[int64_t(r0) * N]);
    }
    start = end;
  }
  mm.End();
}
