// Row sums of a [64, 1000] half matrix into float, 8 rows per core. A row of 1000 halves is 2000
// bytes, not a whole number of 32-byte blocks, so rows come in with DataCopyPad; each row is cast to
// float and summed with ReduceSum and its work buffer; a core's 8 sums leave as one 32-byte block.
#include "kernel_operator.h"

namespace {
constexpr int32_t CORE_NUM = 8;
constexpr int32_t ROWS = 64;
constexpr int32_t COLS = 1000;
constexpr int32_t PADDED_COLS = 1008;  // COLS rounded up to 16 halves = 32 bytes
constexpr int32_t ROWS_PER_CORE = ROWS / CORE_NUM;

class KernelReduceRows {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y) {
    xGm.SetGlobalBuffer((__gm__ half*)x + ROWS_PER_CORE * COLS * AscendC::GetBlockIdx(), ROWS_PER_CORE * COLS);
    yGm.SetGlobalBuffer((__gm__ float*)y + ROWS_PER_CORE * AscendC::GetBlockIdx(), ROWS_PER_CORE);
    pipe.InitBuffer(inQueue, 2, PADDED_COLS * sizeof(half));
    pipe.InitBuffer(outQueue, 1, ROWS_PER_CORE * sizeof(float));
    pipe.InitBuffer(rowFloat, PADDED_COLS * sizeof(float));
    pipe.InitBuffer(work, PADDED_COLS * sizeof(float));
    pipe.InitBuffer(sum, 32);
  }
  __aicore__ inline void Process() {
    AscendC::LocalTensor<float> sums = outQueue.AllocTensor<float>();
    for (int32_t row = 0; row < ROWS_PER_CORE; ++row) {
      AscendC::LocalTensor<half> xLocal = inQueue.AllocTensor<half>();
      AscendC::DataCopyExtParams copy{1, COLS * sizeof(half), 0, 0, 0};
      AscendC::DataCopyPadExtParams<half> pad{true, 0, PADDED_COLS - COLS, 0};
      AscendC::DataCopyPad(xLocal, xGm[row * COLS], copy, pad);
      inQueue.EnQue(xLocal);
      sums.SetValue(row, RowSum());
    }
    outQueue.EnQue(sums);
    sums = outQueue.DeQue<float>();
    AscendC::DataCopy(yGm, sums, ROWS_PER_CORE);
    outQueue.FreeTensor(sums);
  }

 private:
  __aicore__ inline float RowSum() {
    AscendC::LocalTensor<half> xLocal = inQueue.DeQue<half>();
    AscendC::LocalTensor<float> xf = rowFloat.Get<float>();
    AscendC::LocalTensor<float> w = work.Get<float>();
    AscendC::LocalTensor<float> s = sum.Get<float>();
    AscendC::Cast(xf, xLocal, AscendC::RoundMode::CAST_NONE, COLS);
    AscendC::ReduceSum(s, xf, w, COLS);
    inQueue.FreeTensor(xLocal);
    return s.GetValue(0);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 2> inQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 1> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> rowFloat, work, sum;
  AscendC::GlobalTensor<half> xGm;
  AscendC::GlobalTensor<float> yGm;
};
}  // namespace

extern "C" __global__ __aicore__ void reduce_rows(GM_ADDR x, GM_ADDR y) {
  KernelReduceRows op;
  op.Init(x, y);
  op.Process();
}
