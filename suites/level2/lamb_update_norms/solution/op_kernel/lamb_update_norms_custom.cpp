// One LAMB step with its two norms: m = beta1 m + (1 - beta1) g, v = beta2 v + (1 - beta2) g^2,
// u = (m / (1 - beta1^step)) / (sqrt(v / (1 - beta2^step)) + eps) + weight_decay param,
// param = param - lr (|param| / |u|) u (trust ratio 1 when either norm is 0); norms = (|param|, |u|).
// Each core takes a contiguous run of 32-element blocks (the first blocks % blockNum cores one block more).
// Pass 1 writes m and v, keeps u in float in the workspace (the core's own range) and adds param^2 and
// u^2 into two float tiles; each core's two sums go to its 32-byte workspace slot. After SyncAll every
// core adds all slots (so no second barrier is needed) and pass 2 reads param and u back to apply the
// trust ratio. Queues hold two tiles so copy-in, compute and copy-out overlap.
// half and bfloat16 are cast to float, computed, and rounded back once.
#include "kernel_operator.h"

namespace {
using T = DTYPE_PARAM;
constexpr int32_t BUFFER_NUM = 2;
constexpr int32_t TILE_LENGTH = 1024;  // elements per tile: whole 256-byte repeats in every dtype
constexpr int64_t ALIGN_ELEMS = 32;  // a split on 32 elements keeps every core's start 32-byte aligned
constexpr int64_t SLOT_FLOATS = 8;  // one 32-byte workspace slot per core: (sum param^2, sum u^2, 0...)
constexpr int64_t SLOT_AREA_FLOATS = 512;  // the slots of up to 64 cores, before the u area
constexpr int32_t STATE_NUM = 4;  // param, grad, exp_avg, exp_avg_sq

class KernelLambUpdateNorms {
 public:
  __aicore__ inline void Init(GM_ADDR param, GM_ADDR grad, GM_ADDR exp_avg, GM_ADDR exp_avg_sq, GM_ADDR param_out,
                              GM_ADDR exp_avg_out, GM_ADDR exp_avg_sq_out, GM_ADDR norms, GM_ADDR workspace,
                              GM_ADDR tiling) {
    GET_TILING_DATA(t, tiling);
    lr = t.lr;
    beta1 = t.beta1;
    beta2 = t.beta2;
    eps = t.eps;
    weightDecay = t.weightDecay;
    float beta1Pow = 1.0f, beta2Pow = 1.0f;
    for (int64_t i = 0; i < t.step; ++i) {
      beta1Pow *= beta1;
      beta2Pow *= beta2;
    }
    invBias1 = 1.0f / (1.0f - beta1Pow);
    invBias2 = 1.0f / (1.0f - beta2Pow);
    const int64_t blocks = (t.totalLength + ALIGN_ELEMS - 1) / ALIGN_ELEMS;
    blockNum = AscendC::GetBlockNum();
    blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = blocks / blockNum, bigCores = blocks % blockNum;
    const int64_t start = (blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores)) * ALIGN_ELEMS;
    const int64_t planned = (perCore + (blockIdx < bigCores ? 1 : 0)) * ALIGN_ELEMS;
    length = start >= t.totalLength ? 0 : (planned < t.totalLength - start ? planned : t.totalLength - start);
    slotsGm.SetGlobalBuffer((__gm__ float*)workspace, blockNum * SLOT_FLOATS);
    normsGm.SetGlobalBuffer((__gm__ float*)norms, 2);
    pipe.InitBuffer(slotBuf, SLOT_FLOATS * sizeof(float));
    pipe.InitBuffer(partialsBuf, blockNum * SLOT_FLOATS * sizeof(float));
    if (length == 0) return;
    GM_ADDR states[STATE_NUM] = {param, grad, exp_avg, exp_avg_sq};
    for (int32_t i = 0; i < STATE_NUM; ++i) stateGm[i].SetGlobalBuffer((__gm__ T*)states[i] + start, length);
    paramOutGm.SetGlobalBuffer((__gm__ T*)param_out + start, length);
    expAvgOutGm.SetGlobalBuffer((__gm__ T*)exp_avg_out + start, length);
    expAvgSqOutGm.SetGlobalBuffer((__gm__ T*)exp_avg_sq_out + start, length);
    updateGm.SetGlobalBuffer((__gm__ float*)workspace + SLOT_AREA_FLOATS + start, length);
    for (int32_t i = 0; i < STATE_NUM; ++i) pipe.InitBuffer(inQueue[i], BUFFER_NUM, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(updateInQueue, BUFFER_NUM, TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(momentOutQueue, BUFFER_NUM, 2 * TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(updateOutQueue, BUFFER_NUM, TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(calcBuf, (STATE_NUM + 3) * TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(accBuf, 2 * TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(workBuf, TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(resultBuf, 32);
    AscendC::Duplicate(accBuf.Get<float>(), 0.0f, 2 * TILE_LENGTH);
  }
  __aicore__ inline void Process() {
    for (int64_t done = 0; done < length; done += TILE_LENGTH) {
      const int32_t n = static_cast<int32_t>(length - done < TILE_LENGTH ? length - done : TILE_LENGTH);
      CopyInStates(done, n);
      ComputeUpdate(n);
      CopyOutUpdate(done, n);
    }
    ShareNorms();
    const float negStep = -lr * trustRatio;
    for (int64_t done = 0; done < length; done += TILE_LENGTH) {
      const int32_t n = static_cast<int32_t>(length - done < TILE_LENGTH ? length - done : TILE_LENGTH);
      CopyInParamUpdate(done, n);
      ApplyUpdate(n, negStep);
      CopyOutParam(done, n);
    }
  }

 private:
  template <AscendC::HardEvent E>
  __aicore__ inline void Sync() {
    const int32_t eventId = pipe.FetchEventID(E);
    AscendC::SetFlag<E>(eventId);
    AscendC::WaitFlag<E>(eventId);
  }
  __aicore__ inline AscendC::DataCopyExtParams Bytes(int32_t n, int32_t size) const {
    return AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n * size), 0, 0, 0};
  }
  // dst (float) = src (T) as float.
  __aicore__ inline void ToFloat(const AscendC::LocalTensor<float>& dst, const AscendC::LocalTensor<T>& src, int32_t n) {
    if constexpr (AscendC::IsSameType<T, float>::value) {
      AscendC::Adds(dst, src.template ReinterpretCast<float>(), 0.0f, n);
    } else {
      AscendC::Cast(dst, src, AscendC::RoundMode::CAST_NONE, n);
    }
  }
  // dst (T) = src (float) rounded once.
  __aicore__ inline void FromFloat(const AscendC::LocalTensor<T>& dst, const AscendC::LocalTensor<float>& src, int32_t n) {
    if constexpr (AscendC::IsSameType<T, float>::value) {
      AscendC::Adds(dst.template ReinterpretCast<float>(), src, 0.0f, n);
    } else {
      AscendC::Cast(dst, src, AscendC::RoundMode::CAST_RINT, n);
    }
  }

  __aicore__ inline void CopyInStates(int64_t offset, int32_t n) {
    for (int32_t i = 0; i < STATE_NUM; ++i) {
      AscendC::LocalTensor<T> local = inQueue[i].AllocTensor<T>();
      AscendC::DataCopyPad(local, stateGm[i][offset], Bytes(n, sizeof(T)), AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
      inQueue[i].EnQue(local);
    }
  }
  // m, v out (rounded), u out in float, and param^2, u^2 into the accumulators.
  __aicore__ inline void ComputeUpdate(int32_t n) {
    AscendC::LocalTensor<float> calc = calcBuf.Get<float>();
    AscendC::LocalTensor<float> p = calc, g = calc[TILE_LENGTH], m = calc[2 * TILE_LENGTH], v = calc[3 * TILE_LENGTH];
    AscendC::LocalTensor<float> tmp = calc[4 * TILE_LENGTH], denom = calc[5 * TILE_LENGTH], square = calc[6 * TILE_LENGTH];
    AscendC::LocalTensor<float> states[STATE_NUM] = {p, g, m, v};
    for (int32_t i = 0; i < STATE_NUM; ++i) {
      AscendC::LocalTensor<T> local = inQueue[i].DeQue<T>();
      ToFloat(states[i], local, n);
      inQueue[i].FreeTensor(local);
    }
    AscendC::Muls(m, m, beta1, n);
    AscendC::Muls(tmp, g, 1.0f - beta1, n);
    AscendC::Add(m, m, tmp, n);
    AscendC::Mul(tmp, g, g, n);
    AscendC::Muls(tmp, tmp, 1.0f - beta2, n);
    AscendC::Muls(v, v, beta2, n);
    AscendC::Add(v, v, tmp, n);
    AscendC::LocalTensor<T> moments = momentOutQueue.AllocTensor<T>();
    FromFloat(moments, m, n);
    FromFloat(moments[TILE_LENGTH], v, n);
    momentOutQueue.EnQue(moments);
    AscendC::Muls(denom, v, invBias2, n);
    AscendC::Sqrt(denom, denom, n);
    AscendC::Adds(denom, denom, eps, n);
    AscendC::LocalTensor<float> update = updateOutQueue.AllocTensor<float>();
    AscendC::Muls(tmp, m, invBias1, n);
    AscendC::Div(update, tmp, denom, n);
    AscendC::Muls(tmp, p, weightDecay, n);
    AscendC::Add(update, update, tmp, n);
    AscendC::LocalTensor<float> acc = accBuf.Get<float>();
    AscendC::Mul(square, p, p, n);
    AscendC::Add(acc, acc, square, n);
    AscendC::Mul(square, update, update, n);
    AscendC::Add(acc[TILE_LENGTH], acc[TILE_LENGTH], square, n);
    updateOutQueue.EnQue(update);
  }
  __aicore__ inline void CopyOutUpdate(int64_t offset, int32_t n) {
    AscendC::LocalTensor<T> moments = momentOutQueue.DeQue<T>();
    AscendC::DataCopyPad(expAvgOutGm[offset], moments, Bytes(n, sizeof(T)));
    AscendC::DataCopyPad(expAvgSqOutGm[offset], moments[TILE_LENGTH], Bytes(n, sizeof(T)));
    momentOutQueue.FreeTensor(moments);
    AscendC::LocalTensor<float> update = updateOutQueue.DeQue<float>();
    AscendC::DataCopyPad(updateGm[offset], update, Bytes(n, sizeof(float)));
    updateOutQueue.FreeTensor(update);
  }
  // Every core publishes its two sums, waits for all, and adds every slot into the trust ratio.
  __aicore__ inline void ShareNorms() {
    AscendC::LocalTensor<float> slot = slotBuf.Get<float>();
    AscendC::Duplicate(slot, 0.0f, SLOT_FLOATS);
    float sums[2] = {0.0f, 0.0f};
    if (length > 0) {
      AscendC::LocalTensor<float> acc = accBuf.Get<float>(), work = workBuf.Get<float>();
      AscendC::LocalTensor<float> result = resultBuf.Get<float>();
      for (int32_t i = 0; i < 2; ++i) {
        AscendC::ReduceSum(result, acc[i * TILE_LENGTH], work, TILE_LENGTH);
        Sync<AscendC::HardEvent::V_S>();
        sums[i] = result.GetValue(0);
      }
    }
    Sync<AscendC::HardEvent::V_S>();
    slot.SetValue(0, sums[0]);
    slot.SetValue(1, sums[1]);
    Sync<AscendC::HardEvent::S_MTE3>();
    AscendC::DataCopy(slotsGm[blockIdx * SLOT_FLOATS], slot, SLOT_FLOATS);
    AscendC::SyncAll();
    AscendC::LocalTensor<float> partials = partialsBuf.Get<float>();
    AscendC::DataCopy(partials, slotsGm, blockNum * SLOT_FLOATS);
    Sync<AscendC::HardEvent::MTE2_S>();
    float paramSq = 0.0f, updateSq = 0.0f;
    for (int64_t i = 0; i < blockNum; ++i) {
      paramSq += partials.GetValue(i * SLOT_FLOATS);
      updateSq += partials.GetValue(i * SLOT_FLOATS + 1);
    }
    // Square roots on the vector unit: the scalar unit has none.
    AscendC::LocalTensor<float> norms = slotBuf.Get<float>();
    norms.SetValue(0, paramSq);
    norms.SetValue(1, updateSq);
    Sync<AscendC::HardEvent::S_V>();
    AscendC::Sqrt(norms, norms, 2);
    Sync<AscendC::HardEvent::V_S>();
    const float paramNorm = norms.GetValue(0), updateNorm = norms.GetValue(1);
    trustRatio = paramNorm > 0.0f && updateNorm > 0.0f ? paramNorm / updateNorm : 1.0f;
    if (blockIdx == 0) {
      Sync<AscendC::HardEvent::V_MTE3>();
      AscendC::DataCopyPad(normsGm, norms, Bytes(2, sizeof(float)));
    }
  }
  __aicore__ inline void CopyInParamUpdate(int64_t offset, int32_t n) {
    AscendC::LocalTensor<T> p = inQueue[0].AllocTensor<T>();
    AscendC::DataCopyPad(p, stateGm[0][offset], Bytes(n, sizeof(T)), AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    inQueue[0].EnQue(p);
    AscendC::LocalTensor<float> update = updateInQueue.AllocTensor<float>();
    AscendC::DataCopyPad(update, updateGm[offset], Bytes(n, sizeof(float)), AscendC::DataCopyPadExtParams<float>{false, 0, 0, 0});
    updateInQueue.EnQue(update);
  }
  __aicore__ inline void ApplyUpdate(int32_t n, float negStep) {
    AscendC::LocalTensor<T> pT = inQueue[0].DeQue<T>();
    AscendC::LocalTensor<float> update = updateInQueue.DeQue<float>();
    AscendC::LocalTensor<float> p = calcBuf.Get<float>();
    ToFloat(p, pT, n);
    AscendC::Muls(update, update, negStep, n);
    AscendC::Add(p, p, update, n);
    AscendC::LocalTensor<T> out = momentOutQueue.AllocTensor<T>();
    FromFloat(out, p, n);
    momentOutQueue.EnQue(out);
    inQueue[0].FreeTensor(pT);
    updateInQueue.FreeTensor(update);
  }
  __aicore__ inline void CopyOutParam(int64_t offset, int32_t n) {
    AscendC::LocalTensor<T> out = momentOutQueue.DeQue<T>();
    AscendC::DataCopyPad(paramOutGm[offset], out, Bytes(n, sizeof(T)));
    momentOutQueue.FreeTensor(out);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> inQueue[STATE_NUM], updateInQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> momentOutQueue, updateOutQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> calcBuf, accBuf, workBuf, resultBuf, slotBuf, partialsBuf;
  AscendC::GlobalTensor<T> stateGm[STATE_NUM], paramOutGm, expAvgOutGm, expAvgSqOutGm;
  AscendC::GlobalTensor<float> slotsGm, updateGm, normsGm;
  int64_t length = 0, blockNum = 1, blockIdx = 0;
  float lr = 0, beta1 = 0, beta2 = 0, eps = 0, weightDecay = 0, invBias1 = 0, invBias2 = 0, trustRatio = 1.0f;
};
}  // namespace

extern "C" __global__ __aicore__ void lamb_update_norms_custom(GM_ADDR param, GM_ADDR grad, GM_ADDR exp_avg,
                                                               GM_ADDR exp_avg_sq, GM_ADDR param_out,
                                                               GM_ADDR exp_avg_out, GM_ADDR exp_avg_sq_out,
                                                               GM_ADDR norms, GM_ADDR workspace, GM_ADDR tiling) {
  KernelLambUpdateNorms op;
  op.Init(param, grad, exp_avg, exp_avg_sq, param_out, exp_avg_out, exp_avg_sq_out, norms, workspace, tiling);
  op.Process();
}
