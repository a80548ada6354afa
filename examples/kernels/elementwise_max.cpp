// z = where(x > y, x, y) for float vectors, written as Compare + Select: Compare writes one bit per
// element into a uint8 mask, Select picks from src0 where the bit is set. 4 cores, 2 tiles each.
#include "kernel_operator.h"

namespace {
constexpr int32_t CORE_NUM = 4;
constexpr int32_t BLOCK_LENGTH = 4096;
constexpr int32_t TILE_LENGTH = 2048;
constexpr int32_t TILE_NUM = BLOCK_LENGTH / TILE_LENGTH;

class KernelMaximum {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y, GM_ADDR z) {
    const int32_t offset = BLOCK_LENGTH * AscendC::GetBlockIdx();
    xGm.SetGlobalBuffer((__gm__ float*)x + offset, BLOCK_LENGTH);
    yGm.SetGlobalBuffer((__gm__ float*)y + offset, BLOCK_LENGTH);
    zGm.SetGlobalBuffer((__gm__ float*)z + offset, BLOCK_LENGTH);
    pipe.InitBuffer(inQueueX, 2, TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(inQueueY, 2, TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(outQueue, 2, TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(maskBuf, TILE_LENGTH / 8);
  }
  __aicore__ inline void Process() {
    for (int32_t i = 0; i < TILE_NUM; ++i) {
      AscendC::LocalTensor<float> xLocal = inQueueX.AllocTensor<float>();
      AscendC::LocalTensor<float> yLocal = inQueueY.AllocTensor<float>();
      AscendC::DataCopy(xLocal, xGm[i * TILE_LENGTH], TILE_LENGTH);
      AscendC::DataCopy(yLocal, yGm[i * TILE_LENGTH], TILE_LENGTH);
      inQueueX.EnQue(xLocal);
      inQueueY.EnQue(yLocal);
      Compute();
      AscendC::LocalTensor<float> zLocal = outQueue.DeQue<float>();
      AscendC::DataCopy(zGm[i * TILE_LENGTH], zLocal, TILE_LENGTH);
      outQueue.FreeTensor(zLocal);
    }
  }

 private:
  __aicore__ inline void Compute() {
    AscendC::LocalTensor<float> xLocal = inQueueX.DeQue<float>();
    AscendC::LocalTensor<float> yLocal = inQueueY.DeQue<float>();
    AscendC::LocalTensor<float> zLocal = outQueue.AllocTensor<float>();
    AscendC::LocalTensor<uint8_t> mask = maskBuf.Get<uint8_t>();
    AscendC::Compare(mask, xLocal, yLocal, AscendC::CMPMODE::GT, TILE_LENGTH);
    AscendC::Select(zLocal, mask, xLocal, yLocal, AscendC::SELMODE::VSEL_TENSOR_TENSOR_MODE, TILE_LENGTH);
    outQueue.EnQue(zLocal);
    inQueueX.FreeTensor(xLocal);
    inQueueY.FreeTensor(yLocal);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 2> inQueueX, inQueueY;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 2> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> maskBuf;
  AscendC::GlobalTensor<float> xGm, yGm, zGm;
};
}  // namespace

extern "C" __global__ __aicore__ void elementwise_max(GM_ADDR x, GM_ADDR y, GM_ADDR z) {
  KernelMaximum op;
  op.Init(x, y, z);
  op.Process();
}
