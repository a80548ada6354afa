// y = min(max(x, lower), upper) with element-wise bound tensors (torch.clamp with tensor min/max).
// Each core takes a contiguous run of 32-element blocks (the first blocks % blockNum cores one block
// more, the last run clipped to the tensor); tiles move with DataCopyPad, so an unaligned tail needs
// no special case, and the queues hold two tiles so copy-in, compute and copy-out overlap.
// half and bfloat16 are cast to float, computed, and rounded back once.
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
constexpr int32_t BUFFER_NUM = 2;
constexpr int32_t TILE_LENGTH = 2048;  // elements per tile: whole 256-byte repeats in every dtype
constexpr int64_t ALIGN_ELEMS = 32;  // a split on 32 elements keeps every core's start 32-byte aligned
constexpr int32_t INPUT_NUM = 3;
constexpr int32_t OUTPUT_NUM = 1;

class KernelClampMinmax {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR lower, GM_ADDR upper, GM_ADDR y, GM_ADDR tiling) {
    GET_TILING_DATA(t, tiling);
    const int64_t blocks = (t.totalLength + ALIGN_ELEMS - 1) / ALIGN_ELEMS;
    const int64_t blockNum = AscendC::GetBlockNum(), blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = blocks / blockNum, bigCores = blocks % blockNum;
    const int64_t start = (blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores)) * ALIGN_ELEMS;
    const int64_t planned = (perCore + (blockIdx < bigCores ? 1 : 0)) * ALIGN_ELEMS;
    length = start >= t.totalLength ? 0 : (planned < t.totalLength - start ? planned : t.totalLength - start);
    if (length == 0) return;
    inGm[0].SetGlobalBuffer((__gm__ T*)x + start, length);
    inGm[1].SetGlobalBuffer((__gm__ T*)lower + start, length);
    inGm[2].SetGlobalBuffer((__gm__ T*)upper + start, length);
    outGm[0].SetGlobalBuffer((__gm__ T*)y + start, length);
    for (int32_t i = 0; i < INPUT_NUM; ++i) pipe.InitBuffer(inQueue[i], BUFFER_NUM, TILE_LENGTH * sizeof(T));
    for (int32_t i = 0; i < OUTPUT_NUM; ++i) pipe.InitBuffer(outQueue[i], BUFFER_NUM, TILE_LENGTH * sizeof(T));
    if constexpr (!COMPUTE_IN_T) pipe.InitBuffer(castBuf, (INPUT_NUM + OUTPUT_NUM) * TILE_LENGTH * sizeof(float));
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
    AscendC::Max(out[0], in[0], in[1], n);
    AscendC::Min(out[0], out[0], in[2], n);
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
  AscendC::TBuf<AscendC::QuePosition::VECCALC> castBuf;
  AscendC::GlobalTensor<T> inGm[INPUT_NUM];
  AscendC::GlobalTensor<T> outGm[OUTPUT_NUM];
  int64_t length = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void clamp_minmax_custom(GM_ADDR x, GM_ADDR lower, GM_ADDR upper, GM_ADDR y, GM_ADDR workspace, GM_ADDR tiling) {
  KernelClampMinmax op;
  op.Init(x, lower, upper, y, tiling);
  op.Process();
}
