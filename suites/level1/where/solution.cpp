// out = condition ? x : y, element-wise, with a bool condition (Cast, Compares, Select).
// Each core takes a contiguous run of 32-byte blocks of the bool condition (the first
// totalBlocks % blockNum cores one block more, the last core's run clipped); tiles move with
// DataCopyPad, so an unaligned tail needs no special case, and queues hold two tiles.
// The condition bytes become half (Cast), then a bit mask (Compares NE 0) that Select reads. Both
// work on whole 256-byte repeats, so a tile is processed over its length rounded up to 128 elements;
// the padding lanes are never stored.
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
// bfloat16 has no Select on the 910B: it is selected in float (the casts are exact).
template <typename U> struct ComputeType { using type = U; };
template <> struct ComputeType<bfloat16_t> { using type = float; };
using C = ComputeType<T>::type;
constexpr int32_t BUFFER_NUM = 2;
constexpr int32_t TILE_LENGTH = 2048;
constexpr int32_t REPEAT_ELEMS = 128;
constexpr int64_t ALIGN_ELEMS = 32;

struct TilingData {
  int64_t totalLength;
};

class KernelWhere {
 public:
  __aicore__ inline void Init(GM_ADDR condition, GM_ADDR x, GM_ADDR y, GM_ADDR out, GM_ADDR tiling) {
    const int64_t totalLength = reinterpret_cast<__gm__ TilingData*>(tiling)->totalLength;
    const int64_t blocks = (totalLength + ALIGN_ELEMS - 1) / ALIGN_ELEMS;
    const int64_t blockNum = AscendC::GetBlockNum(), blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = blocks / blockNum, bigCores = blocks % blockNum;
    const int64_t start = (blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores)) * ALIGN_ELEMS;
    const int64_t planned = (perCore + (blockIdx < bigCores ? 1 : 0)) * ALIGN_ELEMS;
    length = start >= totalLength ? 0 : (planned < totalLength - start ? planned : totalLength - start);
    if (length == 0) return;
    condGm.SetGlobalBuffer((__gm__ uint8_t*)condition + start, length);
    xGm.SetGlobalBuffer((__gm__ T*)x + start, length);
    yGm.SetGlobalBuffer((__gm__ T*)y + start, length);
    outGm.SetGlobalBuffer((__gm__ T*)out + start, length);
    pipe.InitBuffer(condQueue, BUFFER_NUM, TILE_LENGTH * sizeof(uint8_t));
    pipe.InitBuffer(xQueue, BUFFER_NUM, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(yQueue, BUFFER_NUM, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(outQueue, BUFFER_NUM, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(condHalfBuf, TILE_LENGTH * sizeof(half));
    pipe.InitBuffer(maskBuf, TILE_LENGTH / 8);
    if constexpr (AscendC::IsSameType<T, bfloat16_t>::value) pipe.InitBuffer(floatBuf, 3 * TILE_LENGTH * sizeof(float));
  }
  __aicore__ inline void Process() {
    for (int64_t done = 0; done < length; done += TILE_LENGTH) {
      const int32_t n = static_cast<int32_t>(length - done < TILE_LENGTH ? length - done : TILE_LENGTH);
      CopyIn(done, n);
      Compute(n);
      CopyOut(done, n);
    }
  }

 private:
  __aicore__ inline void CopyIn(int64_t offset, int32_t n) {
    AscendC::LocalTensor<uint8_t> cond = condQueue.AllocTensor<uint8_t>();
    AscendC::LocalTensor<T> x = xQueue.AllocTensor<T>();
    AscendC::LocalTensor<T> y = yQueue.AllocTensor<T>();
    AscendC::DataCopyPad(cond, condGm[offset], AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n), 0, 0, 0},
                         AscendC::DataCopyPadExtParams<uint8_t>{false, 0, 0, 0});
    const AscendC::DataCopyExtParams copy{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0};
    AscendC::DataCopyPad(x, xGm[offset], copy, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    AscendC::DataCopyPad(y, yGm[offset], copy, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    condQueue.EnQue(cond);
    xQueue.EnQue(x);
    yQueue.EnQue(y);
  }
  __aicore__ inline void Compute(int32_t n) {
    const int32_t padded = (n + REPEAT_ELEMS - 1) / REPEAT_ELEMS * REPEAT_ELEMS;
    AscendC::LocalTensor<uint8_t> cond = condQueue.DeQue<uint8_t>();
    AscendC::LocalTensor<T> x = xQueue.DeQue<T>();
    AscendC::LocalTensor<T> y = yQueue.DeQue<T>();
    AscendC::LocalTensor<T> out = outQueue.AllocTensor<T>();
    AscendC::LocalTensor<half> condHalf = condHalfBuf.Get<half>();
    AscendC::LocalTensor<uint8_t> mask = maskBuf.Get<uint8_t>();
    AscendC::Cast(condHalf, cond, AscendC::RoundMode::CAST_NONE, padded);
    AscendC::Compares(mask, condHalf, static_cast<half>(0.0f), AscendC::CMPMODE::NE, padded);
    if constexpr (AscendC::IsSameType<T, C>::value) {
      AscendC::Select(out, mask, x, y, AscendC::SELMODE::VSEL_TENSOR_TENSOR_MODE, n);
    } else {
      AscendC::LocalTensor<C> xf = floatBuf.Get<C>(), yf = xf[TILE_LENGTH], outf = xf[2 * TILE_LENGTH];
      AscendC::Cast(xf, x, AscendC::RoundMode::CAST_NONE, n);
      AscendC::Cast(yf, y, AscendC::RoundMode::CAST_NONE, n);
      AscendC::Select(outf, mask, xf, yf, AscendC::SELMODE::VSEL_TENSOR_TENSOR_MODE, n);
      AscendC::Cast(out, outf, AscendC::RoundMode::CAST_RINT, n);
    }
    outQueue.EnQue(out);
    condQueue.FreeTensor(cond);
    xQueue.FreeTensor(x);
    yQueue.FreeTensor(y);
  }
  __aicore__ inline void CopyOut(int64_t offset, int32_t n) {
    AscendC::LocalTensor<T> out = outQueue.DeQue<T>();
    AscendC::DataCopyPad(outGm[offset], out, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0});
    outQueue.FreeTensor(out);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> condQueue, xQueue, yQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> condHalfBuf, maskBuf, floatBuf;
  AscendC::GlobalTensor<uint8_t> condGm;  // bool, one byte per element
  AscendC::GlobalTensor<T> xGm, yGm, outGm;
  int64_t length = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void where_custom(GM_ADDR condition, GM_ADDR x, GM_ADDR y, GM_ADDR out,
                                                  GM_ADDR tiling) {
  KernelWhere op;
  op.Init(condition, x, y, out, tiling);
  op.Process();
}
