// Baseline for gather_last: a naive first attempt, correct on every case. It is the reference
// solution's computation run on core 0 alone (the other cores return), with single-buffered queues
// (copy-in, compute and copy-out never overlap).
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
constexpr int32_t BUFFER_NUM = 1;

struct TilingData {
  int64_t rows;
  int64_t cols;
  int64_t indexCols;
};

__aicore__ inline uint32_t AlignedBytes(int64_t n, uint32_t elemSize) {
  return static_cast<uint32_t>((n * elemSize + 31) / 32 * 32);
}

class KernelGatherLast {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR index, GM_ADDR y, GM_ADDR tiling) {
    const TilingData t = *reinterpret_cast<__gm__ TilingData*>(tiling);
    cols = t.cols;
    indexCols = t.indexCols;
    const int64_t blockNum = 1, blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = t.rows / blockNum, bigCores = t.rows % blockNum;
    const int64_t firstRow = blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores);
    rowCount = perCore + (blockIdx < bigCores ? 1 : 0);
    if (rowCount == 0) return;
    xGm.SetGlobalBuffer((__gm__ T*)x + firstRow * cols, rowCount * cols);
    indexGm.SetGlobalBuffer((__gm__ int32_t*)index + firstRow * indexCols, rowCount * indexCols);
    yGm.SetGlobalBuffer((__gm__ T*)y + firstRow * indexCols, rowCount * indexCols);
    pipe.InitBuffer(xQueue, BUFFER_NUM, AlignedBytes(cols, sizeof(T)));
    pipe.InitBuffer(indexQueue, BUFFER_NUM, AlignedBytes(indexCols, sizeof(int32_t)));
    pipe.InitBuffer(outQueue, BUFFER_NUM, AlignedBytes(indexCols, sizeof(T)));
  }
  __aicore__ inline void Process() {
    for (int64_t row = 0; row < rowCount; ++row) {
      CopyIn(row);
      Compute();
      CopyOut(row);
    }
  }

 private:
  __aicore__ inline void CopyIn(int64_t row) {
    AscendC::LocalTensor<T> x = xQueue.AllocTensor<T>();
    AscendC::LocalTensor<int32_t> index = indexQueue.AllocTensor<int32_t>();
    AscendC::DataCopyPad(x, xGm[row * cols], AscendC::DataCopyExtParams{1, static_cast<uint32_t>(cols * sizeof(T)), 0, 0, 0},
                         AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    AscendC::DataCopyPad(index, indexGm[row * indexCols],
                         AscendC::DataCopyExtParams{1, static_cast<uint32_t>(indexCols * sizeof(int32_t)), 0, 0, 0},
                         AscendC::DataCopyPadExtParams<int32_t>{false, 0, 0, 0});
    xQueue.EnQue(x);
    indexQueue.EnQue(index);
  }
  __aicore__ inline void Compute() {
    AscendC::LocalTensor<T> x = xQueue.DeQue<T>();
    AscendC::LocalTensor<int32_t> index = indexQueue.DeQue<int32_t>();
    AscendC::LocalTensor<T> out = outQueue.AllocTensor<T>();
    const int32_t n = static_cast<int32_t>(indexCols);
    // Gather takes byte offsets from the start of src.
    AscendC::Muls(index, index, static_cast<int32_t>(sizeof(T)), n);
    AscendC::Gather(out, x, index.ReinterpretCast<uint32_t>(), 0, n);
    outQueue.EnQue(out);
    xQueue.FreeTensor(x);
    indexQueue.FreeTensor(index);
  }
  __aicore__ inline void CopyOut(int64_t row) {
    AscendC::LocalTensor<T> out = outQueue.DeQue<T>();
    AscendC::DataCopyPad(yGm[row * indexCols], out,
                         AscendC::DataCopyExtParams{1, static_cast<uint32_t>(indexCols * sizeof(T)), 0, 0, 0});
    outQueue.FreeTensor(out);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> xQueue, indexQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> outQueue;
  AscendC::GlobalTensor<T> xGm, yGm;
  AscendC::GlobalTensor<int32_t> indexGm;
  int64_t cols = 0, indexCols = 0, rowCount = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void gather_last_custom(GM_ADDR x, GM_ADDR index, GM_ADDR y, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelGatherLast op;
  op.Init(x, index, y, tiling);
  op.Process();
}
