// The element-wise functions of Ascend C's math library (lib/math/*): Sin, Cos, Tan, Asin, Acos,
// Atan, Sinh, Cosh, Erf, Erfc, Sign and Log2 (with or without sharedTmpBuffer), Log and Log10
// (no temporary space), and Power over tensor/tensor, tensor/scalar and scalar/tensor operands.
#pragma once
#include "math_library.h"

namespace ascendgen::sim::abi {

// One operand of Power: a LocalTensor, or a scalar carried as the bits of the element type.
struct PowerOperand {
  bool is_scalar = false;
  TensorRef tensor{};
  uint64_t scalar_bits = 0;
};
// dst[i] = base[i] ** exponent[i] for i < count (half, float, int32_t).
void math_power(DType dt, TensorRef dst, PowerOperand base, PowerOperand exponent, TmpSpace tmp, uint64_t count,
                Site site);

}  // namespace ascendgen::sim::abi

namespace AscendC {

ASCENDGEN_ACTIVATION_4_FORMS(Sin, Sin)
ASCENDGEN_ACTIVATION_4_FORMS(Cos, Cos)
ASCENDGEN_ACTIVATION_4_FORMS(Tan, Tan)
ASCENDGEN_ACTIVATION_4_FORMS(Asin, Asin)
ASCENDGEN_ACTIVATION_4_FORMS(Acos, Acos)
ASCENDGEN_ACTIVATION_4_FORMS(Atan, Atan)
ASCENDGEN_ACTIVATION_4_FORMS(Sinh, Sinh)
ASCENDGEN_ACTIVATION_4_FORMS(Cosh, Cosh)
ASCENDGEN_ACTIVATION_4_FORMS(Erf, Erf)
ASCENDGEN_ACTIVATION_4_FORMS(Erfc, Erfc)
ASCENDGEN_ACTIVATION_4_FORMS(Sign, Sign)
ASCENDGEN_ACTIVATION_4_FORMS(Log2, Log2)
ASCENDGEN_ACTIVATION_2_FORMS(Log, Log)
ASCENDGEN_ACTIVATION_2_FORMS(Log10, Log10)

namespace detail {
template <typename T> ascendgen::sim::abi::PowerOperand power_operand(const LocalTensor<T>& t) { return {false, t.ref(), 0}; }
template <typename T> ascendgen::sim::abi::PowerOperand power_operand(const T& v) {
  return {true, {}, ascendgen::sim::abi::scalar_bits<T>(v)};
}
template <typename T> uint32_t power_size(const LocalTensor<T>& base, const LocalTensor<T>&) { return base.GetSize(); }
template <typename T> uint32_t power_size(const LocalTensor<T>& base, const T&) { return base.GetSize(); }
template <typename T> uint32_t power_size(const T&, const LocalTensor<T>& exponent) { return exponent.GetSize(); }
}  // namespace detail

// Power(dst, base, exponent[, sharedTmpBuffer][, calCount]) where base and exponent are tensors or
// one of them a scalar; calCount defaults to the tensor operand's size.
#define ASCENDGEN_POWER_CALL(Tmp, Count)                                                                          \
  {                                                                                                               \
    ascendgen::sim::abi::math_power(ascendgen::sim::abi::dtype_of<T>, dstTensor.ref(), detail::power_operand<T>(src0), \
                                    detail::power_operand<T>(src1), Tmp, Count, site);                            \
  }
#define ASCENDGEN_POWER_FORMS(Src0, Src1)                                                                       \
  ASCENDGEN_API(Power, (typename T, bool isReuseSource = false),                                                \
                (const LocalTensor<T>& dstTensor, Src0 src0, Src1 src1, const LocalTensor<uint8_t>& sharedTmpBuffer, \
                 const uint32_t calCount),                                                                      \
                ASCENDGEN_POWER_CALL(detail::shared_tmp(sharedTmpBuffer), calCount))                            \
  ASCENDGEN_API(Power, (typename T, bool isReuseSource = false),                                                \
                (const LocalTensor<T>& dstTensor, Src0 src0, Src1 src1, const LocalTensor<uint8_t>& sharedTmpBuffer), \
                ASCENDGEN_POWER_CALL(detail::shared_tmp(sharedTmpBuffer), detail::power_size<T>(src0, src1)))   \
  ASCENDGEN_API(Power, (typename T, bool isReuseSource = false),                                                \
                (const LocalTensor<T>& dstTensor, Src0 src0, Src1 src1, const uint32_t calCount),               \
                ASCENDGEN_POWER_CALL(detail::kLibraryTmp, calCount))                                            \
  ASCENDGEN_API(Power, (typename T, bool isReuseSource = false), (const LocalTensor<T>& dstTensor, Src0 src0, Src1 src1), \
                ASCENDGEN_POWER_CALL(detail::kLibraryTmp, detail::power_size<T>(src0, src1)))
ASCENDGEN_POWER_FORMS(const LocalTensor<T>&, const LocalTensor<T>&)
ASCENDGEN_POWER_FORMS(const LocalTensor<T>&, const T&)
ASCENDGEN_POWER_FORMS(const T&, const LocalTensor<T>&)
#undef ASCENDGEN_POWER_FORMS
#undef ASCENDGEN_POWER_CALL

}  // namespace AscendC

#undef ASCENDGEN_ACTIVATION_4_FORMS
#undef ASCENDGEN_ACTIVATION_2_FORMS
#undef ASCENDGEN_ACTIVATION_CALL
