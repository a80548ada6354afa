// Typed access to UB/GM bytes for the runtime: each dtype's storage type and the type it is
// computed in (float for the float family, as the vector unit widens fp16/bf16 internally).
#pragma once
#include <cstdint>
#include <cstring>

#include "ascendgen/ascendc/kernel/types.h"

namespace ascendgen::sim {

// fp16 -> float through a 64K-entry table: the hot path of every half instruction.
const float* half_table();

// Bulk fp16 <-> float conversions for the hot loops, with F16C where the CPU has it. Bit-identical
// to the scalar conversions (round to nearest even, NaN payloads kept and quieted).
void half_to_float_n(const uint16_t* in, float* out, size_t n);
void float_to_half_n(const float* in, uint16_t* out, size_t n);

template <abi::DType D> struct Element;
template <> struct Element<abi::DType::F16> {
  using Storage = uint16_t;
  using Compute = float;
  static float load(uint16_t v) { return half_table()[v]; }
  static uint16_t store(float v) { return abi::half_from_float(v); }
};
template <> struct Element<abi::DType::BF16> {
  using Storage = uint16_t;
  using Compute = float;
  static float load(uint16_t v) { return abi::bf16_to_float(v); }
  static uint16_t store(float v) { return abi::bf16_from_float(v); }
};
template <> struct Element<abi::DType::F32> {
  using Storage = float;
  using Compute = float;
  static float load(float v) { return v; }
  static float store(float v) { return v; }
};
#define ASCENDGEN_INT_ELEMENT(D, T)              \
  template <> struct Element<abi::DType::D> {    \
    using Storage = T;                           \
    using Compute = T;                           \
    static T load(T v) { return v; }             \
    static T store(T v) { return v; }            \
  };
ASCENDGEN_INT_ELEMENT(I8, int8_t)
ASCENDGEN_INT_ELEMENT(U8, uint8_t)
ASCENDGEN_INT_ELEMENT(I16, int16_t)
ASCENDGEN_INT_ELEMENT(U16, uint16_t)
ASCENDGEN_INT_ELEMENT(I32, int32_t)
ASCENDGEN_INT_ELEMENT(U32, uint32_t)
ASCENDGEN_INT_ELEMENT(I64, int64_t)
ASCENDGEN_INT_ELEMENT(U64, uint64_t)
ASCENDGEN_INT_ELEMENT(BOOL, uint8_t)
#undef ASCENDGEN_INT_ELEMENT

// Calls f.template operator()<D>() with the DType known at compile time.
template <class F> decltype(auto) dispatch_dtype(abi::DType dt, F&& f) {
  switch (dt) {
    case abi::DType::F16: return f.template operator()<abi::DType::F16>();
    case abi::DType::BF16: return f.template operator()<abi::DType::BF16>();
    case abi::DType::F32: return f.template operator()<abi::DType::F32>();
    case abi::DType::I8: return f.template operator()<abi::DType::I8>();
    case abi::DType::U8: return f.template operator()<abi::DType::U8>();
    case abi::DType::I16: return f.template operator()<abi::DType::I16>();
    case abi::DType::U16: return f.template operator()<abi::DType::U16>();
    case abi::DType::I32: return f.template operator()<abi::DType::I32>();
    case abi::DType::U32: return f.template operator()<abi::DType::U32>();
    case abi::DType::I64: return f.template operator()<abi::DType::I64>();
    case abi::DType::U64: return f.template operator()<abi::DType::U64>();
    case abi::DType::BOOL: return f.template operator()<abi::DType::BOOL>();
  }
  return f.template operator()<abi::DType::F32>();
}

// Reads a scalar operand passed as raw bits of its dtype.
template <abi::DType D> typename Element<D>::Compute scalar_from_bits(uint64_t bits) {
  typename Element<D>::Storage s;
  std::memcpy(&s, &bits, sizeof(s));
  return Element<D>::load(s);
}

}  // namespace ascendgen::sim
