// Baseline for eq: a naive first attempt, correct on every case. It is the reference solution's
// computation run on core 0 alone (the other cores return), with single-buffered queues (copy-in,
// compute and copy-out never overlap), in 256-element tiles.
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
// bfloat16 has no Compare on the 910B: it is compared in float.
template <typename U> struct ComputeType { using type = U; };
template <> struct ComputeType<bfloat16_t> { using type = float; };
using C = ComputeType<T>::type;
constexpr int32_t BUFFER_NUM = 1;
constexpr int32_t TILE_LENGTH = 256;
constexpr int32_t REPEAT_ELEMS = 128;  // Compare granule: 256 bytes of half (two repeats of float)
constexpr int64_t ALIGN_ELEMS = 32;    // 32 bytes of the bool output
constexpr int32_t INPUT_NUM = 2;

struct TilingData {
  int64_t totalLength;
};

class KernelEq {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y, GM_ADDR z, GM_ADDR tiling) {
    const int64_t totalLength = reinterpret_cast<__gm__ TilingData*>(tiling)->totalLength;
    const int64_t blocks = (totalLength + ALIGN_ELEMS - 1) / ALIGN_ELEMS;
    const int64_t blockNum = 1, blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = blocks / blockNum, bigCores = blocks % blockNum;
    start = (blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores)) * ALIGN_ELEMS;
    const int64_t planned = (perCore + (blockIdx < bigCores ? 1 : 0)) * ALIGN_ELEMS;
    length = start >= totalLength ? 0 : (planned < totalLength - start ? planned : totalLength - start);
    if (length == 0) return;
    inGm[0].SetGlobalBuffer((__gm__ T*)x + start, length);
    inGm[1].SetGlobalBuffer((__gm__ T*)y + start, length);
    zGm.SetGlobalBuffer((__gm__ uint8_t*)z + start, length);
    for (int32_t i = 0; i < INPUT_NUM; ++i) pipe.InitBuffer(inQueue[i], BUFFER_NUM, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(outQueue, BUFFER_NUM, TILE_LENGTH * sizeof(uint8_t));
    pipe.InitBuffer(maskBuf, TILE_LENGTH / 8);
    pipe.InitBuffer(onesBuf, TILE_LENGTH * sizeof(C));
    pipe.InitBuffer(selectBuf, TILE_LENGTH * sizeof(C));
    pipe.InitBuffer(halfBuf, TILE_LENGTH * sizeof(half));
    if constexpr (AscendC::IsSameType<T, bfloat16_t>::value) pipe.InitBuffer(floatBuf, INPUT_NUM * TILE_LENGTH * sizeof(float));
    AscendC::Duplicate(onesBuf.Get<C>(), static_cast<C>(1.0f), TILE_LENGTH);
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
    for (int32_t i = 0; i < INPUT_NUM; ++i) {
      AscendC::LocalTensor<T> local = inQueue[i].AllocTensor<T>();
      AscendC::DataCopyPad(local, inGm[i][offset], AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0},
                           AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
      inQueue[i].EnQue(local);
    }
  }
  __aicore__ inline void Compute(int32_t n) {
    const int32_t padded = (n + REPEAT_ELEMS - 1) / REPEAT_ELEMS * REPEAT_ELEMS;
    AscendC::LocalTensor<T> in[INPUT_NUM];
    AscendC::LocalTensor<C> operand[INPUT_NUM];
    for (int32_t i = 0; i < INPUT_NUM; ++i) {
      in[i] = inQueue[i].DeQue<T>();
      if constexpr (AscendC::IsSameType<T, bfloat16_t>::value) {
        operand[i] = floatBuf.Get<C>()[i * TILE_LENGTH];
        AscendC::Cast(operand[i], in[i], AscendC::RoundMode::CAST_NONE, padded);
      } else {
        operand[i] = in[i].template ReinterpretCast<C>();  // T is C here
      }
    }
    AscendC::LocalTensor<uint8_t> mask = maskBuf.Get<uint8_t>();
    AscendC::Compare(mask, operand[0], operand[1], AscendC::CMPMODE::EQ, padded);
    AscendC::LocalTensor<C> selected = selectBuf.Get<C>();
    AscendC::Select(selected, mask, onesBuf.Get<C>(), static_cast<C>(0.0f), AscendC::SELMODE::VSEL_TENSOR_SCALAR_MODE, padded);
    AscendC::LocalTensor<uint8_t> out = outQueue.AllocTensor<uint8_t>();
    if constexpr (AscendC::IsSameType<C, float>::value) {
      AscendC::LocalTensor<half> selectedHalf = halfBuf.Get<half>();
      AscendC::Cast(selectedHalf, selected, AscendC::RoundMode::CAST_NONE, padded);
      AscendC::Cast(out, selectedHalf, AscendC::RoundMode::CAST_NONE, padded);
    } else {
      AscendC::Cast(out, selected, AscendC::RoundMode::CAST_NONE, padded);
    }
    outQueue.EnQue(out);
    for (int32_t i = 0; i < INPUT_NUM; ++i) inQueue[i].FreeTensor(in[i]);
  }
  __aicore__ inline void CopyOut(int64_t offset, int32_t n) {
    AscendC::LocalTensor<uint8_t> out = outQueue.DeQue<uint8_t>();
    AscendC::DataCopyPad(zGm[offset], out, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n), 0, 0, 0});
    outQueue.FreeTensor(out);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> inQueue[INPUT_NUM];
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> maskBuf, onesBuf, selectBuf, halfBuf, floatBuf;
  AscendC::GlobalTensor<T> inGm[INPUT_NUM];
  AscendC::GlobalTensor<uint8_t> zGm;  // bool output, one byte per element
  int64_t start = 0, length = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void eq_custom(GM_ADDR x, GM_ADDR y, GM_ADDR z, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelEq op;
  op.Init(x, y, z, tiling);
  op.Process();
}
