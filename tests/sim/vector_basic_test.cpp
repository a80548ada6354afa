#include "harness.h"

using namespace AscendC;
using ascendgen::test::Harness;

namespace {
constexpr int32_t N = 256;

void add_half_kernel(GM_ADDR x, GM_ADDR y, GM_ADDR z) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 3 * N * sizeof(half));
  GlobalTensor<half> xg, yg, zg;
  xg.SetGlobalBuffer((__gm__ half*)x, N);
  yg.SetGlobalBuffer((__gm__ half*)y, N);
  zg.SetGlobalBuffer((__gm__ half*)z, N);
  LocalTensor<half> all = buf.Get<half>();
  LocalTensor<half> a = all, b = all[N], c = all[2 * N];
  DataCopy(a, xg, N);
  DataCopy(b, yg, N);
  Add(c, a, b, N);
  DataCopy(zg, c, N);
}
}  // namespace

TEST_CASE("Add in count form rounds half results to nearest even") {
  Harness h;
  std::vector<float> xs(N), ys(N);
  for (int i = 0; i < N; ++i) {
    xs[i] = 1.0f + i * 0.37f;
    ys[i] = 0.000123f * i;
  }
  auto x = h.input(ascendgen::test::to_half(xs), "x");
  auto y = h.input(ascendgen::test::to_half(ys), "y");
  auto z = h.output<half>(N, "z");
  h.run(add_half_kernel, {x, y, z});
  const auto out = h.read<half>(z, N);
  const auto xh = ascendgen::test::to_half(xs), yh = ascendgen::test::to_half(ys);
  for (int i = 0; i < N; ++i) CHECK(out[i].bits == half(float(xh[i]) + float(yh[i])).bits);
}
