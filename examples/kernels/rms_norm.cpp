// RMSNorm of a [16, 1024] half matrix with a half gamma, computed in float, 2 rows per core:
// y = x * rsqrt(mean(x^2) + eps) * gamma. Results are cast back to half with round-to-nearest.
#include "kernel_operator.h"

namespace {
constexpr int32_t CORE_NUM = 8;
constexpr int32_t ROWS_PER_CORE = 2;
constexpr int32_t COLS = 1024;
constexpr float EPS = 1e-6f;

class KernelRmsNorm {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR gamma, GM_ADDR y) {
    const int32_t first = AscendC::GetBlockIdx() * ROWS_PER_CORE * COLS;
    xGm.SetGlobalBuffer((__gm__ half*)x + first, ROWS_PER_CORE * COLS);
    yGm.SetGlobalBuffer((__gm__ half*)y + first, ROWS_PER_CORE * COLS);
    gammaGm.SetGlobalBuffer((__gm__ half*)gamma, COLS);
    pipe.InitBuffer(inQueue, 2, COLS * sizeof(half));
    pipe.InitBuffer(outQueue, 2, COLS * sizeof(half));
    pipe.InitBuffer(gammaBuf, COLS * sizeof(float));
    pipe.InitBuffer(xFloat, COLS * sizeof(float));
    pipe.InitBuffer(squares, COLS * sizeof(float));
    pipe.InitBuffer(work, COLS * sizeof(float));
    pipe.InitBuffer(scalar, 32);
  }
  __aicore__ inline void Process() {
    AscendC::LocalTensor<half> g = inQueue.AllocTensor<half>();
    AscendC::DataCopy(g, gammaGm, COLS);
    inQueue.EnQue(g);
    g = inQueue.DeQue<half>();
    AscendC::LocalTensor<float> gammaF = gammaBuf.Get<float>();
    AscendC::Cast(gammaF, g, AscendC::RoundMode::CAST_NONE, COLS);
    inQueue.FreeTensor(g);
    for (int32_t row = 0; row < ROWS_PER_CORE; ++row) {
      AscendC::LocalTensor<half> xLocal = inQueue.AllocTensor<half>();
      AscendC::DataCopy(xLocal, xGm[row * COLS], COLS);
      inQueue.EnQue(xLocal);
      Compute(gammaF);
      AscendC::LocalTensor<half> yLocal = outQueue.DeQue<half>();
      AscendC::DataCopy(yGm[row * COLS], yLocal, COLS);
      outQueue.FreeTensor(yLocal);
    }
  }

 private:
  __aicore__ inline void Compute(const AscendC::LocalTensor<float>& gammaF) {
    AscendC::LocalTensor<half> xLocal = inQueue.DeQue<half>();
    AscendC::LocalTensor<half> yLocal = outQueue.AllocTensor<half>();
    AscendC::LocalTensor<float> xf = xFloat.Get<float>();
    AscendC::LocalTensor<float> sq = squares.Get<float>();
    AscendC::LocalTensor<float> w = work.Get<float>();
    AscendC::LocalTensor<float> s = scalar.Get<float>();
    AscendC::Cast(xf, xLocal, AscendC::RoundMode::CAST_NONE, COLS);
    AscendC::Mul(sq, xf, xf, COLS);
    AscendC::ReduceSum(s, sq, w, COLS);
    AscendC::Duplicate(s, s.GetValue(0) / COLS + EPS, 8);
    AscendC::Rsqrt(s, s, 8);
    AscendC::Muls(xf, xf, s.GetValue(0), COLS);
    AscendC::Mul(xf, xf, gammaF, COLS);
    AscendC::Cast(yLocal, xf, AscendC::RoundMode::CAST_RINT, COLS);
    outQueue.EnQue(yLocal);
    inQueue.FreeTensor(xLocal);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 2> inQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 2> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> gammaBuf, xFloat, squares, work, scalar;
  AscendC::GlobalTensor<half> xGm, yGm, gammaGm;
};
}  // namespace

extern "C" __global__ __aicore__ void rms_norm(GM_ADDR x, GM_ADDR gamma, GM_ADDR y) {
  KernelRmsNorm op;
  op.Init(x, gamma, y);
  op.Process();
}
