// Baseline for where: a first attempt, correct but naive. Core 0 does the whole tensor (the other
// cores return), in 256-element tiles through single-buffered queues, so copy-in, compute and
// copy-out never overlap. The condition bytes become half (Cast), then a bit mask (Compares NE 0)
// for Select; both work on whole 256-byte repeats, so each tile is padded to 256 elements in UB (the
// padding lanes are never stored). bfloat16, which Select lacks, is selected in float.
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
constexpr int32_t TILE_LENGTH = 256;
constexpr bool IS_BF16 = AscendC::IsSameType<T, bfloat16_t>::value;

struct TilingData {
  int64_t totalLength;
};

class KernelWhereBaseline {
 public:
  __aicore__ inline void Init(GM_ADDR condition, GM_ADDR x, GM_ADDR y, GM_ADDR out, GM_ADDR tiling) {
    totalLength = reinterpret_cast<__gm__ TilingData*>(tiling)->totalLength;
    condGm.SetGlobalBuffer((__gm__ uint8_t*)condition, totalLength);
    xGm.SetGlobalBuffer((__gm__ T*)x, totalLength);
    yGm.SetGlobalBuffer((__gm__ T*)y, totalLength);
    outGm.SetGlobalBuffer((__gm__ T*)out, totalLength);
    pipe.InitBuffer(condQueue, 1, TILE_LENGTH * sizeof(uint8_t));
    pipe.InitBuffer(xQueue, 1, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(yQueue, 1, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(outQueue, 1, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(condHalfBuf, TILE_LENGTH * sizeof(half));
    pipe.InitBuffer(maskBuf, TILE_LENGTH / 8);
    if constexpr (IS_BF16) pipe.InitBuffer(floatBuf, 3 * TILE_LENGTH * sizeof(float));
  }
  __aicore__ inline void Process() {
    for (int64_t offset = 0; offset < totalLength; offset += TILE_LENGTH) {
      const int32_t n = static_cast<int32_t>(totalLength - offset < TILE_LENGTH ? totalLength - offset : TILE_LENGTH);
      const AscendC::DataCopyExtParams copy{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0};
      AscendC::LocalTensor<uint8_t> cond = condQueue.AllocTensor<uint8_t>();
      AscendC::LocalTensor<T> x = xQueue.AllocTensor<T>();
      AscendC::LocalTensor<T> y = yQueue.AllocTensor<T>();
      AscendC::DataCopyPad(cond, condGm[offset], AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n), 0, 0, 0},
                           AscendC::DataCopyPadExtParams<uint8_t>{false, 0, 0, 0});
      AscendC::DataCopyPad(x, xGm[offset], copy, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
      AscendC::DataCopyPad(y, yGm[offset], copy, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
      condQueue.EnQue(cond);
      xQueue.EnQue(x);
      yQueue.EnQue(y);

      cond = condQueue.DeQue<uint8_t>();
      x = xQueue.DeQue<T>();
      y = yQueue.DeQue<T>();
      AscendC::LocalTensor<T> out = outQueue.AllocTensor<T>();
      AscendC::LocalTensor<half> condHalf = condHalfBuf.Get<half>();
      AscendC::LocalTensor<uint8_t> mask = maskBuf.Get<uint8_t>();
      AscendC::Cast(condHalf, cond, AscendC::RoundMode::CAST_NONE, TILE_LENGTH);
      AscendC::Compares(mask, condHalf, static_cast<half>(0.0f), AscendC::CMPMODE::NE, TILE_LENGTH);
      if constexpr (IS_BF16) {
        AscendC::LocalTensor<float> xf = floatBuf.Get<float>(), yf = xf[TILE_LENGTH], outf = xf[2 * TILE_LENGTH];
        AscendC::Cast(xf, x, AscendC::RoundMode::CAST_NONE, n);
        AscendC::Cast(yf, y, AscendC::RoundMode::CAST_NONE, n);
        AscendC::Select(outf, mask, xf, yf, AscendC::SELMODE::VSEL_TENSOR_TENSOR_MODE, n);
        AscendC::Cast(out, outf, AscendC::RoundMode::CAST_RINT, n);
      } else {
        AscendC::Select(out, mask, x, y, AscendC::SELMODE::VSEL_TENSOR_TENSOR_MODE, n);
      }
      outQueue.EnQue(out);
      condQueue.FreeTensor(cond);
      xQueue.FreeTensor(x);
      yQueue.FreeTensor(y);

      out = outQueue.DeQue<T>();
      AscendC::DataCopyPad(outGm[offset], out, copy);
      outQueue.FreeTensor(out);
    }
  }

 private:
  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 1> condQueue, xQueue, yQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 1> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> condHalfBuf, maskBuf, floatBuf;
  AscendC::GlobalTensor<uint8_t> condGm;  // bool, one byte per element
  AscendC::GlobalTensor<T> xGm, yGm, outGm;
  int64_t totalLength = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void where_custom(GM_ADDR condition, GM_ADDR x, GM_ADDR y, GM_ADDR out,
                                                  GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelWhereBaseline op;
  op.Init(condition, x, y, out, tiling);
  op.Process();
}
