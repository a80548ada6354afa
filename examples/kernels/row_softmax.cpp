// Softmax over the last axis of a [64, 256] float matrix, 8 rows per core. Each row: subtract the
// row max (ReduceMax), exponentiate, divide by the row sum (ReduceSum); both reductions use a
// work buffer as the API requires.
#include "kernel_operator.h"

namespace {
constexpr int32_t CORE_NUM = 8;
constexpr int32_t ROWS = 64;
constexpr int32_t COLS = 256;
constexpr int32_t ROWS_PER_CORE = ROWS / CORE_NUM;
constexpr int32_t BUFFER_NUM = 2;

class KernelRowSoftmax {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y) {
    const int32_t first = ROWS_PER_CORE * COLS * AscendC::GetBlockIdx();
    xGm.SetGlobalBuffer((__gm__ float*)x + first, ROWS_PER_CORE * COLS);
    yGm.SetGlobalBuffer((__gm__ float*)y + first, ROWS_PER_CORE * COLS);
    pipe.InitBuffer(inQueue, BUFFER_NUM, COLS * sizeof(float));
    pipe.InitBuffer(outQueue, BUFFER_NUM, COLS * sizeof(float));
    pipe.InitBuffer(reduced, 32);
    pipe.InitBuffer(work, COLS * sizeof(float));
  }
  __aicore__ inline void Process() {
    for (int32_t row = 0; row < ROWS_PER_CORE; ++row) {
      AscendC::LocalTensor<float> xLocal = inQueue.AllocTensor<float>();
      AscendC::DataCopy(xLocal, xGm[row * COLS], COLS);
      inQueue.EnQue(xLocal);
      Compute();
      AscendC::LocalTensor<float> yLocal = outQueue.DeQue<float>();
      AscendC::DataCopy(yGm[row * COLS], yLocal, COLS);
      outQueue.FreeTensor(yLocal);
    }
  }

 private:
  __aicore__ inline void Compute() {
    AscendC::LocalTensor<float> xLocal = inQueue.DeQue<float>();
    AscendC::LocalTensor<float> yLocal = outQueue.AllocTensor<float>();
    AscendC::LocalTensor<float> r = reduced.Get<float>();
    AscendC::LocalTensor<float> w = work.Get<float>();
    AscendC::ReduceMax(r, xLocal, w, COLS);
    const float rowMax = r.GetValue(0);
    AscendC::Adds(yLocal, xLocal, -rowMax, COLS);
    AscendC::Exp(yLocal, yLocal, COLS);
    AscendC::ReduceSum(r, yLocal, w, COLS);
    const float rowSum = r.GetValue(0);
    AscendC::Muls(yLocal, yLocal, 1.0f / rowSum, COLS);
    outQueue.EnQue(yLocal);
    inQueue.FreeTensor(xLocal);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> inQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> reduced, work;
  AscendC::GlobalTensor<float> xGm, yGm;
};
}  // namespace

extern "C" __global__ __aicore__ void row_softmax(GM_ADDR x, GM_ADDR y) {
  KernelRowSoftmax op;
  op.Init(x, y);
  op.Process();
}
