// Baseline for arange: a naive first attempt, correct on every case. It is the reference solution's
// computation run on core 0 alone (the other cores return), with single-buffered queues (copy-in,
// compute and copy-out never overlap), in 256-element tiles.
#include "kernel_operator.h"

namespace {
using T = DTYPE_Y;
constexpr int32_t BUFFER_NUM = 1;
constexpr int32_t TILE_LENGTH = 256;  // a power of two: the doubling ends exactly there
constexpr int32_t SEED_LENGTH = 8;     // one 32-byte block of float
constexpr int64_t ALIGN_ELEMS = 32 / sizeof(T);

struct TilingData {
  int64_t totalLength;
  int64_t start;  // float32 bits in the low 4 bytes
  int64_t step;   // float32 bits in the low 4 bytes
};

// A float attribute travels in the tiling buffer as the bits of a float32.
__aicore__ inline float BitsToFloat(int64_t bits) {
  union {
    uint32_t u;
    float f;
  } v{static_cast<uint32_t>(bits)};
  return v.f;
}

class KernelArange {
 public:
  __aicore__ inline void Init(GM_ADDR y, GM_ADDR tiling) {
    const TilingData t = *reinterpret_cast<__gm__ TilingData*>(tiling);
    startValue = BitsToFloat(t.start);
    stepValue = BitsToFloat(t.step);
    const int64_t blocks = (t.totalLength + ALIGN_ELEMS - 1) / ALIGN_ELEMS;
    const int64_t blockNum = 1, blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = blocks / blockNum, bigCores = blocks % blockNum;
    first = (blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores)) * ALIGN_ELEMS;
    const int64_t planned = (perCore + (blockIdx < bigCores ? 1 : 0)) * ALIGN_ELEMS;
    length = first >= t.totalLength ? 0 : (planned < t.totalLength - first ? planned : t.totalLength - first);
    if (length == 0) return;
    yGm.SetGlobalBuffer((__gm__ T*)y + first, length);
    pipe.InitBuffer(outQueue, BUFFER_NUM, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(indexBuf, TILE_LENGTH * sizeof(float));
    if constexpr (!AscendC::IsSameType<T, float>::value) pipe.InitBuffer(valueBuf, TILE_LENGTH * sizeof(float));
  }
  __aicore__ inline void Process() {
    if (length == 0) return;
    BuildIndices();
    for (int64_t done = 0; done < length; done += TILE_LENGTH) {
      const int32_t n = static_cast<int32_t>(length - done < TILE_LENGTH ? length - done : TILE_LENGTH);
      Compute(first + done, n);
      AscendC::LocalTensor<T> out = outQueue.DeQue<T>();
      AscendC::DataCopyPad(yGm[done], out, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0});
      outQueue.FreeTensor(out);
    }
  }

 private:
  __aicore__ inline void BuildIndices() {
    AscendC::LocalTensor<float> index = indexBuf.Get<float>();
    for (int32_t i = 0; i < SEED_LENGTH; ++i) index.SetValue(i, static_cast<float>(i));
    // The vector unit reads what the scalar unit wrote.
    const int32_t eventId = pipe.FetchEventID(AscendC::HardEvent::S_V);
    AscendC::SetFlag<AscendC::HardEvent::S_V>(eventId);
    AscendC::WaitFlag<AscendC::HardEvent::S_V>(eventId);
    for (int32_t len = SEED_LENGTH; len < TILE_LENGTH; len *= 2)
      AscendC::Adds(index[len], index, static_cast<float>(len), len);
  }
  __aicore__ inline void Compute(int64_t tileStart, int32_t n) {
    AscendC::LocalTensor<float> index = indexBuf.Get<float>();
    AscendC::LocalTensor<T> out = outQueue.AllocTensor<T>();
    // float output is computed in place; the others in a float tile, then rounded once.
    AscendC::LocalTensor<float> value =
        AscendC::IsSameType<T, float>::value ? out.template ReinterpretCast<float>() : valueBuf.Get<float>();
    AscendC::Adds(value, index, static_cast<float>(tileStart), n);  // exact below 2^24
    AscendC::Muls(value, value, stepValue, n);
    AscendC::Adds(value, value, startValue, n);
    if constexpr (!AscendC::IsSameType<T, float>::value) AscendC::Cast(out, value, AscendC::RoundMode::CAST_RINT, n);
    outQueue.EnQue(out);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> indexBuf, valueBuf;
  AscendC::GlobalTensor<T> yGm;
  int64_t first = 0, length = 0;
  float startValue = 0, stepValue = 1;
};
}  // namespace

extern "C" __global__ __aicore__ void arange_custom(GM_ADDR x, GM_ADDR y, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  (void)x;  // only its shape matters, and that arrives in the tiling
  KernelArange op;
  op.Init(y, tiling);
  op.Process();
}
