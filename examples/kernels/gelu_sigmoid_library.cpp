// The high-level math library at work: y = sigmoid(x) * gelu(x) for half x on 4 cores, with
// Sigmoid and Gelu given a shared temporary buffer (sharedTmpBuffer) carved from one TBuf.
#include "kernel_operator.h"

namespace {
constexpr int32_t CORE_NUM = 4;
constexpr int32_t BLOCK_LENGTH = 4096;
constexpr int32_t TILE_LENGTH = 1024;
constexpr uint32_t TMP_BYTES = 4096;

class KernelGeluSigmoid {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y) {
    xGm.SetGlobalBuffer((__gm__ half*)x + BLOCK_LENGTH * AscendC::GetBlockIdx(), BLOCK_LENGTH);
    yGm.SetGlobalBuffer((__gm__ half*)y + BLOCK_LENGTH * AscendC::GetBlockIdx(), BLOCK_LENGTH);
    pipe.InitBuffer(inQueue, 2, TILE_LENGTH * sizeof(half));
    pipe.InitBuffer(outQueue, 2, TILE_LENGTH * sizeof(half));
    pipe.InitBuffer(gated, TILE_LENGTH * sizeof(half));
    pipe.InitBuffer(tmp, TMP_BYTES);
  }
  __aicore__ inline void Process() {
    for (int32_t offset = 0; offset < BLOCK_LENGTH; offset += TILE_LENGTH) {
      AscendC::LocalTensor<half> xLocal = inQueue.AllocTensor<half>();
      AscendC::DataCopy(xLocal, xGm[offset], TILE_LENGTH);
      inQueue.EnQue(xLocal);
      Compute();
      AscendC::LocalTensor<half> yLocal = outQueue.DeQue<half>();
      AscendC::DataCopy(yGm[offset], yLocal, TILE_LENGTH);
      outQueue.FreeTensor(yLocal);
    }
  }

 private:
  __aicore__ inline void Compute() {
    AscendC::LocalTensor<half> xLocal = inQueue.DeQue<half>();
    AscendC::LocalTensor<half> yLocal = outQueue.AllocTensor<half>();
    AscendC::LocalTensor<half> g = gated.Get<half>();
    AscendC::LocalTensor<uint8_t> shared = tmp.Get<uint8_t>();
    AscendC::Sigmoid(g, xLocal, shared, TILE_LENGTH);
    AscendC::Gelu(yLocal, xLocal, shared, TILE_LENGTH);
    AscendC::Mul(yLocal, yLocal, g, TILE_LENGTH);
    outQueue.EnQue(yLocal);
    inQueue.FreeTensor(xLocal);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 2> inQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 2> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> gated, tmp;
  AscendC::GlobalTensor<half> xGm, yGm;
};
}  // namespace

extern "C" __global__ __aicore__ void gelu_sigmoid_library(GM_ADDR x, GM_ADDR y) {
  KernelGeluSigmoid op;
  op.Init(x, y);
  op.Process();
}
