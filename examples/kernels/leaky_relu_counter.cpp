// y = leaky_relu(x, 0.01) for 2 x 3000 halves. Vector instructions run in counter mode: SetMaskCount
// plus SetVectorMask<half, MaskMode::COUNTER>(0, n) makes one instruction cover n elements whatever
// the repeat count says, and the API is called with isSetMask = false so it uses that register.
#include "kernel_operator.h"

namespace {
constexpr int32_t CORE_NUM = 2;
constexpr int32_t BLOCK_LENGTH = 3008;  // 3000 elements rounded up to whole 32-byte blocks
constexpr int32_t VALID_LENGTH = 3000;
constexpr float ALPHA = 0.01f;
}  // namespace

extern "C" __global__ __aicore__ void leaky_relu_counter(GM_ADDR x, GM_ADDR y) {
  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 1> inQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 1> outQueue;
  pipe.InitBuffer(inQueue, 1, BLOCK_LENGTH * sizeof(half));
  pipe.InitBuffer(outQueue, 1, BLOCK_LENGTH * sizeof(half));
  AscendC::GlobalTensor<half> xGm, yGm;
  xGm.SetGlobalBuffer((__gm__ half*)x + AscendC::GetBlockIdx() * BLOCK_LENGTH, BLOCK_LENGTH);
  yGm.SetGlobalBuffer((__gm__ half*)y + AscendC::GetBlockIdx() * BLOCK_LENGTH, BLOCK_LENGTH);

  AscendC::LocalTensor<half> xLocal = inQueue.AllocTensor<half>();
  AscendC::DataCopy(xLocal, xGm, BLOCK_LENGTH);
  inQueue.EnQue(xLocal);
  xLocal = inQueue.DeQue<half>();
  AscendC::LocalTensor<half> yLocal = outQueue.AllocTensor<half>();
  AscendC::Duplicate(yLocal, half(0), BLOCK_LENGTH);

  AscendC::SetMaskCount();
  AscendC::SetVectorMask<half, AscendC::MaskMode::COUNTER>(0, VALID_LENGTH);
  AscendC::LeakyRelu<half, false>(yLocal, xLocal, half(ALPHA), AscendC::MASK_PLACEHOLDER, 1,
                                  AscendC::UnaryRepeatParams(1, 1, 8, 8));
  AscendC::SetMaskNorm();
  AscendC::ResetMask();

  outQueue.EnQue(yLocal);
  inQueue.FreeTensor(xLocal);
  yLocal = outQueue.DeQue<half>();
  AscendC::DataCopy(yGm, yLocal, BLOCK_LENGTH);
  outQueue.FreeTensor(yLocal);
}
