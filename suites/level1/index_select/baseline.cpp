// Baseline for index_select: a naive first attempt, correct on every case. It is the reference
// solution's computation run on core 0 alone (the other cores return), with single-buffered queues
// (copy-in, compute and copy-out never overlap).
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
constexpr int32_t BUFFER_NUM = 1;

struct TilingData {
  int64_t rows;
  int64_t cols;
  int64_t numIndices;
};

class KernelIndexSelect {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR index, GM_ADDR y, GM_ADDR tiling) {
    const TilingData t = *reinterpret_cast<__gm__ TilingData*>(tiling);
    cols = t.cols;
    const int64_t blockNum = 1, blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = t.numIndices / blockNum, bigCores = t.numIndices % blockNum;
    const int64_t firstRow = blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores);
    rowCount = perCore + (blockIdx < bigCores ? 1 : 0);
    if (rowCount == 0) return;
    xGm.SetGlobalBuffer((__gm__ T*)x, t.rows * t.cols);
    indexGm.SetGlobalBuffer((__gm__ int32_t*)index + firstRow, rowCount);
    yGm.SetGlobalBuffer((__gm__ T*)y + firstRow * t.cols, rowCount * t.cols);
    pipe.InitBuffer(rowQueue, BUFFER_NUM, (cols * sizeof(T) + 31) / 32 * 32);
  }
  __aicore__ inline void Process() {
    const AscendC::DataCopyExtParams copy{1, static_cast<uint32_t>(cols * sizeof(T)), 0, 0, 0};
    for (int64_t k = 0; k < rowCount; ++k) {
      const int64_t source = indexGm.GetValue(k);
      AscendC::LocalTensor<T> row = rowQueue.AllocTensor<T>();
      AscendC::DataCopyPad(row, xGm[source * cols], copy, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
      rowQueue.EnQue(row);
      row = rowQueue.DeQue<T>();
      AscendC::DataCopyPad(yGm[k * cols], row, copy);
      rowQueue.FreeTensor(row);
    }
  }

 private:
  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> rowQueue;
  AscendC::GlobalTensor<T> xGm, yGm;
  AscendC::GlobalTensor<int32_t> indexGm;
  int64_t cols = 0, rowCount = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void index_select_custom(GM_ADDR x, GM_ADDR index, GM_ADDR y, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelIndexSelect op;
  op.Init(x, index, y, tiling);
  op.Process();
}
