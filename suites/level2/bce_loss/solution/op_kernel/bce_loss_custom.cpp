// y = reduce(l), l = -(t max(ln x, -100) + (1 - t) max(ln(1 - x), -100)), x = input, t = target
// (the logarithms clamped at -100 as PyTorch does).
// Each core takes a contiguous run of 32-element blocks (the first blocks % blockNum cores one block
// more, the last run clipped to the tensor); tiles move with DataCopyPad, so an unaligned tail needs
// no special case, and the queues hold two tiles so copy-in, compute and copy-out overlap.
// half and bfloat16 are cast to float, computed, and rounded back once.
// Each core adds its per-element losses into a float tile and reduces it once at the end; the
// partial sums meet in the workspace (one 32-byte slot per core) and core 0 adds them after SyncAll.
// The host launches one core per tile at most, so a small input runs on one core without SyncAll.
#include "kernel_operator.h"

namespace {
using T = DTYPE_INPUT;
constexpr int32_t BUFFER_NUM = 2;
constexpr int32_t TILE_LENGTH = 2048;  // elements per tile: whole 256-byte repeats in every dtype
constexpr int64_t ALIGN_ELEMS = 32;  // a split on 32 elements keeps every core's start 32-byte aligned
constexpr int32_t INPUT_NUM = 2;
constexpr int32_t TEMP_NUM = 3;

class KernelBceLoss {
 public:
  __aicore__ inline void Init(GM_ADDR input, GM_ADDR target, GM_ADDR y, GM_ADDR workspace, GM_ADDR tiling) {
    GET_TILING_DATA(t, tiling);
    reduction = t.reduction;
    scale = reduction == 1 ? 1.0f / static_cast<float>(t.totalLength) : 1.0f;
    const int64_t blocks = (t.totalLength + ALIGN_ELEMS - 1) / ALIGN_ELEMS;
    const int64_t blockNum = AscendC::GetBlockNum(), blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = blocks / blockNum, bigCores = blocks % blockNum;
    const int64_t start = (blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores)) * ALIGN_ELEMS;
    const int64_t planned = (perCore + (blockIdx < bigCores ? 1 : 0)) * ALIGN_ELEMS;
    length = start >= t.totalLength ? 0 : (planned < t.totalLength - start ? planned : t.totalLength - start);
    outGm.SetGlobalBuffer((__gm__ T*)y, 1);
    workspaceGm.SetGlobalBuffer((__gm__ float*)workspace, blockNum * SLOT_FLOATS);
    pipe.InitBuffer(resultBuf, 32);
    pipe.InitBuffer(outBuf, 32);
    pipe.InitBuffer(partialsBuf, blockNum * SLOT_FLOATS * sizeof(float));
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
  static constexpr int64_t SLOT_FLOATS = 8;  // one 32-byte workspace slot per core

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
    AscendC::Ln(tmp[0], in[0], n);
    AscendC::Maxs(tmp[0], tmp[0], -100.0f, n);
    AscendC::Mul(tmp[0], tmp[0], in[1], n);
    AscendC::Muls(tmp[1], in[0], -1.0f, n);
    AscendC::Adds(tmp[1], tmp[1], 1.0f, n);
    AscendC::Ln(tmp[1], tmp[1], n);
    AscendC::Maxs(tmp[1], tmp[1], -100.0f, n);
    AscendC::Muls(loss, in[1], -1.0f, n);
    AscendC::Adds(loss, loss, 1.0f, n);
    AscendC::Mul(loss, loss, tmp[1], n);
    AscendC::Add(loss, loss, tmp[0], n);
    AscendC::Muls(loss, loss, -1.0f, n);
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
    const float partial = PartialSum();
    if (AscendC::GetBlockNum() == 1) {  // small inputs run on one core: no partial sums to meet
      WriteLoss(partial * scale);
      return;
    }
    AscendC::LocalTensor<float> slot = resultBuf.Get<float>();
    AscendC::Duplicate(slot, 0.0f, SLOT_FLOATS);
    const int32_t vs = pipe.FetchEventID(AscendC::HardEvent::V_S);
    AscendC::SetFlag<AscendC::HardEvent::V_S>(vs);
    AscendC::WaitFlag<AscendC::HardEvent::V_S>(vs);
    slot.SetValue(0, partial);
    const int32_t toSlot = pipe.FetchEventID(AscendC::HardEvent::S_MTE3);
    AscendC::SetFlag<AscendC::HardEvent::S_MTE3>(toSlot);
    AscendC::WaitFlag<AscendC::HardEvent::S_MTE3>(toSlot);
    const int64_t blockNum = AscendC::GetBlockNum(), blockIdx = AscendC::GetBlockIdx();
    AscendC::DataCopy(workspaceGm[blockIdx * SLOT_FLOATS], slot, SLOT_FLOATS);
    AscendC::SyncAll();
    if (blockIdx != 0) return;
    AscendC::LocalTensor<float> partials = partialsBuf.Get<float>();
    AscendC::DataCopy(partials, workspaceGm, blockNum * SLOT_FLOATS);
    const int32_t fromGm = pipe.FetchEventID(AscendC::HardEvent::MTE2_S);
    AscendC::SetFlag<AscendC::HardEvent::MTE2_S>(fromGm);
    AscendC::WaitFlag<AscendC::HardEvent::MTE2_S>(fromGm);
    float total = 0.0f;
    for (int64_t i = 0; i < blockNum; ++i) total += partials.GetValue(i * SLOT_FLOATS);
    WriteLoss(total * scale);
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
  AscendC::TBuf<AscendC::QuePosition::VECCALC> castBuf, calcBuf, accBuf, workBuf, resultBuf, outBuf, partialsBuf;
  AscendC::GlobalTensor<T> inGm[INPUT_NUM];
  AscendC::GlobalTensor<T> outGm;
  AscendC::GlobalTensor<float> workspaceGm;
  int64_t length = 0;
  int64_t reduction = 0;
  float scale = 1.0f;
};
}  // namespace

extern "C" __global__ __aicore__ void bce_loss_custom(GM_ADDR input, GM_ADDR target, GM_ADDR y, GM_ADDR workspace, GM_ADDR tiling) {
  KernelBceLoss op;
  op.Init(input, target, y, workspace, tiling);
  op.Process();
}
