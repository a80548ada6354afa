// Baseline for sigmoid: a first attempt, correct but naive. Core 0 does the whole tensor (the other
// cores return), in 256-element tiles through single-buffered queues, so copy-in, compute and
// copy-out never overlap. half and bfloat16 go through float, so the four steps
// 1 / (1 + exp(-x)) round once.
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
constexpr int32_t TILE_LENGTH = 256;
constexpr bool IN_FLOAT = !AscendC::IsSameType<T, float>::value;

struct TilingData {
  int64_t totalLength;
};

class KernelSigmoidBaseline {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y, GM_ADDR tiling) {
    totalLength = reinterpret_cast<__gm__ TilingData*>(tiling)->totalLength;
    xGm.SetGlobalBuffer((__gm__ T*)x, totalLength);
    yGm.SetGlobalBuffer((__gm__ T*)y, totalLength);
    pipe.InitBuffer(xQueue, 1, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(yQueue, 1, TILE_LENGTH * sizeof(T));
    if constexpr (IN_FLOAT) pipe.InitBuffer(floatBuf, TILE_LENGTH * sizeof(float));
  }
  __aicore__ inline void Process() {
    for (int64_t offset = 0; offset < totalLength; offset += TILE_LENGTH) {
      const int32_t n = static_cast<int32_t>(totalLength - offset < TILE_LENGTH ? totalLength - offset : TILE_LENGTH);
      const AscendC::DataCopyExtParams copy{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0};
      AscendC::LocalTensor<T> x = xQueue.AllocTensor<T>();
      AscendC::DataCopyPad(x, xGm[offset], copy, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
      xQueue.EnQue(x);

      x = xQueue.DeQue<T>();
      AscendC::LocalTensor<T> y = yQueue.AllocTensor<T>();
      if constexpr (IN_FLOAT) {
        AscendC::LocalTensor<float> v = floatBuf.Get<float>();
        AscendC::Cast(v, x, AscendC::RoundMode::CAST_NONE, n);
        Calc(v, v, n);
        AscendC::Cast(y, v, AscendC::RoundMode::CAST_RINT, n);
      } else {
        Calc(y, x, n);
      }
      yQueue.EnQue(y);
      xQueue.FreeTensor(x);

      y = yQueue.DeQue<T>();
      AscendC::DataCopyPad(yGm[offset], y, copy);
      yQueue.FreeTensor(y);
    }
  }

 private:
  // dst = f(src) over n elements (dst may be src).
  template <typename C>
  __aicore__ inline void Calc(const AscendC::LocalTensor<C>& dst, const AscendC::LocalTensor<C>& src, int32_t n) {
    AscendC::Muls(dst, src, static_cast<C>(-1.0f), n);
    AscendC::Exp(dst, dst, n);
    AscendC::Adds(dst, dst, static_cast<C>(1.0f), n);
    AscendC::Reciprocal(dst, dst, n);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 1> xQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 1> yQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> floatBuf;
  AscendC::GlobalTensor<T> xGm, yGm;
  int64_t totalLength = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void sigmoid_custom(GM_ADDR x, GM_ADDR y, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelSigmoidBaseline op;
  op.Init(x, y, tiling);
  op.Process();
}
