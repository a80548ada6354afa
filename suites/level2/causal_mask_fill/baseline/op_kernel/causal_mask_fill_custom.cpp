// Baseline for causal_mask_fill: a naive first attempt, correct on every case. It is the reference
// solution's computation run on core 0 alone (the other cores return), with single-buffered queues
// (copy-in, compute and copy-out never overlap), one row per tile.
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
constexpr int32_t BUFFER_NUM = 1;
constexpr int32_t REPEAT_FLOATS = 64;  // Compares runs over whole 256-byte repeats

__aicore__ inline int32_t AlignUp(int32_t n, int32_t to) { return (n + to - 1) / to * to; }

class KernelCausalMaskFill {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y, GM_ADDR tiling) {
    GET_TILING_DATA(t, tiling);
    queries = t.queries;
    keys = static_cast<int32_t>(t.keys);
    scale = t.scale;
    fillValue = t.fillValue;
    const int64_t rows = t.batch * t.queries;
    const int64_t blockNum = 1, blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = rows / blockNum, bigCores = rows % blockNum;
    firstRow = blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores);
    rowCount = perCore + (blockIdx < bigCores ? 1 : 0);
    if (rowCount == 0) return;
    xGm.SetGlobalBuffer((__gm__ T*)x + firstRow * keys, rowCount * keys);
    yGm.SetGlobalBuffer((__gm__ T*)y + firstRow * keys, rowCount * keys);
    strideT = AlignUp(keys, 32 / sizeof(T));
    strideF = AlignUp(keys, REPEAT_FLOATS);
    tileRows = 1;
    pipe.InitBuffer(inQueue, BUFFER_NUM, tileRows * strideT * sizeof(T));
    pipe.InitBuffer(outQueue, BUFFER_NUM, tileRows * strideT * sizeof(T));
    if constexpr (!COMPUTE_IN_T) pipe.InitBuffer(floatBuf, tileRows * strideF * sizeof(float));
    pipe.InitBuffer(columnBuf, strideF * sizeof(float));
    pipe.InitBuffer(bitsBuf, strideF / 8);
    BuildColumnIndex();
  }
  __aicore__ inline void Process() {
    for (int64_t done = 0; done < rowCount; done += tileRows) {
      const int32_t n = static_cast<int32_t>(rowCount - done < tileRows ? rowCount - done : tileRows);
      CopyIn(done, n);
      Compute(done, n);
      CopyOut(done, n);
    }
  }

 private:
  static constexpr bool COMPUTE_IN_T = AscendC::IsSameType<T, float>::value;

  // column[j] = j for j < strideF: eight scalar stores, then column[k, 2k) = column[0, k) + k.
  __aicore__ inline void BuildColumnIndex() {
    AscendC::LocalTensor<float> column = columnBuf.Get<float>();
    for (int32_t j = 0; j < 8; ++j) column.SetValue(j, static_cast<float>(j));
    const int32_t eventId = pipe.FetchEventID(AscendC::HardEvent::S_V);
    AscendC::SetFlag<AscendC::HardEvent::S_V>(eventId);
    AscendC::WaitFlag<AscendC::HardEvent::S_V>(eventId);
    for (int32_t k = 8; k < strideF; k *= 2) {
      const int32_t count = strideF - k < k ? strideF - k : k;
      AscendC::Adds(column[k], column, static_cast<float>(k), count);
    }
  }
  __aicore__ inline void CopyIn(int64_t row, int32_t n) {
    AscendC::LocalTensor<T> x = inQueue.AllocTensor<T>();
    AscendC::DataCopyPad(x, xGm[row * keys], AscendC::DataCopyExtParams{static_cast<uint16_t>(n), static_cast<uint32_t>(keys * sizeof(T)), 0, 0, 0},
                         AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    inQueue.EnQue(x);
  }
  __aicore__ inline void Compute(int64_t row, int32_t n) {
    AscendC::LocalTensor<T> x = inQueue.DeQue<T>();
    AscendC::LocalTensor<T> y = outQueue.AllocTensor<T>();
    AscendC::LocalTensor<float> column = columnBuf.Get<float>();
    AscendC::LocalTensor<uint8_t> bits = bitsBuf.Get<uint8_t>();
    for (int32_t r = 0; r < n; ++r) {
      // Query i sees keys j < i + 1 + (Sk - Sq).
      const int64_t query = (firstRow + row + r) % queries;
      AscendC::Compares(bits, column, static_cast<float>(query + 1 + keys - queries), AscendC::CMPMODE::LT, strideF);
      if constexpr (COMPUTE_IN_T) {
        AscendC::LocalTensor<float> xr = x[r * strideT].template ReinterpretCast<float>();
        AscendC::LocalTensor<float> yr = y[r * strideT].template ReinterpretCast<float>();
        AscendC::Muls(xr, xr, scale, keys);
        AscendC::Select(yr, bits, xr, fillValue, AscendC::SELMODE::VSEL_TENSOR_SCALAR_MODE, keys);
      } else {
        AscendC::LocalTensor<float> xr = floatBuf.Get<float>()[r * strideF];
        AscendC::Cast(xr, x[r * strideT], AscendC::RoundMode::CAST_NONE, keys);
        AscendC::Muls(xr, xr, scale, keys);
        AscendC::Select(xr, bits, xr, fillValue, AscendC::SELMODE::VSEL_TENSOR_SCALAR_MODE, keys);
        AscendC::Cast(y[r * strideT], xr, AscendC::RoundMode::CAST_RINT, keys);
      }
    }
    outQueue.EnQue(y);
    inQueue.FreeTensor(x);
  }
  __aicore__ inline void CopyOut(int64_t row, int32_t n) {
    AscendC::LocalTensor<T> y = outQueue.DeQue<T>();
    AscendC::DataCopyPad(yGm[row * keys], y, AscendC::DataCopyExtParams{static_cast<uint16_t>(n), static_cast<uint32_t>(keys * sizeof(T)), 0, 0, 0});
    outQueue.FreeTensor(y);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> inQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> floatBuf, columnBuf, bitsBuf;
  AscendC::GlobalTensor<T> xGm, yGm;
  int64_t queries = 0, firstRow = 0, rowCount = 0;
  int32_t keys = 0, strideT = 0, strideF = 0, tileRows = 0;
  float scale = 1.0f, fillValue = 0.0f;
};
}  // namespace

extern "C" __global__ __aicore__ void causal_mask_fill_custom(GM_ADDR x, GM_ADDR y, GM_ADDR workspace, GM_ADDR tiling) {
  if (AscendC::GetBlockIdx() != 0) return;  // one core does everything
  KernelCausalMaskFill op;
  op.Init(x, y, tiling);
  op.Process();
}
