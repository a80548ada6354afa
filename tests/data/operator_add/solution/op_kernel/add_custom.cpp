// AddCustom kernel: each core adds its blockLength elements tile by tile, double buffered;
// tiling key 2 scales y by alpha first.
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
constexpr int32_t BUFFER_NUM = 2;

class KernelAdd {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y, GM_ADDR z, uint32_t totalLength, uint32_t tileLength,
                              int64_t blockLength, float alphaValue) {
    const int64_t start = blockLength * AscendC::GetBlockIdx();
    length = start >= totalLength ? 0 : (blockLength < totalLength - start ? blockLength : totalLength - start);
    tile = static_cast<int32_t>(tileLength);
    alpha = static_cast<T>(alphaValue);
    xGm.SetGlobalBuffer((__gm__ T*)x + start, length);
    yGm.SetGlobalBuffer((__gm__ T*)y + start, length);
    zGm.SetGlobalBuffer((__gm__ T*)z + start, length);
    pipe.InitBuffer(xQueue, BUFFER_NUM, tile * sizeof(T));
    pipe.InitBuffer(yQueue, BUFFER_NUM, tile * sizeof(T));
    pipe.InitBuffer(zQueue, BUFFER_NUM, tile * sizeof(T));
  }
  template <bool SCALE> __aicore__ inline void Process() {
    for (int64_t done = 0; done < length; done += tile) {
      const int32_t n = static_cast<int32_t>(length - done < tile ? length - done : tile);
      const AscendC::DataCopyExtParams copy{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0};
      AscendC::LocalTensor<T> xLocal = xQueue.AllocTensor<T>(), yLocal = yQueue.AllocTensor<T>();
      AscendC::DataCopyPad(xLocal, xGm[done], copy, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
      AscendC::DataCopyPad(yLocal, yGm[done], copy, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
      xQueue.EnQue(xLocal);
      yQueue.EnQue(yLocal);
      xLocal = xQueue.DeQue<T>();
      yLocal = yQueue.DeQue<T>();
      AscendC::LocalTensor<T> zLocal = zQueue.AllocTensor<T>();
      if constexpr (SCALE) AscendC::Muls(yLocal, yLocal, alpha, n);
      AscendC::Add(zLocal, xLocal, yLocal, n);
      zQueue.EnQue(zLocal);
      xQueue.FreeTensor(xLocal);
      yQueue.FreeTensor(yLocal);
      zLocal = zQueue.DeQue<T>();
      AscendC::DataCopyPad(zGm[done], zLocal, copy);
      zQueue.FreeTensor(zLocal);
    }
  }

 private:
  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> xQueue, yQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> zQueue;
  AscendC::GlobalTensor<T> xGm, yGm, zGm;
  int64_t length = 0;
  int32_t tile = 0;
  T alpha = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void add_custom(GM_ADDR x, GM_ADDR y, GM_ADDR z, GM_ADDR workspace, GM_ADDR tiling) {
  GET_TILING_DATA(tilingData, tiling);
  KernelAdd op;
  op.Init(x, y, z, tilingData.totalLength, tilingData.tileLength, tilingData.blockLength, tilingData.alpha);
  if (TILING_KEY_IS(1)) {
    op.Process<false>();
  } else if (TILING_KEY_IS(2)) {
    op.Process<true>();
  }
}
