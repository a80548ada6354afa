// Baseline for cross_entropy_loss: a naive first attempt, correct on every case. It is the reference
// solution's computation run on core 0 alone (the other cores return), with single-buffered queues
// (copy-in, compute and copy-out never overlap), one row at a time, the partial sums never combined across cores.
#include "kernel_operator.h"

namespace {
using T = DTYPE_INPUT;
constexpr int32_t BUFFER_NUM = 1;

__aicore__ inline int32_t AlignUp(int32_t n, int32_t to) { return (n + to - 1) / to * to; }

class KernelCrossEntropyLoss {
 public:
  __aicore__ inline void Init(GM_ADDR input, GM_ADDR target, GM_ADDR y, GM_ADDR workspace, GM_ADDR tiling) {
    GET_TILING_DATA(t, tiling);
    cols = static_cast<int32_t>(t.cols);
    reduction = t.reduction;
    ignoreIndex = t.ignoreIndex;
    const int64_t blockNum = 1, blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = t.rows / blockNum, bigCores = t.rows % blockNum;
    const int64_t firstRow = blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores);
    rowCount = static_cast<int32_t>(perCore + (blockIdx < bigCores ? 1 : 0));
    yGm.SetGlobalBuffer((__gm__ T*)y, 1);
    pipe.InitBuffer(yBuf, 32);
    if (rowCount == 0) return;
    xGm.SetGlobalBuffer((__gm__ T*)input + firstRow * t.cols, rowCount * t.cols);
    targetGm.SetGlobalBuffer((__gm__ int32_t*)target + firstRow, rowCount);
    const int32_t paddedCols = AlignUp(cols, 32 / sizeof(T));
    pipe.InitBuffer(inQueue, BUFFER_NUM, paddedCols * sizeof(T));
    if constexpr (!COMPUTE_IN_T) pipe.InitBuffer(rowBuf, AlignUp(cols, 8) * sizeof(float));
    pipe.InitBuffer(workBuf, AlignUp(cols, 8) * sizeof(float));
    pipe.InitBuffer(resultBuf, 32);
    const int32_t paddedRows = AlignUp(rowCount, 8);
    pipe.InitBuffer(targetBuf, paddedRows * sizeof(int32_t));
    pipe.InitBuffer(sumBuf, paddedRows * sizeof(float));
    pipe.InitBuffer(offsetBuf, paddedRows * sizeof(float));
  }
  __aicore__ inline void Process() {
    float partial = 0.0f, counted = 0.0f;
    if (rowCount > 0) {
      AscendC::LocalTensor<int32_t> targets = targetBuf.Get<int32_t>();
      AscendC::DataCopyPad(targets, targetGm, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(rowCount * sizeof(int32_t)), 0, 0, 0},
                           AscendC::DataCopyPadExtParams<int32_t>{false, 0, 0, 0});
      Sync<AscendC::HardEvent::MTE2_S>();
      AscendC::LocalTensor<float> sums = sumBuf.Get<float>(), offsets = offsetBuf.Get<float>();
      for (int32_t row = 0; row < rowCount; ++row) {
        CopyIn(row);
        const int32_t target = targets.GetValue(row);
        const bool counts = target != ignoreIndex;
        float offset = 0.0f, sum = 1.0f;  // an ignored row adds ln(1) + 0
        RowStats(target, counts, offset, sum);
        sums.SetValue(row, sum);
        offsets.SetValue(row, offset);
        if (counts) counted += 1.0f;
      }
      Sync<AscendC::HardEvent::S_V>();
      AscendC::Ln(sums, sums, rowCount);
      AscendC::Add(sums, sums, offsets, rowCount);
      AscendC::LocalTensor<float> result = resultBuf.Get<float>();
      AscendC::ReduceSum(result, sums, workBuf.Get<float>(), rowCount);
      Sync<AscendC::HardEvent::V_S>();
      partial = result.GetValue(0);
    }
    Finish(partial, counted);
  }

 private:
  static constexpr bool COMPUTE_IN_T = AscendC::IsSameType<T, float>::value;

  template <AscendC::HardEvent E>
  __aicore__ inline void Sync() {
    const int32_t eventId = pipe.FetchEventID(E);
    AscendC::SetFlag<E>(eventId);
    AscendC::WaitFlag<E>(eventId);
  }
  __aicore__ inline void CopyIn(int32_t row) {
    AscendC::LocalTensor<T> x = inQueue.AllocTensor<T>();
    AscendC::DataCopyPad(x, xGm[static_cast<int64_t>(row) * cols],
                         AscendC::DataCopyExtParams{1, static_cast<uint32_t>(cols * sizeof(T)), 0, 0, 0},
                         AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    inQueue.EnQue(x);
  }
  // offset = max - x[target], sum = sum(exp(x - max)) of the row waiting in the queue.
  __aicore__ inline void RowStats(int32_t target, bool counts, float& offset, float& sum) {
    AscendC::LocalTensor<T> x = inQueue.DeQue<T>();
    if (counts) {
      AscendC::LocalTensor<float> row = x.template ReinterpretCast<float>();  // T is float unless cast below
      if constexpr (!COMPUTE_IN_T) {
        row = rowBuf.Get<float>();
        AscendC::Cast(row, x, AscendC::RoundMode::CAST_NONE, cols);
      }
      AscendC::LocalTensor<float> result = resultBuf.Get<float>();
      AscendC::LocalTensor<float> work = workBuf.Get<float>();
      AscendC::ReduceMax(result, row, work, cols);
      Sync<AscendC::HardEvent::V_S>();
      const float rowMax = result.GetValue(0);
      offset = rowMax - row.GetValue(target);
      AscendC::Adds(row, row, -rowMax, cols);
      AscendC::Exp(row, row, cols);
      AscendC::ReduceSum(result, row, work, cols);
      Sync<AscendC::HardEvent::V_S>();
      sum = result.GetValue(0);
    }
    inQueue.FreeTensor(x);
  }
  __aicore__ inline void Finish(float partial, float counted) {
    AscendC::LocalTensor<T> result = yBuf.Get<T>();
    result.SetValue(0, static_cast<T>(reduction == 1 ? partial / counted : partial));
    Sync<AscendC::HardEvent::S_MTE3>();
    AscendC::DataCopyPad(yGm, result, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(sizeof(T)), 0, 0, 0});
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> inQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> rowBuf, workBuf, resultBuf, targetBuf, sumBuf, offsetBuf, yBuf;
  AscendC::GlobalTensor<T> xGm, yGm;
  AscendC::GlobalTensor<int32_t> targetGm;
  int32_t cols = 0, rowCount = 0;
  int64_t reduction = 1, ignoreIndex = -100;
};
}  // namespace

extern "C" __global__ __aicore__ void cross_entropy_loss_custom(GM_ADDR input, GM_ADDR target, GM_ADDR y,
                                                                GM_ADDR workspace, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelCrossEntropyLoss op;
  op.Init(input, target, y, workspace, tiling);
  op.Process();
}
