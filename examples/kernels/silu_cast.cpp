// y = x * sigmoid(x) = x / (1 + exp(-x)) for half x, computed in float: the usual way to keep
// precision in fp16 operators (cast up, compute, cast back with round-to-nearest).
#include "kernel_operator.h"

namespace {
constexpr int32_t CORE_NUM = 8;
constexpr int32_t BLOCK_LENGTH = 8192;
constexpr int32_t TILE_LENGTH = 1024;
constexpr int32_t TILE_NUM = BLOCK_LENGTH / TILE_LENGTH;
constexpr int32_t BUFFER_NUM = 2;

class KernelSilu {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y) {
    xGm.SetGlobalBuffer((__gm__ half*)x + BLOCK_LENGTH * AscendC::GetBlockIdx(), BLOCK_LENGTH);
    yGm.SetGlobalBuffer((__gm__ half*)y + BLOCK_LENGTH * AscendC::GetBlockIdx(), BLOCK_LENGTH);
    pipe.InitBuffer(inQueue, BUFFER_NUM, TILE_LENGTH * sizeof(half));
    pipe.InitBuffer(outQueue, BUFFER_NUM, TILE_LENGTH * sizeof(half));
    pipe.InitBuffer(xFloat, TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(work, TILE_LENGTH * sizeof(float));
  }
  __aicore__ inline void Process() {
    for (int32_t i = 0; i < TILE_NUM; ++i) {
      AscendC::LocalTensor<half> xLocal = inQueue.AllocTensor<half>();
      AscendC::DataCopy(xLocal, xGm[i * TILE_LENGTH], TILE_LENGTH);
      inQueue.EnQue(xLocal);
      Compute();
      AscendC::LocalTensor<half> yLocal = outQueue.DeQue<half>();
      AscendC::DataCopy(yGm[i * TILE_LENGTH], yLocal, TILE_LENGTH);
      outQueue.FreeTensor(yLocal);
    }
  }

 private:
  __aicore__ inline void Compute() {
    AscendC::LocalTensor<half> xLocal = inQueue.DeQue<half>();
    AscendC::LocalTensor<half> yLocal = outQueue.AllocTensor<half>();
    AscendC::LocalTensor<float> xf = xFloat.Get<float>();
    AscendC::LocalTensor<float> t = work.Get<float>();
    AscendC::Cast(xf, xLocal, AscendC::RoundMode::CAST_NONE, TILE_LENGTH);
    AscendC::Muls(t, xf, -1.0f, TILE_LENGTH);
    AscendC::Exp(t, t, TILE_LENGTH);
    AscendC::Adds(t, t, 1.0f, TILE_LENGTH);
    AscendC::Div(t, xf, t, TILE_LENGTH);
    AscendC::Cast(yLocal, t, AscendC::RoundMode::CAST_RINT, TILE_LENGTH);
    outQueue.EnQue(yLocal);
    inQueue.FreeTensor(xLocal);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> inQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> xFloat, work;
  AscendC::GlobalTensor<half> xGm, yGm;
};
}  // namespace

extern "C" __global__ __aicore__ void silu_cast(GM_ADDR x, GM_ADDR y) {
  KernelSilu op;
  op.Init(x, y);
  op.Process();
}
