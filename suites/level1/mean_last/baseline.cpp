// Baseline for mean_last: a naive first attempt, correct on every case. It is the reference
// solution's computation run on core 0 alone (the other cores return), with single-buffered queues
// (copy-in, compute and copy-out never overlap).
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
// Sums accumulate in float whatever the input dtype.
template <typename U> struct ComputeType { using type = float; };
template <> struct ComputeType<bfloat16_t> { using type = float; };
using C = ComputeType<T>::type;
constexpr int32_t BUFFER_NUM = 1;
constexpr int32_t MAX_COLS = 8192;
constexpr int32_t MAX_ROWS_PER_CORE = 4096;

struct TilingData {
  int64_t rows;
  int64_t cols;
};

class KernelMeanLast {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y, GM_ADDR tiling) {
    const TilingData t = *reinterpret_cast<__gm__ TilingData*>(tiling);
    cols = static_cast<int32_t>(t.cols);
    const int64_t blockNum = 1, blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = t.rows / blockNum, bigCores = t.rows % blockNum;
    const int64_t firstRow = blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores);
    rowCount = static_cast<int32_t>(perCore + (blockIdx < bigCores ? 1 : 0));
    if (rowCount == 0) return;
    xGm.SetGlobalBuffer((__gm__ T*)x + firstRow * t.cols, rowCount * t.cols);
    yGm.SetGlobalBuffer((__gm__ T*)y + firstRow, rowCount);
    const int32_t paddedCols = (cols * sizeof(T) + 31) / 32 * 32 / sizeof(T);
    pipe.InitBuffer(inQueue, BUFFER_NUM, paddedCols * sizeof(T));
    pipe.InitBuffer(outQueue, 1, (rowCount * sizeof(T) + 31) / 32 * 32);
    if constexpr (!AscendC::IsSameType<T, C>::value) pipe.InitBuffer(rowBuf, paddedCols * sizeof(C));
    pipe.InitBuffer(workBuf, paddedCols * sizeof(C));
    pipe.InitBuffer(resultBuf, 32);
  }
  __aicore__ inline void Process() {
    if (rowCount == 0) return;
    AscendC::LocalTensor<T> results = outQueue.AllocTensor<T>();
    for (int32_t row = 0; row < rowCount; ++row) {
      AscendC::LocalTensor<T> x = inQueue.AllocTensor<T>();
      AscendC::DataCopyPad(x, xGm[static_cast<int64_t>(row) * cols],
                           AscendC::DataCopyExtParams{1, static_cast<uint32_t>(cols * sizeof(T)), 0, 0, 0},
                           AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
      inQueue.EnQue(x);
      results.SetValue(row, static_cast<T>(ReduceRow()));
    }
    outQueue.EnQue(results);
    results = outQueue.DeQue<T>();
    AscendC::DataCopyPad(yGm, results, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(rowCount * sizeof(T)), 0, 0, 0});
    outQueue.FreeTensor(results);
  }

 private:
  __aicore__ inline float ReduceRow() {
    AscendC::LocalTensor<T> x = inQueue.DeQue<T>();
    AscendC::LocalTensor<C> row = x.template ReinterpretCast<C>();  // T is C unless cast below
    if constexpr (!AscendC::IsSameType<T, C>::value) {
      row = rowBuf.Get<C>();
      AscendC::Cast(row, x, AscendC::RoundMode::CAST_NONE, cols);
    }
    AscendC::LocalTensor<C> result = resultBuf.Get<C>();
    AscendC::ReduceSum(result, row, workBuf.Get<C>(), cols);
    // The scalar unit reads the result only after the vector unit has written it.
    const int32_t eventId = pipe.FetchEventID(AscendC::HardEvent::V_S);
    AscendC::SetFlag<AscendC::HardEvent::V_S>(eventId);
    AscendC::WaitFlag<AscendC::HardEvent::V_S>(eventId);
    const float value = static_cast<float>(result.GetValue(0)) / static_cast<float>(cols);
    inQueue.FreeTensor(x);
    return value;
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> inQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 1> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> rowBuf, workBuf, resultBuf;
  AscendC::GlobalTensor<T> xGm, yGm;
  int32_t cols = 0, rowCount = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void mean_last_custom(GM_ADDR x, GM_ADDR y, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelMeanLast op;
  op.Init(x, y, tiling);
  op.Process();
}
