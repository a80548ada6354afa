// y = softmax(scale * x with masked positions at -inf) over the last axis (Cast, Muls, ReduceMax, Exp, ReduceSum).
// A row is the last axis of x. Rows are split over the cores (the first rows % blockNum cores take one row
// more); each row comes in with DataCopyPad (its length need not be a whole number of 32-byte blocks), is computed in float (half and bfloat16 are cast to float and rounded back once), and
// leaves with DataCopyPad. The queues hold two rows, so copy-in, compute and copy-out overlap.
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
constexpr int32_t BUFFER_NUM = 2;
constexpr int32_t IN_NUM = 1;     // per-row inputs
constexpr int32_t OUT_NUM = 1;    // per-row outputs
constexpr int32_t TMP_NUM = 1;    // float scratch rows Calc needs
constexpr bool IS_FLOAT = AscendC::IsSameType<T, float>::value;

struct TilingData {
  int64_t rows;
  int64_t cols;
  int64_t scale;  // float32 bits in the low 4 bytes
};

// A float attribute travels in the tiling buffer as the bits of a float32.
__aicore__ inline float BitsToFloat(int64_t bits) {
  union {
    uint32_t u;
    float f;
  } v{static_cast<uint32_t>(bits)};
  return v.f;
}

class KernelMaskedSoftmax {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR mask, GM_ADDR y, GM_ADDR tiling) {
    const TilingData t = *reinterpret_cast<__gm__ TilingData*>(tiling);
    rows = t.rows;
    seg = static_cast<int32_t>(t.cols);
    scale = BitsToFloat(t.scale);
    const int64_t blockNum = AscendC::GetBlockNum(), blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = rows / blockNum, bigCores = rows % blockNum;
    firstRow = blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores);
    rowCount = perCore + (blockIdx < bigCores ? 1 : 0);
    if (rowCount == 0) return;
    alignedSeg = (seg * static_cast<int32_t>(sizeof(T)) + 31) / 32 * 32 / static_cast<int32_t>(sizeof(T));
    len = segs * alignedSeg;
    const int32_t padded = (len + 63) / 64 * 64;  // whole 256-byte float repeats
    rowFloats = padded;
    inStride[0] = seg;
    inGm[0].SetGlobalBuffer((__gm__ T*)x + firstRow * inStride[0], (rowCount - 1) * inStride[0] + segs * seg);
    outGm[0].SetGlobalBuffer((__gm__ T*)y + firstRow * segs * seg, rowCount * segs * seg);
    for (int32_t i = 0; i < IN_NUM; ++i) pipe.InitBuffer(inQueue[i], BUFFER_NUM, padded * sizeof(T));
    for (int32_t i = 0; i < OUT_NUM; ++i) pipe.InitBuffer(outQueue[i], BUFFER_NUM, padded * sizeof(T));
    if constexpr (!IS_FLOAT) pipe.InitBuffer(floatBuf, (IN_NUM + OUT_NUM) * padded * sizeof(float));
    if constexpr (TMP_NUM > 0) pipe.InitBuffer(tmpBuf, TMP_NUM * padded * sizeof(float));
    pipe.InitBuffer(workBuf, (padded / 32 + 64) * sizeof(float));  // ReduceSum/ReduceMax work: 2 floats per repeat
    pipe.InitBuffer(statBuf, 32);
    maskGm.SetGlobalBuffer((__gm__ uint8_t*)mask + firstRow * seg, rowCount * seg);
    pipe.InitBuffer(maskQueue, BUFFER_NUM, padded);
    pipe.InitBuffer(maskHalfBuf, padded * sizeof(half));
  }
  __aicore__ inline void Process() {
    for (int64_t r = 0; r < rowCount; ++r) {
      CopyIn(r);
      Compute(firstRow + r);
      CopyOut(r);
    }
  }

 private:
  // segs blocks of seg elements each, every block padded to alignedSeg elements in UB with padValue.
  __aicore__ inline void CopyIn(int64_t r) {
    const AscendC::DataCopyExtParams copy{static_cast<uint16_t>(segs), static_cast<uint32_t>(seg * sizeof(T)), 0, 0, 0};
    const AscendC::DataCopyPadExtParams<T> pad{true, 0, static_cast<uint8_t>(alignedSeg - seg), 0};
    for (int32_t i = 0; i < IN_NUM; ++i) {
      AscendC::LocalTensor<T> local = inQueue[i].AllocTensor<T>();
      AscendC::DataCopyPad(local, inGm[i][r * inStride[i]], copy, pad);
      inQueue[i].EnQue(local);
    }
    AscendC::LocalTensor<uint8_t> maskLocal = maskQueue.AllocTensor<uint8_t>();
    AscendC::DataCopyPad(maskLocal, maskGm[r * seg], AscendC::DataCopyExtParams{1, static_cast<uint32_t>(seg), 0, 0, 0},
                         AscendC::DataCopyPadExtParams<uint8_t>{false, 0, 0, 0});
    maskQueue.EnQue(maskLocal);
  }
  __aicore__ inline void Compute(int64_t row) {
    AscendC::LocalTensor<T> in[IN_NUM], out[OUT_NUM];
    AscendC::LocalTensor<float> x[IN_NUM], y[OUT_NUM];
    for (int32_t i = 0; i < IN_NUM; ++i) in[i] = inQueue[i].DeQue<T>();
    for (int32_t i = 0; i < OUT_NUM; ++i) out[i] = outQueue[i].AllocTensor<T>();
    if constexpr (IS_FLOAT) {
      for (int32_t i = 0; i < IN_NUM; ++i) x[i] = in[i].template ReinterpretCast<float>();
      for (int32_t i = 0; i < OUT_NUM; ++i) y[i] = out[i].template ReinterpretCast<float>();
    } else {
      AscendC::LocalTensor<float> buf = floatBuf.Get<float>();
      for (int32_t i = 0; i < IN_NUM; ++i) {
        x[i] = buf[i * rowFloats];
        AscendC::Cast(x[i], in[i], AscendC::RoundMode::CAST_NONE, len);
      }
      for (int32_t i = 0; i < OUT_NUM; ++i) y[i] = buf[(IN_NUM + i) * rowFloats];
    }
    Calc(y, x, row);
    for (int32_t i = 0; i < OUT_NUM; ++i) {
      if constexpr (!IS_FLOAT) AscendC::Cast(out[i], y[i], AscendC::RoundMode::CAST_RINT, len);
      outQueue[i].EnQue(out[i]);
    }
    for (int32_t i = 0; i < IN_NUM; ++i) inQueue[i].FreeTensor(in[i]);
  }
  // y[0] = f(x[0], ...) over one row
  __aicore__ inline void Calc(const AscendC::LocalTensor<float>* y, const AscendC::LocalTensor<float>* x, int64_t row) {
    // A masked position gets scale * x - 30000, whose exp is exactly 0 in float beside any kept one.
    AscendC::LocalTensor<uint8_t> mask = maskQueue.DeQue<uint8_t>();
    AscendC::LocalTensor<half> maskHalf = maskHalfBuf.Get<half>();
    AscendC::Cast(maskHalf, mask, AscendC::RoundMode::CAST_NONE, seg);
    AscendC::Cast(Tmp(0), maskHalf, AscendC::RoundMode::CAST_NONE, seg);
    maskQueue.FreeTensor(mask);
    AscendC::Muls(Tmp(0), Tmp(0), -30000.0f, seg);
    AscendC::Muls(y[0], x[0], scale, seg);
    AscendC::Add(y[0], y[0], Tmp(0), seg);
    const float rowMax = RowMax(y[0], seg);
    AscendC::Adds(y[0], y[0], -rowMax, seg);
    AscendC::Exp(y[0], y[0], seg);
    AscendC::Muls(y[0], y[0], 1.0f / RowSum(y[0], seg), seg);
  }
  __aicore__ inline void CopyOut(int64_t r) {
    const AscendC::DataCopyExtParams copy{static_cast<uint16_t>(segs), static_cast<uint32_t>(seg * sizeof(T)), 0, 0, 0};
    for (int32_t i = 0; i < OUT_NUM; ++i) {
      AscendC::LocalTensor<T> local = outQueue[i].DeQue<T>();
      AscendC::DataCopyPad(outGm[i][r * segs * seg], local, copy);
      outQueue[i].FreeTensor(local);
    }
  }
  // Maximum of the first n floats of src.
  __aicore__ inline float RowMax(const AscendC::LocalTensor<float>& src, int32_t n) {
    AscendC::ReduceMax(statBuf.Get<float>(), src, workBuf.Get<float>(), n);
    return ReadStat();
  }
  // Sum of the first n floats of src.
  __aicore__ inline float RowSum(const AscendC::LocalTensor<float>& src, int32_t n) {
    AscendC::ReduceSum(statBuf.Get<float>(), src, workBuf.Get<float>(), n);
    return ReadStat();
  }

  __aicore__ inline AscendC::LocalTensor<float> Tmp(int32_t k) { return tmpBuf.Get<float>()[k * rowFloats]; }
  // The scalar unit reads a vector result only after the vector unit has written it.
  __aicore__ inline float ReadStat() {
    const int32_t eventId = pipe.FetchEventID(AscendC::HardEvent::V_S);
    AscendC::SetFlag<AscendC::HardEvent::V_S>(eventId);
    AscendC::WaitFlag<AscendC::HardEvent::V_S>(eventId);
    return statBuf.Get<float>().GetValue(0);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> inQueue[IN_NUM];
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> outQueue[OUT_NUM];
  AscendC::TBuf<AscendC::QuePosition::VECCALC> floatBuf, tmpBuf, workBuf, statBuf;
  AscendC::GlobalTensor<T> inGm[IN_NUM], outGm[OUT_NUM];
  int64_t inStride[IN_NUM] = {};
  int64_t rows = 0, firstRow = 0, rowCount = 0;
  int32_t segs = 1, seg = 0, alignedSeg = 0, len = 0, rowFloats = 0;
  float scale = 0;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> maskQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> maskHalfBuf;
  AscendC::GlobalTensor<uint8_t> maskGm;
};
}  // namespace

extern "C" __global__ __aicore__ void masked_softmax_custom(GM_ADDR x, GM_ADDR mask, GM_ADDR y, GM_ADDR tiling) {
  KernelMaskedSoftmax op;
  op.Init(x, mask, y, tiling);
  op.Process();
}
