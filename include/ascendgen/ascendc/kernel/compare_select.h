// Compare / CompareScalar (Compares): element-wise comparison into a bit mask, and Select, which
// picks elements of two operands by such a mask.
#pragma once
#include "vector_common.h"

namespace ascendgen::sim::abi {
// Compares src0 with src1 element-wise by `cmp_mode` (an AscendC::CMPMODE) into the bit mask
// `dst` (bit i, LSB first, for element i). With `scalar`, src1 is the value `scalar_bits` instead.
void vec_compare(const char* api, DType dt, uint8_t cmp_mode, TensorRef dst, TensorRef src0, TensorRef src1,
                 bool scalar, uint64_t scalar_bits, const VecShape& shape, Site site);
// dst[i] = selMask bit set ? src0[i] : src1[i], bits read as `sel_mode` (an AscendC::SELMODE) says.
// With `scalar`, src1 is the value `scalar_bits` instead.
void vec_select(DType dt, uint8_t sel_mode, TensorRef dst, TensorRef sel_mask, TensorRef src0, TensorRef src1,
                bool scalar, uint64_t scalar_bits, const VecShape& shape, Site site);
}  // namespace ascendgen::sim::abi

namespace AscendC {

enum class CMPMODE : uint8_t { LT = 0, GT, EQ, LE, GE, NE };

// How Select reads selMask: VSEL_CMPMASK_SPR reuses the first 256 / sizeof(T) bits in every
// repeat; the other two modes consume 256 / sizeof(T) fresh bits per repeat. VSEL_TENSOR_SCALAR_MODE
// takes src1 as a scalar.
enum class SELMODE : uint8_t { VSEL_CMPMASK_SPR = 0, VSEL_TENSOR_SCALAR_MODE, VSEL_TENSOR_TENSOR_MODE };

// On the 910B the mask of the repeat form is ignored (every lane is compared), and dst advances by
// 256 / sizeof(T) bits per repeat whatever its strides say.
ASCENDGEN_VECTOR_FORMS(Compare, (typename T, typename U),
                       (const LocalTensor<U>& dst, const LocalTensor<T>& src0, const LocalTensor<T>& src1,
                        CMPMODE cmpMode),
                       BinaryRepeatParams,
                       (ascendgen::sim::abi::vec_compare("Compare", ascendgen::sim::abi::dtype_of<T>,
                                                         static_cast<uint8_t>(cmpMode), dst.ref(), src0.ref(),
                                                         src1.ref(), false, 0, shape, site)))

// CompareScalar was renamed Compares in later CANN versions; both spellings exist.
#define ASCENDGEN_COMPARE_SCALAR(Name)                                                                           \
  ASCENDGEN_VECTOR_FORMS(Name, (typename T, typename U),                                                        \
                         (const LocalTensor<U>& dst, const LocalTensor<T>& src0, const T src1Scalar,           \
                          CMPMODE cmpMode),                                                                     \
                         UnaryRepeatParams,                                                                     \
                         (ascendgen::sim::abi::vec_compare(#Name, ascendgen::sim::abi::dtype_of<T>,            \
                                                           static_cast<uint8_t>(cmpMode), dst.ref(), src0.ref(), \
                                                           src0.ref(), true,                                    \
                                                           ascendgen::sim::abi::scalar_bits<T>(src1Scalar), shape, \
                                                           site)))
ASCENDGEN_COMPARE_SCALAR(CompareScalar)
ASCENDGEN_COMPARE_SCALAR(Compares)
#undef ASCENDGEN_COMPARE_SCALAR

// Modes VSEL_CMPMASK_SPR and VSEL_TENSOR_TENSOR_MODE: two tensors.
ASCENDGEN_VECTOR_FORMS(Select, (typename T, typename U),
                       (const LocalTensor<T>& dst, const LocalTensor<U>& selMask, const LocalTensor<T>& src0,
                        const LocalTensor<T>& src1, SELMODE selMode),
                       BinaryRepeatParams,
                       (ascendgen::sim::abi::vec_select(ascendgen::sim::abi::dtype_of<T>, static_cast<uint8_t>(selMode),
                                                        dst.ref(), selMask.ref(), src0.ref(), src1.ref(), false, 0,
                                                        shape, site)))

// Mode VSEL_TENSOR_SCALAR_MODE: src1 is a scalar.
ASCENDGEN_VECTOR_FORMS(Select, (typename T, typename U),
                       (const LocalTensor<T>& dst, const LocalTensor<U>& selMask, const LocalTensor<T>& src0, T src1,
                        SELMODE selMode),
                       BinaryRepeatParams,
                       (ascendgen::sim::abi::vec_select(ascendgen::sim::abi::dtype_of<T>, static_cast<uint8_t>(selMode),
                                                        dst.ref(), selMask.ref(), src0.ref(), src0.ref(), true,
                                                        ascendgen::sim::abi::scalar_bits<T>(src1), shape, site)))

}  // namespace AscendC
