// Baseline for add: a first attempt, correct but naive. Core 0 does the whole tensor (the other
// cores return), in 256-element tiles through single-buffered queues, so copy-in, Add and copy-out
// never overlap. bfloat16, which Add lacks, goes through float.
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
constexpr int32_t TILE_LENGTH = 256;
constexpr bool IS_BF16 = AscendC::IsSameType<T, bfloat16_t>::value;

struct TilingData {
  int64_t totalLength;
};

class KernelAddBaseline {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y, GM_ADDR z, GM_ADDR tiling) {
    totalLength = reinterpret_cast<__gm__ TilingData*>(tiling)->totalLength;
    xGm.SetGlobalBuffer((__gm__ T*)x, totalLength);
    yGm.SetGlobalBuffer((__gm__ T*)y, totalLength);
    zGm.SetGlobalBuffer((__gm__ T*)z, totalLength);
    pipe.InitBuffer(xQueue, 1, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(yQueue, 1, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(zQueue, 1, TILE_LENGTH * sizeof(T));
    if constexpr (IS_BF16) pipe.InitBuffer(floatBuf, 3 * TILE_LENGTH * sizeof(float));
  }
  __aicore__ inline void Process() {
    for (int64_t offset = 0; offset < totalLength; offset += TILE_LENGTH) {
      const int32_t n = static_cast<int32_t>(totalLength - offset < TILE_LENGTH ? totalLength - offset : TILE_LENGTH);
      const AscendC::DataCopyExtParams copy{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0};
      AscendC::LocalTensor<T> x = xQueue.AllocTensor<T>();
      AscendC::LocalTensor<T> y = yQueue.AllocTensor<T>();
      AscendC::DataCopyPad(x, xGm[offset], copy, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
      AscendC::DataCopyPad(y, yGm[offset], copy, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
      xQueue.EnQue(x);
      yQueue.EnQue(y);

      x = xQueue.DeQue<T>();
      y = yQueue.DeQue<T>();
      AscendC::LocalTensor<T> z = zQueue.AllocTensor<T>();
      if constexpr (IS_BF16) {
        AscendC::LocalTensor<float> xf = floatBuf.Get<float>(), yf = xf[TILE_LENGTH], zf = xf[2 * TILE_LENGTH];
        AscendC::Cast(xf, x, AscendC::RoundMode::CAST_NONE, n);
        AscendC::Cast(yf, y, AscendC::RoundMode::CAST_NONE, n);
        AscendC::Add(zf, xf, yf, n);
        AscendC::Cast(z, zf, AscendC::RoundMode::CAST_RINT, n);
      } else {
        AscendC::Add(z, x, y, n);
      }
      zQueue.EnQue(z);
      xQueue.FreeTensor(x);
      yQueue.FreeTensor(y);

      z = zQueue.DeQue<T>();
      AscendC::DataCopyPad(zGm[offset], z, copy);
      zQueue.FreeTensor(z);
    }
  }

 private:
  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 1> xQueue, yQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 1> zQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> floatBuf;
  AscendC::GlobalTensor<T> xGm, yGm, zGm;
  int64_t totalLength = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void add_custom(GM_ADDR x, GM_ADDR y, GM_ADDR z, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelAddBaseline op;
  op.Init(x, y, z, tiling);
  op.Process();
}
