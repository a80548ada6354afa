// Kernel-facing basics: the Ascend C qualifiers, the element types (half, bfloat16_t) with the
// NPU's round-to-nearest-even conversions, positions, and the dtype tags shared with the runtime.
// C++17 and free of C library declarations, so a kernel may be named sqrt or exp.
#pragma once
#include <cstddef>
#include <cstdint>

#include "dialect.h"

#define __global__
#define __aicore__
#define __gm__
#define __ubuf__
#define __cbuf__
#define __ca__
#define __cb__
#define __cc__
#define __vector__
#define __cube__
#define __mix__(cube, vec)
#define GM_ADDR __gm__ uint8_t*
// The AI core generation the CANN compiler predefines for device code: 220 on the 910B family
// (dav-c220). Kernels branch on it, most often to enable bfloat16 and int paths.
#ifndef __CCE_AICORE__
#define __CCE_AICORE__ 220
#endif

namespace ascendgen::sim::abi {

// Element types as the runtime knows them; values are part of the kernel ABI.
enum class DType : uint8_t { F16, BF16, F32, I8, U8, I16, U16, I32, U32, I64, U64, BOOL };

// Where in the kernel source an API was called; filled in by a defaulted trailing argument.
struct Site {
  const char* file;
  uint32_t line;
  static constexpr Site here(const char* f = __builtin_FILE(), uint32_t l = __builtin_LINE()) {
    return {f, l};
  }
};

constexpr uint32_t bits_of(float f) { return __builtin_bit_cast(uint32_t, f); }
constexpr float float_of(uint32_t u) { return __builtin_bit_cast(float, u); }

// IEEE binary16 with round-to-nearest-even, as the NPU's vector unit rounds.
constexpr uint16_t half_from_float(float f) {
  const uint32_t x = bits_of(f);
  const uint32_t sign = (x >> 16) & 0x8000u;
  const uint32_t ax = x & 0x7fffffffu;
  if (ax > 0x7f800000u) return static_cast<uint16_t>(sign | 0x7e00u | ((ax >> 13) & 0x3ffu));  // quiet NaN
  if (ax >= 0x477ff000u) return static_cast<uint16_t>(sign | 0x7c00u);  // rounds to infinity
  if (ax < 0x38800000u) {  // result is subnormal or zero: let float addition round at 2^-24
    const float r = float_of(ax) + 0.5f;
    return static_cast<uint16_t>(sign | (bits_of(r) - 0x3f000000u));
  }
  return static_cast<uint16_t>(sign | ((ax - 0x38000000u + 0xfffu + ((ax >> 13) & 1u)) >> 13));
}
constexpr float half_to_float(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  const uint32_t e = (h >> 10) & 0x1fu, m = h & 0x3ffu;
  if (e == 0) {
    const float v = static_cast<float>(m) * 5.9604644775390625e-8f;  // m * 2^-24
    return float_of(sign | bits_of(v));
  }
  if (e == 31) return float_of(sign | 0x7f800000u | (m << 13));
  return float_of(sign | ((e + 112u) << 23) | (m << 13));
}
constexpr uint16_t bf16_from_float(float f) {
  const uint32_t x = bits_of(f);
  if ((x & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((x >> 16) | 0x40u);
  return static_cast<uint16_t>((x + 0x7fffu + ((x >> 16) & 1u)) >> 16);
}
constexpr float bf16_to_float(uint16_t b) { return float_of(static_cast<uint32_t>(b) << 16); }

// A 16-bit float stored as bits; arithmetic goes through float, results round back on assignment.
// Conversions are constexpr, so kernels may declare `constexpr half one = 1.0;`.
template <uint16_t (*FromFloat)(float), float (*ToFloat)(uint16_t)>
struct Float16Storage {
  uint16_t bits = 0;
  Float16Storage() = default;
  template <typename U, typename = decltype(static_cast<float>(U{}))>
  constexpr Float16Storage(U v) : bits(FromFloat(static_cast<float>(v))) {}
  constexpr operator float() const { return ToFloat(bits); }
  static Float16Storage from_bits(uint16_t b) {
    Float16Storage s;
    s.bits = b;
    return s;
  }
  template <typename U> Float16Storage& operator+=(U v) { return *this = float(*this) + float(v); }
  template <typename U> Float16Storage& operator-=(U v) { return *this = float(*this) - float(v); }
  template <typename U> Float16Storage& operator*=(U v) { return *this = float(*this) * float(v); }
  template <typename U> Float16Storage& operator/=(U v) { return *this = float(*this) / float(v); }
};

}  // namespace ascendgen::sim::abi

using half = ascendgen::sim::abi::Float16Storage<ascendgen::sim::abi::half_from_float,
                                                 ascendgen::sim::abi::half_to_float>;
using bfloat16_t = ascendgen::sim::abi::Float16Storage<ascendgen::sim::abi::bf16_from_float,
                                                       ascendgen::sim::abi::bf16_to_float>;
using float16_t = half;
using float32_t = float;
namespace bfloat16 {
using bfloat16_t = ::bfloat16_t;
}

namespace ascendgen::sim::abi {
template <typename T> struct DTypeOf;
template <> struct DTypeOf<half> { static constexpr DType value = DType::F16; };
template <> struct DTypeOf<bfloat16_t> { static constexpr DType value = DType::BF16; };
template <> struct DTypeOf<float> { static constexpr DType value = DType::F32; };
template <> struct DTypeOf<int8_t> { static constexpr DType value = DType::I8; };
template <> struct DTypeOf<uint8_t> { static constexpr DType value = DType::U8; };
template <> struct DTypeOf<int16_t> { static constexpr DType value = DType::I16; };
template <> struct DTypeOf<uint16_t> { static constexpr DType value = DType::U16; };
template <> struct DTypeOf<int32_t> { static constexpr DType value = DType::I32; };
template <> struct DTypeOf<uint32_t> { static constexpr DType value = DType::U32; };
template <> struct DTypeOf<int64_t> { static constexpr DType value = DType::I64; };
template <> struct DTypeOf<uint64_t> { static constexpr DType value = DType::U64; };
template <> struct DTypeOf<bool> { static constexpr DType value = DType::BOOL; };
template <typename T> constexpr DType dtype_of = DTypeOf<T>::value;

// A scalar operand travels to the runtime as the bits of its own type.
template <typename T> inline uint64_t scalar_bits(T v) {
  uint64_t u = 0;
  __builtin_memcpy(&u, &v, sizeof(T));
  return u;
}
}  // namespace ascendgen::sim::abi

namespace AscendC {
using ascendgen::sim::abi::Site;

enum class TPosition : uint8_t {
  GM, A1, A2, B1, B2, C1, C2, CO1, CO2, VECIN, VECOUT, VECCALC, SPM, SHM, TSCM, C2PIPE2GM, MAX
};
using QuePosition = TPosition;
constexpr TPosition LCM = TPosition::VECCALC;

// Ascend C's compile-time type test: `if constexpr (AscendC::IsSameType<T, half>::value)`.
template <typename T, typename U> struct IsSameType { static constexpr bool value = false; };
template <typename T> struct IsSameType<T, T> { static constexpr bool value = true; };
}  // namespace AscendC

// Pipes are global enumerators in Ascend C (PIPE_V, PIPE_MTE2, ...).
enum pipe_t : uint8_t { PIPE_S, PIPE_V, PIPE_M, PIPE_MTE1, PIPE_MTE2, PIPE_MTE3, PIPE_ALL, PIPE_FIX };
// Event ids of SetFlag/WaitFlag, global enumerators as in Ascend C.
enum event_t : int32_t { EVENT_ID0, EVENT_ID1, EVENT_ID2, EVENT_ID3, EVENT_ID4, EVENT_ID5, EVENT_ID6, EVENT_ID7 };
