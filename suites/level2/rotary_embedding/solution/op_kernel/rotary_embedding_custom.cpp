// Rotary position embedding, rotate-half form: out = x * cos + rotate_half(x) * sin, with
// rotate_half(x) = cat(-x[..., D/2:], x[..., :D/2]); x is [B, S, H, D], cos and sin are [S, D].
// Per head, with halves x1, x2 and c1, c2, s1, s2: out1 = x1 c1 - x2 s1, out2 = x2 c2 + x1 s2.
// Tokens (b, s) are split over the cores (the first tokens % blockNum cores take one more). A token's
// H x D block and its cos and sin rows come in through double-buffered queues; each of the six products
// and sums covers all H heads in one instruction: D/2 lanes per repeat, one repeat per head (repeat
// stride D floats) and a repeat stride of 0 on the cos/sin row, which every head reuses.
// half and bfloat16 are cast to float, computed, and rounded back once.
#include "kernel_operator.h"

namespace {
using T = DTYPE_X;
constexpr int32_t BUFFER_NUM = 2;
constexpr int32_t FLOATS_PER_BLOCK = 8;  // floats in a 32-byte block

class KernelRotaryEmbedding {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR cos, GM_ADDR sin, GM_ADDR out, GM_ADDR tiling) {
    GET_TILING_DATA(t, tiling);
    seqLen = t.seqLen;
    heads = static_cast<int32_t>(t.heads);
    headDim = static_cast<int32_t>(t.headDim);
    tokenElems = heads * headDim;
    const int64_t blockNum = AscendC::GetBlockNum(), blockIdx = AscendC::GetBlockIdx();
    const int64_t perCore = t.tokens / blockNum, bigCores = t.tokens % blockNum;
    firstToken = blockIdx * perCore + (blockIdx < bigCores ? blockIdx : bigCores);
    tokenCount = perCore + (blockIdx < bigCores ? 1 : 0);
    if (tokenCount == 0) return;
    xGm.SetGlobalBuffer((__gm__ T*)x + firstToken * tokenElems, tokenCount * tokenElems);
    outGm.SetGlobalBuffer((__gm__ T*)out + firstToken * tokenElems, tokenCount * tokenElems);
    cosGm.SetGlobalBuffer((__gm__ T*)cos, t.seqLen * headDim);
    sinGm.SetGlobalBuffer((__gm__ T*)sin, t.seqLen * headDim);
    pipe.InitBuffer(xQueue, BUFFER_NUM, tokenElems * sizeof(T));
    pipe.InitBuffer(cosQueue, BUFFER_NUM, headDim * sizeof(T));
    pipe.InitBuffer(sinQueue, BUFFER_NUM, headDim * sizeof(T));
    pipe.InitBuffer(outQueue, BUFFER_NUM, tokenElems * sizeof(T));
    pipe.InitBuffer(tmpBuf, tokenElems * sizeof(float));
    if constexpr (!COMPUTE_IN_T) pipe.InitBuffer(castBuf, (2 * tokenElems + 2 * headDim) * sizeof(float));
  }
  __aicore__ inline void Process() {
    for (int64_t token = 0; token < tokenCount; ++token) {
      CopyIn(token);
      Compute();
      CopyOut(token);
    }
  }

 private:
  static constexpr bool COMPUTE_IN_T = AscendC::IsSameType<T, float>::value;

  __aicore__ inline void CopyIn(int64_t token) {
    const int64_t position = (firstToken + token) % seqLen;
    AscendC::LocalTensor<T> x = xQueue.AllocTensor<T>();
    AscendC::LocalTensor<T> c = cosQueue.AllocTensor<T>();
    AscendC::LocalTensor<T> s = sinQueue.AllocTensor<T>();
    const AscendC::DataCopyExtParams row{1, static_cast<uint32_t>(headDim * sizeof(T)), 0, 0, 0};
    AscendC::DataCopyPad(x, xGm[token * tokenElems], AscendC::DataCopyExtParams{1, static_cast<uint32_t>(tokenElems * sizeof(T)), 0, 0, 0},
                         AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    AscendC::DataCopyPad(c, cosGm[position * headDim], row, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    AscendC::DataCopyPad(s, sinGm[position * headDim], row, AscendC::DataCopyPadExtParams<T>{false, 0, 0, 0});
    xQueue.EnQue(x);
    cosQueue.EnQue(c);
    sinQueue.EnQue(s);
  }
  __aicore__ inline void Compute() {
    AscendC::LocalTensor<T> xT = xQueue.DeQue<T>(), cT = cosQueue.DeQue<T>(), sT = sinQueue.DeQue<T>();
    AscendC::LocalTensor<T> outT = outQueue.AllocTensor<T>();
    AscendC::LocalTensor<float> x, c, s, out;
    if constexpr (COMPUTE_IN_T) {
      x = xT.template ReinterpretCast<float>();
      c = cT.template ReinterpretCast<float>();
      s = sT.template ReinterpretCast<float>();
      out = outT.template ReinterpretCast<float>();
    } else {
      AscendC::LocalTensor<float> buf = castBuf.Get<float>();
      x = buf;
      out = buf[tokenElems];
      c = buf[2 * tokenElems];
      s = buf[2 * tokenElems + headDim];
      AscendC::Cast(x, xT, AscendC::RoundMode::CAST_NONE, tokenElems);
      AscendC::Cast(c, cT, AscendC::RoundMode::CAST_NONE, headDim);
      AscendC::Cast(s, sT, AscendC::RoundMode::CAST_NONE, headDim);
    }
    AscendC::LocalTensor<float> tmp = tmpBuf.Get<float>();
    const int32_t half = headDim / 2;
    const uint64_t lanes = static_cast<uint64_t>(half);
    const uint8_t repeats = static_cast<uint8_t>(heads);
    const uint8_t headStride = static_cast<uint8_t>(headDim / FLOATS_PER_BLOCK);
    const AscendC::BinaryRepeatParams withRow{1, 1, 1, headStride, headStride, 0};  // src1: the shared cos/sin row
    const AscendC::BinaryRepeatParams perHead{1, 1, 1, headStride, headStride, headStride};
    AscendC::Mul(out, x, c, lanes, repeats, withRow);                       // x1 c1
    AscendC::Mul(tmp, x[half], s, lanes, repeats, withRow);                 // x2 s1
    AscendC::Sub(out, out, tmp, lanes, repeats, perHead);                   // out1 = x1 c1 - x2 s1
    AscendC::Mul(out[half], x[half], c[half], lanes, repeats, withRow);     // x2 c2
    AscendC::Mul(tmp[half], x, s[half], lanes, repeats, withRow);           // x1 s2
    AscendC::Add(out[half], out[half], tmp[half], lanes, repeats, perHead);  // out2 = x2 c2 + x1 s2
    if constexpr (!COMPUTE_IN_T) AscendC::Cast(outT, out, AscendC::RoundMode::CAST_RINT, tokenElems);
    outQueue.EnQue(outT);
    xQueue.FreeTensor(xT);
    cosQueue.FreeTensor(cT);
    sinQueue.FreeTensor(sT);
  }
  __aicore__ inline void CopyOut(int64_t token) {
    AscendC::LocalTensor<T> out = outQueue.DeQue<T>();
    AscendC::DataCopyPad(outGm[token * tokenElems], out, AscendC::DataCopyExtParams{1, static_cast<uint32_t>(tokenElems * sizeof(T)), 0, 0, 0});
    outQueue.FreeTensor(out);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, BUFFER_NUM> xQueue, cosQueue, sinQueue;
  AscendC::TQue<AscendC::QuePosition::VECOUT, BUFFER_NUM> outQueue;
  AscendC::TBuf<AscendC::QuePosition::VECCALC> tmpBuf, castBuf;
  AscendC::GlobalTensor<T> xGm, cosGm, sinGm, outGm;
  int64_t seqLen = 0, firstToken = 0, tokenCount = 0;
  int32_t heads = 0, headDim = 0, tokenElems = 0;
};
}  // namespace

extern "C" __global__ __aicore__ void rotary_embedding_custom(GM_ADDR x, GM_ADDR cos, GM_ADDR sin, GM_ADDR out,
                                                              GM_ADDR workspace, GM_ADDR tiling) {
  KernelRotaryEmbedding op;
  op.Init(x, cos, sin, out, tiling);
  op.Process();
}
