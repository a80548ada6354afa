// InitOutput fills GM through the MTE3 path (checked against the GlobalTensor, recorded as a GM
// write), DataCacheCleanAndInvalid is recorded, ToFloat converts, and a TBuf answers the queue calls
// CANN's TBuf inherits.
#include <string>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
uint32_t g_fill_count = 0;

void init_output_kernel(GM_ADDR out) {
  GlobalTensor<float> g;
  g.SetGlobalBuffer((__gm__ float*)out, 100);
  InitOutput<float>(g[10], g_fill_count, 1.5f);
  DataCacheCleanAndInvalid<float, CacheLine::SINGLE_CACHE_LINE, DcciDst::CACHELINE_OUT>(g);
}

void to_float_kernel(GM_ADDR out) {
  GlobalTensor<float> g;
  g.SetGlobalBuffer((__gm__ float*)out, 2);
  g.SetValue(0, ToFloat(bfloat16_t(3.0f)));
  g.SetValue(1, ToFloat(half(-0.25f)));
}

// AllocTensor/EnQue/DeQue/FreeTensor on a TBuf all see the same buffer.
void tbuf_queue_calls_kernel(GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 64 * sizeof(float));
  LocalTensor<float> t = buf.AllocTensor<float>();
  Duplicate(t, 7.0f, 64);
  buf.EnQue(t);
  LocalTensor<float> u = buf.DeQue<float>();
  GlobalTensor<float> g;
  g.SetGlobalBuffer((__gm__ float*)out, 64);
  DataCopy(g, u, 64);
  buf.FreeTensor(u);
}
}  // namespace

TEST_CASE("InitOutput fills the given elements and records an MTE3 write") {
  Harness h;
  auto out = h.output<float>(100, "out");
  g_fill_count = 40;
  const auto rec = h.run(init_output_kernel, {out});
  const auto v = h.read<float>(out, 100);
  for (int i = 0; i < 100; ++i) CHECK(v[i] == (i >= 10 && i < 50 ? 1.5f : 0.0f));
  CHECK(rec.cores[0].gm_write_bytes == 40 * sizeof(float));
}

TEST_CASE("InitOutput beyond the GlobalTensor fails") {
  Harness h;
  auto out = h.output<float>(100, "out");
  g_fill_count = 200;  // past the 512 bytes the allocator reserves for 100 floats
  const auto e = expect_kernel_error([&] { h.run(init_output_kernel, {out}); });
  CHECK(e.kind() == ErrorKind::GmOutOfBounds);
  CHECK(e.where().api == "InitOutput");
}

TEST_CASE("ToFloat converts bfloat16 and half") {
  Harness h;
  auto out = h.output<float>(2, "out");
  h.run(to_float_kernel, {out});
  const auto v = h.read<float>(out, 2);
  CHECK(v[0] == 3.0f);
  CHECK(v[1] == -0.25f);
}

TEST_CASE("a TBuf's AllocTensor, EnQue, DeQue and FreeTensor work on its one buffer") {
  Harness h;
  auto out = h.output<float>(64, "out");
  h.run(tbuf_queue_calls_kernel, {out});
  for (float f : h.read<float>(out, 64)) CHECK(f == 7.0f);
}
