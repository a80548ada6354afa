// z = x * y in half precision, one 256-element tile per core.
#include "kernel_operator.h"

extern "C" __global__ __aicore__ void mul_tile(GM_ADDR x, GM_ADDR y, GM_ADDR z) {
  constexpr int32_t kTile = 256;
  const int64_t offset = kTile * AscendC::GetBlockIdx();
  AscendC::GlobalTensor<half> xGm, yGm, zGm;
  xGm.SetGlobalBuffer((__gm__ half*)x + offset, kTile);
  yGm.SetGlobalBuffer((__gm__ half*)y + offset, kTile);
  zGm.SetGlobalBuffer((__gm__ half*)z + offset, kTile);
  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 1> inX, inY;
  pipe.InitBuffer(inX, 1, kTile * sizeof(half));
  pipe.InitBuffer(inY, 1, kTile * sizeof(half));
  AscendC::LocalTensor<half> xLocal = inX.AllocTensor<half>();
  AscendC::LocalTensor<half> yLocal = inY.AllocTensor<half>();
  AscendC::DataCopy(xLocal, xGm, kTile);
  AscendC::DataCopy(yLocal, yGm, kTile);
  inX.EnQue(xLocal);
  inY.EnQue(yLocal);
  xLocal = inX.DeQue<half>();
  yLocal = inY.DeQue<half>();
  AscendC::Mul(xLocal, xLocal, yLocal, kTile);
  AscendC::DataCopy(zGm, xLocal, kTile);
  inX.FreeTensor(xLocal);
  inY.FreeTensor(yLocal);
}
