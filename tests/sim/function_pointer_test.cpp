// Vector APIs taken as function pointers, as kernels pass them as template arguments
// (`Op<T>* op = Div<T>`): CANN's exact signatures resolve, compute like a direct call, and
// direct calls still report their own call site.
#include <string>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
constexpr int32_t N = 64;

template <typename T> using BinaryOp = void(const LocalTensor<T>&, const LocalTensor<T>&, const LocalTensor<T>&,
                                            const int32_t&);
template <typename T> using ScalarOp = void(const LocalTensor<T>&, const LocalTensor<T>&, const T&, const int32_t&);
template <typename T> using MaskOp = void(const LocalTensor<T>&, const LocalTensor<T>&, const LocalTensor<T>&,
                                          uint64_t, uint8_t, const BinaryRepeatParams&);

// out = ((x op y) sop 3) with op and sop chosen at compile time, as the foreach kernels do.
template <BinaryOp<float>* op, ScalarOp<float>* sop> void apply_kernel(GM_ADDR x, GM_ADDR y, GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 2 * N * sizeof(float));
  LocalTensor<float> a = buf.Get<float>(), b = a[N];
  GlobalTensor<float> xg, yg, og;
  xg.SetGlobalBuffer((__gm__ float*)x, N);
  yg.SetGlobalBuffer((__gm__ float*)y, N);
  og.SetGlobalBuffer((__gm__ float*)out, N);
  DataCopy(a, xg, N);
  DataCopy(b, yg, N);
  op(a, a, b, N);
  sop(a, a, 3.0f, N);
  DataCopy(og, a, N);
}

template <MaskOp<float>* op> void mask_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, N * sizeof(float));
  LocalTensor<float> a = buf.Get<float>();
  op(a, a, a, 65, 1, BinaryRepeatParams());  // 65 lanes: beyond the 64 of a float repeat
}
}  // namespace

TEST_CASE("Div and Adds passed as template arguments compute like direct calls") {
  Harness h;
  std::vector<float> xs(N), ys(N);
  for (int i = 0; i < N; ++i) xs[i] = float(i), ys[i] = 2.0f;
  auto x = h.input(xs, "x"), y = h.input(ys, "y");
  auto out = h.output<float>(N, "out");
  h.run(apply_kernel<Div<float>, Adds<float>>, {x, y, out});
  const auto v = h.read<float>(out, N);
  for (int i = 0; i < N; ++i) CHECK(v[i] == xs[i] / 2.0f + 3.0f);
}

TEST_CASE("a mask-form API called through a pointer keeps its checks and says so") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(mask_kernel<Sub<float>>, {nullptr}); });
  CHECK(e.kind() == ErrorKind::MaskOutOfRange);
  CHECK(e.where().api == "Sub");
  CHECK(e.where().file.find("function pointer") != std::string::npos);
}
