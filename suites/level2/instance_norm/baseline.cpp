// Baseline for instance_norm: a naive first attempt, correct on every case. It is the reference
// solution's computation run on core 0 alone (the other cores return), with single-buffered queues
// (copy-in, compute and copy-out never overlap).
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
constexpr int32_t BUFFER_NUM = 1;
constexpr int32_t IN_NUM = 1;     // per-row inputs
constexpr int32_t OUT_NUM = 1;    // per-row outputs
constexpr int32_t TMP_NUM = 1;    // float scratch rows Calc needs
constexpr bool IS_FLOAT = AscendC::IsSameType<T, float>::value;

struct TilingData {
  int64_t n;
  int64_t channels;
  int64_t spatial;
  int64_t groups;
  int64_t eps;  // float32 bits in the low 4 bytes
};

// A float attribute travels in the tiling buffer as the bits of a float32.
__aicore__ inline float BitsToFloat(int64_t bits) {
  union {
    uint32_t u;
    float f;
  } v{static_cast<uint32_t>(bits)};
  return v.f;
}

class KernelInstanceNorm {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR gamma, GM_ADDR beta, GM_ADDR y, GM_ADDR tiling) {
    const TilingData t = *reinterpret_cast<__gm__ TilingData*>(tiling);
    channels = t.channels;
    groups = channels;
    rows = t.n * groups;
    segs = static_cast<int32_t>(channels / groups);
    seg = static_cast<int32_t>(t.spatial);
    eps = BitsToFloat(t.eps);
    const int64_t blockNum = 1, blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = rows / blockNum, bigCores = rows % blockNum;
    firstRow = blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores);
    rowCount = perCore + (blockIdx < bigCores ? 1 : 0);
    if (rowCount == 0) return;
    alignedSeg = (seg * static_cast<int32_t>(sizeof(T)) + 31) / 32 * 32 / static_cast<int32_t>(sizeof(T));
    len = segs * alignedSeg;
    const int32_t padded = (len + 63) / 64 * 64;  // whole 256-byte float repeats
    rowFloats = padded;
    inStride[0] = segs * seg;
    inGm[0].SetGlobalBuffer((__gm__ T*)x + firstRow * inStride[0], (rowCount - 1) * inStride[0] + segs * seg);
    outGm[0].SetGlobalBuffer((__gm__ T*)y + firstRow * segs * seg, rowCount * segs * seg);
    for (int32_t i = 0; i < IN_NUM; ++i) pipe.InitBuffer(inQueue[i], BUFFER_NUM, padded * sizeof(T));
    for (int32_t i = 0; i < OUT_NUM; ++i) pipe.InitBuffer(outQueue[i], BUFFER_NUM, padded * sizeof(T));
    if constexpr (!IS_FLOAT) pipe.InitBuffer(floatBuf, (IN_NUM + OUT_NUM) * padded * sizeof(float));
    if constexpr (TMP_NUM > 0) pipe.InitBuffer(tmpBuf, TMP_NUM * padded * sizeof(float));
    pipe.InitBuffer(workBuf, (padded / 32 + 64) * sizeof(float));  // ReduceSum/ReduceMax work: 2 floats per repeat
    pipe.InitBuffer(statBuf, 32);
    gammaGm.SetGlobalBuffer((__gm__ T*)gamma, channels);
    betaGm.SetGlobalBuffer((__gm__ T*)beta, channels);
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
  // y[0] = the normalised row, with gamma and beta read per channel from GM
  __aicore__ inline void Calc(const AscendC::LocalTensor<float>* y, const AscendC::LocalTensor<float>* x, int64_t row) {
    // Rows arrive as segs channel blocks of seg elements, each zero-padded to alignedSeg.
    const float count = static_cast<float>(segs * seg);
    const float mean = RowSum(x[0], len) / count;
    AscendC::Duplicate(Tmp(0), 0.0f, len);
    for (int32_t s = 0; s < segs; ++s) AscendC::Adds(Tmp(0)[s * alignedSeg], x[0][s * alignedSeg], -mean, seg);
    AscendC::Mul(Tmp(0), Tmp(0), Tmp(0), len);
    const float rstd = RowRstd(Tmp(0), len, 1.0f / count, eps);
    for (int32_t s = 0; s < segs; ++s) {
      const int64_t channel = (row % groups) * segs + s;
      const float scale = static_cast<float>(gammaGm.GetValue(channel)) * rstd;
      const float shift = static_cast<float>(betaGm.GetValue(channel)) - mean * scale;
      AscendC::Muls(y[0][s * alignedSeg], x[0][s * alignedSeg], scale, seg);
      AscendC::Adds(y[0][s * alignedSeg], y[0][s * alignedSeg], shift, seg);
    }
  }
  __aicore__ inline void CopyOut(int64_t r) {
    const AscendC::DataCopyExtParams copy{static_cast<uint16_t>(segs), static_cast<uint32_t>(seg * sizeof(T)), 0, 0, 0};
    for (int32_t i = 0; i < OUT_NUM; ++i) {
      AscendC::LocalTensor<T> local = outQueue[i].DeQue<T>();
      AscendC::DataCopyPad(outGm[i][r * segs * seg], local, copy);
      outQueue[i].FreeTensor(local);
    }
  }
  // Sum of the first n floats of src.
  __aicore__ inline float RowSum(const AscendC::LocalTensor<float>& src, int32_t n) {
    AscendC::ReduceSum(statBuf.Get<float>(), src, workBuf.Get<float>(), n);
    return ReadStat();
  }
  // 1 / sqrt(sum(src[0..n)) * scale + eps), computed on the vector unit.
  __aicore__ inline float RowRstd(const AscendC::LocalTensor<float>& src, int32_t n, float scale, float eps) {
    AscendC::LocalTensor<float> stat = statBuf.Get<float>();
    AscendC::ReduceSum(stat, src, workBuf.Get<float>(), n);
    AscendC::Muls(stat, stat, scale, 1);
    AscendC::Adds(stat, stat, eps, 1);
    AscendC::Rsqrt(stat, stat, 1);
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
  AscendC::GlobalTensor<T> inGm[IN_NUM], outGm[OUT_NUM], gammaGm, betaGm;
  int64_t inStride[IN_NUM] = {};
  int64_t rows = 0, firstRow = 0, rowCount = 0;
  int32_t segs = 1, seg = 0, alignedSeg = 0, len = 0, rowFloats = 0;
  int64_t channels = 0, groups = 0;
  float eps = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void instance_norm_custom(GM_ADDR x, GM_ADDR gamma, GM_ADDR beta, GM_ADDR y, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelInstanceNorm op;
  op.Init(x, gamma, beta, y, tiling);
  op.Process();
}
