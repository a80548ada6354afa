// Baseline for cast_fp32_to_fp16: a first attempt, correct but naive. Core 0 converts the whole
// tensor (the other cores return), in 256-element tiles through single-buffered queues, so copy-in,
// Cast and copy-out never overlap.
#include "kernel_operator.h"

namespace {
constexpr int32_t TILE_LENGTH = 256;

struct TilingData {
  int64_t totalLength;
};

class KernelCastBaseline {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y, GM_ADDR tiling) {
    totalLength = reinterpret_cast<__gm__ TilingData*>(tiling)->totalLength;
    xGm.SetGlobalBuffer((__gm__ float*)x, totalLength);
    yGm.SetGlobalBuffer((__gm__ half*)y, totalLength);
    pipe.InitBuffer(xQueue, 1, TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(yQueue, 1, TILE_LENGTH * sizeof(half));
  }
  __aicore__ inline void Process() {
    for (int64_t offset = 0; offset < totalLength; offset += TILE_LENGTH) {
      const int32_t n = static_cast<int32_t>(totalLength - offset < TILE_LENGTH ? totalLength - offset : TILE_LENGTH);
      AscendC::LocalTensor<float> x = xQueue.AllocTensor<float>();
      AscendC::DataCopyPad(x, xGm[offset], AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n * sizeof(float)), 0, 0, 0},
                           AscendC::DataCopyPadExtParams<float>{false, 0, 0, 0});
      xQueue.EnQue(x);

      x = xQueue.DeQue<float>();
      AscendC::LocalTensor<half> y = yQueue.AllocTensor<half>();
      AscendC::Cast(y, x, AscendC::RoundMode::CAST_RINT, n);
      yQueue.EnQue(y);
      xQueue.FreeTensor(x);

      y = yQueue.DeQue<half>();
      AscendC::DataCopyPad(yGm[offset], y, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n * sizeof(half)), 0, 0, 0});
      yQueue.FreeTensor(y);
    }
  }

 private:
  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 1> xQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 1> yQueue;
  AscendC::GlobalTensor<float> xGm;
  AscendC::GlobalTensor<half> yGm;
  int64_t totalLength = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void cast_fp32_to_fp16_custom(GM_ADDR x, GM_ADDR y, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelCastBaseline op;
  op.Init(x, y, tiling);
  op.Process();
}
