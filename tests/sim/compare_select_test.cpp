// Compare, CompareScalar/Compares and Select against scalar references, in every form, plus misuse.
#include <algorithm>
#include <cmath>
#include <cstring>
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
// What the kernels below do.
struct Call {
  uint32_t len = 0;       // elements of each data operand
  uint32_t mask_len = 0;  // elements of the bit-mask operand
  CMPMODE cmp = CMPMODE::LT;
  SELMODE sel = SELMODE::VSEL_TENSOR_TENSOR_MODE;
  int form = 0;  // 0 count, 1 bit mask, 2 continuous mask
  int32_t count = 0;
  uint64_t bits[2] = {0, 0};
  uint64_t cont = 0;
  uint8_t repeat = 1;
  BinaryRepeatParams binary;
  UnaryRepeatParams unary;
  float scalar = 0;
  bool use_compares = false;
};
Call g;

template <typename T> uint32_t padded(uint32_t n) {
  const uint32_t per = 32 / sizeof(T);
  return (n + per - 1) / per * per;
}
template <typename T> T scalar_of(float v) {
  if constexpr (std::is_same_v<T, int32_t>) return static_cast<int32_t>(v);
  else return T(v);
}

template <typename T> LocalTensor<T> load(TBuf<TPosition::VECCALC>& buf, GM_ADDR gm, uint32_t len, TPipe& pipe) {
  pipe.InitBuffer(buf, padded<T>(len) * sizeof(T));
  GlobalTensor<T> gt;
  gt.SetGlobalBuffer((__gm__ T*)gm, padded<T>(len));
  DataCopy(buf.Get<T>(), gt, padded<T>(len));
  return buf.Get<T>(len);
}
template <typename T> void store(GM_ADDR gm, TBuf<TPosition::VECCALC>& buf, uint32_t len) {
  GlobalTensor<T> gt;
  gt.SetGlobalBuffer((__gm__ T*)gm, padded<T>(len));
  DataCopy(gt, buf.Get<T>(), padded<T>(len));
}

// dst bits = a <cmp> b (or a <cmp> scalar when b is null).
template <typename T, typename U> void compare_kernel(GM_ADDR a, GM_ADDR b, GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> ab, bb, ob;
  LocalTensor<T> x = load<T>(ab, a, g.len, pipe);
  LocalTensor<T> y = load<T>(bb, b, g.len, pipe);
  LocalTensor<U> m = load<U>(ob, out, g.mask_len, pipe);
  if (g.scalar != 0 || g.use_compares) {
    const T s = scalar_of<T>(g.scalar);
    if (g.use_compares) Compares(m, x, s, g.cmp, g.count);
    else if (g.form == 0) CompareScalar(m, x, s, g.cmp, g.count);
    else CompareScalar(m, x, s, g.cmp, g.cont, g.repeat, g.unary);
  } else {
    if (g.form == 0) Compare(m, x, y, g.cmp, g.count);
    if (g.form == 1) Compare(m, x, y, g.cmp, g.bits, g.repeat, g.binary);
    if (g.form == 2) Compare(m, x, y, g.cmp, g.cont, g.repeat, g.binary);
  }
  store<U>(out, ob, g.mask_len);
}

// out = Select(mask, a, b or scalar); out starts as loaded from GM.
template <typename T, typename U> void select_kernel(GM_ADDR mask, GM_ADDR a, GM_ADDR b, GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> mb, ab, bb, ob;
  LocalTensor<U> m = load<U>(mb, mask, g.mask_len, pipe);
  LocalTensor<T> x = load<T>(ab, a, g.len, pipe);
  LocalTensor<T> y = load<T>(bb, b, g.len, pipe);
  LocalTensor<T> d = load<T>(ob, out, g.len, pipe);
  if (g.sel == SELMODE::VSEL_TENSOR_SCALAR_MODE) {
    const T s = scalar_of<T>(g.scalar);
    if (g.form == 0) Select(d, m, x, s, g.sel, g.count);
    if (g.form == 1) Select(d, m, x, s, g.sel, g.bits, g.repeat, g.binary);
    if (g.form == 2) Select(d, m, x, s, g.sel, g.cont, g.repeat, g.binary);
  } else {
    if (g.form == 0) Select(d, m, x, y, g.sel, g.count);
    if (g.form == 1) Select(d, m, x, y, g.sel, g.bits, g.repeat, g.binary);
    if (g.form == 2) Select(d, m, x, y, g.sel, g.cont, g.repeat, g.binary);
  }
  store<T>(out, ob, g.len);
}

// A scalar tensor-operand type's reference form, with a few equal pairs and NaNs.
template <typename T> float value_of(T v) {
  if constexpr (std::is_same_v<T, half>) return ascendgen::sim::abi::half_to_float(v.bits);
  else return static_cast<float>(v);
}
template <typename T> std::vector<T> data(uint32_t n, uint32_t seed, bool with_nan) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> small(-4, 4);
  std::vector<T> v(n);
  for (uint32_t i = 0; i < n; ++i) v[i] = T(static_cast<float>(small(rng)) * 0.5f);
  if constexpr (!std::is_same_v<T, int32_t>)
    if (with_nan) v[n / 3] = T(NAN);
  return v;
}
template <typename T> std::vector<T> padded_copy(std::vector<T> v) {
  v.resize(padded<T>(static_cast<uint32_t>(v.size())));
  return v;
}

bool holds(CMPMODE m, float a, float b) {
  switch (m) {
    case CMPMODE::LT: return a < b;
    case CMPMODE::GT: return a > b;
    case CMPMODE::EQ: return a == b;
    case CMPMODE::LE: return a <= b;
    case CMPMODE::GE: return a >= b;
    default: return a != b;
  }
}
bool bit(const std::vector<uint8_t>& m, uint64_t i) { return (m[i / 8] >> (i % 8)) & 1u; }
bool mentions(const KernelError& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}

constexpr CMPMODE kModes[] = {CMPMODE::LT, CMPMODE::GT, CMPMODE::EQ, CMPMODE::LE, CMPMODE::GE, CMPMODE::NE};

template <typename T, typename U> std::vector<uint8_t> run_compare(const std::vector<T>& a, const std::vector<T>& b) {
  Harness h;
  auto pa = h.input(padded_copy(a), "a");
  auto pb = h.input(padded_copy(b), "b");
  auto out = h.input(padded_copy(std::vector<U>(g.mask_len, U(0x5a))), "mask");
  h.run(compare_kernel<T, U>, {pa, pb, out});
  return h.read<uint8_t>(out, g.mask_len);
}

template <typename T, typename U> void check_compare_count(std::initializer_list<CMPMODE> modes) {
  constexpr uint32_t n = 512;  // 4 or 8 repeats of 256 bytes
  const auto a = data<T>(n, 1, true), b = data<T>(n, 2, false);
  for (CMPMODE m : modes) {
    CAPTURE(static_cast<int>(m));
    g = Call{};
    g.len = n;
    g.mask_len = n / 8;
    g.cmp = m;
    g.count = n;
    const auto bits = run_compare<T, U>(a, b);
    for (uint32_t i = 0; i < n; ++i) CHECK(bit(bits, i) == holds(m, value_of(a[i]), value_of(b[i])));
  }
}

template <typename T> std::vector<T> run_select(const std::vector<uint8_t>& mask_bytes, const std::vector<T>& a,
                                                const std::vector<T>& b, T fill) {
  Harness h;
  auto pm = h.input(padded_copy(mask_bytes), "selMask");
  auto pa = h.input(padded_copy(a), "a");
  auto pb = h.input(padded_copy(b), "b");
  auto out = h.input(padded_copy(std::vector<T>(g.len, fill)), "out");
  h.run(select_kernel<T, uint8_t>, {pm, pa, pb, out});
  return h.read<T>(out, g.len);
}
template <typename T> bool same(T x, T y) {
  if constexpr (std::is_same_v<T, half>) return x.bits == y.bits;
  else return std::memcmp(&x, &y, sizeof(T)) == 0;
}
std::vector<uint8_t> random_bytes(uint32_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (auto& x : v) x = static_cast<uint8_t>(rng());
  return v;
}
}  // namespace

TEST_CASE("Compare writes one bit per element, LSB first, for every CMPMODE") {
  check_compare_count<half, uint8_t>({CMPMODE::LT, CMPMODE::GT, CMPMODE::EQ, CMPMODE::LE, CMPMODE::GE, CMPMODE::NE});
  check_compare_count<float, uint8_t>({CMPMODE::LT, CMPMODE::GT, CMPMODE::EQ, CMPMODE::LE, CMPMODE::GE, CMPMODE::NE});
  check_compare_count<float, int8_t>({CMPMODE::GE});
  check_compare_count<int32_t, uint8_t>({CMPMODE::EQ});
}

TEST_CASE("Compare repeat form ignores the mask, strides the sources and packs dst densely") {
  constexpr uint32_t n = 512;
  const auto a = data<float>(n, 3, false), b = data<float>(n, 4, false);
  for (int form : {1, 2}) {
    g = Call{};
    g.len = n;
    g.mask_len = 64;
    g.cmp = CMPMODE::LE;
    g.form = form;
    g.bits[0] = 1;  // one lane: the 910B compares all 64 anyway
    g.cont = 1;
    g.repeat = 3;
    g.binary = BinaryRepeatParams(1, 1, 2, 8, 8, 16);
    const auto bits = run_compare<float, uint8_t>(a, b);
    for (uint32_t r = 0; r < 3; ++r)
      for (uint32_t l = 0; l < 64; ++l) {
        const uint32_t ia = r * 64 + l, ib = r * 128 + (l / 8) * 16 + l % 8;
        CHECK(bit(bits, r * 64 + l) == holds(CMPMODE::LE, a[ia], b[ib]));
      }
    for (uint32_t i = 24; i < 64; ++i) CHECK(bits[i] == 0x5a);  // past 3 repeats x 8 bytes
  }
}

TEST_CASE("CompareScalar and Compares compare against one value") {
  constexpr uint32_t n = 256;
  const auto a = data<half>(n, 5, true);
  for (CMPMODE m : kModes) {
    for (bool compares : {false, true}) {
      g = Call{};
      g.len = n;
      g.mask_len = n / 8;
      g.cmp = m;
      g.count = n;
      g.scalar = 0.5f;
      g.use_compares = compares;
      const auto bits = run_compare<half, uint8_t>(a, a);
      for (uint32_t i = 0; i < n; ++i) CHECK(bit(bits, i) == holds(m, value_of(a[i]), 0.5f));
    }
  }
  // Repeat form: the source's repeat stride applies, dst stays dense.
  const auto f = data<float>(n, 6, false);
  g = Call{};
  g.len = n;
  g.mask_len = 32;
  g.cmp = CMPMODE::GT;
  g.form = 2;
  g.cont = 64;
  g.repeat = 2;
  g.unary = UnaryRepeatParams(1, 1, 8, 16);
  g.scalar = -1.0f;
  const auto bits = run_compare<float, uint8_t>(f, f);
  for (uint32_t r = 0; r < 2; ++r)
    for (uint32_t l = 0; l < 64; ++l) CHECK(bit(bits, r * 64 + l) == (f[r * 128 + l] > -1.0f));
}

TEST_CASE("Compare misuse") {
  const std::vector<float> a(256);
  SUBCASE("count not filling whole 256-byte repeats") {
    g = Call{};
    g.len = 256;
    g.mask_len = 32;
    g.count = 100;
    const KernelError e = expect_kernel_error([&] { run_compare<float, uint8_t>(a, a); });
    CHECK(e.kind() == ErrorKind::InvalidArgument);
    CHECK(e.where().api == "Compare");
    CHECK(mentions(e, "256"));
  }
  SUBCASE("int32_t with anything but EQ") {
    g = Call{};
    g.len = 256;
    g.mask_len = 32;
    g.count = 64;
    g.cmp = CMPMODE::LT;
    const KernelError e = expect_kernel_error([&] { run_compare<int32_t, uint8_t>(std::vector<int32_t>(256), std::vector<int32_t>(256)); });
    CHECK(e.kind() == ErrorKind::Unsupported);
  }
  SUBCASE("source dtypes the 910B cannot compare") {
    g = Call{};
    g.len = 256;
    g.mask_len = 32;
    g.count = 128;
    g.cmp = CMPMODE::EQ;
    const KernelError e = expect_kernel_error([&] { run_compare<int16_t, uint8_t>(std::vector<int16_t>(256), std::vector<int16_t>(256)); });
    CHECK(e.kind() == ErrorKind::Unsupported);
    CHECK(mentions(e, "int16_t"));
  }
  SUBCASE("a dst of the wrong dtype") {
    g = Call{};
    g.len = 256;
    g.mask_len = 16;
    g.count = 64;
    const KernelError e = expect_kernel_error([&] { run_compare<float, uint16_t>(a, a); });
    CHECK(e.kind() == ErrorKind::Unsupported);
    g.scalar = 1.0f;  // CompareScalar takes only uint8_t
    CHECK(expect_kernel_error([&] { run_compare<float, int8_t>(a, a); }).kind() == ErrorKind::Unsupported);
  }
  SUBCASE("a dst too small for the bits") {
    g = Call{};
    g.len = 256;
    g.mask_len = 16;
    g.count = 256;
    const KernelError e = expect_kernel_error([&] { run_compare<float, uint8_t>(a, a); });
    CHECK(e.kind() == ErrorKind::UbOutOfBounds);
    CHECK(mentions(e, "dst"));
  }
  SUBCASE("repeats beyond a source") {
    g = Call{};
    g.len = 256;
    g.mask_len = 64;
    g.form = 2;
    g.cont = 64;
    g.repeat = 5;
    const KernelError e = expect_kernel_error([&] { run_compare<float, uint8_t>(a, a); });
    CHECK(e.kind() == ErrorKind::UbOutOfBounds);
    CHECK(mentions(e, "src0"));
  }
}

TEST_CASE("Select in count form, all three modes") {
  constexpr uint32_t n = 300;  // not a whole number of repeats
  const auto mask = random_bytes(64, 9);
  SUBCASE("VSEL_TENSOR_TENSOR_MODE reads one bit per element") {
    const auto a = data<half>(n, 1, false), b = data<half>(n, 2, false);
    g = Call{};
    g.len = n;
    g.mask_len = 64;
    g.sel = SELMODE::VSEL_TENSOR_TENSOR_MODE;
    g.count = n;
    const auto out = run_select<half>(mask, a, b, half(9.0f));
    for (uint32_t i = 0; i < n; ++i) CHECK(same(out[i], bit(mask, i) ? a[i] : b[i]));
  }
  SUBCASE("VSEL_CMPMASK_SPR reuses the first 64 bits for float in every repeat") {
    const auto a = data<float>(n, 1, false), b = data<float>(n, 2, false);
    g = Call{};
    g.len = n;
    g.mask_len = 64;
    g.sel = SELMODE::VSEL_CMPMASK_SPR;
    g.count = n;
    const auto out = run_select<float>(mask, a, b, 9.0f);
    for (uint32_t i = 0; i < n; ++i) CHECK(same(out[i], bit(mask, i % 64) ? a[i] : b[i]));
  }
  SUBCASE("VSEL_TENSOR_SCALAR_MODE takes src1 as a scalar") {
    const auto a = data<float>(n, 1, false);
    g = Call{};
    g.len = n;
    g.mask_len = 64;
    g.sel = SELMODE::VSEL_TENSOR_SCALAR_MODE;
    g.count = n;
    g.scalar = -3.25f;
    const auto out = run_select<float>(mask, a, a, 9.0f);
    for (uint32_t i = 0; i < n; ++i) CHECK(same(out[i], bit(mask, i) ? a[i] : -3.25f));
  }
}

TEST_CASE("Select repeat forms: the mask filters lanes, selMask bits follow the mode") {
  constexpr uint32_t n = 512;
  const auto mask = random_bytes(64, 11);
  const auto a = data<half>(n, 3, false), b = data<half>(n, 4, false);
  const half fill(7.0f);
  SUBCASE("VSEL_TENSOR_TENSOR_MODE, continuous mask, strided src1") {
    g = Call{};
    g.len = n;
    g.mask_len = 64;
    g.sel = SELMODE::VSEL_TENSOR_TENSOR_MODE;
    g.form = 2;
    g.cont = 100;
    g.repeat = 2;
    g.binary = BinaryRepeatParams(1, 1, 2, 8, 8, 16);
    const auto out = run_select<half>(mask, a, b, fill);
    for (uint32_t i = 0; i < n; ++i) {
      const uint32_t r = i / 128, l = i % 128;
      const uint32_t ib = r * 256 + (l / 16) * 32 + l % 16;
      const half want = r < 2 && l < 100 ? (bit(mask, r * 128 + l) ? a[i] : b[ib]) : fill;
      CHECK(same(out[i], want));
    }
  }
  SUBCASE("VSEL_CMPMASK_SPR, bit mask: the same 128 bits each repeat") {
    g = Call{};
    g.len = n;
    g.mask_len = 64;
    g.sel = SELMODE::VSEL_CMPMASK_SPR;
    g.form = 1;
    g.bits[0] = 0x00ff00ff00ff00ffull;
    g.bits[1] = 0xffff0000ffff0000ull;
    g.repeat = 3;
    const auto out = run_select<half>(mask, a, b, fill);
    for (uint32_t i = 0; i < n; ++i) {
      const uint32_t r = i / 128, l = i % 128;
      const bool active = r < 3 && ((g.bits[l / 64] >> (l % 64)) & 1);
      CHECK(same(out[i], active ? (bit(mask, l) ? a[i] : b[i]) : fill));
    }
  }
  SUBCASE("VSEL_TENSOR_SCALAR_MODE, continuous mask") {
    const auto f = data<float>(n, 5, false);
    g = Call{};
    g.len = n;
    g.mask_len = 64;
    g.sel = SELMODE::VSEL_TENSOR_SCALAR_MODE;
    g.form = 2;
    g.cont = 48;
    g.repeat = 4;
    g.scalar = 100.0f;
    const auto out = run_select<float>(mask, f, f, -1.0f);
    for (uint32_t i = 0; i < n; ++i) {
      const uint32_t r = i / 64, l = i % 64;
      CHECK(out[i] == (r < 4 && l < 48 ? (bit(mask, r * 64 + l) ? f[i] : 100.0f) : -1.0f));
    }
  }
}

TEST_CASE("Select misuse") {
  const std::vector<float> a(256);
  const std::vector<uint8_t> mask(32);
  SUBCASE("a selMask too short for the bits the mode consumes") {
    g = Call{};
    g.len = 256;
    g.mask_len = 16;
    g.sel = SELMODE::VSEL_TENSOR_TENSOR_MODE;
    g.count = 256;
    const KernelError e = expect_kernel_error([&] { run_select<float>(mask, a, a, 0.0f); });
    CHECK(e.kind() == ErrorKind::UbOutOfBounds);
    CHECK(e.where().api == "Select");
    CHECK(mentions(e, "selMask"));
    g.sel = SELMODE::VSEL_CMPMASK_SPR;  // needs only 64 bits
    CHECK(run_select<float>(mask, a, a, 0.0f).size() == 256);
  }
  SUBCASE("mode and operand kind disagree") {
    // The tensor-scalar overload with mode m, then the two-tensor one with the scalar mode.
    auto run_scalar_with = [&](SELMODE m) {
      g.sel = m;
      Harness h;
      auto pm = h.input(mask), pa = h.input(a), out = h.input(a);
      h.run(+[](GM_ADDR mk, GM_ADDR x, GM_ADDR o) {
        TPipe pipe;
        TBuf<TPosition::VECCALC> mb, ab, ob;
        LocalTensor<uint8_t> m = load<uint8_t>(mb, mk, 32, pipe);
        LocalTensor<float> s = load<float>(ab, x, 256, pipe);
        LocalTensor<float> d = load<float>(ob, o, 256, pipe);
        Select(d, m, s, 1.0f, g.sel, 64);
        Select(d, m, s, s, SELMODE::VSEL_TENSOR_SCALAR_MODE, 64);
      }, {pm, pa, out});
    };
    const KernelError e = expect_kernel_error([&] { run_scalar_with(SELMODE::VSEL_TENSOR_TENSOR_MODE); });
    CHECK(e.kind() == ErrorKind::InvalidArgument);
    CHECK(mentions(e, "VSEL_TENSOR_SCALAR_MODE"));
    const KernelError e2 = expect_kernel_error([&] { run_scalar_with(SELMODE::VSEL_TENSOR_SCALAR_MODE); });
    CHECK(e2.kind() == ErrorKind::InvalidArgument);
    CHECK(mentions(e2, "VSEL_TENSOR_TENSOR_MODE"));
  }
  SUBCASE("dtypes Select lacks") {
    g = Call{};
    g.len = 256;
    g.mask_len = 32;
    g.count = 64;
    g.sel = SELMODE::VSEL_TENSOR_TENSOR_MODE;
    Harness h;
    auto pm = h.input(mask), pa = h.input(std::vector<int32_t>(256));
    const KernelError e = expect_kernel_error([&] { h.run(select_kernel<int32_t, uint8_t>, {pm, pa, pa, pa}); });
    CHECK(e.kind() == ErrorKind::Unsupported);
    CHECK(mentions(e, "int32_t"));
    const KernelError e2 = expect_kernel_error([&] { h.run(select_kernel<float, int8_t>, {pm, pa, pa, pa}); });
    CHECK(e2.kind() == ErrorKind::Unsupported);
    CHECK(mentions(e2, "int8_t"));
  }
  SUBCASE("wider selMask dtypes are read as the same bits") {
    g = Call{};
    g.len = 256;
    g.mask_len = 4;
    g.count = 256;
    g.sel = SELMODE::VSEL_TENSOR_TENSOR_MODE;
    const std::vector<uint64_t> wide = {0x0123456789abcdefull, 0xfedcba9876543210ull, 0xff00ff00ff00ff00ull, 5};
    std::vector<float> x(256), y(256);
    for (int i = 0; i < 256; ++i) x[i] = static_cast<float>(i), y[i] = -static_cast<float>(i) - 1;
    Harness h;
    auto pm = h.input(wide), px = h.input(x), py = h.input(y), out = h.input(std::vector<float>(256));
    h.run(select_kernel<float, uint64_t>, {pm, px, py, out});
    const auto got = h.read<float>(out, 256);
    for (int i = 0; i < 256; ++i) CHECK(got[i] == (((wide[i / 64] >> (i % 64)) & 1) ? x[i] : y[i]));
  }
}

TEST_CASE("Compare then Select computes an element-wise maximum") {
  constexpr uint32_t n = 256;
  const auto a = data<half>(n, 21, false), b = data<half>(n, 22, false);
  Harness h;
  auto pa = h.input(a), pb = h.input(b), out = h.input(std::vector<half>(n));
  h.run(+[](GM_ADDR x, GM_ADDR y, GM_ADDR z) {
    TPipe pipe;
    TBuf<TPosition::VECCALC> xb, yb, mb, zb;
    LocalTensor<half> xl = load<half>(xb, x, n, pipe), yl = load<half>(yb, y, n, pipe);
    pipe.InitBuffer(mb, n / 8);
    pipe.InitBuffer(zb, n * sizeof(half));
    LocalTensor<uint8_t> m = mb.Get<uint8_t>();
    LocalTensor<half> zl = zb.Get<half>();
    Compare(m, xl, yl, CMPMODE::GT, n);
    Select(zl, m, xl, yl, SELMODE::VSEL_TENSOR_TENSOR_MODE, n);
    store<half>(z, zb, n);
  }, {pa, pb, out});
  const auto got = h.read<half>(out, n);
  for (uint32_t i = 0; i < n; ++i) CHECK(value_of(got[i]) == std::max(value_of(a[i]), value_of(b[i])));
}
