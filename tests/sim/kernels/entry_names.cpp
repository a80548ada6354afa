// Kernels whose entry points are named like C library functions, as NPUKernelBench operators are
// (sqrt, exp). Built as a shared object with -fno-builtin, the way a candidate kernel is built,
// and loaded by entry_name_test.cpp through KernelLibrary.
#include "kernel_operator.h"

namespace {
constexpr int32_t kLength = 256;

// y = op(x) over kLength floats in one tile.
template <void (*Op)(const AscendC::LocalTensor<float>&, const AscendC::LocalTensor<float>&, const int32_t&,
                     AscendC::Site)>
void unary_tile(GM_ADDR x, GM_ADDR y) {
  using namespace AscendC;
  TPipe pipe;
  TQue<QuePosition::VECIN, 1> inQueue;
  TQue<QuePosition::VECOUT, 1> outQueue;
  pipe.InitBuffer(inQueue, 1, kLength * sizeof(float));
  pipe.InitBuffer(outQueue, 1, kLength * sizeof(float));
  GlobalTensor<float> xGm, yGm;
  xGm.SetGlobalBuffer((__gm__ float*)x, kLength);
  yGm.SetGlobalBuffer((__gm__ float*)y, kLength);
  LocalTensor<float> in = inQueue.AllocTensor<float>();
  DataCopy(in, xGm, kLength);
  inQueue.EnQue(in);
  LocalTensor<float> a = inQueue.DeQue<float>();
  LocalTensor<float> out = outQueue.AllocTensor<float>();
  Op(out, a, kLength, Site::here());
  outQueue.EnQue(out);
  inQueue.FreeTensor(a);
  LocalTensor<float> res = outQueue.DeQue<float>();
  DataCopy(yGm, res, kLength);
  outQueue.FreeTensor(res);
}
}  // namespace

extern "C" __global__ __aicore__ void sqrt(GM_ADDR x, GM_ADDR y, GM_ADDR workspace) {
  (void)workspace;
  unary_tile<AscendC::Sqrt<float>>(x, y);
}

extern "C" __global__ __aicore__ void exp(GM_ADDR x, GM_ADDR y, GM_ADDR workspace) {
  (void)workspace;
  unary_tile<AscendC::Exp<float>>(x, y);
}
