// ForeachScaledAdd kernel (fixture): y[i] = x1[i] + x2[i] * alpha for each tensor of the lists,
// one tensor per core at a time. x1 and y are read through AscendC::ListTensorDesc; x2's data
// pointers are read by hand (word 0 of the descriptor is the byte offset of the pointers), as
// many CANN Foreach kernels do.
#include "kernel_operator.h"

constexpr uint32_t kTile = 2048;

class KernelForeachScaledAdd {
 public:
  __aicore__ inline void Init(GM_ADDR x1, GM_ADDR x2, GM_ADDR alpha, GM_ADDR y) {
    x1List_.Init(x1);
    yList_.Init(y);
    x2Words_ = reinterpret_cast<__gm__ uint64_t*>(x2);
    AscendC::GlobalTensor<float> alphaGm;
    alphaGm.SetGlobalBuffer((__gm__ float*)alpha, 1);
    alpha_ = static_cast<DTYPE_X1>(alphaGm.GetValue(0));
    pipe_.InitBuffer(in1_, 2, kTile * sizeof(DTYPE_X1));
    pipe_.InitBuffer(in2_, 2, kTile * sizeof(DTYPE_X1));
    pipe_.InitBuffer(out_, 2, kTile * sizeof(DTYPE_X1));
  }

  __aicore__ inline void Process(const ForeachScaledAddTilingData& tiling) {
    for (uint32_t i = AscendC::GetBlockIdx(); i < tiling.tensorCount; i += AscendC::GetBlockNum()) {
      const uint32_t length = tiling.lengths[i];
      x1Gm_.SetGlobalBuffer(x1List_.GetDataPtr<DTYPE_X1>(i), length);
      x2Gm_.SetGlobalBuffer(reinterpret_cast<__gm__ DTYPE_X1*>(*(x2Words_ + (*x2Words_ >> 3) + i)), length);
      yGm_.SetGlobalBuffer(yList_.GetDataPtr<DTYPE_X1>(i), length);
      for (uint32_t done = 0; done < length; done += kTile) Tile(done, length - done < kTile ? length - done : kTile);
    }
  }

 private:
  __aicore__ inline void Tile(uint32_t offset, uint32_t n) {
    const AscendC::DataCopyExtParams copy{1, static_cast<uint32_t>(n * sizeof(DTYPE_X1)), 0, 0, 0};
    AscendC::LocalTensor<DTYPE_X1> a = in1_.AllocTensor<DTYPE_X1>();
    AscendC::LocalTensor<DTYPE_X1> b = in2_.AllocTensor<DTYPE_X1>();
    AscendC::DataCopyPad(a, x1Gm_[offset], copy, AscendC::DataCopyPadExtParams<DTYPE_X1>{false, 0, 0, 0});
    AscendC::DataCopyPad(b, x2Gm_[offset], copy, AscendC::DataCopyPadExtParams<DTYPE_X1>{false, 0, 0, 0});
    in1_.EnQue(a);
    in2_.EnQue(b);
    a = in1_.DeQue<DTYPE_X1>();
    b = in2_.DeQue<DTYPE_X1>();
    AscendC::LocalTensor<DTYPE_X1> c = out_.AllocTensor<DTYPE_X1>();
    AscendC::Muls(c, b, alpha_, n);
    AscendC::PipeBarrier<PIPE_V>();
    AscendC::Add(c, a, c, n);
    out_.EnQue(c);
    in1_.FreeTensor(a);
    in2_.FreeTensor(b);
    c = out_.DeQue<DTYPE_X1>();
    AscendC::DataCopyPad(yGm_[offset], c, copy);
    out_.FreeTensor(c);
  }

  AscendC::TPipe pipe_;
  AscendC::TQue<AscendC::QuePosition::VECIN, 2> in1_, in2_;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 2> out_;
  AscendC::ListTensorDesc x1List_, yList_;
  __gm__ uint64_t* x2Words_ = nullptr;
  AscendC::GlobalTensor<DTYPE_X1> x1Gm_, x2Gm_, yGm_;
  DTYPE_X1 alpha_;
};

extern "C" __global__ __aicore__ void foreach_scaled_add(GM_ADDR x1, GM_ADDR x2, GM_ADDR alpha, GM_ADDR y,
                                                         GM_ADDR workspace, GM_ADDR tiling) {
  GET_TILING_DATA(tilingData, tiling);
  KernelForeachScaledAdd op;
  op.Init(x1, x2, alpha, y);
  op.Process(tilingData);
}
