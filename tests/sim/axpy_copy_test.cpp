// Axpy (dst = src * a + dst) and the vector Copy between UB tensors: values in the count and
// mask forms with strides, and the dtype combinations the 910B lacks.
#include <string>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
constexpr int32_t N = 128;

template <typename T> void load(const LocalTensor<T>& t, GM_ADDR src, int32_t n) {
  GlobalTensor<T> g;
  g.SetGlobalBuffer((__gm__ T*)src, n);
  DataCopy(t, g, n);
}
template <typename T> void store(GM_ADDR dst, const LocalTensor<T>& t, int32_t n) {
  GlobalTensor<T> g;
  g.SetGlobalBuffer((__gm__ T*)dst, n);
  DataCopy(g, t, n);
}

// out = x * 0.5 + y over N floats; the mask form covers the first 10 lanes of each of 2 repeats.
bool g_mask_form = false;
void axpy_float_kernel(GM_ADDR x, GM_ADDR y, GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 2 * N * sizeof(float));
  LocalTensor<float> a = buf.Get<float>(), b = a[N];
  load(a, x, N);
  load(b, y, N);
  if (g_mask_form)
    Axpy(b, a, 0.5f, uint64_t{10}, 2, UnaryRepeatParams());
  else
    Axpy(b, a, 0.5f, N);
  store(out, b, N);
}

void axpy_half_kernel(GM_ADDR x, GM_ADDR y, GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 2 * N * sizeof(half));
  LocalTensor<half> a = buf.Get<half>(), b = a[N];
  load(a, x, N);
  load(b, y, N);
  Axpy<half, half>(b, a, half(2.0f), N);
  store(out, b, N);
}

void axpy_int_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 2 * N * sizeof(int32_t));
  LocalTensor<int32_t> a = buf.Get<int32_t>(), b = a[N];
  Axpy(b, a, int32_t{2}, N);
}
void axpy_mixed_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, N * sizeof(float) + N * sizeof(half));
  LocalTensor<float> d = buf.Get<float>();
  LocalTensor<half> s = buf.Get<half>()[2 * N];
  Axpy(d, s, half(1.0f), N);
}

// Copies lanes 0..15 of each block... of 2 repeats with dst repeat stride 16 blocks (gaps).
void copy_kernel(GM_ADDR x, GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 3 * N * sizeof(float));
  LocalTensor<float> a = buf.Get<float>(), d = a[N];
  load(a, x, N);
  Duplicate(d, -1.0f, 2 * N);
  Copy(d, a, 64, 2, {1, 1, 16, 8});
  store(out, d, 2 * N);
}
void copy_int8_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 2 * 256);
  LocalTensor<int8_t> a = buf.Get<int8_t>(), d = a[256];
  Copy(d, a, 128, 1, {1, 1, 8, 8});
}
}  // namespace

TEST_CASE("Axpy adds the scaled source into dst, float, count and mask forms") {
  for (bool mask_form : {false, true}) {
    CAPTURE(mask_form);
    Harness h;
    std::vector<float> xs(N), ys(N);
    for (int i = 0; i < N; ++i) xs[i] = float(i), ys[i] = 100.0f + i;
    auto x = h.input(xs, "x"), y = h.input(ys, "y");
    auto out = h.output<float>(N, "out");
    g_mask_form = mask_form;
    h.run(axpy_float_kernel, {x, y, out});
    const auto v = h.read<float>(out, N);
    for (int i = 0; i < N; ++i) {
      const bool active = !mask_form || i % 64 < 10;
      CHECK(v[i] == (active ? ys[i] + 0.5f * xs[i] : ys[i]));
    }
  }
}

TEST_CASE("Axpy on half rounds once to half") {
  Harness h;
  std::vector<float> xs(N), ys(N);
  for (int i = 0; i < N; ++i) xs[i] = 0.1f * i, ys[i] = 1.0f / (i + 1);
  auto x = h.input(ascendgen::test::to_half(xs), "x"), y = h.input(ascendgen::test::to_half(ys), "y");
  auto out = h.output<half>(N, "out");
  h.run(axpy_half_kernel, {x, y, out});
  const auto v = h.read<half>(out, N);
  for (int i = 0; i < N; ++i) CHECK(v[i].bits == half(float(half(xs[i])) * 2.0f + float(half(ys[i]))).bits);
}

TEST_CASE("Axpy rejects the dtypes the 910B lacks") {
  Harness h;
  auto e = expect_kernel_error([&] { h.run(axpy_int_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::Unsupported);
  CHECK(e.where().api == "Axpy");
  e = expect_kernel_error([&] { h.run(axpy_mixed_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::Unsupported);
  CHECK(std::string(e.what()).find("half to float") != std::string::npos);
}

TEST_CASE("Copy moves masked lanes with CopyRepeatParams strides") {
  Harness h;
  std::vector<float> xs(N);
  for (int i = 0; i < N; ++i) xs[i] = float(i);
  auto x = h.input(xs, "x");
  auto out = h.output<float>(2 * N, "out");
  h.run(copy_kernel, {x, out});
  const auto v = h.read<float>(out, 2 * N);
  for (int i = 0; i < 64; ++i) {
    CHECK(v[i] == xs[i]);                // repeat 0 at dst block 0
    CHECK(v[64 + i] == -1.0f);           // the gap the dst repeat stride of 16 blocks leaves
    CHECK(v[128 + i] == xs[64 + i]);     // repeat 1 at dst block 16
  }
}

TEST_CASE("Copy rejects 8-bit elements") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(copy_int8_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::Unsupported);
  CHECK(e.where().api == "Copy");
}
