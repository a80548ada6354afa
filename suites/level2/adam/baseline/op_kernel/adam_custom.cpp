// Baseline for adam: a naive first attempt, correct on every case. It is the reference
// solution's computation run on core 0 alone (the other cores return), with single-buffered queues
// (copy-in, compute and copy-out never overlap), in 256-element tiles.
#include "kernel_operator.h"

namespace {
using T = DTYPE_PARAM;
constexpr int32_t BUFFER_NUM = 1;
constexpr int32_t TILE_LENGTH = 256;  // elements per tile: whole 256-byte repeats in every dtype
constexpr int64_t ALIGN_ELEMS = 32;  // a split on 32 elements keeps every core's start 32-byte aligned
constexpr int32_t INPUT_NUM = 4;
constexpr int32_t OUTPUT_NUM = 3;
constexpr int32_t TEMP_NUM = 2;


class KernelAdam {
 public:
  __aicore__ inline void Init(GM_ADDR param, GM_ADDR grad, GM_ADDR exp_avg, GM_ADDR exp_avg_sq, GM_ADDR param_out, GM_ADDR exp_avg_out, GM_ADDR exp_avg_sq_out, GM_ADDR tiling) {
    GET_TILING_DATA(t, tiling);
    lr = t.lr;
    beta1 = t.beta1;
    beta2 = t.beta2;
    eps = t.eps;
    weight_decay = t.weight_decay;
    step = t.step;
    float beta1Pow = 1.0f, beta2Pow = 1.0f;
    for (int64_t i = 0; i < step; ++i) {
      beta1Pow *= beta1;
      beta2Pow *= beta2;
    }
    negStepSize = -lr / (1.0f - beta1Pow);
    invBias2 = 1.0f / (1.0f - beta2Pow);
    const int64_t blocks = (t.totalLength + ALIGN_ELEMS - 1) / ALIGN_ELEMS;
    const int64_t blockNum = 1, blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = blocks / blockNum, bigCores = blocks % blockNum;
    const int64_t start = (blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores)) * ALIGN_ELEMS;
    const int64_t planned = (perCore + (blockIdx < bigCores ? 1 : 0)) * ALIGN_ELEMS;
    length = start >= t.totalLength ? 0 : (planned < t.totalLength - start ? planned : t.totalLength - start);
    if (length == 0) return;
    inGm[0].SetGlobalBuffer((__gm__ T*)param + start, length);
    inGm[1].SetGlobalBuffer((__gm__ T*)grad + start, length);
    inGm[2].SetGlobalBuffer((__gm__ T*)exp_avg + start, length);
    inGm[3].SetGlobalBuffer((__gm__ T*)exp_avg_sq + start, length);
    outGm[0].SetGlobalBuffer((__gm__ T*)param_out + start, length);
    outGm[1].SetGlobalBuffer((__gm__ T*)exp_avg_out + start, length);
    outGm[2].SetGlobalBuffer((__gm__ T*)exp_avg_sq_out + start, length);
    for (int32_t i = 0; i < INPUT_NUM; ++i) pipe.InitBuffer(inQueue[i], BUFFER_NUM, TILE_LENGTH * sizeof(T));
    for (int32_t i = 0; i < OUTPUT_NUM; ++i) pipe.InitBuffer(outQueue[i], BUFFER_NUM, TILE_LENGTH * sizeof(T));
    if constexpr (!COMPUTE_IN_T) pipe.InitBuffer(castBuf, (INPUT_NUM + OUTPUT_NUM) * TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(calcBuf, TEMP_NUM * TILE_LENGTH * sizeof(float));
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
  static constexpr bool COMPUTE_IN_T = AscendC::IsSameType<T, float>::value;

  __aicore__ inline void CopyIn(int64_t offset, int32_t n) {
    const AscendC::DataCopyExtParams copy{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0};
    for (int32_t i = 0; i < INPUT_NUM; ++i) {
      AscendC::LocalTensor<T> local = inQueue[i].AllocTensor<T>();
      AscendC::DataCopyPad(local, inGm[i][offset], copy, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
      inQueue[i].EnQue(local);
    }
  }
  __aicore__ inline void Compute(int32_t n) {
    AscendC::LocalTensor<T> inT[INPUT_NUM];
    AscendC::LocalTensor<float> in[INPUT_NUM];
    for (int32_t i = 0; i < INPUT_NUM; ++i) inT[i] = inQueue[i].DeQue<T>();
    AscendC::LocalTensor<T> outT[OUTPUT_NUM];
    AscendC::LocalTensor<float> out[OUTPUT_NUM];
    for (int32_t i = 0; i < OUTPUT_NUM; ++i) outT[i] = outQueue[i].AllocTensor<T>();
    if constexpr (COMPUTE_IN_T) {
      for (int32_t i = 0; i < INPUT_NUM; ++i) in[i] = inT[i].template ReinterpretCast<float>();
      for (int32_t i = 0; i < OUTPUT_NUM; ++i) out[i] = outT[i].template ReinterpretCast<float>();
    } else {
      AscendC::LocalTensor<float> buf = castBuf.Get<float>();
      for (int32_t i = 0; i < INPUT_NUM; ++i) {
        in[i] = buf[i * TILE_LENGTH];
        AscendC::Cast(in[i], inT[i], AscendC::RoundMode::CAST_NONE, n);
      }
      for (int32_t i = 0; i < OUTPUT_NUM; ++i) out[i] = buf[(INPUT_NUM + i) * TILE_LENGTH];
    }
    AscendC::LocalTensor<float> calc = calcBuf.Get<float>();
    AscendC::LocalTensor<float> tmp[TEMP_NUM];
    for (int32_t i = 0; i < TEMP_NUM; ++i) tmp[i] = calc[i * TILE_LENGTH];
    AscendC::Muls(tmp[0], in[0], weight_decay, n);
    AscendC::Add(tmp[0], tmp[0], in[1], n);
    AscendC::Muls(out[1], in[2], beta1, n);
    AscendC::Muls(tmp[1], tmp[0], 1.0f - beta1, n);
    AscendC::Add(out[1], out[1], tmp[1], n);
    AscendC::Mul(tmp[1], tmp[0], tmp[0], n);
    AscendC::Muls(tmp[1], tmp[1], 1.0f - beta2, n);
    AscendC::Muls(out[2], in[3], beta2, n);
    AscendC::Add(out[2], out[2], tmp[1], n);
    AscendC::Muls(tmp[1], out[2], invBias2, n);
    AscendC::Sqrt(tmp[1], tmp[1], n);
    AscendC::Adds(tmp[1], tmp[1], eps, n);
    AscendC::Div(tmp[1], out[1], tmp[1], n);
    AscendC::Muls(tmp[1], tmp[1], negStepSize, n);
    AscendC::Add(out[0], in[0], tmp[1], n);
    if constexpr (!COMPUTE_IN_T) {
      for (int32_t i = 0; i < OUTPUT_NUM; ++i) AscendC::Cast(outT[i], out[i], AscendC::RoundMode::CAST_RINT, n);
    }
    for (int32_t i = 0; i < OUTPUT_NUM; ++i) outQueue[i].EnQue(outT[i]);
    for (int32_t i = 0; i < INPUT_NUM; ++i) inQueue[i].FreeTensor(inT[i]);
  }
  __aicore__ inline void CopyOut(int64_t offset, int32_t n) {
    for (int32_t i = 0; i < OUTPUT_NUM; ++i) {
      AscendC::LocalTensor<T> local = outQueue[i].DeQue<T>();
      AscendC::DataCopyPad(outGm[i][offset], local, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0});
      outQueue[i].FreeTensor(local);
    }
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> inQueue[INPUT_NUM];
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> outQueue[OUTPUT_NUM];
  AscendC::TBuf<AscendC::QuePosition::VECCALC> castBuf, calcBuf;
  AscendC::GlobalTensor<T> inGm[INPUT_NUM];
  AscendC::GlobalTensor<T> outGm[OUTPUT_NUM];
  int64_t length = 0;
  float lr = 0;
  float beta1 = 0;
  float beta2 = 0;
  float eps = 0;
  float weight_decay = 0;
  int64_t step = 0;
  float negStepSize = 0.0f, invBias2 = 0.0f;
};
}  // namespace

extern "C" __global__ __aicore__ void adam_custom(GM_ADDR param, GM_ADDR grad, GM_ADDR exp_avg, GM_ADDR exp_avg_sq, GM_ADDR param_out, GM_ADDR exp_avg_out, GM_ADDR exp_avg_sq_out, GM_ADDR workspace, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelAdam op;
  op.Init(param, grad, exp_avg, exp_avg_sq, param_out, exp_avg_out, exp_avg_sq_out, tiling);
  op.Process();
}
