// out = input + value * tensor1 * tensor2, input and tensor1 [R, C], tensor2 [C] broadcast over the rows.
// Rows are split over the cores (the first rows % blockNum cores take one row more); tensor2 comes into
// UB once per core. Tiles of whole rows move with one DataCopyPad per tensor (each row padded to 32 bytes
// in UB) through double-buffered queues; the product with tensor2 runs row by row, the scaling and the
// sum over the whole tile (padding included, never written back).
// half and bfloat16 are cast to float, computed, and rounded back once.
#include "kernel_operator.h"

namespace {
using T = DTYPE_INPUT;
constexpr int32_t BUFFER_NUM = 2;
constexpr int32_t TILE_LENGTH = 4096;  // elements of the padded rows in one tile

__aicore__ inline int32_t AlignUp(int32_t n, int32_t to) { return (n + to - 1) / to * to; }

class KernelAddcmul {
 public:
  __aicore__ inline void Init(GM_ADDR input, GM_ADDR tensor1, GM_ADDR tensor2, GM_ADDR out, GM_ADDR tiling) {
    GET_TILING_DATA(t, tiling);
    cols = static_cast<int32_t>(t.cols);
    value = t.value;
    const int64_t blockNum = AscendC::GetBlockNum(), blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = t.rows / blockNum, bigCores = t.rows % blockNum;
    const int64_t firstRow = blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores);
    rowCount = perCore + (blockIdx < bigCores ? 1 : 0);
    if (rowCount == 0) return;
    inputGm.SetGlobalBuffer((__gm__ T*)input + firstRow * cols, rowCount * cols);
    tensor1Gm.SetGlobalBuffer((__gm__ T*)tensor1 + firstRow * cols, rowCount * cols);
    outGm.SetGlobalBuffer((__gm__ T*)out + firstRow * cols, rowCount * cols);
    stride = AlignUp(cols, 16);  // a whole number of 32-byte blocks in T and in float
    tileRows = TILE_LENGTH / stride > 0 ? TILE_LENGTH / stride : 1;
    pipe.InitBuffer(inputQueue, BUFFER_NUM, tileRows * stride * sizeof(T));
    pipe.InitBuffer(tensor1Queue, BUFFER_NUM, tileRows * stride * sizeof(T));
    pipe.InitBuffer(outQueue, BUFFER_NUM, tileRows * stride * sizeof(T));
    pipe.InitBuffer(productBuf, tileRows * stride * sizeof(float));
    pipe.InitBuffer(tensor2Buf, stride * sizeof(float));
    if constexpr (!COMPUTE_IN_T) pipe.InitBuffer(castBuf, 2 * tileRows * stride * sizeof(float));
    LoadTensor2(tensor2);
  }
  __aicore__ inline void Process() {
    for (int64_t done = 0; done < rowCount; done += tileRows) {
      const int32_t n = static_cast<int32_t>(rowCount - done < tileRows ? rowCount - done : tileRows);
      CopyIn(done, n);
      Compute(n);
      CopyOut(done, n);
    }
  }

 private:
  static constexpr bool COMPUTE_IN_T = AscendC::IsSameType<T, float>::value;

  // The 32-byte blocks between two rows in UB beyond DataCopyPad's own padding of each row.
  __aicore__ inline uint32_t RowGapBlocks() const {
    return static_cast<uint32_t>((stride * sizeof(T) - AlignUp(cols * static_cast<int32_t>(sizeof(T)), 32)) / 32);
  }
  __aicore__ inline AscendC::DataCopyExtParams RowsCopy(int32_t n) const {
    return AscendC::DataCopyExtParams{static_cast<uint16_t>(n), static_cast<uint32_t>(cols * sizeof(T)), 0, RowGapBlocks(), 0};
  }
  // tensor2 as float in tensor2Buf, loaded once (through the output queue's first buffer).
  __aicore__ inline void LoadTensor2(GM_ADDR tensor2) {
    AscendC::GlobalTensor<T> tensor2Gm;
    tensor2Gm.SetGlobalBuffer((__gm__ T*)tensor2, cols);
    AscendC::LocalTensor<T> staging = outQueue.AllocTensor<T>();
    AscendC::DataCopyPad(staging, tensor2Gm, RowsCopy(1), AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    const int32_t eventId = pipe.FetchEventID(AscendC::HardEvent::MTE2_V);
    AscendC::SetFlag<AscendC::HardEvent::MTE2_V>(eventId);
    AscendC::WaitFlag<AscendC::HardEvent::MTE2_V>(eventId);
    AscendC::LocalTensor<float> tensor2F = tensor2Buf.Get<float>();
    if constexpr (COMPUTE_IN_T) {
      AscendC::Adds(tensor2F, staging.template ReinterpretCast<float>(), 0.0f, cols);
    } else {
      AscendC::Cast(tensor2F, staging, AscendC::RoundMode::CAST_NONE, cols);
    }
    outQueue.FreeTensor(staging);
  }
  __aicore__ inline void CopyIn(int64_t row, int32_t n) {
    AscendC::LocalTensor<T> input = inputQueue.AllocTensor<T>();
    AscendC::LocalTensor<T> tensor1 = tensor1Queue.AllocTensor<T>();
    AscendC::DataCopyPad(input, inputGm[row * cols], RowsCopy(n), AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    AscendC::DataCopyPad(tensor1, tensor1Gm[row * cols], RowsCopy(n), AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    inputQueue.EnQue(input);
    tensor1Queue.EnQue(tensor1);
  }
  __aicore__ inline void Compute(int32_t n) {
    AscendC::LocalTensor<T> inputT = inputQueue.DeQue<T>(), tensor1T = tensor1Queue.DeQue<T>();
    AscendC::LocalTensor<T> outT = outQueue.AllocTensor<T>();
    const int32_t count = n * stride;
    AscendC::LocalTensor<float> input, tensor1, out;
    AscendC::LocalTensor<float> product = productBuf.Get<float>(), tensor2F = tensor2Buf.Get<float>();
    if constexpr (COMPUTE_IN_T) {
      input = inputT.template ReinterpretCast<float>();
      tensor1 = tensor1T.template ReinterpretCast<float>();
      out = outT.template ReinterpretCast<float>();
    } else {
      AscendC::LocalTensor<float> buf = castBuf.Get<float>();
      input = buf;
      tensor1 = buf[tileRows * stride];
      out = input;  // rounded into outT below
      AscendC::Cast(input, inputT, AscendC::RoundMode::CAST_NONE, count);
      AscendC::Cast(tensor1, tensor1T, AscendC::RoundMode::CAST_NONE, count);
    }
    for (int32_t r = 0; r < n; ++r) AscendC::Mul(product[r * stride], tensor1[r * stride], tensor2F, cols);
    AscendC::Muls(product, product, value, count);
    AscendC::Add(out, input, product, count);
    if constexpr (!COMPUTE_IN_T) AscendC::Cast(outT, out, AscendC::RoundMode::CAST_RINT, count);
    outQueue.EnQue(outT);
    inputQueue.FreeTensor(inputT);
    tensor1Queue.FreeTensor(tensor1T);
  }
  __aicore__ inline void CopyOut(int64_t row, int32_t n) {
    AscendC::LocalTensor<T> out = outQueue.DeQue<T>();
    const AscendC::DataCopyExtParams copy{static_cast<uint16_t>(n), static_cast<uint32_t>(cols * sizeof(T)), RowGapBlocks(), 0, 0};
    AscendC::DataCopyPad(outGm[row * cols], out, copy);
    outQueue.FreeTensor(out);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> inputQueue, tensor1Queue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> productBuf, tensor2Buf, castBuf;
  AscendC::GlobalTensor<T> inputGm, tensor1Gm, outGm;
  int64_t rowCount = 0;
  int32_t cols = 0, stride = 0, tileRows = 0;
  float value = 0.0f;
};
}  // namespace

extern "C" __global__ __aicore__ void addcmul_custom(GM_ADDR input, GM_ADDR tensor1, GM_ADDR tensor2, GM_ADDR out, GM_ADDR workspace, GM_ADDR tiling) {
  KernelAddcmul op;
  op.Init(input, tensor1, tensor2, out, tiling);
  op.Process();
}
