// dx = dy where x > 0, else 0 (Compares, Select).
// Each core takes a contiguous run of 32-byte blocks (the first totalBlocks % blockNum cores one block
// more, the last core's run clipped to the tensor); tiles move with DataCopyPad, so an unaligned tail
// needs no special case, and the queues hold two tiles so copy-in, compute and copy-out overlap.
// float computes directly; half and bfloat16 are cast to float, computed, and rounded back once.
#include "kernel_operator.h"

namespace {
using T = DTYPE_DY;
constexpr int32_t BUFFER_NUM = 2;
constexpr int32_t TILE_LENGTH = 2048;  // elements per tile: whole 256-byte repeats in every dtype
constexpr int64_t ALIGN_ELEMS = 32 / sizeof(T);
constexpr int32_t INPUT_NUM = 2;
constexpr int32_t TMP_NUM = 1;  // float scratch tiles Calc needs
constexpr bool IS_FLOAT = AscendC::IsSameType<T, float>::value;

struct TilingData {
  int64_t totalLength;
};

class KernelReluGrad {
 public:
  __aicore__ inline void Init(GM_ADDR dy, GM_ADDR x, GM_ADDR dx, GM_ADDR tiling) {
    const TilingData t = *reinterpret_cast<__gm__ TilingData*>(tiling);
    const int64_t blocks = (t.totalLength + ALIGN_ELEMS - 1) / ALIGN_ELEMS;
    const int64_t blockNum = AscendC::GetBlockNum(), blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = blocks / blockNum, bigCores = blocks % blockNum;
    const int64_t start = (blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores)) * ALIGN_ELEMS;
    const int64_t planned = (perCore + (blockIdx < bigCores ? 1 : 0)) * ALIGN_ELEMS;
    length = start >= t.totalLength ? 0 : (planned < t.totalLength - start ? planned : t.totalLength - start);
    if (length == 0) return;
    inGm[0].SetGlobalBuffer((__gm__ T*)dy + start, length);
    inGm[1].SetGlobalBuffer((__gm__ T*)x + start, length);
    outGm.SetGlobalBuffer((__gm__ T*)dx + start, length);
    for (int32_t i = 0; i < INPUT_NUM; ++i) pipe.InitBuffer(inQueue[i], BUFFER_NUM, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(outQueue, BUFFER_NUM, TILE_LENGTH * sizeof(T));
    if constexpr (!IS_FLOAT) pipe.InitBuffer(floatBuf, (INPUT_NUM + 1) * TILE_LENGTH * sizeof(float));
    if constexpr (TMP_NUM > 0) pipe.InitBuffer(tmpBuf, TMP_NUM * TILE_LENGTH * sizeof(float));
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
    const AscendC::DataCopyExtParams copy{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0};
    const AscendC::DataCopyPadExtParams<T> noPad{false, 0, 0, 0};
    for (int32_t i = 0; i < INPUT_NUM; ++i) {
      AscendC::LocalTensor<T> local = inQueue[i].AllocTensor<T>();
      AscendC::DataCopyPad(local, inGm[i][offset], copy, noPad);
      inQueue[i].EnQue(local);
    }
  }
  __aicore__ inline void Compute(int32_t n) {
    AscendC::LocalTensor<T> in[INPUT_NUM];
    for (int32_t i = 0; i < INPUT_NUM; ++i) in[i] = inQueue[i].DeQue<T>();
    AscendC::LocalTensor<T> out = outQueue.AllocTensor<T>();
    AscendC::LocalTensor<float> x[INPUT_NUM], y;
    if constexpr (IS_FLOAT) {
      for (int32_t i = 0; i < INPUT_NUM; ++i) x[i] = in[i].template ReinterpretCast<float>();
      y = out.template ReinterpretCast<float>();
    } else {
      AscendC::LocalTensor<float> buf = floatBuf.Get<float>();
      for (int32_t i = 0; i < INPUT_NUM; ++i) {
        x[i] = buf[i * TILE_LENGTH];
        AscendC::Cast(x[i], in[i], AscendC::RoundMode::CAST_NONE, n);
      }
      y = buf[INPUT_NUM * TILE_LENGTH];
    }
    Calc(y, x, n);
    if constexpr (!IS_FLOAT) AscendC::Cast(out, y, AscendC::RoundMode::CAST_RINT, n);
    outQueue.EnQue(out);
    for (int32_t i = 0; i < INPUT_NUM; ++i) inQueue[i].FreeTensor(in[i]);
  }
  // dx = f(dy, x) over n elements, in float
  __aicore__ inline void Calc(const AscendC::LocalTensor<float>& y, const AscendC::LocalTensor<float>* x, int32_t n) {
    const int32_t padded = (n + 63) / 64 * 64;  // Compares and Select work on whole 256-byte repeats
    AscendC::LocalTensor<uint8_t> mask = Tmp(0).ReinterpretCast<uint8_t>();
    AscendC::Compares(mask, x[1], 0.0f, AscendC::CMPMODE::GT, padded);
    AscendC::Select(y, mask, x[0], 0.0f, AscendC::SELMODE::VSEL_TENSOR_SCALAR_MODE, padded);
  }
  __aicore__ inline void CopyOut(int64_t offset, int32_t n) {
    AscendC::LocalTensor<T> out = outQueue.DeQue<T>();
    AscendC::DataCopyPad(outGm[offset], out, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0});
    outQueue.FreeTensor(out);
  }
  __aicore__ inline AscendC::LocalTensor<float> Tmp(int32_t k) { return tmpBuf.Get<float>()[k * TILE_LENGTH]; }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> inQueue[INPUT_NUM];
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> floatBuf, tmpBuf;
  AscendC::GlobalTensor<T> inGm[INPUT_NUM], outGm;
  int64_t length = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void relu_grad_custom(GM_ADDR dy, GM_ADDR x, GM_ADDR dx, GM_ADDR tiling) {
  KernelReluGrad op;
  op.Init(dy, x, dx, tiling);
  op.Process();
}
