// TQue / TBuf life cycle: a double-buffered pipeline runs; every misuse of the
// AllocTensor -> EnQue -> DeQue -> FreeTensor cycle is reported where it happens.
#include <string>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::sim::KernelError;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
bool mentions(const KernelError& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}

constexpr int32_t kTile = 128, kTiles = 6, kBufferNum = 2;

// The canonical CopyIn / Compute / CopyOut pipeline with double buffering: z = x * 2 + 1.
void pipeline_kernel(GM_ADDR x, GM_ADDR z) {
  TPipe pipe;
  TQue<QuePosition::VECIN, kBufferNum> inQueue;
  TQue<QuePosition::VECOUT, kBufferNum> outQueue;
  pipe.InitBuffer(inQueue, kBufferNum, kTile * sizeof(float));
  pipe.InitBuffer(outQueue, kBufferNum, kTile * sizeof(float));
  GlobalTensor<float> xg, zg;
  xg.SetGlobalBuffer((__gm__ float*)x, kTile * kTiles);
  zg.SetGlobalBuffer((__gm__ float*)z, kTile * kTiles);
  for (int32_t t = 0; t < kTiles; ++t) {
    LocalTensor<float> in = inQueue.AllocTensor<float>();
    DataCopy(in, xg[t * kTile], kTile);
    inQueue.EnQue(in);
    LocalTensor<float> a = inQueue.DeQue<float>();
    LocalTensor<float> out = outQueue.AllocTensor<float>();
    Muls(out, a, 2.0f, kTile);
    Adds(out, out, 1.0f, kTile);
    outQueue.EnQue<float>(out);
    inQueue.FreeTensor(a);
    LocalTensor<float> res = outQueue.DeQue<float>();
    DataCopy(zg[t * kTile], res, kTile);
    outQueue.FreeTensor(res);
  }
}

// Two tensors in flight in one queue of depth 2, dequeued in FIFO order.
void fifo_kernel(GM_ADDR x, GM_ADDR z) {
  TPipe pipe;
  TQue<QuePosition::VECIN, 2> q;
  pipe.InitBuffer(q, 2, 32);
  GlobalTensor<int32_t> xg, zg;
  xg.SetGlobalBuffer((__gm__ int32_t*)x, 16);
  zg.SetGlobalBuffer((__gm__ int32_t*)z, 16);
  LocalTensor<int32_t> first = q.AllocTensor<int32_t>(), second = q.AllocTensor<int32_t>();
  DataCopy(first, xg, 8);
  DataCopy(second, xg[8], 8);
  q.EnQue(second);
  q.EnQue(first);
  CHECK(q.HasTensorInQue());
  LocalTensor<int32_t> a = q.DeQue<int32_t>(), b = q.DeQue<int32_t>();
  CHECK_FALSE(q.HasTensorInQue());
  DataCopy(zg, a, 8);
  DataCopy(zg[8], b, 8);
  q.FreeTensor(a);
  q.FreeTensor(b);
}

void deque_empty_kernel(GM_ADDR) {
  TPipe pipe;
  TQue<QuePosition::VECIN, 1> q;
  pipe.InitBuffer(q, 1, 256);
  LocalTensor<half> t = q.DeQue<half>();
  q.FreeTensor(t);
}
void alloc_beyond_buffers_kernel(GM_ADDR) {
  TPipe pipe;
  TQue<QuePosition::VECOUT, 2> q;
  pipe.InitBuffer(q, 2, 256);
  LocalTensor<half> a = q.AllocTensor<half>(), b = q.AllocTensor<half>();
  LocalTensor<half> c = q.AllocTensor<half>();
  q.FreeTensor(a);
  q.FreeTensor(b);
  q.FreeTensor(c);
}
void enque_beyond_depth_kernel(GM_ADDR) {
  TPipe pipe;
  TQue<QuePosition::VECIN, 1> q;
  pipe.InitBuffer(q, 2, 256);
  LocalTensor<half> a = q.AllocTensor<half>(), b = q.AllocTensor<half>();
  q.EnQue(a);
  q.EnQue(b);
}
void double_free_kernel(GM_ADDR) {
  TPipe pipe;
  TQue<QuePosition::VECIN, 1> q;
  pipe.InitBuffer(q, 1, 256);
  LocalTensor<float> a = q.AllocTensor<float>();
  q.EnQue(a);
  LocalTensor<float> b = q.DeQue<float>();
  q.FreeTensor(b);
  q.FreeTensor(b);
}
void free_enqueued_kernel(GM_ADDR) {
  TPipe pipe;
  TQue<QuePosition::VECIN, 1> q;
  pipe.InitBuffer(q, 1, 256);
  LocalTensor<float> a = q.AllocTensor<float>();
  q.EnQue(a);
  q.FreeTensor(a);
}
void free_foreign_kernel(GM_ADDR) {
  TPipe pipe;
  TQue<QuePosition::VECIN, 1> qa;
  TQue<QuePosition::VECOUT, 1> qb;
  pipe.InitBuffer(qa, 1, 256);
  pipe.InitBuffer(qb, 1, 256);
  LocalTensor<float> a = qa.AllocTensor<float>();
  qb.FreeTensor(a);
}
void held_at_end_kernel(GM_ADDR) {
  TPipe pipe;
  TQue<QuePosition::VECOUT, 1> q;
  pipe.InitBuffer(q, 1, 256);
  LocalTensor<float> a = q.AllocTensor<float>();
  Duplicate(a, 1.0f, 64);
  q.EnQue(a);
  LocalTensor<float> b = q.DeQue<float>();
  (void)b;  // never freed
}
void tbuf_overrun_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 1000);  // rounds up to 1024 bytes
  LocalTensor<float> ok = buf.Get<float>(256);
  CHECK(ok.GetSize() == 256);
  LocalTensor<float> bad = buf.GetWithOffset<float>(16, 1024 - 32);
  (void)bad;
}
void tbuf_misaligned_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 1024);
  LocalTensor<float> bad = buf.GetWithOffset<float>(8, 48);
  (void)bad;
}
}  // namespace

TEST_CASE("a double-buffered TQue pipeline computes every tile") {
  Harness h;
  std::vector<float> xs(kTile * kTiles);
  for (size_t i = 0; i < xs.size(); ++i) xs[i] = 0.25f * static_cast<float>(i) - 40;
  auto x = h.input(xs, "x");
  auto z = h.output<float>(xs.size(), "z");
  const auto record = h.run(pipeline_kernel, {x, z});
  const auto out = h.read<float>(z, xs.size());
  for (size_t i = 0; i < xs.size(); ++i) CHECK(out[i] == xs[i] * 2.0f + 1.0f);
  const auto& calls = record.cores[0].api_calls;
  CHECK(calls.at("AllocTensor") == 2 * kTiles);
  CHECK(calls.at("EnQue") == 2 * kTiles);
  CHECK(calls.at("DeQue") == 2 * kTiles);
  CHECK(calls.at("FreeTensor") == 2 * kTiles);
  CHECK(calls.at("InitBuffer") == 2);
  CHECK(record.cores[0].vector_elements == 2u * kTile * kTiles);
}

TEST_CASE("DeQue returns tensors in EnQue order") {
  Harness h;
  std::vector<int32_t> xs(16);
  for (int i = 0; i < 16; ++i) xs[i] = i * 11;
  auto x = h.input(xs, "x");
  auto z = h.output<int32_t>(16, "z");
  h.run(fifo_kernel, {x, z});
  const auto out = h.read<int32_t>(z, 16);
  for (int i = 0; i < 8; ++i) {
    CHECK(out[i] == xs[8 + i]);
    CHECK(out[8 + i] == xs[i]);
  }
}

TEST_CASE("DeQue of an empty queue fails with QueueMisuse") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(deque_empty_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::QueueMisuse);
  CHECK(e.where().api == "DeQue");
  CHECK(e.where().core == 0);
  CHECK(e.where().file.find("queue_test.cpp") != std::string::npos);
  CHECK(mentions(e, "empty"));
}

TEST_CASE("AllocTensor beyond the queue's buffers fails with QueueMisuse") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(alloc_beyond_buffers_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::QueueMisuse);
  CHECK(e.where().api == "AllocTensor");
  CHECK(mentions(e, "all 2 buffer(s)"));
}

TEST_CASE("EnQue beyond the queue depth fails with QueueMisuse") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(enque_beyond_depth_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::QueueMisuse);
  CHECK(e.where().api == "EnQue");
  CHECK(mentions(e, "already holds 1 tensor(s), its depth"));
}

TEST_CASE("FreeTensor twice, of an enqueued tensor, or through another queue fails with QueueMisuse") {
  Harness h;
  auto e = expect_kernel_error([&] { h.run(double_free_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::QueueMisuse);
  CHECK(e.where().api == "FreeTensor");
  CHECK(e.where().call == 1);
  CHECK(mentions(e, "double FreeTensor"));
  CHECK(mentions(e, "UB 0x0"));
  e = expect_kernel_error([&] { h.run(free_enqueued_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::QueueMisuse);
  CHECK(mentions(e, "still in the queue"));
  e = expect_kernel_error([&] { h.run(free_foreign_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::QueueMisuse);
  CHECK(mentions(e, "not allocated from this queue"));
}

TEST_CASE("a tensor still held when the kernel ends fails with QueueMisuse naming its AllocTensor") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(held_at_end_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::QueueMisuse);
  CHECK(mentions(e, "still held when the kernel ends"));
  CHECK(mentions(e, "dequeued"));
  CHECK(mentions(e, "queue_test.cpp"));
  CHECK(e.where().core == 0);
}

TEST_CASE("TBuf::Get beyond the buffer or at an unaligned offset fails") {
  Harness h;
  auto e = expect_kernel_error([&] { h.run(tbuf_overrun_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(e.where().api == "TBuf::Get");
  CHECK(mentions(e, "TBuf of 1024 bytes"));
  e = expect_kernel_error([&] { h.run(tbuf_misaligned_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::Misaligned);
  CHECK(mentions(e, "offset 48 bytes"));
}
