// AddCustom kernel (fixture): each core adds its slice in tiles of up to 4096 elements, with
// DataCopyPad for the tail that is not a 32-byte multiple.
#include "kernel_operator.h"

constexpr int32_t kTile = 4096;

class KernelAdd {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y, GM_ADDR z, uint32_t total, uint32_t perCore) {
    const uint32_t start = AscendC::GetBlockIdx() * perCore;
    length_ = start >= total ? 0 : (total - start < perCore ? total - start : perCore);
    xGm_.SetGlobalBuffer((__gm__ DTYPE_X*)x + start, length_);
    yGm_.SetGlobalBuffer((__gm__ DTYPE_X*)y + start, length_);
    zGm_.SetGlobalBuffer((__gm__ DTYPE_X*)z + start, length_);
    pipe_.InitBuffer(inX_, 2, kTile * sizeof(DTYPE_X));
    pipe_.InitBuffer(inY_, 2, kTile * sizeof(DTYPE_X));
    pipe_.InitBuffer(out_, 2, kTile * sizeof(DTYPE_X));
  }
  __aicore__ inline void Process() {
    for (uint32_t done = 0; done < length_; done += kTile) {
      const uint32_t n = length_ - done < kTile ? length_ - done : kTile;
      const AscendC::DataCopyExtParams copy{1, static_cast<uint32_t>(n * sizeof(DTYPE_X)), 0, 0, 0};
      AscendC::LocalTensor<DTYPE_X> x = inX_.AllocTensor<DTYPE_X>();
      AscendC::LocalTensor<DTYPE_X> y = inY_.AllocTensor<DTYPE_X>();
      AscendC::DataCopyPad(x, xGm_[done], copy, AscendC::DataCopyPadExtParams<DTYPE_X>{false, 0, 0, 0});
      AscendC::DataCopyPad(y, yGm_[done], copy, AscendC::DataCopyPadExtParams<DTYPE_X>{false, 0, 0, 0});
      inX_.EnQue(x);
      inY_.EnQue(y);
      x = inX_.DeQue<DTYPE_X>();
      y = inY_.DeQue<DTYPE_X>();
      AscendC::LocalTensor<DTYPE_X> z = out_.AllocTensor<DTYPE_X>();
      AscendC::Add(z, x, y, n);
      out_.EnQue(z);
      inX_.FreeTensor(x);
      inY_.FreeTensor(y);
      z = out_.DeQue<DTYPE_X>();
      AscendC::DataCopyPad(zGm_[done], z, copy);
      out_.FreeTensor(z);
    }
  }

 private:
  AscendC::TPipe pipe_;
  AscendC::TQue<AscendC::QuePosition::VECIN, 2> inX_, inY_;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 2> out_;
  AscendC::GlobalTensor<DTYPE_X> xGm_, yGm_, zGm_;
  uint32_t length_ = 0;
};

extern "C" __global__ __aicore__ void add_custom(GM_ADDR x, GM_ADDR y, GM_ADDR z, GM_ADDR workspace, GM_ADDR tiling) {
  GET_TILING_DATA(tilingData, tiling);
  KernelAdd op;
  op.Init(x, y, z, tilingData.totalLength, tilingData.perCore);
  op.Process();
}
