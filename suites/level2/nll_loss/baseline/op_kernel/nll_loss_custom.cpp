// Baseline for nll_loss: a naive first attempt, correct on every case. It is the reference
// solution's computation run on core 0 alone (the other cores return), with single-buffered queues
// (copy-in, compute and copy-out never overlap).
#include "kernel_operator.h"

namespace {
using T = DTYPE_INPUT;

__aicore__ inline int32_t AlignUp(int32_t n, int32_t to) { return (n + to - 1) / to * to; }

class KernelNllLoss {
 public:
  __aicore__ inline void Init(GM_ADDR input, GM_ADDR target, GM_ADDR weight, GM_ADDR y, GM_ADDR workspace,
                              GM_ADDR tiling) {
    GET_TILING_DATA(t, tiling);
    cols = t.cols;
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
    weightGm.SetGlobalBuffer((__gm__ T*)weight, t.cols);
    targetGm.SetGlobalBuffer((__gm__ int32_t*)target + firstRow, rowCount);
    const int32_t paddedRows = AlignUp(rowCount, 8);
    pipe.InitBuffer(targetBuf, paddedRows * sizeof(int32_t));
    pipe.InitBuffer(pickedBuf, paddedRows * sizeof(float));
    pipe.InitBuffer(weightBuf, paddedRows * sizeof(float));
    pipe.InitBuffer(workBuf, paddedRows * sizeof(float));
    pipe.InitBuffer(resultBuf, 32);
  }
  __aicore__ inline void Process() {
    float lossSum = 0.0f, weightSum = 0.0f;
    if (rowCount > 0) {
      AscendC::LocalTensor<int32_t> targets = targetBuf.Get<int32_t>();
      AscendC::DataCopyPad(targets, targetGm, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(rowCount * sizeof(int32_t)), 0, 0, 0},
                           AscendC::DataCopyPadExtParams<int32_t>{false, 0, 0, 0});
      Sync<AscendC::HardEvent::MTE2_S>();
      AscendC::LocalTensor<float> picked = pickedBuf.Get<float>(), weights = weightBuf.Get<float>();
      for (int32_t row = 0; row < rowCount; ++row) {
        const int32_t target = targets.GetValue(row);
        const bool counts = target != ignoreIndex;
        weights.SetValue(row, counts ? static_cast<float>(weightGm.GetValue(target)) : 0.0f);
        picked.SetValue(row, counts ? static_cast<float>(xGm.GetValue(row * cols + target)) : 0.0f);
      }
      Sync<AscendC::HardEvent::S_V>();
      AscendC::LocalTensor<float> result = resultBuf.Get<float>();
      AscendC::LocalTensor<float> work = workBuf.Get<float>();
      AscendC::ReduceSum(result, weights, work, rowCount);
      Sync<AscendC::HardEvent::V_S>();
      weightSum = result.GetValue(0);
      AscendC::Mul(picked, picked, weights, rowCount);
      AscendC::ReduceSum(result, picked, work, rowCount);
      Sync<AscendC::HardEvent::V_S>();
      lossSum = -result.GetValue(0);
    }
    Finish(lossSum, weightSum);
  }

 private:
  template <AscendC::HardEvent E>
  __aicore__ inline void Sync() {
    const int32_t eventId = pipe.FetchEventID(E);
    AscendC::SetFlag<E>(eventId);
    AscendC::WaitFlag<E>(eventId);
  }
  __aicore__ inline void Finish(float lossSum, float weightSum) {
    AscendC::LocalTensor<T> result = yBuf.Get<T>();
    result.SetValue(0, static_cast<T>(reduction == 1 ? lossSum / weightSum : lossSum));
    Sync<AscendC::HardEvent::S_MTE3>();
    AscendC::DataCopyPad(yGm, result, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(sizeof(T)), 0, 0, 0});
  }

  AscendC::TPipe pipe;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> targetBuf, pickedBuf, weightBuf, workBuf, resultBuf, yBuf;
  AscendC::GlobalTensor<T> xGm, weightGm, yGm;
  AscendC::GlobalTensor<int32_t> targetGm;
  int64_t cols = 0, reduction = 1, ignoreIndex = -100;
  int32_t rowCount = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void nll_loss_custom(GM_ADDR input, GM_ADDR target, GM_ADDR weight, GM_ADDR y,
                                                      GM_ADDR workspace, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelNllLoss op;
  op.Init(input, target, weight, y, workspace, tiling);
  op.Process();
}
