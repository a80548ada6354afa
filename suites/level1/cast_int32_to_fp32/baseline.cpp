// Baseline for cast_int32_to_fp32: a naive first attempt, correct on every case. It is the
// reference solution's computation run on core 0 alone (the other cores return), with
// single-buffered queues (copy-in, compute and copy-out never overlap), in 256-element tiles.
#include "kernel_operator.h"

namespace {
using TIn = DTYPE_X;
using TOut = DTYPE_Y;
constexpr int32_t BUFFER_NUM = 1;
constexpr int32_t TILE_LENGTH = 256;
constexpr int64_t ALIGN_ELEMS = 16;  // 32 bytes of a 16-bit type, 64 of a 32-bit one

struct TilingData {
  int64_t totalLength;
};

class KernelCastInt32ToFp32 {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y, GM_ADDR tiling) {
    const int64_t totalLength = reinterpret_cast<__gm__ TilingData*>(tiling)->totalLength;
    const int64_t blocks = (totalLength + ALIGN_ELEMS - 1) / ALIGN_ELEMS;
    const int64_t blockNum = 1, blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = blocks / blockNum, bigCores = blocks % blockNum;
    start = (blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores)) * ALIGN_ELEMS;
    const int64_t planned = (perCore + (blockIdx < bigCores ? 1 : 0)) * ALIGN_ELEMS;
    length = start >= totalLength ? 0 : (planned < totalLength - start ? planned : totalLength - start);
    if (length == 0) return;
    xGm.SetGlobalBuffer((__gm__ TIn*)x + start, length);
    yGm.SetGlobalBuffer((__gm__ TOut*)y + start, length);
    pipe.InitBuffer(inQueue, BUFFER_NUM, TILE_LENGTH * sizeof(TIn));
    pipe.InitBuffer(outQueue, BUFFER_NUM, TILE_LENGTH * sizeof(TOut));
  }
  __aicore__ inline void Process() {
    for (int64_t done = 0; done < length; done += TILE_LENGTH) {
      const int32_t n = static_cast<int32_t>(length - done < TILE_LENGTH ? length - done : TILE_LENGTH);
      AscendC::LocalTensor<TIn> in = inQueue.AllocTensor<TIn>();
      AscendC::DataCopyPad(in, xGm[done], AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n * sizeof(TIn)), 0, 0, 0},
                           AscendC::DataCopyPadExtParams<TIn>{false, 0, 0, 0});
      inQueue.EnQue(in);
      Compute(n);
      AscendC::LocalTensor<TOut> out = outQueue.DeQue<TOut>();
      AscendC::DataCopyPad(yGm[done], out, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n * sizeof(TOut)), 0, 0, 0});
      outQueue.FreeTensor(out);
    }
  }

 private:
  __aicore__ inline void Compute(int32_t n) {
    AscendC::LocalTensor<TIn> in = inQueue.DeQue<TIn>();
    AscendC::LocalTensor<TOut> out = outQueue.AllocTensor<TOut>();
    AscendC::Cast(out, in, AscendC::RoundMode::CAST_RINT, n);
    outQueue.EnQue(out);
    inQueue.FreeTensor(in);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> inQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> outQueue;
  AscendC::GlobalTensor<TIn> xGm;
  AscendC::GlobalTensor<TOut> yGm;
  int64_t start = 0, length = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void cast_int32_to_fp32_custom(GM_ADDR x, GM_ADDR y, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelCastInt32ToFp32 op;
  op.Init(x, y, tiling);
  op.Process();
}
