// y = reduce(l), l[r] = -weight[target[r]] input[r, target[r]] over the rows whose target is not
// ignore_index; reduce = weighted mean, sum(l) / sum(weight[target[r]]) (reduction 1), or sum (reduction 2).
// Rows are split over the cores (the first rows % blockNum cores take one row more). Each core copies its
// targets into UB once, gathers input[r, target[r]] and weight[target[r]] from GM with scalar reads into
// two UB arrays (0 for ignored rows), and the vector unit multiplies and sums them (Mul, ReduceSum).
// Each core writes (sum of l, sum of weights) to its workspace slot; after SyncAll core 0 adds the slots
// and writes y.
#include "kernel_operator.h"

namespace {
using T = DTYPE_INPUT;
constexpr int64_t SLOT_FLOATS = 8;  // one 32-byte workspace slot per core: (loss sum, weight sum, 0...)

__aicore__ inline int32_t AlignUp(int32_t n, int32_t to) { return (n + to - 1) / to * to; }

class KernelNllLoss {
 public:
  __aicore__ inline void Init(GM_ADDR input, GM_ADDR target, GM_ADDR weight, GM_ADDR y, GM_ADDR workspace,
                              GM_ADDR tiling) {
    GET_TILING_DATA(t, tiling);
    cols = t.cols;
    reduction = t.reduction;
    ignoreIndex = t.ignoreIndex;
    const int64_t blockNum = AscendC::GetBlockNum(), blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = t.rows / blockNum, bigCores = t.rows % blockNum;
    const int64_t firstRow = blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores);
    rowCount = static_cast<int32_t>(perCore + (blockIdx < bigCores ? 1 : 0));
    yGm.SetGlobalBuffer((__gm__ T*)y, 1);
    workspaceGm.SetGlobalBuffer((__gm__ float*)workspace, blockNum * SLOT_FLOATS);
    pipe.InitBuffer(slotBuf, SLOT_FLOATS * sizeof(float));
    pipe.InitBuffer(partialsBuf, blockNum * SLOT_FLOATS * sizeof(float));
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
    AscendC::LocalTensor<float> slot = slotBuf.Get<float>();
    AscendC::Duplicate(slot, 0.0f, SLOT_FLOATS);
    Sync<AscendC::HardEvent::V_S>();
    slot.SetValue(0, lossSum);
    slot.SetValue(1, weightSum);
    Sync<AscendC::HardEvent::S_MTE3>();
    const int64_t blockNum = AscendC::GetBlockNum(), blockIdx = AscendC::GetBlockIdx();
    AscendC::DataCopy(workspaceGm[blockIdx * SLOT_FLOATS], slot, SLOT_FLOATS);
    AscendC::SyncAll();
    if (blockIdx != 0) return;
    AscendC::LocalTensor<float> partials = partialsBuf.Get<float>();
    AscendC::DataCopy(partials, workspaceGm, blockNum * SLOT_FLOATS);
    Sync<AscendC::HardEvent::MTE2_S>();
    float total = 0.0f, totalWeight = 0.0f;
    for (int64_t i = 0; i < blockNum; ++i) {
      total += partials.GetValue(i * SLOT_FLOATS);
      totalWeight += partials.GetValue(i * SLOT_FLOATS + 1);
    }
    AscendC::LocalTensor<T> result = yBuf.Get<T>();
    result.SetValue(0, static_cast<T>(reduction == 1 ? total / totalWeight : total));
    Sync<AscendC::HardEvent::S_MTE3>();
    AscendC::DataCopyPad(yGm, result, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(sizeof(T)), 0, 0, 0});
  }

  AscendC::TPipe pipe;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> targetBuf, pickedBuf, weightBuf, workBuf, resultBuf, slotBuf,
      partialsBuf, yBuf;
  AscendC::GlobalTensor<T> xGm, weightGm, yGm;
  AscendC::GlobalTensor<int32_t> targetGm;
  AscendC::GlobalTensor<float> workspaceGm;
  int64_t cols = 0, reduction = 1, ignoreIndex = -100;
  int32_t rowCount = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void nll_loss_custom(GM_ADDR input, GM_ADDR target, GM_ADDR weight, GM_ADDR y,
                                                      GM_ADDR workspace, GM_ADDR tiling) {
  KernelNllLoss op;
  op.Init(input, target, weight, y, workspace, tiling);
  op.Process();
}
