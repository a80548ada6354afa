// The sum of 48 x 4096 floats into one float: each core reduces its slice with ReduceSum, then adds
// its partial sum into GM with atomic accumulation (SetAtomicAdd ... SetAtomicNone), the standard
// way for several cores to write one location.
#include "kernel_operator.h"

namespace {
constexpr int32_t CORE_NUM = 48;
constexpr int32_t BLOCK_LENGTH = 4096;
}  // namespace

extern "C" __global__ __aicore__ void global_sum_atomic(GM_ADDR x, GM_ADDR sum) {
  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 1> inQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 1> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> work;
  pipe.InitBuffer(inQueue, 1, BLOCK_LENGTH * sizeof(float));
  pipe.InitBuffer(outQueue, 1, 32);
  pipe.InitBuffer(work, BLOCK_LENGTH * sizeof(float));
  AscendC::GlobalTensor<float> xGm, sumGm;
  xGm.SetGlobalBuffer((__gm__ float*)x + BLOCK_LENGTH * AscendC::GetBlockIdx(), BLOCK_LENGTH);
  sumGm.SetGlobalBuffer((__gm__ float*)sum, 1);

  AscendC::LocalTensor<float> xLocal = inQueue.AllocTensor<float>();
  AscendC::DataCopy(xLocal, xGm, BLOCK_LENGTH);
  inQueue.EnQue(xLocal);
  xLocal = inQueue.DeQue<float>();
  AscendC::LocalTensor<float> partial = outQueue.AllocTensor<float>();
  AscendC::LocalTensor<float> w = work.Get<float>();
  AscendC::ReduceSum(partial, xLocal, w, BLOCK_LENGTH);
  outQueue.EnQue(partial);
  inQueue.FreeTensor(xLocal);

  partial = outQueue.DeQue<float>();
  AscendC::SetAtomicAdd<float>();
  AscendC::DataCopyPad(sumGm, partial, {1, sizeof(float), 0, 0, 0});
  AscendC::SetAtomicNone();
  outQueue.FreeTensor(partial);
}
