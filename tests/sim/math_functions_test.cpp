// The element-wise math library functions (Sin ... Log10, Power): values against libm for half and
// float, their use as function-pointer template arguments, the documented minimum of temporary
// space, and the dtypes the 910B lacks.
#include <cmath>
#include <string>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
constexpr int32_t N = 64;

template <typename T> using UnaryFn = void(const LocalTensor<T>&, const LocalTensor<T>&, const uint32_t);
uint32_t g_tmp_bytes = 0;  // 0: no sharedTmpBuffer

// out = fn(x) over N elements; fn is passed as CANN's function type, as foreach kernels do.
template <typename T, UnaryFn<T>* fn> void unary_kernel(GM_ADDR x, GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 2 * N * sizeof(T));
  LocalTensor<T> a = buf.Get<T>(), b = a[N];
  GlobalTensor<T> xg, og;
  xg.SetGlobalBuffer((__gm__ T*)x, N);
  og.SetGlobalBuffer((__gm__ T*)out, N);
  DataCopy(a, xg, N);
  fn(b, a, N);
  DataCopy(og, b, N);
}

// Sin with a sharedTmpBuffer of g_tmp_bytes.
void sin_tmp_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf, tmp;
  pipe.InitBuffer(buf, 2 * N * sizeof(half));
  pipe.InitBuffer(tmp, g_tmp_bytes);
  LocalTensor<half> a = buf.Get<half>(), b = a[N];
  Duplicate(a, half(0.5f), N);
  Sin(b, a, tmp.Get<uint8_t>(), N);
}

enum class PowerForm { TensorTensor, TensorScalar, ScalarTensor };
PowerForm g_power_form = PowerForm::TensorTensor;
template <typename T> void power_kernel(GM_ADDR x, GM_ADDR y, GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 3 * N * sizeof(T));
  LocalTensor<T> a = buf.Get<T>(), b = a[N], d = a[2 * N];
  GlobalTensor<T> xg, yg, og;
  xg.SetGlobalBuffer((__gm__ T*)x, N);
  yg.SetGlobalBuffer((__gm__ T*)y, N);
  og.SetGlobalBuffer((__gm__ T*)out, N);
  DataCopy(a, xg, N);
  DataCopy(b, yg, N);
  switch (g_power_form) {
    case PowerForm::TensorTensor: Power(d, a, b, N); break;
    case PowerForm::TensorScalar: Power<T, false>(d, a, T(3), N); break;
    case PowerForm::ScalarTensor: {  // the form without calCount: the exponent tensor's size
      LocalTensor<T> e = b;
      e.SetSize(N);
      Power<T, false>(d, T(2), e);
      break;
    }
  }
  DataCopy(og, d, N);
}

void log_int_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 2 * N * sizeof(int32_t));
  LocalTensor<int32_t> a = buf.Get<int32_t>();
  Log(a[N], a, N);
}

template <typename T, UnaryFn<T>* fn> std::vector<float> run_unary(const std::vector<float>& xs) {
  Harness h;
  std::vector<T> in(xs.begin(), xs.end());
  auto x = h.input(in, "x");
  auto out = h.output<T>(N, "out");
  h.run(unary_kernel<T, fn>, {x, out});
  const auto v = h.read<T>(out, N);
  return std::vector<float>(v.begin(), v.end());
}

std::vector<float> inputs(float lo, float hi) {
  std::vector<float> xs(N);
  for (int i = 0; i < N; ++i) xs[i] = lo + (hi - lo) * i / (N - 1);
  return xs;
}
}  // namespace

TEST_CASE("Sin, Cos, Atan, Erf, Erfc, Sign and the logarithms match libm in float") {
  const auto xs = inputs(-0.9f, 0.9f);
  const auto pos = inputs(0.05f, 20.0f);
  struct Fn {
    const char* name;
    std::vector<float> got;
    const std::vector<float>& in;
    double (*ref)(double);
  };
  const Fn fns[] = {
      {"Sin", run_unary<float, Sin<float, false>>(xs), xs, [](double x) { return std::sin(x); }},
      {"Cos", run_unary<float, Cos<float, false>>(xs), xs, [](double x) { return std::cos(x); }},
      {"Tan", run_unary<float, Tan<float, false>>(xs), xs, [](double x) { return std::tan(x); }},
      {"Asin", run_unary<float, Asin<float, false>>(xs), xs, [](double x) { return std::asin(x); }},
      {"Acos", run_unary<float, Acos<float, false>>(xs), xs, [](double x) { return std::acos(x); }},
      {"Atan", run_unary<float, Atan<float, false>>(xs), xs, [](double x) { return std::atan(x); }},
      {"Sinh", run_unary<float, Sinh<float, false>>(xs), xs, [](double x) { return std::sinh(x); }},
      {"Cosh", run_unary<float, Cosh<float, false>>(xs), xs, [](double x) { return std::cosh(x); }},
      {"Erf", run_unary<float, Erf<float, false>>(xs), xs, [](double x) { return std::erf(x); }},
      {"Erfc", run_unary<float, Erfc<float, false>>(xs), xs, [](double x) { return std::erfc(x); }},
      {"Sign", run_unary<float, Sign<float, false>>(xs), xs, [](double x) { return double((x > 0) - (x < 0)); }},
      {"Log", run_unary<float, Log<float, false>>(pos), pos, [](double x) { return std::log(x); }},
      {"Log2", run_unary<float, Log2<float, false>>(pos), pos, [](double x) { return std::log2(x); }},
      {"Log10", run_unary<float, Log10<float, false>>(pos), pos, [](double x) { return std::log10(x); }},
  };
  for (const Fn& f : fns) {
    CAPTURE(f.name);
    for (int i = 0; i < N; ++i) CHECK(f.got[i] == doctest::Approx(f.ref(f.in[i])).epsilon(1e-6));
  }
}

TEST_CASE("Sin on half rounds the float result once") {
  const auto xs = inputs(-3.0f, 3.0f);
  const auto got = run_unary<half, Sin<half, false>>(xs);
  for (int i = 0; i < N; ++i) CHECK(half(got[i]).bits == half(std::sin(float(half(xs[i])))).bits);
}

TEST_CASE("Sin rejects a sharedTmpBuffer below GetSinMaxMinTmpSize (8 repeats for half)") {
  Harness h;
  g_tmp_bytes = 8 * 256;
  h.run(sin_tmp_kernel, {nullptr});
  g_tmp_bytes = 7 * 256;
  const auto e = expect_kernel_error([&] { h.run(sin_tmp_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(std::string(e.what()).find("GetSinMaxMinTmpSize") != std::string::npos);
}

TEST_CASE("Power over tensor/tensor, tensor/scalar and scalar/tensor operands") {
  std::vector<float> xs(N), ys(N);
  for (int i = 0; i < N; ++i) xs[i] = 0.5f + 0.1f * i, ys[i] = -1.0f + 0.05f * i;
  for (PowerForm form : {PowerForm::TensorTensor, PowerForm::TensorScalar, PowerForm::ScalarTensor}) {
    CAPTURE(int(form));
    Harness h;
    auto x = h.input(xs, "x"), y = h.input(ys, "y");
    auto out = h.output<float>(N, "out");
    g_power_form = form;
    h.run(power_kernel<float>, {x, y, out});
    const auto v = h.read<float>(out, N);
    for (int i = 0; i < N; ++i) {
      const double want = form == PowerForm::TensorTensor   ? std::pow(xs[i], ys[i])
                          : form == PowerForm::TensorScalar ? std::pow(xs[i], 3.0)
                                                            : std::pow(2.0, ys[i]);
      CHECK(v[i] == doctest::Approx(want).epsilon(1e-5));
    }
  }
}

TEST_CASE("Power on int32 multiplies exactly") {
  std::vector<int32_t> xs(N), ys(N);
  for (int i = 0; i < N; ++i) xs[i] = i % 7 - 3, ys[i] = i % 5;
  Harness h;
  auto x = h.input(xs, "x"), y = h.input(ys, "y");
  auto out = h.output<int32_t>(N, "out");
  g_power_form = PowerForm::TensorTensor;
  h.run(power_kernel<int32_t>, {x, y, out});
  const auto v = h.read<int32_t>(out, N);
  for (int i = 0; i < N; ++i) CHECK(v[i] == static_cast<int32_t>(std::lround(std::pow(xs[i], ys[i]))));
}

TEST_CASE("Log rejects integer tensors") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(log_int_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::Unsupported);
  CHECK(e.where().api == "Log");
}
