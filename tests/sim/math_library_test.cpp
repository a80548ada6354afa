// The high-level math library against scalar references: element-wise activations, SoftMax and
// SimpleSoftMax (including the one-block-per-row layout of sum and max), LayerNorm, and misuse of
// operands and temporary space.
#include <cmath>
#include <string>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
constexpr uint32_t kLen = 256;  // UB elements per operand in the activation kernels
constexpr float kSentinel = 7.25f;

template <typename T> std::vector<T> as(const std::vector<float>& v) {
  if constexpr (std::is_same_v<T, half>) return ascendgen::test::to_half(v);
  else return v;
}
// One rounding of a float computation may differ from the rounded double reference by an ulp.
// Float results may also differ by a few float ulps (or more after a reduction: float_rel).
template <typename T> bool close(float out, double ref, double float_rel = 2e-6, double float_abs = 1e-12) {
  const double tolerance =
      std::is_same_v<T, half> ? 2 * (std::ldexp(std::fabs(ref), -10) + 6e-8) : float_rel * std::fabs(ref) + float_abs;
  return std::fabs(out - ref) <= tolerance;
}
std::vector<float> ramp(size_t n, float lo, float hi) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = lo + (hi - lo) * static_cast<float>((i * 37) % n) / static_cast<float>(n);
  return v;
}

// ---- activations ------------------------------------------------------------------------------
enum class Act { Sigmoid, Tanh, Gelu, FasterGelu, FasterGeluV2 };
struct ActivationCase {
  Act op = Act::Sigmoid;
  uint32_t count = kLen;
  uint32_t tmp_bytes = 0;       // 0: the library takes free UB
  bool size_form = false;       // Sigmoid/Tanh form without calCount (views of `count` elements)
  uint32_t reserve_bytes = 0;   // extra UB taken by the kernel, to starve the library
  int32_t tmp_offset = -1;      // >= 0: sharedTmpBuffer placed at this byte offset of the operand buffer
} g_act;

double activation_ref(Act op, double x) {
  switch (op) {
    case Act::Sigmoid: return 1.0 / (1.0 + std::exp(-x));
    case Act::Tanh: return std::tanh(x);
    case Act::Gelu: return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / M_PI) * (x + 0.044715 * x * x * x)));
    case Act::FasterGelu: return x / (1.0 + std::exp(-1.702 * x));
    case Act::FasterGeluV2: {
      const double sign = x + 1e-12 >= 0 ? 1.0 : -1.0;
      const double clipped = std::min(std::fabs(0.7071 * x), 1.769) - 1.769;
      return x * (sign * (-0.1444 * clipped * clipped + 0.5) + 0.5);
    }
  }
  return x;
}

template <typename T>
void call_activation(const LocalTensor<T>& dst, const LocalTensor<T>& src, const LocalTensor<uint8_t>* tmp) {
  const ActivationCase& a = g_act;
  switch (a.op) {
    case Act::Sigmoid:
      if (a.size_form) tmp ? Sigmoid(dst, src, *tmp) : Sigmoid(dst, src);
      else tmp ? Sigmoid(dst, src, *tmp, a.count) : Sigmoid(dst, src, a.count);
      break;
    case Act::Tanh:
      if (a.size_form) tmp ? Tanh(dst, src, *tmp) : Tanh(dst, src);
      else tmp ? Tanh(dst, src, *tmp, a.count) : Tanh(dst, src, a.count);
      break;
    case Act::Gelu: tmp ? Gelu(dst, src, *tmp, a.count) : Gelu(dst, src, a.count); break;
    case Act::FasterGelu: tmp ? FasterGelu(dst, src, *tmp, a.count) : FasterGelu(dst, src, a.count); break;
    case Act::FasterGeluV2: tmp ? FasterGeluV2(dst, src, *tmp, a.count) : FasterGeluV2(dst, src, a.count); break;
  }
}

template <typename T> void activation_kernel(GM_ADDR x, GM_ADDR y) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> operands, tmp_buf, reserve;
  pipe.InitBuffer(operands, 2 * kLen * sizeof(T));
  if (g_act.tmp_bytes) pipe.InitBuffer(tmp_buf, g_act.tmp_bytes);
  if (g_act.reserve_bytes) pipe.InitBuffer(reserve, g_act.reserve_bytes);
  GlobalTensor<T> xg, yg;
  xg.SetGlobalBuffer((__gm__ T*)x, kLen);
  yg.SetGlobalBuffer((__gm__ T*)y, kLen);
  LocalTensor<T> src = operands.Get<T>(kLen);
  LocalTensor<T> dst = operands.GetWithOffset<T>(kLen, kLen * sizeof(T));
  DataCopy(src, xg, kLen);
  DataCopy(dst, yg, kLen);
  LocalTensor<T> src_view = src, dst_view = dst;
  if (g_act.size_form) {
    src_view.SetSize(g_act.count);
    dst_view.SetSize(g_act.count);
  }
  if (g_act.tmp_offset >= 0) {
    LocalTensor<uint8_t> tmp = operands.GetWithOffset<uint8_t>(1024, g_act.tmp_offset);
    call_activation(dst_view, src_view, &tmp);
  } else if (g_act.tmp_bytes) {
    LocalTensor<uint8_t> tmp = tmp_buf.Get<uint8_t>();
    call_activation(dst_view, src_view, &tmp);
  } else {
    call_activation<T>(dst_view, src_view, nullptr);
  }
  DataCopy(yg, dst, kLen);
}

// Runs the activation and checks dst[0, count) against the reference and dst[count, kLen) untouched.
template <typename T> void check_activation(const ActivationCase& c) {
  g_act = c;
  Harness h;
  const auto xs = as<T>(ramp(kLen, -6.0f, 6.0f));
  auto x = h.input(xs, "x");
  auto y = h.input(as<T>(std::vector<float>(kLen, kSentinel)), "y");
  h.run(activation_kernel<T>, {x, y});
  const auto out = h.read<T>(y, kLen);
  for (uint32_t i = 0; i < kLen; ++i) {
    const double ref = i < c.count ? activation_ref(c.op, float(xs[i])) : kSentinel;
    INFO("element " << i << " x=" << float(xs[i]));
    // FasterGeluV2 cancels 0.5 - 0.499... just below the clip point, losing float digits.
    const bool ok = c.op == Act::FasterGeluV2 ? close<T>(float(out[i]), ref, 2e-6, 4e-7) : close<T>(float(out[i]), ref);
    CHECK(ok);
  }
}
}  // namespace

TEST_CASE("Activations match their formulas for half and float, with and without sharedTmpBuffer") {
  for (Act op : {Act::Sigmoid, Act::Tanh, Act::Gelu, Act::FasterGelu, Act::FasterGeluV2}) {
    for (uint32_t tmp_bytes : {0u, 1024u}) {
      CAPTURE(static_cast<int>(op));
      CAPTURE(tmp_bytes);
      // 200 is not a multiple of a 32-byte block for either dtype: the tail past it stays untouched.
      check_activation<float>({op, 200, tmp_bytes});
      check_activation<half>({op, 200, tmp_bytes});
      check_activation<float>({op, kLen, tmp_bytes});
    }
  }
}

TEST_CASE("Sigmoid and Tanh without calCount process the whole source tensor") {
  for (Act op : {Act::Sigmoid, Act::Tanh}) {
    check_activation<half>({op, 100, 1024, true});
    check_activation<float>({op, 100, 0, true});
  }
}

TEST_CASE("Activations reject temporary space below the documented minimum") {
  auto e = expect_kernel_error([] { check_activation<float>({Act::Sigmoid, kLen, 224}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(std::string(e.what()).find("Sigmoid") != std::string::npos);
  CHECK(std::string(e.what()).find("GetSigmoidMaxMinTmpSize") != std::string::npos);
  // Tanh on half needs four repeats of float work (1024 bytes); float needs one.
  e = expect_kernel_error([] { check_activation<half>({Act::Tanh, kLen, 512}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  check_activation<float>({Act::Tanh, kLen, 256});
  e = expect_kernel_error([] { check_activation<half>({Act::Gelu, kLen, 736}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(std::string(e.what()).find("GetGeluMaxMinTmpSize") != std::string::npos);
  // Without sharedTmpBuffer the library needs that much UB left free by the TPipe.
  e = expect_kernel_error([] { check_activation<float>({Act::Gelu, kLen, 0, false, 196608 - 2048 - 512}); });
  CHECK(e.kind() == ErrorKind::UbOverflow);
  CHECK(std::string(e.what()).find("Gelu") != std::string::npos);
  check_activation<float>({Act::Gelu, kLen, 0, false, 196608 - 2048 - 768});
}

TEST_CASE("Activations reject operand overruns and a sharedTmpBuffer overlapping the operands") {
  auto e = expect_kernel_error([] { check_activation<float>({Act::Sigmoid, kLen + 8, 256}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(std::string(e.what()).find("needs 264 elements") != std::string::npos);
  e = expect_kernel_error([] { check_activation<float>({Act::FasterGelu, kLen, 0, false, 0, 512}); });
  CHECK(e.kind() == ErrorKind::InvalidArgument);
  CHECK(std::string(e.what()).find("overlaps") != std::string::npos);
}

// ---- SoftMax and SimpleSoftMax ------------------------------------------------------------------
namespace {
struct SoftMaxCase {
  uint32_t m = 4, k = 24;
  uint32_t tmp_bytes = 0;            // 0: the library takes free UB
  uint32_t stat_rows_capacity = 0;   // rows the sum/max buffers hold (default m)
  bool with_stats = true;
  bool simple = false;               // SimpleSoftMax with the given sum/max
  bool empty_shape = false;          // pass softmaxShapeInfo = {}
  SoftMaxTiling tiling{};
} g_sm;
constexpr SoftmaxConfig kWithoutBroadcast = {false, 0, 0, SoftmaxMode::SOFTMAX_OUTPUT_WITHOUT_BRC};
bool g_without_broadcast = false;

// A kernel for one dtype pair: T for src/dst, U for sum/max. x: [m, k]; stats: sum then max, one
// 32-byte block per row; y: dst.
template <typename T, typename U> void softmax_kernel(GM_ADDR x, GM_ADDR stats, GM_ADDR y) {
  const SoftMaxCase& c = g_sm;
  const uint32_t n = c.m * c.k;
  const uint32_t per_row = 32 / sizeof(U);
  const uint32_t stat_len = (c.stat_rows_capacity ? c.stat_rows_capacity : c.m) * per_row;
  TPipe pipe;
  TBuf<TPosition::VECCALC> data, stat, tmp_buf;
  pipe.InitBuffer(data, 2 * n * sizeof(T));
  pipe.InitBuffer(stat, 2 * c.m * 32);
  if (c.tmp_bytes) pipe.InitBuffer(tmp_buf, c.tmp_bytes);
  GlobalTensor<T> xg, yg;
  GlobalTensor<U> sg;
  xg.SetGlobalBuffer((__gm__ T*)x, n);
  yg.SetGlobalBuffer((__gm__ T*)y, n);
  sg.SetGlobalBuffer((__gm__ U*)stats, 2 * c.m * per_row);
  LocalTensor<T> src = data.Get<T>(n);
  LocalTensor<T> dst = data.GetWithOffset<T>(n, n * sizeof(T));
  LocalTensor<U> sum = stat.Get<U>(stat_len);
  LocalTensor<U> max = stat.GetWithOffset<U>(stat_len, c.m * 32);
  DataCopy(src, xg, n);
  const uint32_t copied = std::min(stat_len, c.m * per_row);
  DataCopy(sum, sg, copied);
  DataCopy(max, sg[c.m * per_row], copied);
  const SoftMaxShapeInfo shape = c.empty_shape ? SoftMaxShapeInfo{} : SoftMaxShapeInfo{c.m, c.k, c.m, c.k};
  LocalTensor<uint8_t> tmp;
  if (c.tmp_bytes) tmp = tmp_buf.Get<uint8_t>();
  if (c.simple) {
    if (c.tmp_bytes) SimpleSoftMax<T>(dst, sum, max, src, tmp, c.tiling, shape);
    else SimpleSoftMax<T>(dst, sum, max, src, c.tiling, shape);
  } else if (!c.with_stats) {
    if constexpr (std::is_same_v<T, U>) {
      if (c.tmp_bytes) SoftMax<T>(dst, src, tmp, c.tiling, shape);
      else SoftMax<T>(dst, src, c.tiling, shape);
    }
  } else if (g_without_broadcast) {
    SoftMax<T, false, false, false, kWithoutBroadcast>(dst, sum, max, src, c.tiling, shape);
  } else {
    if (c.tmp_bytes) SoftMax<T>(dst, sum, max, src, tmp, c.tiling, shape);
    else SoftMax<T>(dst, sum, max, src, c.tiling, shape);
  }
  DataCopy(yg, dst, n);
  DataCopy(sg, sum, c.m * per_row);
  DataCopy(sg[c.m * per_row], max, c.m * per_row);
}

// Runs SoftMax (or SimpleSoftMax with row statistics `in_max`, `in_sum`) and checks dst and, for
// SoftMax, that every row's 32-byte block of sum and max repeats that row's value.
template <typename T, typename U> void check_softmax(const SoftMaxCase& c) {
  g_sm = c;
  Harness h;
  const uint32_t n = c.m * c.k, per_row = 32 / sizeof(U);
  const auto xs = as<T>(ramp(n, -4.0f, 5.0f));
  std::vector<float> in_stats(2 * c.m * per_row);
  for (uint32_t r = 0; r < c.m; ++r)
    for (uint32_t i = 0; i < per_row; ++i) {
      in_stats[r * per_row + i] = 10.0f + r;              // inSum
      in_stats[(c.m + r) * per_row + i] = 1.0f - 0.5f * r;  // inMax
    }
  auto x = h.input(xs, "x");
  auto stats = h.input(as<U>(in_stats), "stats");
  auto y = h.output<T>(n, "y");
  h.run(softmax_kernel<T, U>, {x, stats, y});
  const auto out = h.read<T>(y, n);
  const auto stat_out = h.read<U>(stats, 2 * c.m * per_row);
  for (uint32_t r = 0; r < c.m; ++r) {
    double row_max = -INFINITY, row_sum = 0;
    for (uint32_t k = 0; k < c.k; ++k) row_max = std::max(row_max, double(float(xs[r * c.k + k])));
    for (uint32_t k = 0; k < c.k; ++k) row_sum += std::exp(double(float(xs[r * c.k + k])) - row_max);
    if (c.simple) {
      row_sum = float(U(in_stats[r * per_row]));
      row_max = float(U(in_stats[(c.m + r) * per_row]));
    } else if (c.with_stats) {
      for (uint32_t i = 0; i < per_row; ++i) {
        INFO("row " << r << " lane " << i);
        CHECK(close<U>(float(stat_out[r * per_row + i]), row_sum, 1e-5));
        CHECK(close<U>(float(stat_out[(c.m + r) * per_row + i]), row_max, 1e-5));
      }
    }
    for (uint32_t k = 0; k < c.k; ++k) {
      INFO("row " << r << " column " << k);
      CHECK(close<T>(float(out[r * c.k + k]), std::exp(double(float(xs[r * c.k + k])) - row_max) / row_sum, 1e-5));
    }
  }
}

// The SoftMaxTiling the host's SoftMaxTilingFunc gives for [m, k], T of `elem` bytes, `tmp` bytes.
SoftMaxTiling host_tiling(uint32_t m, uint32_t k, uint32_t elem, uint32_t tmp) {
  SoftMaxTiling t;
  t.srcM = m;
  t.srcK = k;
  t.splitM = std::min(tmp / 4 / (32 / elem + k + 64), m);
  return t;
}
}  // namespace

TEST_CASE("SoftMax matches the row-wise reference and broadcasts sum and max over one block per row") {
  for (uint32_t tmp : {0u, 4096u}) {
    CAPTURE(tmp);
    check_softmax<float, float>({4, 24, tmp});           // 24 floats: 3 blocks, not a whole repeat
    check_softmax<float, float>({8, 64, tmp, 0, true, false, false, host_tiling(8, 64, 4, tmp ? tmp : 4096)});
    check_softmax<half, half>({3, 48, tmp});             // 16 half per sum/max row
    check_softmax<half, float>({5, 16, tmp});            // half data, float statistics (8 per row)
    check_softmax<float, float>({4, 24, tmp, 0, false});  // the form without sum and max
    check_softmax<half, half>({2, 32, tmp, 0, false});
  }
}

TEST_CASE("SimpleSoftMax normalises with the given row statistics") {
  check_softmax<float, float>({4, 24, 0, 0, true, true});
  check_softmax<half, float>({3, 32, 2048, 0, true, true});
  check_softmax<half, half>({2, 16, 2048, 0, true, true});
}

TEST_CASE("SoftMax misuse: temporary space, row alignment, sum/max extent, shape and mode") {
  // GetSoftMaxMinTmpSize for float [4, 24]: (8 + 24 + 64) * 4 = 384 bytes.
  check_softmax<float, float>({4, 24, 384});
  auto e = expect_kernel_error([] { check_softmax<float, float>({4, 24, 352}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(std::string(e.what()).find("SoftMax") != std::string::npos);
  CHECK(std::string(e.what()).find("GetSoftMaxMinTmpSize") != std::string::npos);
  e = expect_kernel_error([] { check_softmax<float, float>({4, 20, 4096}); });
  CHECK(e.kind() == ErrorKind::Misaligned);
  e = expect_kernel_error([] { check_softmax<float, float>({4, 24, 4096, 3}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(std::string(e.what()).find("sumTensor") != std::string::npos);
  e = expect_kernel_error([] { check_softmax<float, float>({4, 24, 4096, 0, true, false, true}); });
  CHECK(e.kind() == ErrorKind::InvalidArgument);
  // A tiling for this shape computed for 8 KiB of temporary space, run with 1 KiB.
  e = expect_kernel_error(
      [] { check_softmax<float, float>({8, 64, 1024, 0, true, false, false, host_tiling(8, 64, 4, 8192)}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(std::string(e.what()).find("SoftMaxTiling") != std::string::npos);
  g_without_broadcast = true;
  e = expect_kernel_error([] { check_softmax<float, float>({4, 24}); });
  g_without_broadcast = false;
  CHECK(e.kind() == ErrorKind::Unsupported);
}

// ---- LayerNorm ----------------------------------------------------------------------------------
namespace {
struct LayerNormCase {
  uint32_t b = 2, s = 3, h = 32, ori_h = 32;
  uint32_t tmp_bytes = 0;  // 0: the library takes free UB
  uint32_t tiling_tmp_bytes = 0;  // what the tiling was computed for (default: the real space)
  bool filled = true;
} g_ln;

// x: [b*s, h] then gamma [h] then beta [h]; out: output [b*s, h], then mean [b*s] and variance
// [b*s] each in its own 32-byte aligned slot.
template <typename T> void layer_norm_kernel(GM_ADDR in, GM_ADDR out) {
  const LayerNormCase& c = g_ln;
  const uint32_t rows = c.b * c.s, n = rows * c.h, slot = (rows * sizeof(T) + 31) / 32 * 32 / sizeof(T);
  TPipe pipe;
  TBuf<TPosition::VECCALC> io, tmp_buf;
  pipe.InitBuffer(io, (2 * n + 2 * c.h + 2 * slot) * sizeof(T));
  if (c.tmp_bytes) pipe.InitBuffer(tmp_buf, c.tmp_bytes);
  GlobalTensor<T> ig, og;
  ig.SetGlobalBuffer((__gm__ T*)in, n + 2 * c.h);
  og.SetGlobalBuffer((__gm__ T*)out, n + 2 * slot);
  LocalTensor<T> all = io.Get<T>();
  LocalTensor<T> x = all, gamma = all[n], beta = all[n + c.h], y = all[n + 2 * c.h];
  LocalTensor<T> mean = all[2 * n + 2 * c.h], variance = all[2 * n + 2 * c.h + slot];
  DataCopy(x, ig, n + 2 * c.h);
  LayerNormTiling tiling;
  if (c.filled) {
    tiling.bLength = c.b;
    tiling.sLength = c.s;
    tiling.hLength = c.h;
    tiling.originalHLength = c.ori_h;
    tiling.tmpBufSize = (c.tiling_tmp_bytes ? c.tiling_tmp_bytes : c.tmp_bytes ? c.tmp_bytes : 4096) / 4;
    tiling.oneTmpSize = c.h;
    tiling.lastDimValueBack = 1.0f / static_cast<float>(c.ori_h);
  }
  const T epsilon = T(1e-5f);
  if (c.tmp_bytes) LayerNorm<T>(y, mean, variance, x, gamma, beta, tmp_buf.Get<uint8_t>(), epsilon, tiling);
  else LayerNorm<T>(y, mean, variance, x, gamma, beta, epsilon, tiling);
  DataCopy(og, y, n + 2 * slot);
}

template <typename T> void check_layer_norm(const LayerNormCase& c) {
  g_ln = c;
  Harness h;
  const uint32_t rows = c.b * c.s, n = rows * c.h, slot = (rows * sizeof(T) + 31) / 32 * 32 / sizeof(T);
  std::vector<float> in = ramp(n + 2 * c.h, -3.0f, 4.0f);
  for (uint32_t r = 0; r < rows; ++r)  // rows padded to h with zeros past the original length
    for (uint32_t k = c.ori_h; k < c.h; ++k) in[r * c.h + k] = 0.0f;
  const auto ins = as<T>(in);
  auto input = h.input(ins, "in");
  auto output = h.output<T>(n + 2 * slot, "out");
  h.run(layer_norm_kernel<T>, {input, output});
  const auto out = h.read<T>(output, n + 2 * slot);
  const double eps = float(T(1e-5f));
  for (uint32_t r = 0; r < rows; ++r) {
    // The library's sums cover all h elements, scaled by 1 / originalH.
    double mean = 0, var = 0;
    for (uint32_t k = 0; k < c.h; ++k) mean += double(float(ins[r * c.h + k])) / c.ori_h;
    for (uint32_t k = 0; k < c.h; ++k) var += std::pow(double(float(ins[r * c.h + k])) - mean, 2) / c.ori_h;
    INFO("row " << r);
    CHECK(std::fabs(float(out[n + r]) - mean) <= 1e-3 * (1 + std::fabs(mean)));
    CHECK(std::fabs(float(out[n + slot + r]) - var) <= 1e-3 * (1 + var));
    for (uint32_t k = 0; k < c.h; ++k) {
      const double ref = (double(float(ins[r * c.h + k])) - mean) / std::sqrt(var + eps) *
                             double(float(ins[n + k])) + double(float(ins[n + c.h + k]));
      INFO("column " << k);
      CHECK(std::fabs(float(out[r * c.h + k]) - ref) <= (std::is_same_v<T, half> ? 4e-3 : 1e-4) * (1 + std::fabs(ref)));
    }
  }
}
}  // namespace

TEST_CASE("LayerNorm normalises each row and writes one mean and variance per row") {
  for (uint32_t tmp : {0u, 4096u}) {
    CAPTURE(tmp);
    check_layer_norm<float>({2, 3, 32, 32, tmp});
    check_layer_norm<float>({1, 5, 24, 20, tmp});  // rows padded from 20 to 24 floats
    check_layer_norm<half>({1, 4, 48, 40, tmp});
  }
}

TEST_CASE("LayerNorm misuse: temporary space, tiling and alignment") {
  // GetLayerNormMaxMinTmpSize for [2, 3, 32] float: 3 * 128 + 2 * 32 = 448 bytes.
  check_layer_norm<float>({2, 3, 32, 32, 448});
  auto e = expect_kernel_error([] { check_layer_norm<float>({2, 3, 32, 32, 416}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(std::string(e.what()).find("LayerNorm") != std::string::npos);
  CHECK(std::string(e.what()).find("GetLayerNormMaxMinTmpSize") != std::string::npos);
  e = expect_kernel_error([] { check_layer_norm<float>({2, 3, 32, 32, 1024, 4096}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(std::string(e.what()).find("tmpBufSize") != std::string::npos);
  e = expect_kernel_error([] { check_layer_norm<float>({2, 3, 32, 32, 1024, 0, false}); });
  CHECK(e.kind() == ErrorKind::InvalidArgument);
  e = expect_kernel_error([] { check_layer_norm<half>({1, 2, 24, 24, 1024}); });
  CHECK(e.kind() == ErrorKind::Misaligned);
}
