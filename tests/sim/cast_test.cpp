// Cast against a scalar reference: IEEE rounding in each direction found by bracketing the exact
// value between neighbouring representable numbers, integer rounding by <cmath>, saturation.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::sim::KernelError;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
using ascendgen::sim::abi::bf16_to_float;
using ascendgen::sim::abi::half_to_float;

// What the kernel below does: the form, its arguments, and whether to SetDeqScale first.
struct CastCall {
  uint32_t src_len = 0, dst_len = 0;  // LocalTensor sizes in elements
  RoundMode mode = RoundMode::CAST_NONE;
  int form = 0;  // 0 count, 1 bit mask, 2 continuous mask
  int32_t count = 0;
  uint64_t bits[2] = {0, 0};
  uint64_t cont = 0;
  uint8_t repeat = 1;
  UnaryRepeatParams params;
  bool set_deq = false;
  float deq = 1.0f;
};
CastCall g_call;

template <typename T> uint32_t padded(uint32_t n) {
  const uint32_t per = 32 / sizeof(T);
  return (n + per - 1) / per * per;
}

// Loads src and the initial dst from GM, casts, writes dst back.
template <typename D, typename S> void cast_kernel(GM_ADDR src, GM_ADDR dst) {
  const CastCall& k = g_call;
  TPipe pipe;
  TBuf<TPosition::VECCALC> sbuf, dbuf;
  pipe.InitBuffer(sbuf, padded<S>(k.src_len) * sizeof(S));
  pipe.InitBuffer(dbuf, padded<D>(k.dst_len) * sizeof(D));
  GlobalTensor<S> sg;
  GlobalTensor<D> dg;
  sg.SetGlobalBuffer((__gm__ S*)src, padded<S>(k.src_len));
  dg.SetGlobalBuffer((__gm__ D*)dst, padded<D>(k.dst_len));
  DataCopy(sbuf.Get<S>(), sg, padded<S>(k.src_len));
  DataCopy(dbuf.Get<D>(), dg, padded<D>(k.dst_len));
  LocalTensor<S> s = sbuf.Get<S>(k.src_len);
  LocalTensor<D> d = dbuf.Get<D>(k.dst_len);
  if (k.set_deq) SetDeqScale(half(k.deq));
  if (k.form == 0) Cast(d, s, k.mode, k.count);
  if (k.form == 1) Cast(d, s, k.mode, k.bits, k.repeat, k.params);
  if (k.form == 2) Cast(d, s, k.mode, k.cont, k.repeat, k.params);
  DataCopy(dg, dbuf.Get<D>(), padded<D>(k.dst_len));
}

// Element values: the bits of a storage type, read and written as a long double (exact for every
// source dtype) so the reference can compare magnitudes.
template <typename T> long double value_of(T v) {
  if constexpr (std::is_same_v<T, half>) return half_to_float(v.bits);
  else if constexpr (std::is_same_v<T, bfloat16_t>) return bf16_to_float(v.bits);
  else return static_cast<long double>(v);
}
template <typename T> uint64_t bits_of(T v) {
  uint64_t b = 0;
  std::memcpy(&b, &v, sizeof(T));
  return b;
}
template <typename T> T from_bits(uint64_t b) {
  T v;
  std::memcpy(&v, &b, sizeof(T));
  return v;
}
template <typename T> constexpr bool is_float_v =
    std::is_same_v<T, half> || std::is_same_v<T, bfloat16_t> || std::is_same_v<T, float>;

// The positive finite T nearest below-or-at x (as bits), by bisection over the monotonic bit
// patterns of positive floats; the pattern just above the largest finite is infinity.
template <typename T> uint64_t floor_bits(long double x) {
  const uint64_t inf = std::is_same_v<T, half> ? 0x7c00 : std::is_same_v<T, float> ? 0x7f800000 : 0x7f80;
  uint64_t lo = 0, hi = inf;  // value(lo) <= x < value(hi), value(inf) taken as infinite
  while (hi - lo > 1) {
    const uint64_t mid = (lo + hi) / 2;
    (value_of(from_bits<T>(mid)) <= x ? lo : hi) = mid;
  }
  return lo;
}

// IEEE rounding of the exact x into T for one direction; infinity counts as the next binade's
// power of two when picking the nearest.
template <typename T> T round_float(long double x, RoundMode mode) {
  if (std::isnan(x)) return std::numeric_limits<float>::quiet_NaN();
  const bool neg = std::signbit(x);
  const uint64_t sign = uint64_t{neg} << (sizeof(T) * 8 - 1);
  const long double ax = std::fabs(x);
  if (std::isinf(ax)) return from_bits<T>(sign | (floor_bits<T>(ax) + 1));
  const uint64_t lo = floor_bits<T>(ax);
  const long double vlo = value_of(from_bits<T>(lo));
  if (vlo == ax) return from_bits<T>(sign | lo);
  const uint64_t hi = lo + 1;
  long double vhi = value_of(from_bits<T>(hi));
  if (std::isinf(vhi)) vhi = std::ldexp(1.0L, std::is_same_v<T, half> ? 16 : 128);
  bool up = false;  // toward larger magnitude
  switch (mode) {
    case RoundMode::CAST_NONE: case RoundMode::CAST_RINT:
      up = ax - vlo > vhi - ax || (ax - vlo == vhi - ax && (lo & 1)); break;
    case RoundMode::CAST_ROUND: up = ax - vlo >= vhi - ax; break;
    case RoundMode::CAST_FLOOR: up = neg; break;
    case RoundMode::CAST_CEIL: up = !neg; break;
    case RoundMode::CAST_TRUNC: up = false; break;
    case RoundMode::CAST_ODD: up = !(lo & 1); break;
  }
  return from_bits<T>(sign | (up ? hi : lo));
}

long double round_integer(long double x, RoundMode mode) {
  switch (mode) {
    case RoundMode::CAST_FLOOR: return std::floor(x);
    case RoundMode::CAST_CEIL: return std::ceil(x);
    case RoundMode::CAST_ROUND: return std::round(x);
    case RoundMode::CAST_TRUNC: return std::trunc(x);
    default: return std::nearbyint(x);  // ties to even
  }
}

template <typename D> D reference(long double x, RoundMode mode) {
  if constexpr (is_float_v<D>) return round_float<D>(x, mode);
  else {
    if (std::isnan(x)) return 0;
    const long double r = round_integer(x, mode);
    if (r <= static_cast<long double>(std::numeric_limits<D>::min())) return std::numeric_limits<D>::min();
    if (r >= static_cast<long double>(std::numeric_limits<D>::max())) return std::numeric_limits<D>::max();
    return static_cast<D>(r);
  }
}

template <typename T> bool same_element(T a, T b) {
  if constexpr (is_float_v<T>) return bits_of(a) == bits_of(b) || (std::isnan(value_of(a)) && std::isnan(value_of(b)));
  else return a == b;
}

// Interesting values of S: ties, values just past ties, subnormals, near-overflow, specials, then
// random ones spread over magnitudes.
template <typename S> std::vector<S> inputs(uint32_t n, bool non_negative) {
  std::vector<long double> v;
  if constexpr (is_float_v<S>) {
    v = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.5 + 0x1p-12, 1.0 / 3, -7.75, 1e-8, 6e-8, -3e-8, 65504, 65519, 65520,
         65535.9, 7e4, -7e4, 1e10, -1e10, 3e9, -3e9, 127.5, 128, 255.5, 256.7, -128.5, -129, 32767.5, -32768.5,
         0x1p-127, 1.0 + 0x1p-9 + 0x1p-11, 0x1p40, -0.0, INFINITY, -INFINITY, NAN, 1e30, 0x1.fffffep127};
  } else {
    v = {0, 1, -1, 7, 127, -128, 255, 2049, 4097, 65504, 65520, 70000, -70000, 16777217, 33554435, -33554435,
         2147483647, -2147483647 - 1, 32768, -32769};
    if constexpr (sizeof(S) == 8) v.insert(v.end(), {0x1p62L, -0x1p63L, 9007199254740993.0L, 0x7fffffffffffffffLL});
  }
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> mantissa(-1, 1);
  std::uniform_int_distribution<int> exponent(-20, 34);
  std::vector<S> out;
  for (uint32_t i = 0; out.size() < n; ++i) {
    long double x = i < v.size() ? v[i] : std::ldexp(mantissa(rng), exponent(rng));
    if (non_negative && (x < 0 || std::signbit(x))) x = -x;
    if (std::isnan(x) && non_negative) continue;
    if constexpr (is_float_v<S>) {
      if constexpr (std::is_same_v<S, float>) out.push_back(static_cast<float>(x));
      else out.push_back(S(static_cast<float>(x)));
    } else {
      const long double lo = std::numeric_limits<S>::min(), hi = std::numeric_limits<S>::max();
      out.push_back(static_cast<S>(x < lo ? lo : x > hi ? hi : std::trunc(x)));
    }
  }
  return out;
}

template <typename T> std::vector<T> padded_copy(std::vector<T> v) {
  v.resize(padded<T>(static_cast<uint32_t>(v.size())));
  return v;
}

// Runs the kernel; returns dst as read back (dst starts filled with `fill`).
template <typename D, typename S> std::vector<D> run_cast(const std::vector<S>& src, D fill, uint32_t dst_len) {
  Harness h;
  auto s = h.input(padded_copy(src), "src");
  auto d = h.input(padded_copy(std::vector<D>(dst_len, fill)), "dst");
  h.run(cast_kernel<D, S>, {s, d});
  return h.read<D>(d, dst_len);
}

const char* mode_name(RoundMode m) {
  static const char* names[] = {"CAST_NONE", "CAST_RINT", "CAST_FLOOR", "CAST_CEIL", "CAST_ROUND", "CAST_TRUNC", "CAST_ODD"};
  return names[static_cast<int>(m)];
}
constexpr RoundMode kAllModes[] = {RoundMode::CAST_NONE,  RoundMode::CAST_RINT,  RoundMode::CAST_FLOOR,
                                   RoundMode::CAST_CEIL,  RoundMode::CAST_ROUND, RoundMode::CAST_TRUNC,
                                   RoundMode::CAST_ODD};

// Count form over an unaligned length: every mode the 910B takes for S -> D matches the
// reference bit for bit; every other mode fails with Unsupported naming Cast.
template <typename D, typename S> void check_pair(std::initializer_list<RoundMode> legal, float deq = 0) {
  constexpr uint32_t n = 300;
  const bool non_negative = std::is_same_v<D, uint8_t>;
  const std::vector<S> src = inputs<S>(n, non_negative);
  for (RoundMode mode : kAllModes) {
    const std::string mode_text = mode_name(mode);
    CAPTURE(mode_text);
    CAPTURE(sizeof(S));
    CAPTURE(sizeof(D));
    g_call = CastCall{};
    g_call.src_len = g_call.dst_len = n;
    g_call.mode = mode;
    g_call.count = n;
    g_call.set_deq = deq != 0;
    g_call.deq = deq;
    const bool ok = std::find(legal.begin(), legal.end(), mode) != legal.end();
    if (!ok) {
      const KernelError e = expect_kernel_error([&] { run_cast<D, S>(src, D{}, n); });
      CHECK(e.kind() == ErrorKind::Unsupported);
      CHECK(e.where().api == "Cast");
      CHECK(std::string(e.what()).find(mode_name(mode)) != std::string::npos);
      continue;
    }
    const std::vector<D> out = run_cast<D, S>(src, D{}, n);
    int bad = 0;
    for (uint32_t i = 0; i < n && bad < 5; ++i) {
      long double x = value_of(src[i]);
      if (deq != 0) x *= half_to_float(half(deq).bits);
      if constexpr (std::is_same_v<S, float> && std::is_same_v<D, float>) x = round_integer(x, mode);
      const D want = std::is_same_v<S, int32_t> && std::is_same_v<D, half> ? reference<D>(x, RoundMode::CAST_RINT)
                                                                           : reference<D>(x, mode);
      if (!same_element(out[i], want)) {
        ++bad;
        FAIL_CHECK("element " << i << " of " << static_cast<double>(value_of(src[i])) << ": got "
                              << static_cast<double>(value_of(out[i])) << " want "
                              << static_cast<double>(value_of(want)));
      }
    }
    CHECK(bad == 0);
  }
}

using R = RoundMode;
}  // namespace

TEST_CASE("Cast from float rounds in every direction the 910B offers") {
  check_pair<half, float>({R::CAST_NONE, R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC,
                           R::CAST_ODD});
  check_pair<float, float>({R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC});
  check_pair<bfloat16_t, float>({R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC});
  check_pair<int32_t, float>({R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC});
  check_pair<int64_t, float>({R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC});
  check_pair<int16_t, float>({R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC});
}

TEST_CASE("Cast from half and bfloat16_t widens exactly and rounds to integers with saturation") {
  check_pair<float, half>({R::CAST_NONE});
  check_pair<int32_t, half>({R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC});
  check_pair<int16_t, half>({R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC});
  check_pair<int8_t, half>({R::CAST_NONE, R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC});
  check_pair<uint8_t, half>({R::CAST_NONE, R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC});
  check_pair<float, bfloat16_t>({R::CAST_NONE});
  check_pair<int32_t, bfloat16_t>({R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC});
}

TEST_CASE("Cast from integers: exact widening, rounding to float, saturating narrowing") {
  check_pair<half, int8_t>({R::CAST_NONE});
  check_pair<half, uint8_t>({R::CAST_NONE});
  check_pair<half, int16_t>({R::CAST_NONE, R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC});
  check_pair<float, int16_t>({R::CAST_NONE});
  check_pair<float, int32_t>({R::CAST_NONE, R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC});
  check_pair<int16_t, int32_t>({R::CAST_NONE});
  check_pair<int64_t, int32_t>({R::CAST_NONE});
  check_pair<int32_t, int64_t>({R::CAST_NONE});
  check_pair<float, int64_t>({R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC});
}

TEST_CASE("Cast int32_t -> half scales by SetDeqScale and ignores the round mode") {
  check_pair<half, int32_t>({R::CAST_NONE, R::CAST_RINT, R::CAST_FLOOR, R::CAST_CEIL, R::CAST_ROUND, R::CAST_TRUNC,
                             R::CAST_ODD},
                            0.375f);
  g_call = CastCall{};
  g_call.src_len = g_call.dst_len = 64;
  g_call.mode = RoundMode::CAST_RINT;
  g_call.count = 64;
  const KernelError e = expect_kernel_error([&] { run_cast<half, int32_t>(std::vector<int32_t>(64, 3), half(0), 64); });
  CHECK(e.kind() == ErrorKind::InvalidArgument);
  CHECK(std::string(e.what()).find("SetDeqScale") != std::string::npos);
}

TEST_CASE("Cast spells out the documented examples") {
  // float -> half of 0.5 + 2^-12 in each mode (the API reference's worked example).
  g_call = CastCall{};
  g_call.src_len = g_call.dst_len = 8;
  g_call.count = 1;
  const std::vector<float> x = {0.5f + 0x1p-12f};
  const float want[] = {0.5f, 0.5f, 0.5f, 0.5f + 0x1p-11f, 0.5f + 0x1p-11f, 0.5f, 0.5f + 0x1p-11f};
  for (RoundMode m : kAllModes) {
    g_call.mode = m;
    CHECK(half_to_float(run_cast<half, float>(x, half(0), 8)[0].bits) == want[static_cast<int>(m)]);
  }
  // half -> int8 of 127.5 saturates after rounding up; FLOOR and TRUNC give 127 without it.
  g_call.mode = RoundMode::CAST_CEIL;
  CHECK(run_cast<int8_t, half>({half(127.5f)}, int8_t{0}, 8)[0] == 127);
  g_call.mode = RoundMode::CAST_ROUND;
  CHECK(run_cast<int32_t, half>({half(-1.5f)}, 0, 8)[0] == -2);
  g_call.mode = RoundMode::CAST_NONE;
  CHECK(run_cast<int16_t, int32_t>({2147483647}, int16_t{0}, 16)[0] == 32767);
}

TEST_CASE("Cast mask/repeat form walks 256 bytes of the wider type per repeat, strides per operand") {
  SUBCASE("half -> int32_t, continuous mask 32 of 64 lanes, narrow src repeat stride 4 blocks") {
    g_call = CastCall{};
    g_call.src_len = 512;
    g_call.dst_len = 512;
    g_call.mode = RoundMode::CAST_CEIL;
    g_call.form = 2;
    g_call.cont = 32;
    g_call.repeat = 8;
    g_call.params = UnaryRepeatParams(1, 1, 8, 4);
    std::vector<half> src(512);
    for (int i = 0; i < 512; ++i) src[i] = half(i * 0.25f + 0.1f);
    const auto out = run_cast<int32_t, half>(src, -1, 512);
    for (int i = 0; i < 512; ++i) {
      const int r = i / 64, l = i % 64;
      const int32_t want = r < 8 && l < 32 ? static_cast<int32_t>(std::ceil(half_to_float(src[r * 64 + l].bits))) : -1;
      CHECK(out[i] == want);
    }
  }
  SUBCASE("float -> half, bit mask, dst block stride 2, dst repeat stride 8 blocks of half") {
    g_call = CastCall{};
    g_call.src_len = 256;
    g_call.dst_len = 512;
    g_call.mode = RoundMode::CAST_TRUNC;
    g_call.form = 1;
    g_call.bits[0] = 0xf0f0f0f00000ffffull;
    g_call.repeat = 3;
    g_call.params = UnaryRepeatParams(2, 1, 8, 8);
    std::vector<float> src(256);
    for (int i = 0; i < 256; ++i) src[i] = 1.0f / (i + 3);
    const auto out = run_cast<half, float>(src, half(-7.0f), 512);
    std::vector<uint16_t> want(512, half(-7.0f).bits);
    for (int r = 0; r < 3; ++r)
      for (int l = 0; l < 64; ++l)
        if ((g_call.bits[0] >> l) & 1)
          want[r * 8 * 16 + (l / 16) * 2 * 16 + l % 16] = round_float<half>(src[r * 64 + l], RoundMode::CAST_TRUNC).bits;
    for (int i = 0; i < 512; ++i) CHECK(out[i].bits == want[i]);
  }
  SUBCASE("float -> int64_t has 32 lanes; the float operand fills 4 blocks") {
    g_call = CastCall{};
    g_call.src_len = 64;
    g_call.dst_len = 64;
    g_call.mode = RoundMode::CAST_FLOOR;
    g_call.form = 2;
    g_call.cont = 20;
    g_call.repeat = 2;
    g_call.params = UnaryRepeatParams(1, 1, 8, 4);
    std::vector<float> src(64);
    for (int i = 0; i < 64; ++i) src[i] = -3.3f * (i + 1);
    const auto out = run_cast<int64_t, float>(src, 99, 64);
    for (int i = 0; i < 64; ++i) {
      const int r = i / 32, l = i % 32;
      CHECK(out[i] == (l < 20 ? static_cast<int64_t>(std::floor(src[r * 32 + l])) : 99));
    }
  }
}

TEST_CASE("Cast misuse fails with the right ErrorKind and names Cast") {
  SUBCASE("a dtype pair the 910B lacks") {
    g_call = CastCall{};
    g_call.src_len = g_call.dst_len = g_call.count = 16;
    g_call.mode = RoundMode::CAST_NONE;
    const KernelError e = expect_kernel_error([&] { run_cast<int32_t, int16_t>(std::vector<int16_t>(16, 1), 0, 16); });
    CHECK(e.kind() == ErrorKind::Unsupported);
    CHECK(e.where().api == "Cast");
    CHECK(std::string(e.what()).find("int16_t to int32_t") != std::string::npos);
  }
  SUBCASE("a negative value cast to uint8_t") {
    g_call = CastCall{};
    g_call.src_len = g_call.dst_len = g_call.count = 16;
    g_call.mode = RoundMode::CAST_RINT;
    const KernelError e = expect_kernel_error([&] { run_cast<uint8_t, half>(std::vector<half>(16, half(-2.0f)), uint8_t{0}, 32); });
    CHECK(e.kind() == ErrorKind::InvalidArgument);
  }
  SUBCASE("count beyond dst") {
    g_call = CastCall{};
    g_call.src_len = 64;
    g_call.dst_len = 32;
    g_call.count = 64;
    g_call.mode = RoundMode::CAST_NONE;
    const KernelError e = expect_kernel_error([&] { run_cast<float, half>(std::vector<half>(64, half(1.0f)), 0.0f, 32); });
    CHECK(e.kind() == ErrorKind::UbOutOfBounds);
    CHECK(std::string(e.what()).find("dst") != std::string::npos);
  }
  SUBCASE("a narrow src too short for the repeats") {
    g_call = CastCall{};
    g_call.src_len = 96;
    g_call.dst_len = 128;
    g_call.mode = RoundMode::CAST_NONE;
    g_call.form = 2;
    g_call.cont = 64;
    g_call.repeat = 2;
    g_call.params = UnaryRepeatParams(1, 1, 8, 4);
    const KernelError e = expect_kernel_error([&] { run_cast<float, half>(std::vector<half>(96, half(1.0f)), 0.0f, 128); });
    CHECK(e.kind() == ErrorKind::UbOutOfBounds);
    CHECK(std::string(e.what()).find("src") != std::string::npos);
  }
  SUBCASE("continuous masks beyond the wider type's lanes") {
    g_call = CastCall{};
    g_call.src_len = g_call.dst_len = 128;
    g_call.mode = RoundMode::CAST_NONE;
    g_call.form = 2;
    g_call.cont = 65;
    g_call.params = UnaryRepeatParams(1, 1, 8, 4);
    CHECK(expect_kernel_error([&] { run_cast<float, half>(std::vector<half>(128), 0.0f, 128); }).kind() == ErrorKind::MaskOutOfRange);
    g_call.mode = RoundMode::CAST_RINT;
    g_call.cont = 33;
    CHECK(expect_kernel_error([&] { run_cast<int64_t, float>(std::vector<float>(128), 0, 128); }).kind() == ErrorKind::MaskOutOfRange);
  }
}
