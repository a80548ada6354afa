// y = x / max(x) over 16 x 2048 floats on 16 cores in two phases. Phase 1: each core finds its local
// maximum and publishes it, as one 32-byte block, in the GM workspace. SyncAll. Phase 2: every core
// reads all 16 blocks, takes their maximum and scales its slice.
#include "kernel_operator.h"

namespace {
constexpr int32_t CORE_NUM = 16;
constexpr int32_t BLOCK_LENGTH = 2048;
constexpr int32_t FLOATS_PER_BLOCK = 8;
}  // namespace

extern "C" __global__ __aicore__ void normalize_by_max(GM_ADDR x, GM_ADDR y, GM_ADDR workspace) {
  AscendC::TPipe pipe;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> dataBuf, workBuf, maxBuf, allBuf;
  pipe.InitBuffer(dataBuf, BLOCK_LENGTH * sizeof(float));
  pipe.InitBuffer(workBuf, BLOCK_LENGTH * sizeof(float));
  pipe.InitBuffer(maxBuf, FLOATS_PER_BLOCK * sizeof(float));
  pipe.InitBuffer(allBuf, CORE_NUM * FLOATS_PER_BLOCK * sizeof(float));
  const int32_t core = AscendC::GetBlockIdx();
  AscendC::GlobalTensor<float> xGm, yGm, maxima;
  xGm.SetGlobalBuffer((__gm__ float*)x + core * BLOCK_LENGTH, BLOCK_LENGTH);
  yGm.SetGlobalBuffer((__gm__ float*)y + core * BLOCK_LENGTH, BLOCK_LENGTH);
  maxima.SetGlobalBuffer((__gm__ float*)workspace, CORE_NUM * FLOATS_PER_BLOCK);

  AscendC::LocalTensor<float> data = dataBuf.Get<float>();
  AscendC::LocalTensor<float> w = workBuf.Get<float>();
  AscendC::LocalTensor<float> localMax = maxBuf.Get<float>();
  AscendC::DataCopy(data, xGm, BLOCK_LENGTH);
  AscendC::ReduceMax(localMax, data, w, BLOCK_LENGTH);
  AscendC::Duplicate(localMax, localMax.GetValue(0), FLOATS_PER_BLOCK);
  AscendC::DataCopy(maxima[core * FLOATS_PER_BLOCK], localMax, FLOATS_PER_BLOCK);

  AscendC::SyncAll();

  AscendC::LocalTensor<float> all = allBuf.Get<float>();
  AscendC::DataCopy(all, maxima, CORE_NUM * FLOATS_PER_BLOCK);
  AscendC::ReduceMax(localMax, all, w, CORE_NUM * FLOATS_PER_BLOCK);
  AscendC::Muls(data, data, 1.0f / localMax.GetValue(0), BLOCK_LENGTH);
  AscendC::DataCopy(yGm, data, BLOCK_LENGTH);
}
