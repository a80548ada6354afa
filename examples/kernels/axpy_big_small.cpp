// z = a * x + y over 100003 floats on 48 cores. The work is split in 32-byte blocks: the first
// (blocks % cores) "big" cores take one block more than the "small" ones, and the last core's final
// tile is not block-aligned, so tiles move with DataCopyPad.
#include "kernel_operator.h"

namespace {
constexpr int32_t TOTAL_LENGTH = 100003;
constexpr int32_t CORE_NUM = 48;
constexpr int32_t BLOCK_ELEMS = 32 / sizeof(float);
constexpr int32_t TOTAL_BLOCKS = (TOTAL_LENGTH + BLOCK_ELEMS - 1) / BLOCK_ELEMS;
constexpr int32_t BIG_CORES = TOTAL_BLOCKS % CORE_NUM;
constexpr int32_t SMALL_LENGTH = TOTAL_BLOCKS / CORE_NUM * BLOCK_ELEMS;
constexpr int32_t BIG_LENGTH = SMALL_LENGTH + BLOCK_ELEMS;
constexpr int32_t TILE_LENGTH = 512;
constexpr float ALPHA = 2.5f;

class KernelAxpy {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y, GM_ADDR z) {
    const int32_t core = AscendC::GetBlockIdx();
    const int32_t start = core < BIG_CORES ? core * BIG_LENGTH
                                           : BIG_CORES * BIG_LENGTH + (core - BIG_CORES) * SMALL_LENGTH;
    const int32_t planned = core < BIG_CORES ? BIG_LENGTH : SMALL_LENGTH;
    length = start + planned > TOTAL_LENGTH ? TOTAL_LENGTH - start : planned;
    xGm.SetGlobalBuffer((__gm__ float*)x + start, length);
    yGm.SetGlobalBuffer((__gm__ float*)y + start, length);
    zGm.SetGlobalBuffer((__gm__ float*)z + start, length);
    pipe.InitBuffer(inQueueX, 2, TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(inQueueY, 2, TILE_LENGTH * sizeof(float));
    pipe.InitBuffer(outQueue, 2, TILE_LENGTH * sizeof(float));
  }
  __aicore__ inline void Process() {
    for (int32_t done = 0; done < length; done += TILE_LENGTH) {
      const int32_t n = length - done < TILE_LENGTH ? length - done : TILE_LENGTH;
      CopyIn(done, n);
      Compute(n);
      CopyOut(done, n);
    }
  }

 private:
  __aicore__ inline void CopyIn(int32_t offset, int32_t n) {
    AscendC::LocalTensor<float> xLocal = inQueueX.AllocTensor<float>();
    AscendC::LocalTensor<float> yLocal = inQueueY.AllocTensor<float>();
    AscendC::DataCopyExtParams params{1, static_cast<uint32_t>(n * sizeof(float)), 0, 0, 0};
    AscendC::DataCopyPadExtParams<float> noPad{false, 0, 0, 0};
    AscendC::DataCopyPad(xLocal, xGm[offset], params, noPad);
    AscendC::DataCopyPad(yLocal, yGm[offset], params, noPad);
    inQueueX.EnQue(xLocal);
    inQueueY.EnQue(yLocal);
  }
  __aicore__ inline void Compute(int32_t n) {
    AscendC::LocalTensor<float> xLocal = inQueueX.DeQue<float>();
    AscendC::LocalTensor<float> yLocal = inQueueY.DeQue<float>();
    AscendC::LocalTensor<float> zLocal = outQueue.AllocTensor<float>();
    AscendC::Muls(zLocal, xLocal, ALPHA, n);
    AscendC::Add(zLocal, zLocal, yLocal, n);
    outQueue.EnQue(zLocal);
    inQueueX.FreeTensor(xLocal);
    inQueueY.FreeTensor(yLocal);
  }
  __aicore__ inline void CopyOut(int32_t offset, int32_t n) {
    AscendC::LocalTensor<float> zLocal = outQueue.DeQue<float>();
    AscendC::DataCopyExtParams params{1, static_cast<uint32_t>(n * sizeof(float)), 0, 0, 0};
    AscendC::DataCopyPad(zGm[offset], zLocal, params);
    outQueue.FreeTensor(zLocal);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 2> inQueueX, inQueueY;
  AscendC::TQue<AscendC::QuePosition::VECOUT, 2> outQueue;
  AscendC::GlobalTensor<float> xGm, yGm, zGm;
  int32_t length = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void axpy_big_small(GM_ADDR x, GM_ADDR y, GM_ADDR z) {
  KernelAxpy op;
  op.Init(x, y, z);
  op.Process();
}
