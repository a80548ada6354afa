// Cast (vconv). Every conversion reads its source as an exact value sign * m * 2^e and rounds it
// once into the target format, so each RoundMode acts exactly as the instruction defines it.
// Integer targets saturate and take NaN to 0; float targets follow IEEE overflow for the rounding
// direction (the 910B's INF_NAN mode), which is what Add & co. in this emulator also produce.
#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

#include "ascendgen/ascendc/kernel/cast.h"
#include "vector_plan.h"

namespace ascendgen::sim::abi {
using sim::Core;
using sim::current;
using sim::ErrorKind;

namespace {
// AscendC::RoundMode values.
enum Mode : uint8_t { kNone, kRint, kFloor, kCeil, kRound, kTrunc, kOdd, kModeCount };
constexpr const char* kModeNames[kModeCount] = {"CAST_NONE",  "CAST_RINT",  "CAST_FLOOR", "CAST_CEIL",
                                                "CAST_ROUND", "CAST_TRUNC", "CAST_ODD"};

constexpr uint8_t bit(Mode m) { return static_cast<uint8_t>(1u << m); }
constexpr uint8_t kDirected = bit(kRint) | bit(kFloor) | bit(kCeil) | bit(kRound) | bit(kTrunc);
constexpr uint8_t kExact = bit(kNone);
constexpr uint8_t kAnyMode = (1u << kModeCount) - 1;

// The conversions the 910B (Atlas A2) has and the round modes each takes, from the Cast API
// reference ("Cast指令参数说明", Atlas A2 table). int32_t -> half ignores the mode: it scales by
// the DEQSCALE register.
struct CastRule {
  DType from, to;
  uint8_t modes;
};
constexpr CastRule kRules[] = {
    {DType::F16, DType::I32, kDirected},          {DType::F16, DType::I16, kDirected},
    {DType::F16, DType::F32, kExact},             {DType::F16, DType::I8, kDirected | kExact},
    {DType::F16, DType::U8, kDirected | kExact},  {DType::F32, DType::F32, kDirected},
    {DType::F32, DType::I32, kDirected},          {DType::F32, DType::F16, kDirected | kExact | bit(kOdd)},
    {DType::F32, DType::I64, kDirected},          {DType::F32, DType::I16, kDirected},
    {DType::F32, DType::BF16, kDirected},         {DType::BF16, DType::F32, kExact},
    {DType::BF16, DType::I32, kDirected},         {DType::U8, DType::F16, kExact},
    {DType::I8, DType::F16, kExact},              {DType::I16, DType::F16, kDirected | kExact},
    {DType::I16, DType::F32, kExact},             {DType::I32, DType::F32, kDirected | kExact},
    {DType::I32, DType::I16, kExact},             {DType::I32, DType::F16, kAnyMode},
    {DType::I32, DType::I64, kExact},             {DType::I64, DType::I32, kExact},
    {DType::I64, DType::F32, kDirected},
};

// (-1)^neg * m * 2^e, or a NaN or infinity.
struct Exact {
  bool neg = false;
  bool nan = false;
  bool inf = false;
  uint64_t m = 0;
  int e = 0;
};

struct FloatFormat {
  int precision;  // significand bits, hidden bit included
  int exp_bits;
  int emin, emax;  // unbiased exponent range of normal numbers; bias = emax
  int bits() const { return precision + exp_bits; }
};
constexpr FloatFormat kHalf{11, 5, -14, 15};
constexpr FloatFormat kBf16{8, 8, -126, 127};
constexpr FloatFormat kFloat{24, 8, -126, 127};

const FloatFormat* float_format(DType dt) {
  switch (dt) {
    case DType::F16: return &kHalf;
    case DType::BF16: return &kBf16;
    case DType::F32: return &kFloat;
    default: return nullptr;
  }
}

Exact decode_float(uint32_t bits, const FloatFormat& f) {
  const int frac_bits = f.precision - 1;
  const uint32_t frac = bits & ((1u << frac_bits) - 1);
  const uint32_t biased = (bits >> frac_bits) & ((1u << f.exp_bits) - 1);
  Exact v;
  v.neg = (bits >> (f.bits() - 1)) & 1u;
  if (biased == (1u << f.exp_bits) - 1) {
    v.nan = frac != 0;
    v.inf = frac == 0;
  } else if (biased == 0) {
    v.m = frac;
    v.e = f.emin - frac_bits;
  } else {
    v.m = frac | (uint64_t{1} << frac_bits);
    v.e = static_cast<int>(biased) - f.emax - frac_bits;
  }
  return v;
}

Exact from_integer(int64_t x) {
  Exact v;
  v.neg = x < 0;
  v.m = v.neg ? uint64_t{0} - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
  return v;
}

// m * 2^-shift (shift >= 1) rounded to an integer by `mode`; `neg` is the value's sign.
uint64_t round_shift(uint64_t m, int shift, bool neg, Mode mode) {
  using Wide = unsigned __int128;
  uint64_t kept = 0;
  int vs_half = -1;  // the dropped part against half a unit of the last kept bit
  bool inexact = m != 0;
  if (shift < 128) {
    const Wide rest = Wide{m} & ((Wide{1} << shift) - 1), half = Wide{1} << (shift - 1);
    kept = static_cast<uint64_t>(Wide{m} >> shift);
    vs_half = rest < half ? -1 : rest == half ? 0 : 1;
    inexact = rest != 0;
  }
  bool up = false;
  switch (mode) {
    case kNone: case kRint: up = vs_half > 0 || (vs_half == 0 && (kept & 1u)); break;
    case kRound: up = vs_half >= 0; break;
    case kFloor: up = neg && inexact; break;
    case kCeil: up = !neg && inexact; break;
    case kTrunc: break;
    case kOdd: up = inexact && !(kept & 1u); break;
    default: break;
  }
  return kept + (up ? 1 : 0);
}

uint32_t encode_float(const Exact& v, const FloatFormat& f, Mode mode) {
  const int frac_bits = f.precision - 1;
  const uint32_t sign = static_cast<uint32_t>(v.neg) << (f.bits() - 1);
  const uint32_t exp_all = ((1u << f.exp_bits) - 1) << frac_bits;
  if (v.nan) return sign | exp_all | (1u << (frac_bits - 1));
  if (v.inf) return sign | exp_all;
  if (v.m == 0) return sign;
  const int msb = std::bit_width(v.m) - 1 + v.e;
  int q = std::max(msb, f.emin) - frac_bits;  // exponent of the last significand bit kept
  uint64_t k = q <= v.e ? v.m << (v.e - q) : round_shift(v.m, q - v.e, v.neg, mode);
  if (k >> f.precision) {  // rounding carried into the next binade
    k >>= 1;
    ++q;
  }
  if (k == 0) return sign;
  const int exponent = std::bit_width(k) - 1 + q;
  if (exponent > f.emax) {
    const bool to_inf = mode == kNone || mode == kRint || mode == kRound || (mode == kCeil && !v.neg) ||
                        (mode == kFloor && v.neg);
    const uint32_t max_finite = (exp_all - (1u << frac_bits)) | ((1u << frac_bits) - 1);
    return sign | (to_inf ? exp_all : max_finite);
  }
  if (!(k >> frac_bits)) return sign | static_cast<uint32_t>(k);  // subnormal
  return sign | (static_cast<uint32_t>(exponent + f.emax) << frac_bits) |
         (static_cast<uint32_t>(k) & ((1u << frac_bits) - 1));
}

// |v| rounded to an integer by `mode`, saturated to 2^64 - 1.
uint64_t integer_magnitude(const Exact& v, Mode mode) {
  if (v.m == 0) return 0;
  if (v.e < 0) return round_shift(v.m, -v.e, v.neg, mode);
  return v.e >= std::countl_zero(v.m) ? ~uint64_t{0} : v.m << v.e;
}

int64_t saturate(const Exact& v, Mode mode, int64_t lo, int64_t hi) {
  if (v.nan) return 0;
  const uint64_t mag = v.inf ? ~uint64_t{0} : integer_magnitude(v, mode);
  if (!v.neg) return mag > static_cast<uint64_t>(hi) ? hi : static_cast<int64_t>(mag);
  return mag >= uint64_t{0} - static_cast<uint64_t>(lo) ? lo : -static_cast<int64_t>(mag);
}

template <typename T> T read_as(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}
template <typename T> void write_as(uint8_t* p, T v) { std::memcpy(p, &v, sizeof(T)); }

Exact load(DType dt, const uint8_t* p) {
  switch (dt) {
    case DType::F16: case DType::BF16: return decode_float(read_as<uint16_t>(p), *float_format(dt));
    case DType::F32: return decode_float(read_as<uint32_t>(p), kFloat);
    case DType::I8: return from_integer(read_as<int8_t>(p));
    case DType::U8: return from_integer(read_as<uint8_t>(p));
    case DType::I16: return from_integer(read_as<int16_t>(p));
    case DType::I32: return from_integer(read_as<int32_t>(p));
    default: return from_integer(read_as<int64_t>(p));
  }
}

void store(DType dt, uint8_t* p, const Exact& v, Mode mode) {
  switch (dt) {
    case DType::F16: case DType::BF16:
      return write_as(p, static_cast<uint16_t>(encode_float(v, *float_format(dt), mode)));
    case DType::F32: return write_as(p, encode_float(v, kFloat, mode));
    case DType::I8: return write_as(p, static_cast<int8_t>(saturate(v, mode, INT8_MIN, INT8_MAX)));
    case DType::U8: return write_as(p, static_cast<uint8_t>(saturate(v, mode, 0, UINT8_MAX)));
    case DType::I16: return write_as(p, static_cast<int16_t>(saturate(v, mode, INT16_MIN, INT16_MAX)));
    case DType::I32: return write_as(p, static_cast<int32_t>(saturate(v, mode, INT32_MIN, INT32_MAX)));
    default: return write_as(p, saturate(v, mode, INT64_MIN, INT64_MAX));
  }
}

// float -> float rounds to an integral float (values with e >= 0 already are).
Exact to_integral(const Exact& v, Mode mode) {
  if (v.nan || v.inf || v.e >= 0) return v;
  Exact r = v;
  r.m = round_shift(v.m, -v.e, v.neg, mode);
  r.e = 0;
  return r;
}

// int32_t * half(DEQSCALE), exact (31 + 11 significant bits), rounded once to half.
Exact dequantise(const Exact& x, uint16_t scale_bits) {
  const Exact s = decode_float(scale_bits, kHalf);
  Exact r;
  r.neg = x.neg != s.neg;
  r.nan = s.nan || (s.inf && x.m == 0);
  r.inf = s.inf && x.m != 0;
  r.m = x.m * s.m;
  r.e = s.e;
  return r;
}

std::string mode_list(uint8_t modes) {
  std::string names;
  for (int m = 0; m < kModeCount; ++m)
    if (modes & (1u << m)) names += std::string(names.empty() ? "" : ", ") + kModeNames[m];
  return names;
}

// Fails unless the 910B has the conversion from -> to with `mode`.
void require_rule(Core& c, DType to, DType from, Mode mode) {
  for (const CastRule& r : kRules) {
    if (r.from != from || r.to != to) continue;
    if (!(r.modes & bit(mode)))
      c.fail(ErrorKind::Unsupported, "Cast {} -> {} does not take {} on Ascend 910B (it takes {})", sim::dtype_name(from),
             sim::dtype_name(to), kModeNames[mode], mode_list(r.modes));
    return;
  }
  c.fail(ErrorKind::Unsupported, "Ascend 910B has no Cast from {} to {}", sim::dtype_name(from), sim::dtype_name(to));
}
}  // namespace

void vec_cast(DType to, DType from, uint8_t round_mode, TensorRef dst, TensorRef src, const VecShape& shape,
              Site site) {
  Core& c = current();
  c.enter("Cast", site);
  if (round_mode >= kModeCount) c.fail(ErrorKind::InvalidArgument, "roundMode {} is not a RoundMode", round_mode);
  const Mode mode = static_cast<Mode>(round_mode);
  require_rule(c, to, from, mode);
  const bool deq = from == DType::I32 && to == DType::F16;
  if (deq && c.deq_scale < 0)
    c.fail(ErrorKind::InvalidArgument,
           "Cast int32_t -> half multiplies by the DEQSCALE register, which SetDeqScale(half) has not set");
  const size_t to_size = sim::dtype_size(to), from_size = sim::dtype_size(from);
  // A repeat holds 256 bytes of the wider operand; the narrower one fills fewer blocks.
  const sim::VectorPlan p = sim::plan_vector(c, shape, to_size >= from_size ? to : from);
  sim::VectorPlan dst_walk = p, src_walk = p;
  dst_walk.epb = static_cast<uint32_t>(32 / to_size);
  src_walk.epb = static_cast<uint32_t>(32 / from_size);
  c.instr().writes = sim::check_operand(c, dst_walk, shape, 0, dst, "dst");
  c.instr().reads[0] = sim::check_operand(c, src_walk, shape, 1, src, "src");

  uint8_t* d = c.ub() + dst.addr;
  const uint8_t* s = c.ub() + src.addr;
  const bool integral = from == DType::F32 && to == DType::F32;
  if (!c.timing_only()) sim::for_each_lane(p, [&](uint32_t r, uint32_t l) {
    const uint64_t index = static_cast<uint64_t>(r) * p.lanes + l;
    const uint64_t di = p.contiguous ? index : sim::lane_offset(shape, 0, dst_walk.epb, r, l);
    const uint64_t si = p.contiguous ? index : sim::lane_offset(shape, 1, src_walk.epb, r, l);
    Exact v = load(from, s + si * from_size);
    if (to == DType::U8 && v.neg && v.m != 0)
      c.fail(ErrorKind::InvalidArgument, "Cast half -> uint8_t of a negative value (src element {}): the 910B "
             "treats negative input as an exception", si);
    if (integral) v = to_integral(v, mode);
    if (deq) v = dequantise(v, static_cast<uint16_t>(c.deq_scale));
    store(to, d + di * to_size, v, deq ? kRint : mode);
  });
  sim::note_vector(c, p, to_size >= from_size ? to : from, shape.form);
}

void set_deq_scale(uint16_t scale_bits, Site site) {
  Core& c = current();
  c.enter("SetDeqScale", site);
  c.deq_scale = scale_bits;
}

}  // namespace ascendgen::sim::abi
