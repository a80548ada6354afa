// ScaleCustom kernel: each core scales its blockLength elements tile by tile, double buffered.
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
constexpr int32_t BUFFER_NUM = 2;

class KernelScale {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR z, uint32_t totalLength, uint32_t tileLength, uint32_t blockLength,
                              float scaleValue) {
    const int64_t start = static_cast<int64_t>(blockLength) * AscendC::GetBlockIdx();
    length = start >= totalLength ? 0 : (blockLength < totalLength - start ? blockLength : totalLength - start);
    tile = static_cast<int32_t>(tileLength);
    scale = static_cast<T>(scaleValue);
    xGm.SetGlobalBuffer((__gm__ T*)x + start, length);
    zGm.SetGlobalBuffer((__gm__ T*)z + start, length);
    pipe.InitBuffer(xQueue, BUFFER_NUM, tile * sizeof(T));
    pipe.InitBuffer(zQueue, BUFFER_NUM, tile * sizeof(T));
  }
  __aicore__ inline void Process() {
    for (int64_t done = 0; done < length; done += tile) {
      const int32_t n = static_cast<int32_t>(length - done < tile ? length - done : tile);
      const AscendC::DataCopyExtParams copy{1, static_cast<uint32_t>(n * sizeof(T)), 0, 0, 0};
      AscendC::LocalTensor<T> xLocal = xQueue.AllocTensor<T>();
      AscendC::DataCopyPad(xLocal, xGm[done], copy, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
      xQueue.EnQue(xLocal);
      xLocal = xQueue.DeQue<T>();
      AscendC::LocalTensor<T> zLocal = zQueue.AllocTensor<T>();
      AscendC::Muls(zLocal, xLocal, scale, n);
      zQueue.EnQue(zLocal);
      xQueue.FreeTensor(xLocal);
      zLocal = zQueue.DeQue<T>();
      AscendC::DataCopyPad(zGm[done], zLocal, copy);
      zQueue.FreeTensor(zLocal);
    }
  }

 private:
  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> xQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> zQueue;
  AscendC::GlobalTensor<T> xGm, zGm;
  int64_t length = 0;
  int32_t tile = 0;
  T scale = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void scale_custom(GM_ADDR x, GM_ADDR z, GM_ADDR workspace, GM_ADDR tiling) {
  GET_TILING_DATA(tilingData, tiling);
  KernelScale op;
  op.Init(x, z, tilingData.totalLength, tilingData.tileLength, tilingData.blockLength, tilingData.scale);
  op.Process();
}
