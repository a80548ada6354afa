// y_k = x_k + weight (end_k - x_k) for three pairs (x_k, end_k) of independent shapes (torch._foreach_lerp
// with a scalar weight), in one launch.
// Every pair is split over all the cores in turn (each core a contiguous run of 32-element blocks, the
// first blocks % blockNum cores one block more), so a small pair does not leave cores idle while a
// large one runs. Tiles move with DataCopyPad through double-buffered queues shared by the pairs.
// half and bfloat16 are cast to float, computed, and rounded back once.
#include "kernel_operator.h"

namespace {
using T = DTYPE_X0;
constexpr int32_t BUFFER_NUM = 2;
constexpr int32_t TILE_LENGTH = 4096;  // elements per tile: whole 256-byte repeats in every dtype
constexpr int64_t ALIGN_ELEMS = 32;  // a split on 32 elements keeps every core's start 32-byte aligned
constexpr int32_t TENSOR_NUM = 3;

class KernelForeachLerp {
 public:
  __aicore__ inline void Init(GM_ADDR x0, GM_ADDR x1, GM_ADDR x2, GM_ADDR end0, GM_ADDR end1, GM_ADDR end2,
                              GM_ADDR y0, GM_ADDR y1, GM_ADDR y2, GM_ADDR tiling) {
    GET_TILING_DATA(t, tiling);
    weight = t.weight;
    GM_ADDR xs[TENSOR_NUM] = {x0, x1, x2};  // GM_ADDR is a pointer type: one declarator each
    GM_ADDR ends[TENSOR_NUM] = {end0, end1, end2};
    GM_ADDR ys[TENSOR_NUM] = {y0, y1, y2};
    for (int32_t k = 0; k < TENSOR_NUM; ++k) {
      lengths[k] = t.lengths[k];
      xAddr[k] = xs[k];
      endAddr[k] = ends[k];
      yAddr[k] = ys[k];
    }
    pipe.InitBuffer(inQueue, BUFFER_NUM, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(endQueue, BUFFER_NUM, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(outQueue, BUFFER_NUM, TILE_LENGTH * sizeof(T));
    pipe.InitBuffer(floatBuf, (COMPUTE_IN_T ? 1 : 3) * TILE_LENGTH * sizeof(float));
  }
  __aicore__ inline void Process() {
    for (int32_t k = 0; k < TENSOR_NUM; ++k) {
      const int64_t blocks = (lengths[k] + ALIGN_ELEMS - 1) / ALIGN_ELEMS;
      const int64_t blockNum = AscendC::GetBlockNum(), blockIdx = AscendC::GetBlockIdx();
      const int64_t perCore = blocks / blockNum, bigCores = blocks % blockNum;
      const int64_t start = (blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores)) * ALIGN_ELEMS;
      const int64_t planned = (perCore + (blockIdx < bigCores ? 1 : 0)) * ALIGN_ELEMS;
      const int64_t length = start >= lengths[k] ? 0 : (planned < lengths[k] - start ? planned : lengths[k] - start);
      if (length == 0) continue;
      xGm.SetGlobalBuffer((__gm__ T*)xAddr[k] + start, length);
      endGm.SetGlobalBuffer((__gm__ T*)endAddr[k] + start, length);
      yGm.SetGlobalBuffer((__gm__ T*)yAddr[k] + start, length);
      for (int64_t done = 0; done < length; done += TILE_LENGTH) {
        const int32_t n = static_cast<int32_t>(length - done < TILE_LENGTH ? length - done : TILE_LENGTH);
        CopyIn(done, n);
        Compute(n);
        CopyOut(done, n);
      }
    }
  }

 private:
  static constexpr bool COMPUTE_IN_T = AscendC::IsSameType<T, float>::value;

  __aicore__ inline void CopyIn(int64_t offset, int32_t n) {
    const AscendC::DataCopyExtParams copy{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0};
    AscendC::LocalTensor<T> x = inQueue.AllocTensor<T>();
    AscendC::LocalTensor<T> end = endQueue.AllocTensor<T>();
    AscendC::DataCopyPad(x, xGm[offset], copy, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    AscendC::DataCopyPad(end, endGm[offset], copy, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    inQueue.EnQue(x);
    endQueue.EnQue(end);
  }
  __aicore__ inline void Compute(int32_t n) {
    AscendC::LocalTensor<T> x = inQueue.DeQue<T>();
    AscendC::LocalTensor<T> end = endQueue.DeQue<T>();
    AscendC::LocalTensor<T> y = outQueue.AllocTensor<T>();
    AscendC::LocalTensor<float> buf = floatBuf.Get<float>();
    AscendC::LocalTensor<float> diff = buf;
    if constexpr (COMPUTE_IN_T) {
      Lerp(y.template ReinterpretCast<float>(), x.template ReinterpretCast<float>(), end.template ReinterpretCast<float>(), diff, n);
    } else {
      AscendC::LocalTensor<float> xf = buf[TILE_LENGTH], endf = buf[2 * TILE_LENGTH];
      AscendC::Cast(xf, x, AscendC::RoundMode::CAST_NONE, n);
      AscendC::Cast(endf, end, AscendC::RoundMode::CAST_NONE, n);
      Lerp(xf, xf, endf, diff, n);
      AscendC::Cast(y, xf, AscendC::RoundMode::CAST_RINT, n);
    }
    outQueue.EnQue(y);
    inQueue.FreeTensor(x);
    endQueue.FreeTensor(end);
  }
  // y = x + weight (end - x); y may be x.
  __aicore__ inline void Lerp(const AscendC::LocalTensor<float>& y, const AscendC::LocalTensor<float>& x,
                              const AscendC::LocalTensor<float>& end, const AscendC::LocalTensor<float>& diff, int32_t n) {
    AscendC::Sub(diff, end, x, n);
    AscendC::Muls(diff, diff, weight, n);
    AscendC::Add(y, x, diff, n);
  }
  __aicore__ inline void CopyOut(int64_t offset, int32_t n) {
    AscendC::LocalTensor<T> y = outQueue.DeQue<T>();
    AscendC::DataCopyPad(yGm[offset], y, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0});
    outQueue.FreeTensor(y);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> inQueue, endQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> floatBuf;
  AscendC::GlobalTensor<T> xGm, endGm, yGm;
  GM_ADDR xAddr[TENSOR_NUM] = {};
  GM_ADDR endAddr[TENSOR_NUM] = {};
  GM_ADDR yAddr[TENSOR_NUM] = {};
  int64_t lengths[TENSOR_NUM] = {};
  float weight = 0.0f;
};
}  // namespace

extern "C" __global__ __aicore__ void foreach_lerp_custom(GM_ADDR x0, GM_ADDR x1, GM_ADDR x2, GM_ADDR end0,
                                                          GM_ADDR end1, GM_ADDR end2, GM_ADDR y0, GM_ADDR y1,
                                                          GM_ADDR y2, GM_ADDR workspace, GM_ADDR tiling) {
  KernelForeachLerp op;
  op.Init(x0, x1, x2, end0, end1, end2, y0, y1, y2, tiling);
  op.Process();
}
