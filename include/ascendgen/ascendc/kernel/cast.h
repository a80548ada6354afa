// Cast: element-wise conversion between dtypes (the vconv instructions) under a RoundMode, and
// SetDeqScale, which scales the int32_t -> half conversion.
#pragma once
#include "vector_common.h"

namespace ascendgen::sim::abi {
// Converts `src` (dtype `from`) into `dst` (dtype `to`) rounding by `round_mode` (an
// AscendC::RoundMode). A repeat covers 256 bytes of the wider dtype; each operand's block and
// repeat strides count 32-byte blocks of its own dtype.
void vec_cast(DType to, DType from, uint8_t round_mode, TensorRef dst, TensorRef src, const VecShape& shape,
              Site site);
// Sets the DEQSCALE register that Cast int32_t -> half multiplies by (the bits of a half).
void set_deq_scale(uint16_t scale_bits, Site site);
}  // namespace ascendgen::sim::abi

namespace AscendC {

enum class RoundMode : uint8_t {
  CAST_NONE = 0,  // no rounding where exact; CAST_RINT where the conversion loses precision
  CAST_RINT,      // to nearest, ties to even
  CAST_FLOOR,     // toward -infinity
  CAST_CEIL,      // toward +infinity
  CAST_ROUND,     // to nearest, ties away from zero
  CAST_TRUNC,     // toward zero
  CAST_ODD,       // von Neumann: inexact results get an odd last bit
};

ASCENDGEN_VECTOR_FORMS(Cast, (typename T, typename U),
                       (const LocalTensor<T>& dst, const LocalTensor<U>& src, const RoundMode& roundMode),
                       UnaryRepeatParams,
                       (ascendgen::sim::abi::vec_cast(ascendgen::sim::abi::dtype_of<T>, ascendgen::sim::abi::dtype_of<U>,
                                                      static_cast<uint8_t>(roundMode), dst.ref(), src.ref(), shape,
                                                      site)))

// Cast int32_t -> half computes half(src * scale).
inline void SetDeqScale(half scale, Site site = Site::here()) { ascendgen::sim::abi::set_deq_scale(scale.bits, site); }

}  // namespace AscendC
