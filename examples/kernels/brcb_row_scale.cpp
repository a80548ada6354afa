// y[r, :] = x[r, :] * s[r] for a [64, 64] float matrix (one 256-byte repeat per row), 8 rows per
// core. Brcb turns the 8 row scales into 8 blocks of 8 copies each; one Mul with 8 repeats then
// reads the scale block with block stride 0 and repeat stride 1: the mask/repeat form at work.
#include "kernel_operator.h"

namespace {
constexpr int32_t CORE_NUM = 8;
constexpr int32_t ROWS_PER_CORE = 8;
constexpr int32_t COLS = 64;
}  // namespace

extern "C" __global__ __aicore__ void brcb_row_scale(GM_ADDR x, GM_ADDR s, GM_ADDR y) {
  AscendC::TPipe pipe;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> xBuf, sBuf, blockBuf, yBuf;
  pipe.InitBuffer(xBuf, ROWS_PER_CORE * COLS * sizeof(float));
  pipe.InitBuffer(sBuf, ROWS_PER_CORE * sizeof(float));
  pipe.InitBuffer(blockBuf, ROWS_PER_CORE * 8 * sizeof(float));
  pipe.InitBuffer(yBuf, ROWS_PER_CORE * COLS * sizeof(float));
  AscendC::GlobalTensor<float> xGm, sGm, yGm;
  const int32_t core = AscendC::GetBlockIdx();
  xGm.SetGlobalBuffer((__gm__ float*)x + core * ROWS_PER_CORE * COLS, ROWS_PER_CORE * COLS);
  sGm.SetGlobalBuffer((__gm__ float*)s + core * ROWS_PER_CORE, ROWS_PER_CORE);
  yGm.SetGlobalBuffer((__gm__ float*)y + core * ROWS_PER_CORE * COLS, ROWS_PER_CORE * COLS);

  AscendC::LocalTensor<float> xLocal = xBuf.Get<float>();
  AscendC::LocalTensor<float> sLocal = sBuf.Get<float>();
  AscendC::LocalTensor<float> blocks = blockBuf.Get<float>();
  AscendC::LocalTensor<float> yLocal = yBuf.Get<float>();
  AscendC::DataCopy(xLocal, xGm, ROWS_PER_CORE * COLS);
  AscendC::DataCopy(sLocal, sGm, ROWS_PER_CORE);
  AscendC::SetFlag<AscendC::HardEvent::MTE2_V>(0);
  AscendC::WaitFlag<AscendC::HardEvent::MTE2_V>(0);
  AscendC::Brcb(blocks, sLocal, 1, {1, 8});
  const uint64_t mask = COLS;  // all 64 lanes of a float repeat
  AscendC::Mul(yLocal, xLocal, blocks, mask, ROWS_PER_CORE, {1, 1, 0, 8, 8, 1});
  AscendC::SetFlag<AscendC::HardEvent::V_MTE3>(0);
  AscendC::WaitFlag<AscendC::HardEvent::V_MTE3>(0);
  AscendC::DataCopy(yGm, yLocal, ROWS_PER_CORE * COLS);
}
