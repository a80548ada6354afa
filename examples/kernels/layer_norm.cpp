// LayerNorm over rows of a [32, 512] float matrix with gamma and beta, 4 rows per core:
// y = (x - mean) / sqrt(var + eps) * gamma + beta. The reciprocal square root goes through the
// vector unit (Rsqrt), as kernels have no scalar sqrt.
#include "kernel_operator.h"

namespace {
constexpr int32_t CORE_NUM = 8;
constexpr int32_t ROWS = 32;
constexpr int32_t COLS = 512;
constexpr int32_t ROWS_PER_CORE = ROWS / CORE_NUM;
constexpr float EPS = 1e-5f;

class KernelLayerNorm {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR gamma, GM_ADDR beta, GM_ADDR y) {
    const int32_t first = ROWS_PER_CORE * COLS * AscendC::GetBlockIdx();
    xGm.SetGlobalBuffer((__gm__ float*)x + first, ROWS_PER_CORE * COLS);
    yGm.SetGlobalBuffer((__gm__ float*)y + first, ROWS_PER_CORE * COLS);
    gammaGm.SetGlobalBuffer((__gm__ float*)gamma, COLS);
    betaGm.SetGlobalBuffer((__gm__ float*)beta, COLS);
    pipe.InitBuffer(inQueue, 1, COLS * sizeof(float));
    pipe.InitBuffer(outQueue, 1, COLS * sizeof(float));
    pipe.InitBuffer(paramBuf, 2 * COLS * sizeof(float));
    pipe.InitBuffer(squares, COLS * sizeof(float));
    pipe.InitBuffer(work, COLS * sizeof(float));
    pipe.InitBuffer(scalar, 32);
  }
  __aicore__ inline void Process() {
    AscendC::LocalTensor<float> params = paramBuf.Get<float>();
    AscendC::DataCopy(params, gammaGm, COLS);
    AscendC::DataCopy(params[COLS], betaGm, COLS);
    for (int32_t row = 0; row < ROWS_PER_CORE; ++row) {
      AscendC::LocalTensor<float> xLocal = inQueue.AllocTensor<float>();
      AscendC::DataCopy(xLocal, xGm[row * COLS], COLS);
      inQueue.EnQue(xLocal);
      Compute(params);
      AscendC::LocalTensor<float> yLocal = outQueue.DeQue<float>();
      AscendC::DataCopy(yGm[row * COLS], yLocal, COLS);
      outQueue.FreeTensor(yLocal);
    }
  }

 private:
  __aicore__ inline void Compute(const AscendC::LocalTensor<float>& params) {
    AscendC::LocalTensor<float> xLocal = inQueue.DeQue<float>();
    AscendC::LocalTensor<float> yLocal = outQueue.AllocTensor<float>();
    AscendC::LocalTensor<float> sq = squares.Get<float>();
    AscendC::LocalTensor<float> w = work.Get<float>();
    AscendC::LocalTensor<float> s = scalar.Get<float>();
    AscendC::ReduceSum(s, xLocal, w, COLS);
    const float mean = s.GetValue(0) / COLS;
    AscendC::Adds(yLocal, xLocal, -mean, COLS);
    AscendC::Mul(sq, yLocal, yLocal, COLS);
    AscendC::ReduceSum(s, sq, w, COLS);
    const float var = s.GetValue(0) / COLS;
    AscendC::Duplicate(s, var + EPS, 8);
    AscendC::Rsqrt(s, s, 8);
    const float rstd = s.GetValue(0);
    AscendC::Muls(yLocal, yLocal, rstd, COLS);
    AscendC::Mul(yLocal, yLocal, params, COLS);
    AscendC::Add(yLocal, yLocal, params[COLS], COLS);
    outQueue.EnQue(yLocal);
    inQueue.FreeTensor(xLocal);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 1> inQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 1> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> paramBuf, squares, work, scalar;
  AscendC::GlobalTensor<float> xGm, yGm, gammaGm, betaGm;
};
}  // namespace

extern "C" __global__ __aicore__ void layer_norm(GM_ADDR x, GM_ADDR gamma, GM_ADDR beta, GM_ADDR y) {
  KernelLayerNorm op;
  op.Init(x, gamma, beta, y);
  op.Process();
}
