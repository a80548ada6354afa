// Baseline for sum_last: a first attempt, correct but naive. Core 0 sums every row (the other cores
// return): each row comes in 256-element chunks through a single-buffered queue, ReduceSum (in float)
// reduces a chunk, and the scalar unit adds the chunk sums, waiting for the vector unit each time.
// The row sums collect in one output tile that leaves once at the end.
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
constexpr int32_t CHUNK = 256;
constexpr bool IS_FLOAT = AscendC::IsSameType<T, float>::value;

struct TilingData {
  int64_t rows;
  int64_t cols;
};

class KernelSumLastBaseline {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y, GM_ADDR tiling) {
    const TilingData t = *reinterpret_cast<__gm__ TilingData*>(tiling);
    rows = t.rows;
    cols = t.cols;
    xGm.SetGlobalBuffer((__gm__ T*)x, rows * cols);
    yGm.SetGlobalBuffer((__gm__ T*)y, rows);
    pipe.InitBuffer(xQueue, 1, CHUNK * sizeof(T));
    pipe.InitBuffer(yQueue, 1, (rows * sizeof(T) + 31) / 32 * 32);
    if constexpr (!IS_FLOAT) pipe.InitBuffer(floatBuf, CHUNK * sizeof(float));
    pipe.InitBuffer(workBuf, CHUNK * sizeof(float));
    pipe.InitBuffer(sumBuf, 32);
  }
  __aicore__ inline void Process() {
    AscendC::LocalTensor<T> sums = yQueue.AllocTensor<T>();
    for (int64_t row = 0; row < rows; ++row) {
      float total = 0.0f;
      for (int64_t col = 0; col < cols; col += CHUNK) total += ChunkSum(row * cols + col, cols - col < CHUNK ? cols - col : CHUNK);
      sums.SetValue(row, static_cast<T>(total));
    }
    yQueue.EnQue(sums);
    sums = yQueue.DeQue<T>();
    AscendC::DataCopyPad(yGm, sums, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(rows * sizeof(T)), 0, 0, 0});
    yQueue.FreeTensor(sums);
  }

 private:
  __aicore__ inline float ChunkSum(int64_t offset, int64_t length) {
    const int32_t n = static_cast<int32_t>(length);
    AscendC::LocalTensor<T> x = xQueue.AllocTensor<T>();
    AscendC::DataCopyPad(x, xGm[offset], AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0},
                         AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    xQueue.EnQue(x);
    x = xQueue.DeQue<T>();
    AscendC::LocalTensor<float> values = x.template ReinterpretCast<float>();  // T is float unless cast below
    if constexpr (!IS_FLOAT) {
      values = floatBuf.Get<float>();
      AscendC::Cast(values, x, AscendC::RoundMode::CAST_NONE, n);
    }
    AscendC::LocalTensor<float> sum = sumBuf.Get<float>();
    AscendC::ReduceSum(sum, values, workBuf.Get<float>(), n);
    // The scalar unit reads the sum only after the vector unit has written it.
    const int32_t eventId = pipe.FetchEventID(AscendC::HardEvent::V_S);
    AscendC::SetFlag<AscendC::HardEvent::V_S>(eventId);
    AscendC::WaitFlag<AscendC::HardEvent::V_S>(eventId);
    const float value = sum.GetValue(0);
    xQueue.FreeTensor(x);
    return value;
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 1> xQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 1> yQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> floatBuf, workBuf, sumBuf;
  AscendC::GlobalTensor<T> xGm, yGm;
  int64_t rows = 0, cols = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void sum_last_custom(GM_ADDR x, GM_ADDR y, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelSumLastBaseline op;
  op.Init(x, y, tiling);
  op.Process();
}
