// Baseline for huber_loss: a naive first attempt, correct on every case. It is the reference
// solution's computation run on core 0 alone (the other cores return), with single-buffered queues
// (copy-in, compute and copy-out never overlap), in 256-element tiles.
#include "kernel_operator.h"

namespace {
using T = DTYPE_INPUT;
constexpr int32_t BUFFER_NUM = 1;
constexpr int32_t TILE_LENGTH = 256;  // elements per tile: whole 256-byte repeats in every dtype
constexpr int64_t ALIGN_ELEMS = 32;  // a split on 32 elements keeps every core's start 32-byte aligned
constexpr int32_t INPUT_NUM = 2;
constexpr int32_t TEMP_NUM = 2;


class KernelHuberLoss {
 public:
  __aicore__ inline void Init(GM_ADDR input, GM_ADDR target, GM_ADDR y, GM_ADDR workspace, GM_ADDR tiling) {
    GET_TILING_DATA(t, tiling);
    reduction = t.reduction;
    delta = t.delta;
    scale = reduction == 1 ? 1.0f / static_cast<float>(t.totalLength) : 1.0f;
    const int64_t blocks = (t.totalLength + ALIGN_ELEMS - 1) / ALIGN_ELEMS;
    const int64_t blockNum = 1, blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = blocks / blockNum, bigCores = blocks % blockNum;
    const int64_t start = (blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores)) * ALIGN_ELEMS;
    const int64_t planned = (perCore + (blockIdx < bigCores ? 1 : 0)) * ALIGN_ELEMS;
    length = start >= t.totalLength ? 0 : (planned < t.totalLength - start ? planned : t.totalLength - start);
    outGm.SetGlobalBuffer((__gm__ T*)y, 1);
    pipe.InitBuffer(resultBuf, 32);
    pipe.InitBuffer(outBuf, 32);
    if (length == 0) return;
    inGm[0].SetGlobalBuffer((__gm__ T*)input + start, length);
    inGm[1].SetGlobalBuffer((__gm__ T*)target + start, length);
    for (int32_t i = 0; i < INPUT_NUM; ++i) pipe.InitBuffer(inQueue[i], BUFFER_NUM, TILE_LENGTH * sizeof(T));
    if constexpr (!COMPUTE_IN_T) pipe.InitBuffer(castBuf, INPUT_NUM * TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(calcBuf, TEMP_NUM * TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(accBuf, TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(workBuf, TILE_LENGTH * sizeof(float));
    AscendC::Duplicate(accBuf.Get<float>(), 0.0f, TILE_LENGTH);
  }
  __aicore__ inline void Process() {
    for (int64_t done = 0; done < length; done += TILE_LENGTH) {
      const int32_t n = static_cast<int32_t>(length - done < TILE_LENGTH ? length - done : TILE_LENGTH);
      CopyIn(done, n);
      Compute(n);
    }
    Finish();
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
    if constexpr (COMPUTE_IN_T) {
      for (int32_t i = 0; i < INPUT_NUM; ++i) in[i] = inT[i].template ReinterpretCast<float>();
    } else {
      AscendC::LocalTensor<float> buf = castBuf.Get<float>();
      for (int32_t i = 0; i < INPUT_NUM; ++i) {
        in[i] = buf[i * TILE_LENGTH];
        AscendC::Cast(in[i], inT[i], AscendC::RoundMode::CAST_NONE, n);
      }
    }
    AscendC::LocalTensor<float> calc = calcBuf.Get<float>();
    AscendC::LocalTensor<float> tmp[TEMP_NUM];
    for (int32_t i = 0; i < TEMP_NUM; ++i) tmp[i] = calc[i * TILE_LENGTH];
    AscendC::LocalTensor<float> loss = tmp[TEMP_NUM - 1];
    AscendC::Sub(tmp[0], in[0], in[1], n);
    AscendC::Abs(tmp[0], tmp[0], n);
    AscendC::Mins(loss, tmp[0], delta, n);
    AscendC::Sub(tmp[0], tmp[0], loss, n);
    AscendC::Muls(tmp[0], tmp[0], delta, n);
    AscendC::Mul(loss, loss, loss, n);
    AscendC::Muls(loss, loss, 0.5f, n);
    AscendC::Add(loss, loss, tmp[0], n);
    AscendC::LocalTensor<float> acc = accBuf.Get<float>();
    AscendC::Add(acc, acc, loss, n);
    for (int32_t i = 0; i < INPUT_NUM; ++i) inQueue[i].FreeTensor(inT[i]);
  }
  // The scalar unit reads a vector result only after the vector unit has written it.
  __aicore__ inline float PartialSum() {
    if (length == 0) return 0.0f;
    AscendC::LocalTensor<float> result = resultBuf.Get<float>();
    AscendC::ReduceSum(result, accBuf.Get<float>(), workBuf.Get<float>(), TILE_LENGTH);
    const int32_t eventId = pipe.FetchEventID(AscendC::HardEvent::V_S);
    AscendC::SetFlag<AscendC::HardEvent::V_S>(eventId);
    AscendC::WaitFlag<AscendC::HardEvent::V_S>(eventId);
    return result.GetValue(0);
  }
  __aicore__ inline void Finish() {
    WriteLoss(PartialSum() * scale);
  }
  __aicore__ inline void WriteLoss(float value) {
    AscendC::LocalTensor<T> result = outBuf.Get<T>();
    result.SetValue(0, static_cast<T>(value));
    const int32_t eventId = pipe.FetchEventID(AscendC::HardEvent::S_MTE3);
    AscendC::SetFlag<AscendC::HardEvent::S_MTE3>(eventId);
    AscendC::WaitFlag<AscendC::HardEvent::S_MTE3>(eventId);
    AscendC::DataCopyPad(outGm, result, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(sizeof(T)), 0, 0, 0});
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> inQueue[INPUT_NUM];
  AscendC::TBuf<AscendC::QuePosition::VECCALC> castBuf, calcBuf, accBuf, workBuf, resultBuf, outBuf;
  AscendC::GlobalTensor<T> inGm[INPUT_NUM];
  AscendC::GlobalTensor<T> outGm;
  int64_t length = 0;
  int64_t reduction = 0;
  float delta = 0;
  float scale = 1.0f;
};
}  // namespace

extern "C" __global__ __aicore__ void huber_loss_custom(GM_ADDR input, GM_ADDR target, GM_ADDR y, GM_ADDR workspace, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelHuberLoss op;
  op.Init(input, target, y, workspace, tiling);
  op.Process();
}
