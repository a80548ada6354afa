// The operator forms on whole LocalTensors: `z = x + y` ... run the vector APIs over dst's size,
// 32-bit & and | run on 16-bit lanes, `mask = x < y` writes Compare's bit mask, and an operator
// keeps the API's checks.
#include <string>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
constexpr int32_t N = 64;

void arithmetic_kernel(GM_ADDR x, GM_ADDR y, GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 3 * N * sizeof(float));
  LocalTensor<float> all = buf.Get<float>();
  LocalTensor<float> a = buf.Get<float>(N), b = all[N], z = all[2 * N];
  b.SetSize(N);
  GlobalTensor<float> xg, yg, og;
  xg.SetGlobalBuffer((__gm__ float*)x, N);
  yg.SetGlobalBuffer((__gm__ float*)y, N);
  og.SetGlobalBuffer((__gm__ float*)out, 4 * N);
  DataCopy(a, xg, N);
  DataCopy(b, yg, N);
  z = a + b;
  DataCopy(og, z, N);
  z = a - b;
  DataCopy(og[N], z, N);
  z = a * b;
  DataCopy(og[2 * N], z, N);
  z = a / b;
  DataCopy(og[3 * N], z, N);
}

void bitwise_and_compare_kernel(GM_ADDR x, GM_ADDR y, GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf, mbuf;
  pipe.InitBuffer(buf, 3 * N * sizeof(int32_t));
  pipe.InitBuffer(mbuf, 32);
  LocalTensor<int32_t> a = buf.Get<int32_t>(N), b = buf.Get<int32_t>()[N], z = buf.Get<int32_t>()[2 * N];
  b.SetSize(N);
  GlobalTensor<int32_t> xg, yg, og;
  xg.SetGlobalBuffer((__gm__ int32_t*)x, N);
  yg.SetGlobalBuffer((__gm__ int32_t*)y, N);
  og.SetGlobalBuffer((__gm__ int32_t*)out, N + 8);
  DataCopy(a, xg, N);
  DataCopy(b, yg, N);
  z = a & b;
  DataCopy(og, z, N);
  LocalTensor<float> fa = a.ReinterpretCast<float>(), fb = b.ReinterpretCast<float>();
  LocalTensor<uint8_t> mask = mbuf.Get<uint8_t>();
  Cast(fa, a, RoundMode::CAST_NONE, N);
  Cast(fb, b, RoundMode::CAST_NONE, N);
  mask = fa < fb;
  DataCopy(og[N], mask.ReinterpretCast<int32_t>(), 8);
}

void too_long_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 3 * N * sizeof(float));
  LocalTensor<float> all = buf.Get<float>(), a = buf.Get<float>(N);
  all = a + a;  // dst holds 3N elements, a only N
}
}  // namespace

TEST_CASE("z = x + y, x - y, x * y, x / y over the whole destination") {
  Harness h;
  std::vector<float> xs(N), ys(N);
  for (int i = 0; i < N; ++i) xs[i] = float(i), ys[i] = 0.5f + i % 3;
  auto x = h.input(xs, "x"), y = h.input(ys, "y");
  auto out = h.output<float>(4 * N, "out");
  h.run(arithmetic_kernel, {x, y, out});
  const auto v = h.read<float>(out, 4 * N);
  for (int i = 0; i < N; ++i) {
    CHECK(v[i] == xs[i] + ys[i]);
    CHECK(v[N + i] == xs[i] - ys[i]);
    CHECK(v[2 * N + i] == xs[i] * ys[i]);
    CHECK(v[3 * N + i] == xs[i] / ys[i]);
  }
}

TEST_CASE("int32 & runs on 16-bit lanes; mask = x < y writes Compare's bits") {
  Harness h;
  std::vector<int32_t> xs(N), ys(N);
  for (int i = 0; i < N; ++i) xs[i] = 0x12345678 + i, ys[i] = 0x0f0f0f0f + 2 * i - 40;
  auto x = h.input(xs, "x"), y = h.input(ys, "y");
  auto out = h.output<int32_t>(N + 8, "out");
  h.run(bitwise_and_compare_kernel, {x, y, out});
  const auto v = h.read<int32_t>(out, N + 8);
  for (int i = 0; i < N; ++i) CHECK(v[i] == (xs[i] & ys[i]));
  const auto* bits = reinterpret_cast<const uint8_t*>(&v[N]);
  for (int i = 0; i < N; ++i) CHECK(((bits[i / 8] >> (i % 8)) & 1) == (float(xs[i]) < float(ys[i]) ? 1 : 0));
}

TEST_CASE("an operator keeps the API's checks") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(too_long_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(e.where().api == "Add");
}
