// Element-wise vector families against a scalar reference: every dtype each API has on the 910B,
// in the count, bit-mask, continuous-mask, mask-register and counter forms, with repeats and
// non-default strides; fp16 rounding; and the misuse each form can commit.
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <type_traits>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::test::expect_kernel_error;
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

namespace {
// ---- one instruction, any form: the scenario a kernel reads -----------------------------------
enum class Form { Count, Bits, Continuous, Register, Reset, Counter };
const char* form_name(Form f) {
  switch (f) {
    case Form::Count: return "count";
    case Form::Bits: return "bit mask";
    case Form::Continuous: return "continuous mask";
    case Form::Register: return "mask register";
    case Form::Reset: return "reset mask";
    case Form::Counter: return "counter mode";
  }
  return "?";
}

struct Case {
  Form form = Form::Count;
  int32_t count = 0;                // count and counter forms
  uint64_t mask[2] = {0, 0};        // bit mask / register form (mask[0] = low lanes)
  uint64_t cont = 0;                // continuous form
  uint8_t repeat = 1;
  uint8_t blk[3] = {1, 1, 1};       // dst, src0, src1
  uint8_t rep[3] = {8, 8, 8};
  uint32_t elems = 0;               // elements of each operand tensor (whole 32-byte blocks)
  double scalar = 0;
};
Case g_case;  // the scenario the kernels below run; set before each launch

// The type a reference computes in: float for the 16-bit floats, a wide integer for integers
// (converted back modulo 2^n, as the hardware wraps).
template <typename T> struct Num {
  using C = std::conditional_t<std::is_floating_point_v<T>, T, int64_t>;
  static C get(T v) { return static_cast<C>(v); }
  static T put(C v) { return static_cast<T>(v); }
};
template <> struct Num<half> {
  using C = float;
  static float get(half v) { return float(v); }
  static half put(float v) { return half(v); }
};
template <> struct Num<bfloat16_t> {
  using C = float;
  static float get(bfloat16_t v) { return float(v); }
  static bfloat16_t put(float v) { return bfloat16_t(v); }
};

template <typename T> const char* type_name() {
  if constexpr (std::is_same_v<T, half>) return "half";
  else if constexpr (std::is_same_v<T, bfloat16_t>) return "bfloat16_t";
  else if constexpr (std::is_same_v<T, float>) return "float";
  else if constexpr (std::is_same_v<T, int16_t>) return "int16_t";
  else if constexpr (std::is_same_v<T, uint16_t>) return "uint16_t";
  else if constexpr (std::is_same_v<T, int32_t>) return "int32_t";
  else if constexpr (std::is_same_v<T, uint32_t>) return "uint32_t";
  else if constexpr (std::is_same_v<T, int8_t>) return "int8_t";
  else return "int64_t";
}

inline BinaryRepeatParams params_of(const Case& k, BinaryRepeatParams*) {
  return BinaryRepeatParams(k.blk[0], k.blk[1], k.blk[2], k.rep[0], k.rep[1], k.rep[2]);
}
inline UnaryRepeatParams params_of(const Case& k, UnaryRepeatParams*) {
  return UnaryRepeatParams(k.blk[0], k.blk[1], k.rep[0], k.rep[1]);
}

// Op descriptors: how to call each form, the scalar reference, and the input domain.
#define BINARY_OP(Name, lo_, hi_, expr)                                                                        \
  struct Name##Op {                                                                                          \
    static constexpr const char* name = #Name;                                                               \
    static constexpr int inputs = 2;                                                                         \
    static constexpr double lo = lo_, hi = hi_;                                                              \
    using Params = BinaryRepeatParams;                                                                       \
    template <typename T>                                                                                    \
    static void count(const LocalTensor<T>& d, const LocalTensor<T>& a, const LocalTensor<T>& b, T, int32_t n) { \
      Name(d, a, b, n);                                                                                      \
    }                                                                                                        \
    template <bool set, typename T, typename M>                                                              \
    static void masked(const LocalTensor<T>& d, const LocalTensor<T>& a, const LocalTensor<T>& b, T, M m,    \
                       uint8_t r, const Params& p) {                                                         \
      Name<T, set>(d, a, b, m, r, p);                                                                        \
    }                                                                                                        \
    template <typename C> static C ref(C a, C b, C) { return expr; }                                         \
  };
BINARY_OP(Add, -100, 100, a + b)
BINARY_OP(Sub, -100, 100, a - b)
BINARY_OP(Mul, -100, 100, a * b)
BINARY_OP(Div, 0.5, 60, a / b)
BINARY_OP(Max, -100, 100, a > b ? a : b)
BINARY_OP(Min, -100, 100, a < b ? a : b)
BINARY_OP(And, -32768, 65535, a & b)
BINARY_OP(Or, -32768, 65535, a | b)
#undef BINARY_OP

#define UNARY_OP(Name, lo_, hi_, expr)                                                                        \
  struct Name##Op {                                                                                          \
    static constexpr const char* name = #Name;                                                               \
    static constexpr int inputs = 1;                                                                         \
    static constexpr double lo = lo_, hi = hi_;                                                              \
    using Params = UnaryRepeatParams;                                                                        \
    template <typename T>                                                                                    \
    static void count(const LocalTensor<T>& d, const LocalTensor<T>& a, const LocalTensor<T>&, T, int32_t n) { \
      Name(d, a, n);                                                                                         \
    }                                                                                                        \
    template <bool set, typename T, typename M>                                                              \
    static void masked(const LocalTensor<T>& d, const LocalTensor<T>& a, const LocalTensor<T>&, T, M m,      \
                       uint8_t r, const Params& p) {                                                         \
      Name<T, set>(d, a, m, r, p);                                                                           \
    }                                                                                                        \
    template <typename C> static C ref(C a, C, C) { return expr; }                                          \
  };
UNARY_OP(Exp, -8, 8, std::exp(a))
UNARY_OP(Ln, 0.01, 100, std::log(a))
UNARY_OP(Abs, -100, 100, std::fabs(a))
UNARY_OP(Reciprocal, 0.1, 100, C(1) / a)
UNARY_OP(Sqrt, 0, 1000, std::sqrt(a))
UNARY_OP(Rsqrt, 0.01, 1000, C(1) / std::sqrt(a))
UNARY_OP(Relu, -100, 100, a > 0 ? a : C(0))
UNARY_OP(Not, -32768, 65535, ~a)
#undef UNARY_OP

#define SCALAR_OP(Name, lo_, hi_, expr)                                                                       \
  struct Name##Op {                                                                                          \
    static constexpr const char* name = #Name;                                                               \
    static constexpr int inputs = 1;                                                                         \
    static constexpr double lo = lo_, hi = hi_;                                                              \
    using Params = UnaryRepeatParams;                                                                        \
    template <typename T>                                                                                    \
    static void count(const LocalTensor<T>& d, const LocalTensor<T>& a, const LocalTensor<T>&, T s, int32_t n) { \
      Name(d, a, s, n);                                                                                      \
    }                                                                                                        \
    template <bool set, typename T, typename M>                                                              \
    static void masked(const LocalTensor<T>& d, const LocalTensor<T>& a, const LocalTensor<T>&, T s, M m,    \
                       uint8_t r, const Params& p) {                                                         \
      Name<T, set>(d, a, s, m, r, p);                                                                        \
    }                                                                                                        \
    template <typename C> static C ref(C a, C, C s) { return expr; }                                         \
  };
SCALAR_OP(Adds, -100, 100, a + s)
SCALAR_OP(Muls, -100, 100, a * s)
SCALAR_OP(Maxs, -100, 100, a > s ? a : s)
SCALAR_OP(Mins, -100, 100, a < s ? a : s)
SCALAR_OP(LeakyRelu, -100, 100, a >= 0 ? a : a * s)
SCALAR_OP(ShiftLeft, -32768, 65535, a << s)
SCALAR_OP(ShiftRight, -32768, 65535, a >> s)
#undef SCALAR_OP

struct DuplicateOp {
  static constexpr const char* name = "Duplicate";
  static constexpr int inputs = 0;
  static constexpr double lo = -100, hi = 100;
  using Params = UnaryRepeatParams;
  template <typename T>
  static void count(const LocalTensor<T>& d, const LocalTensor<T>&, const LocalTensor<T>&, T s, int32_t n) {
    Duplicate(d, s, n);
  }
  template <bool set, typename T, typename M>
  static void masked(const LocalTensor<T>& d, const LocalTensor<T>&, const LocalTensor<T>&, T s, M m, uint8_t r,
                     const Params& p) {
    Duplicate<T, set>(d, s, m, r, p.dstBlkStride, p.dstRepStride);
  }
  template <typename C> static C ref(C, C, C s) { return s; }
};

// Runs g_case: copies the operands in (dst starts with known contents), runs the instruction in
// the chosen form, copies dst out.
template <class Op, typename T> void vector_kernel(GM_ADDR a, GM_ADDR b, GM_ADDR init, GM_ADDR out) {
  const Case& k = g_case;
  const uint32_t n = k.elems;
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 3 * n * sizeof(T));
  GlobalTensor<T> ag, bg, ig, og;
  ag.SetGlobalBuffer((__gm__ T*)a, n);
  bg.SetGlobalBuffer((__gm__ T*)b, n);
  ig.SetGlobalBuffer((__gm__ T*)init, n);
  og.SetGlobalBuffer((__gm__ T*)out, n);
  LocalTensor<T> la = buf.Get<T>(n);
  LocalTensor<T> lb = buf.GetWithOffset<T>(n, n * sizeof(T));
  LocalTensor<T> ld = buf.GetWithOffset<T>(n, 2 * n * sizeof(T));
  DataCopy(la, ag, n);
  DataCopy(lb, bg, n);
  DataCopy(ld, ig, n);
  const auto p = params_of(k, static_cast<typename Op::Params*>(nullptr));
  const T s = static_cast<T>(k.scalar);
  switch (k.form) {
    case Form::Count: Op::count(ld, la, lb, s, k.count); break;
    case Form::Bits: Op::template masked<true>(ld, la, lb, s, static_cast<const uint64_t*>(k.mask), k.repeat, p); break;
    case Form::Continuous: Op::template masked<true>(ld, la, lb, s, k.cont, k.repeat, p); break;
    case Form::Register:
      SetVectorMask<T>(k.mask[1], k.mask[0]);
      Op::template masked<false>(ld, la, lb, s, MASK_PLACEHOLDER, k.repeat, p);
      ResetMask();
      break;
    case Form::Reset:
      ResetMask();
      Op::template masked<false>(ld, la, lb, s, MASK_PLACEHOLDER, k.repeat, p);
      break;
    case Form::Counter:
      SetMaskCount();
      SetVectorMask<T, MaskMode::COUNTER>(0, k.count);
      Op::template masked<false>(ld, la, lb, s, MASK_PLACEHOLDER, 1, p);
      SetMaskNorm();
      ResetMask();
      break;
  }
  DataCopy(og, ld, n);
}

// The reference walk, written from the ISA description: repeat r, lane l of an operand with
// block stride B and repeat stride R (in 32-byte blocks) is element r*R*epb + (l/epb)*B*epb + l%epb.
template <class F> void walk(const Case& k, size_t es, F&& visit) {
  const uint32_t lanes = static_cast<uint32_t>(256 / es), epb = static_cast<uint32_t>(32 / es);
  auto offset = [&](uint32_t r, uint32_t l, int op) {
    return size_t{r} * k.rep[op] * epb + size_t{l / epb} * k.blk[op] * epb + l % epb;
  };
  auto element = [&](uint32_t r, uint32_t l) { visit(offset(r, l, 0), offset(r, l, 1), offset(r, l, 2)); };
  switch (k.form) {
    case Form::Count:
      for (int32_t i = 0; i < k.count; ++i) visit(size_t(i), size_t(i), size_t(i));
      break;
    case Form::Counter:
      for (int32_t i = 0; i < k.count; ++i) element(uint32_t(i) / lanes, uint32_t(i) % lanes);
      break;
    case Form::Bits:
    case Form::Register:
      for (uint32_t r = 0; r < k.repeat; ++r)
        for (uint32_t l = 0; l < lanes; ++l)
          if ((k.mask[l / 64] >> (l % 64)) & 1u) element(r, l);
      break;
    case Form::Continuous:
      for (uint32_t r = 0; r < k.repeat; ++r)
        for (uint32_t l = 0; l < k.cont; ++l) element(r, l);
      break;
    case Form::Reset:
      for (uint32_t r = 0; r < k.repeat; ++r)
        for (uint32_t l = 0; l < lanes; ++l) element(r, l);
      break;
  }
}

template <typename T> std::vector<T> random_values(size_t n, double lo, double hi, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<T> v(n);
  if constexpr (std::is_integral_v<T>) {
    const int64_t a = std::max<int64_t>(int64_t(lo), std::numeric_limits<T>::min());
    const int64_t b = std::min<int64_t>(int64_t(hi), std::numeric_limits<T>::max());
    std::uniform_int_distribution<int64_t> d(a, b);
    for (auto& x : v) x = static_cast<T>(d(rng));
  } else {
    std::uniform_real_distribution<double> d(lo, hi);
    for (auto& x : v) x = static_cast<T>(static_cast<float>(d(rng)));
  }
  return v;
}

template <typename T> uint64_t bits_of(T v) {
  uint64_t u = 0;
  std::memcpy(&u, &v, sizeof(T));
  return u;
}

// Runs `k` for Op on T with the given operands and checks every dst element (touched or not)
// against the reference.
template <class Op, typename T>
void check_case(const Case& k, const std::vector<T>& a, const std::vector<T>& b, const std::vector<T>& init) {
  g_case = k;
  Harness h;
  auto pa = h.input(a, "src0"), pb = h.input(b, "src1"), pi = h.input(init, "dst_init");
  auto po = h.output<T>(k.elems, "out");
  h.run(vector_kernel<Op, T>, {pa, pb, pi, po});
  const auto out = h.read<T>(po, k.elems);
  std::vector<T> expected = init;
  using NT = Num<T>;
  const auto s = NT::get(static_cast<T>(k.scalar));
  walk(k, sizeof(T), [&](size_t d, size_t x, size_t y) {
    expected[d] = NT::put(Op::ref(NT::get(a[x]), NT::get(Op::inputs == 2 ? b[y] : a[x]), s));
  });
  int mismatches = 0;
  for (uint32_t i = 0; i < k.elems && mismatches < 5; ++i) {
    if (bits_of(out[i]) == bits_of(expected[i])) continue;
    ++mismatches;
    FAIL_CHECK(Op::name << "<" << type_name<T>() << "> " << form_name(k.form) << ": element " << i << " is 0x"
                        << std::hex << bits_of(out[i]) << ", expected 0x" << bits_of(expected[i]) << std::dec);
  }
}

template <class Op, typename T> void check_case(const Case& k, uint32_t seed) {
  const auto a = random_values<T>(k.elems, Op::lo, Op::hi, seed);
  const auto b = random_values<T>(k.elems, Op::lo, Op::hi, seed + 1);
  const auto init = random_values<T>(k.elems, -7, 7, seed + 2);
  check_case<Op, T>(k, a, b, init);
}

// The scenarios every (API, dtype) pair runs: count form aligned and with a tail; bit masks (both
// words for 16-bit types); continuous masks; repeats with non-default strides; the mask register
// (set and reset); counter mode.
template <class Op, typename T> void check_all_forms(double scalar) {
  constexpr uint32_t es = sizeof(T), lanes = 256 / es;
  Case base;
  base.elems = 80 * 32 / es;  // room for three strided repeats
  base.scalar = scalar;
  uint32_t seed = 1;
  auto run = [&](Case k) { check_case<Op, T>(k, seed += 3); };

  Case k = base;
  k.count = static_cast<int32_t>(base.elems);
  run(k);
  k.count = static_cast<int32_t>(2 * lanes + 37);
  run(k);

  k = base;
  k.form = Form::Bits;
  k.mask[0] = 0xf0f0'1234'8000'0ff1ull;
  k.mask[1] = es == 2 ? 0x8000'0000'ffff'0003ull : 0;
  k.repeat = 2;
  run(k);
  k.blk[0] = 2; k.blk[1] = 3; k.blk[2] = 1;
  k.rep[0] = 20; k.rep[1] = 25; k.rep[2] = 0;
  k.repeat = 3;
  run(k);

  k = base;
  k.form = Form::Continuous;
  k.cont = lanes - 27;
  k.repeat = 3;
  run(k);
  k.cont = lanes;
  k.blk[0] = 2; k.blk[1] = 1; k.blk[2] = 3;
  k.rep[0] = 24; k.rep[1] = 9; k.rep[2] = 17;
  run(k);

  k = base;
  k.form = Form::Register;
  k.mask[0] = 0x0123'4567'89ab'cdefull;
  k.mask[1] = es == 2 ? 0xfedc'ba98'7654'3210ull : 0;
  k.repeat = 2;
  k.rep[0] = 16;
  run(k);

  k = base;
  k.form = Form::Reset;
  k.repeat = 2;
  run(k);

  k = base;
  k.form = Form::Counter;
  k.count = static_cast<int32_t>(2 * lanes + 45);
  run(k);
  k.blk[0] = 2; k.rep[0] = 16;
  k.blk[1] = 1; k.rep[1] = 8;
  k.blk[2] = 1; k.rep[2] = 9;
  run(k);
}

// A dtype the 910B lacks for the API fails with Unsupported naming both.
template <class Op, typename T> void check_unsupported() {
  Case k;
  k.elems = 64;
  k.count = 64;
  g_case = k;
  Harness h;
  std::vector<T> zeros(k.elems);
  auto p = h.input(zeros, "zeros");
  auto o = h.output<T>(k.elems);
  const auto e = expect_kernel_error([&] { h.run(vector_kernel<Op, T>, {p, p, p, o}); });
  CHECK(e.kind() == ErrorKind::Unsupported);
  CHECK(e.where().api == Op::name);
  CHECK(std::string(e.what()).find(type_name<T>()) != std::string::npos);
}
}  // namespace

TEST_CASE("binary arithmetic matches the reference in every form and dtype") {
  check_all_forms<AddOp, half>(0);
  check_all_forms<AddOp, float>(0);
  check_all_forms<AddOp, int16_t>(0);
  check_all_forms<AddOp, int32_t>(0);
  check_all_forms<SubOp, half>(0);
  check_all_forms<SubOp, float>(0);
  check_all_forms<SubOp, int16_t>(0);
  check_all_forms<SubOp, int32_t>(0);
  check_all_forms<MulOp, half>(0);
  check_all_forms<MulOp, float>(0);
  check_all_forms<MulOp, int16_t>(0);
  check_all_forms<MulOp, int32_t>(0);
  check_all_forms<DivOp, half>(0);
  check_all_forms<DivOp, float>(0);
  check_all_forms<MaxOp, half>(0);
  check_all_forms<MaxOp, float>(0);
  check_all_forms<MaxOp, int16_t>(0);
  check_all_forms<MaxOp, int32_t>(0);
  check_all_forms<MinOp, half>(0);
  check_all_forms<MinOp, float>(0);
  check_all_forms<MinOp, int16_t>(0);
  check_all_forms<MinOp, int32_t>(0);
}

TEST_CASE("bitwise And, Or, Not match the reference on 16-bit integers") {
  check_all_forms<AndOp, int16_t>(0);
  check_all_forms<AndOp, uint16_t>(0);
  check_all_forms<OrOp, int16_t>(0);
  check_all_forms<OrOp, uint16_t>(0);
  check_all_forms<NotOp, int16_t>(0);
  check_all_forms<NotOp, uint16_t>(0);
}

TEST_CASE("unary math matches the reference in every form and dtype") {
  check_all_forms<ExpOp, half>(0);
  check_all_forms<ExpOp, float>(0);
  check_all_forms<LnOp, half>(0);
  check_all_forms<LnOp, float>(0);
  check_all_forms<AbsOp, half>(0);
  check_all_forms<AbsOp, float>(0);
  check_all_forms<ReciprocalOp, half>(0);
  check_all_forms<ReciprocalOp, float>(0);
  check_all_forms<SqrtOp, half>(0);
  check_all_forms<SqrtOp, float>(0);
  check_all_forms<RsqrtOp, half>(0);
  check_all_forms<RsqrtOp, float>(0);
  check_all_forms<ReluOp, half>(0);
  check_all_forms<ReluOp, float>(0);
  check_all_forms<ReluOp, int32_t>(0);
}

TEST_CASE("tensor-scalar APIs match the reference in every form and dtype") {
  check_all_forms<AddsOp, half>(2.5);
  check_all_forms<AddsOp, float>(-3.25);
  check_all_forms<AddsOp, int16_t>(-7);
  check_all_forms<AddsOp, int32_t>(1000);
  check_all_forms<MulsOp, half>(0.3);
  check_all_forms<MulsOp, float>(-1.7);
  check_all_forms<MulsOp, int16_t>(3);
  check_all_forms<MulsOp, int32_t>(-9);
  check_all_forms<MaxsOp, half>(10.5);
  check_all_forms<MaxsOp, float>(-20);
  check_all_forms<MaxsOp, int16_t>(5);
  check_all_forms<MaxsOp, int32_t>(-5);
  check_all_forms<MinsOp, half>(10.5);
  check_all_forms<MinsOp, float>(-20);
  check_all_forms<MinsOp, int16_t>(5);
  check_all_forms<MinsOp, int32_t>(-5);
  check_all_forms<LeakyReluOp, half>(0.1);
  check_all_forms<LeakyReluOp, float>(0.01);
  check_all_forms<ShiftLeftOp, int16_t>(3);
  check_all_forms<ShiftLeftOp, uint16_t>(5);
  check_all_forms<ShiftLeftOp, int32_t>(7);
  check_all_forms<ShiftLeftOp, uint32_t>(13);
  check_all_forms<ShiftRightOp, int16_t>(3);
  check_all_forms<ShiftRightOp, uint16_t>(5);
  check_all_forms<ShiftRightOp, int32_t>(7);
  check_all_forms<ShiftRightOp, uint32_t>(13);
}

TEST_CASE("Duplicate fills every dtype it supports, bfloat16_t included") {
  check_all_forms<DuplicateOp, half>(-1.5);
  check_all_forms<DuplicateOp, bfloat16_t>(3.140625);
  check_all_forms<DuplicateOp, float>(2.75);
  check_all_forms<DuplicateOp, int16_t>(-300);
  check_all_forms<DuplicateOp, uint16_t>(60000);
  check_all_forms<DuplicateOp, int32_t>(-123456);
  check_all_forms<DuplicateOp, uint32_t>(4000000000.0);
}

TEST_CASE("a dtype the 910B lacks for an API fails with Unsupported") {
  check_unsupported<AddOp, bfloat16_t>();
  check_unsupported<SubOp, uint16_t>();
  check_unsupported<MulOp, bfloat16_t>();
  check_unsupported<DivOp, int32_t>();
  check_unsupported<MaxOp, int8_t>();
  check_unsupported<MinOp, uint32_t>();
  check_unsupported<AndOp, float>();
  check_unsupported<OrOp, half>();
  check_unsupported<NotOp, int32_t>();
  check_unsupported<ExpOp, int32_t>();
  check_unsupported<LnOp, int16_t>();
  check_unsupported<AbsOp, int16_t>();
  check_unsupported<ReciprocalOp, bfloat16_t>();
  check_unsupported<SqrtOp, int32_t>();
  check_unsupported<RsqrtOp, int16_t>();
  check_unsupported<ReluOp, int16_t>();
  check_unsupported<AddsOp, bfloat16_t>();
  check_unsupported<MulsOp, uint16_t>();
  check_unsupported<MaxsOp, int8_t>();
  check_unsupported<MinsOp, bfloat16_t>();
  check_unsupported<LeakyReluOp, int32_t>();
  check_unsupported<ShiftLeftOp, half>();
  check_unsupported<ShiftRightOp, float>();
  check_unsupported<DuplicateOp, int64_t>();
}

// ---- fp16 / bf16 numerics ---------------------------------------------------------------------
namespace {
template <class Op> void check_half_values(const std::vector<float>& a, const std::vector<float>& b,
                                           const std::vector<uint16_t>& expected_bits, double scalar = 0) {
  Case k;
  k.elems = 16;
  k.count = static_cast<int32_t>(a.size());
  k.scalar = scalar;
  std::vector<half> ha(16), hb(16), init(16);
  for (size_t i = 0; i < a.size(); ++i) {
    ha[i] = half(a[i]);
    hb[i] = half(b[i]);
  }
  g_case = k;
  Harness h;
  auto pa = h.input(ha), pb = h.input(hb), pi = h.input(init);
  auto po = h.output<half>(16);
  h.run(vector_kernel<Op, half>, {pa, pb, pi, po});
  const auto out = h.read<half>(po, 16);
  for (size_t i = 0; i < expected_bits.size(); ++i)
    CHECK_MESSAGE(out[i].bits == expected_bits[i], Op::name << " element " << i << ": 0x" << std::hex << out[i].bits
                                                            << " expected 0x" << expected_bits[i]);
}
}  // namespace

TEST_CASE("half results round to nearest, ties to even") {
  // 2048 + 1 lies halfway between 2048 and 2050: even mantissa 2048; 2050 + 1 -> 2052.
  // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: rounds to 1.
  check_half_values<AddOp>({2048, 2050, 1, 1}, {1, 1, 0.00048828125f, 0.000732421875f},
                           {half(2048.0f).bits, half(2052.0f).bits, 0x3c00, 0x3c01});
  // Products round once: 3 * half(1/3) = 1 - 2^-12, halfway between 1 - 2^-11 and 1: even is 1.
  check_half_values<MulOp>({3, 1.5f}, {float(half(1.0f / 3)), 1.5f}, {0x3c00, half(2.25f).bits});
}

TEST_CASE("half overflows to infinity and keeps subnormals") {
  // 65504 + 15 stays 65504; 65504 + 16 reaches the tie at 65520, which rounds to infinity.
  check_half_values<AddOp>({65504, 65504, -65504}, {15, 16, -16}, {0x7bff, 0x7c00, 0xfc00});
  // 2^-12 * 2^-12 = 2^-24, the smallest subnormal; 2^-12 * 2^-13 = 2^-25 ties to zero;
  // 2^-12 * 3*2^-14 = 0.75 * 2^-24 rounds up to 2^-24; subnormal + subnormal stays exact.
  check_half_values<MulOp>({0.000244140625f, 0.000244140625f, 0.000244140625f},
                           {0.000244140625f, 0.0001220703125f, 0.00018310546875f}, {0x0001, 0x0000, 0x0001});
  auto h = [](uint16_t bits) { return float(half::from_bits(bits)); };
  check_half_values<AddOp>({h(0x0003), h(0x03ff)}, {h(0x0001), h(0x0001)}, {0x0004, 0x0400});
  check_half_values<MulsOp>({60000, -40000}, {0, 0}, {0x7c00, 0xfc00}, 2.0);
}

TEST_CASE("bfloat16_t converts with round to nearest even") {
  CHECK(bfloat16_t(1.0f + 0.00390625f).bits == 0x3f80);   // 1 + 2^-8: tie, stays 1
  CHECK(bfloat16_t(1.0f + 0.01171875f).bits == 0x3f82);   // 1 + 3*2^-8: tie, rounds to even 1 + 2^-6
  CHECK(bfloat16_t(1.0f + 0.005f).bits == 0x3f81);        // above the tie
  CHECK(float(bfloat16_t::from_bits(0x4049)) == 3.140625f);
  CHECK(bfloat16_t(3.4e38f).bits == 0x7f80);              // rounds past the largest finite value
}

// ---- misuse -----------------------------------------------------------------------------------
namespace {
// Runs g_case for Op on T with zero inputs and returns the error it raises.
template <class Op, typename T> ascendgen::sim::KernelError vector_error(const Case& k) {
  g_case = k;
  Harness h;
  std::vector<T> zeros(k.elems);
  auto p = h.input(zeros, "zeros");
  auto o = h.output<T>(k.elems);
  return expect_kernel_error([&] { h.run(vector_kernel<Op, T>, {p, p, p, o}); });
}
bool mentions(const ascendgen::sim::KernelError& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}
}  // namespace

TEST_CASE("continuous masks outside 1..lanes fail with MaskOutOfRange") {
  Case k;
  k.elems = 1024;
  k.form = Form::Continuous;
  k.cont = 129;
  auto e = vector_error<AddOp, half>(k);
  CHECK(e.kind() == ErrorKind::MaskOutOfRange);
  CHECK(e.where().api == "Add");
  CHECK(mentions(e, "continuous mask 129"));
  CHECK(mentions(e, "vector_basic_test.cpp"));
  k.cont = 65;
  e = vector_error<MulOp, float>(k);
  CHECK(e.kind() == ErrorKind::MaskOutOfRange);
  CHECK(mentions(e, "outside 1..64"));
  k.cont = 0;
  e = vector_error<ExpOp, half>(k);
  CHECK(e.kind() == ErrorKind::MaskOutOfRange);
}

TEST_CASE("bit masks selecting nothing, or upper lanes of a 32-bit type, fail with MaskOutOfRange") {
  Case k;
  k.elems = 1024;
  k.form = Form::Bits;
  auto e = vector_error<AddOp, half>(k);
  CHECK(e.kind() == ErrorKind::MaskOutOfRange);
  CHECK(mentions(e, "no lane"));
  k.mask[0] = 1;
  k.mask[1] = 1;
  e = vector_error<AddsOp, float>(k);
  CHECK(e.kind() == ErrorKind::MaskOutOfRange);
  CHECK(e.where().api == "Adds");
  CHECK(mentions(e, "mask[1]"));
}

TEST_CASE("SetVectorMask with a length outside 1..lanes fails at its call site") {
  Case k;
  k.elems = 1024;
  k.form = Form::Register;
  k.mask[0] = 0;  // SetVectorMask<T>(0, 0) selects nothing
  auto e = vector_error<AddOp, half>(k);
  CHECK(e.kind() == ErrorKind::MaskOutOfRange);
  CHECK(e.where().api == "Add");
}

namespace {
void set_mask_length_kernel(GM_ADDR) {
  SetVectorMask<half>(200);
}
void repeat_256_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 1024);
  LocalTensor<half> t = buf.Get<half>();
  ascendgen::sim::abi::VecShape shape;
  shape.form = ascendgen::sim::abi::MaskForm::Continuous;
  shape.mask[0] = 128;
  shape.repeat = 256;  // uint8_t repeatTimes cannot spell this; the runtime must still refuse it
  ascendgen::sim::abi::vec_binary("Add", ascendgen::sim::abi::BinaryOp::Add, ascendgen::sim::abi::DType::F16,
                                  t.ref(), t.ref(), t.ref(), shape, Site::here());
}
// blockStride 0 folds every block onto the first: lanes 0..8 of a float repeat touch elements
// 0..7, beyond a 4-element tensor, although the highest lane (8) maps to element 0.
void zero_block_stride_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 3 * 32);
  LocalTensor<float> a = buf.Get<float>(4), b = buf.GetWithOffset<float>(4, 32), d = buf.GetWithOffset<float>(4, 64);
  const uint64_t mask[2] = {0x1ff, 0};
  Add(d, a, b, mask, 1, BinaryRepeatParams(0, 0, 0, 0, 0, 0));
}
void misaligned_operand_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 1024);
  LocalTensor<half> t = buf.Get<half>();
  Add(t[256], t[1], t[128], 16);
}
void negative_count_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 1024);
  LocalTensor<float> t = buf.Get<float>();
  Exp(t, t, -5);
}
}  // namespace

TEST_CASE("SetVectorMask(len) outside 1..lanes names SetVectorMask and its call site") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(set_mask_length_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::MaskOutOfRange);
  CHECK(e.where().api == "SetVectorMask");
  CHECK(e.where().file.find("vector_basic_test.cpp") != std::string::npos);
  CHECK(mentions(e, "200"));
}

TEST_CASE("repeatTimes above 255 fails with MaskOutOfRange") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(repeat_256_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::MaskOutOfRange);
  CHECK(mentions(e, "repeatTimes 256"));
}

TEST_CASE("extents implied by count, mask, repeat and stride are checked against each tensor") {
  Case k;
  k.elems = 512;
  k.count = 528;
  auto e = vector_error<AddOp, float>(k);
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(mentions(e, "dst would touch 528 elements"));
  CHECK(mentions(e, "UB 0x"));

  k = Case{};
  k.elems = 80 * 16;
  k.form = Form::Continuous;
  k.cont = 128;
  k.repeat = 3;
  k.rep[1] = 40;  // src0: repeat 2 starts at block 80, past the 80-block tensor
  e = vector_error<SubOp, half>(k);
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(mentions(e, "src0"));

  k.rep[1] = 8;
  k.blk[2] = 12;  // src1: block 7 of repeat 2 at 16 + 84 = block 100
  e = vector_error<MulOp, half>(k);
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(mentions(e, "src1"));

  k = Case{};
  k.elems = 64;
  k.form = Form::Counter;
  k.count = 65;  // counter mode walks 65 elements of a 64-element tensor
  e = vector_error<ReluOp, float>(k);
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);

  Harness h;
  e = expect_kernel_error([&] { h.run(zero_block_stride_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(mentions(e, "would touch 8 elements"));
}

TEST_CASE("an operand not 32-byte aligned in UB fails with Misaligned") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(misaligned_operand_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::Misaligned);
  CHECK(e.where().api == "Add");
  CHECK(mentions(e, "src0 starts at UB 0x2"));
}

TEST_CASE("a negative calCount fails with InvalidArgument") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(negative_count_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::InvalidArgument);
  CHECK(e.where().api == "Exp");
}

TEST_CASE("a shift by a negative amount or by the element width fails with InvalidArgument") {
  Case k;
  k.elems = 64;
  k.count = 64;
  k.scalar = 16;
  auto e = vector_error<ShiftLeftOp, int16_t>(k);
  CHECK(e.kind() == ErrorKind::InvalidArgument);
  CHECK(e.where().api == "ShiftLeft");
  CHECK(mentions(e, "shift amount 16 is outside 0..15"));
  k.scalar = -1;
  e = vector_error<ShiftRightOp, int32_t>(k);
  CHECK(e.kind() == ErrorKind::InvalidArgument);
  CHECK(mentions(e, "shift amount -1"));
}
