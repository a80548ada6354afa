// C[M x N] = A[M x K] x B[K x N] in half with float accumulation on the cube unit, written as an
// Ascend C kernel for the 910B's AIC: each core takes 128 x 128 tiles of C in turn; K streams
// through L1 in 256-deep chunks (ND -> NZ on the way in) and through L0A/L0B in 64-deep steps,
// double-buffered; the tile accumulates in L0C and leaves through Fixpipe as half.
// tiling: uint32 {M, N, K}, each a multiple of the tile sizes below.
#include "kernel_operator.h"

using namespace AscendC;

namespace {
constexpr uint32_t kBaseM = 128, kBaseN = 128, kChunkK = 256, kStepK = 64, kFractal = 256;

class MatmulCube {
 public:
  __aicore__ inline void Init(GM_ADDR a, GM_ADDR b, GM_ADDR c, GM_ADDR tiling) {
    GlobalTensor<uint32_t> t;
    t.SetGlobalBuffer((__gm__ uint32_t*)tiling, 3);
    m_ = t.GetValue(0);
    n_ = t.GetValue(1);
    k_ = t.GetValue(2);
    aGm_.SetGlobalBuffer((__gm__ half*)a, m_ * k_);
    bGm_.SetGlobalBuffer((__gm__ half*)b, k_ * n_);
    cGm_.SetGlobalBuffer((__gm__ half*)c, m_ * n_);
    pipe_.InitBuffer(inA1_, 2, kBaseM * kChunkK * sizeof(half));
    pipe_.InitBuffer(inB1_, 2, kChunkK * kBaseN * sizeof(half));
    pipe_.InitBuffer(inA2_, 2, kBaseM * kStepK * sizeof(half));
    pipe_.InitBuffer(inB2_, 2, kStepK * kBaseN * sizeof(half));
    pipe_.InitBuffer(outCO1_, 1, kBaseM * kBaseN * sizeof(float));
  }

  __aicore__ inline void Process() {
    const uint32_t tilesN = n_ / kBaseN, tiles = m_ / kBaseM * tilesN;
    for (uint32_t tile = GetBlockIdx(); tile < tiles; tile += GetBlockNum()) {
      const uint32_t m0 = tile / tilesN * kBaseM, n0 = tile % tilesN * kBaseN;
      LocalTensor<float> acc = outCO1_.AllocTensor<float>();
      for (uint32_t k0 = 0; k0 < k_; k0 += kChunkK) {
        CopyIn(m0, n0, k0);
        LocalTensor<half> a1 = inA1_.DeQue<half>();
        LocalTensor<half> b1 = inB1_.DeQue<half>();
        for (uint32_t step = 0; step < kChunkK / kStepK; ++step) {
          SplitA(a1, step);
          SplitB(b1, step);
          Compute(acc, k0 == 0 && step == 0);
        }
        inA1_.FreeTensor(a1);
        inB1_.FreeTensor(b1);
      }
      outCO1_.EnQue(acc);
      CopyOut(m0, n0);
    }
  }

 private:
  // GM (ND) -> L1 (NZ): the A rows of this tile over one K chunk, and the B columns.
  __aicore__ inline void CopyIn(uint32_t m0, uint32_t n0, uint32_t k0) {
    LocalTensor<half> a1 = inA1_.AllocTensor<half>();
    LocalTensor<half> b1 = inB1_.AllocTensor<half>();
    DataCopy(a1, aGm_[m0 * k_ + k0], Nd2NzParams(1, kBaseM, kChunkK, 0, k_, kBaseM, 1, 0));
    DataCopy(b1, bGm_[k0 * n_ + n0], Nd2NzParams(1, kChunkK, kBaseN, 0, n_, kChunkK, 1, 0));
    inA1_.EnQue(a1);
    inB1_.EnQue(b1);
  }
  // L1 NZ -> L0A ZZ: for each 16-row block, the k-blocks of this step.
  __aicore__ inline void SplitA(const LocalTensor<half>& a1, uint32_t step) {
    LocalTensor<half> a2 = inA2_.AllocTensor<half>();
    constexpr uint32_t rowBlocks = kBaseM / 16, kBlocks = kStepK / 16;
    for (uint32_t i = 0; i < rowBlocks; ++i)
      LoadData(a2[i * kBlocks * kFractal], a1[i * kFractal],
               LoadData2DParams(step * kBlocks * rowBlocks, kBlocks, rowBlocks, 0, 0, false, 0));
    inA2_.EnQue(a2);
  }
  // L1 NZ -> L0B ZN: each k-block of this step, its fractals transposed.
  __aicore__ inline void SplitB(const LocalTensor<half>& b1, uint32_t step) {
    LocalTensor<half> b2 = inB2_.AllocTensor<half>();
    constexpr uint32_t colBlocks = kBaseN / 16, kBlocks = kStepK / 16, chunkBlocks = kChunkK / 16;
    for (uint32_t kb = 0; kb < kBlocks; ++kb)
      LoadData(b2[kb * colBlocks * kFractal], b1[(step * kBlocks + kb) * kFractal],
               LoadData2DParams(0, colBlocks, chunkBlocks, 0, 0, true, 0));
    inB2_.EnQue(b2);
  }
  __aicore__ inline void Compute(const LocalTensor<float>& acc, bool first) {
    LocalTensor<half> a2 = inA2_.DeQue<half>();
    LocalTensor<half> b2 = inB2_.DeQue<half>();
    Mmad(acc, a2, b2, MmadParams(kBaseM, kBaseN, kStepK, 0, false, first));
    inA2_.FreeTensor(a2);
    inB2_.FreeTensor(b2);
  }
  // L0C (NZ, float) -> GM (ND, half).
  __aicore__ inline void CopyOut(uint32_t m0, uint32_t n0) {
    LocalTensor<float> acc = outCO1_.DeQue<float>();
    FixpipeParamsV220 params(kBaseN, kBaseM, kBaseM, n_, false);
    params.quantPre = QuantMode_t::F322F16;
    Fixpipe(cGm_[m0 * n_ + n0], acc, params);
    outCO1_.FreeTensor(acc);
  }

  TPipe pipe_;
  TQue<TPosition::A1, 2> inA1_;
  TQue<TPosition::B1, 2> inB1_;
  TQue<TPosition::A2, 2> inA2_;
  TQue<TPosition::B2, 2> inB2_;
  TQue<TPosition::CO1, 1> outCO1_;
  GlobalTensor<half> aGm_, bGm_, cGm_;
  uint32_t m_ = 0, n_ = 0, k_ = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void matmul_cube(GM_ADDR a, GM_ADDR b, GM_ADDR c, GM_ADDR tiling) {
  MatmulCube op;
  op.Init(a, b, c, tiling);
  op.Process();
}
