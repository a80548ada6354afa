// Element-wise vector families: binary (Add ... Or), unary (Exp ... Not), tensor-scalar (Adds ...
// ShiftRight) and Duplicate, each in the count, bit-mask and continuous-mask forms.
#pragma once
#include "vector_common.h"

namespace AscendC {
namespace detail {
template <typename T> struct NonDeduced { using type = T; };
}  // namespace detail

#define ASCENDGEN_BINARY(Name, Op)                                                                         \
  ASCENDGEN_VECTOR_FORMS(Name, (typename T),                                                               \
                         (const LocalTensor<T>& dst, const LocalTensor<T>& src0, const LocalTensor<T>& src1), \
                         BinaryRepeatParams,                                                               \
                         (ascendgen::sim::abi::vec_binary(#Name, ascendgen::sim::abi::BinaryOp::Op,        \
                                                          ascendgen::sim::abi::dtype_of<T>, dst.ref(),     \
                                                          src0.ref(), src1.ref(), shape, site)))
ASCENDGEN_BINARY(Add, Add)
ASCENDGEN_BINARY(Sub, Sub)
ASCENDGEN_BINARY(Mul, Mul)
ASCENDGEN_BINARY(Div, Div)
ASCENDGEN_BINARY(Max, Max)
ASCENDGEN_BINARY(Min, Min)
ASCENDGEN_BINARY(And, And)
ASCENDGEN_BINARY(Or, Or)
ASCENDGEN_BINARY(AddRelu, AddRelu)
ASCENDGEN_BINARY(SubRelu, SubRelu)
#undef ASCENDGEN_BINARY

#define ASCENDGEN_UNARY(Name, Op)                                                                            \
  ASCENDGEN_VECTOR_FORMS(Name, (typename T), (const LocalTensor<T>& dst, const LocalTensor<T>& src),        \
                         UnaryRepeatParams,                                                                  \
                         (ascendgen::sim::abi::vec_unary(#Name, ascendgen::sim::abi::UnaryOp::Op,            \
                                                         ascendgen::sim::abi::dtype_of<T>, dst.ref(),        \
                                                         src.ref(), shape, site)))
ASCENDGEN_UNARY(Exp, Exp)
ASCENDGEN_UNARY(Ln, Ln)
ASCENDGEN_UNARY(Abs, Abs)
ASCENDGEN_UNARY(Reciprocal, Reciprocal)
ASCENDGEN_UNARY(Sqrt, Sqrt)
ASCENDGEN_UNARY(Rsqrt, Rsqrt)
ASCENDGEN_UNARY(Relu, Relu)
ASCENDGEN_UNARY(Not, Not)
#undef ASCENDGEN_UNARY

// The scalar is not deduced, so Muls(halfDst, halfSrc, 0.5f, n) converts 0.5f to half.
#define ASCENDGEN_TENSOR_SCALAR(Name, Op)                                                                     \
  ASCENDGEN_VECTOR_FORMS(Name, (typename T),                                                                  \
                         (const LocalTensor<T>& dst, const LocalTensor<T>& src,                               \
                          const typename detail::NonDeduced<T>::type& scalarValue),                           \
                         UnaryRepeatParams,                                                                   \
                         (ascendgen::sim::abi::vec_scalar(#Name, ascendgen::sim::abi::ScalarOp::Op,           \
                                                          ascendgen::sim::abi::dtype_of<T>, dst.ref(),        \
                                                          src.ref(), ascendgen::sim::abi::scalar_bits<T>(scalarValue), \
                                                          shape, site)))
ASCENDGEN_TENSOR_SCALAR(Adds, Adds)
ASCENDGEN_TENSOR_SCALAR(Muls, Muls)
ASCENDGEN_TENSOR_SCALAR(Maxs, Maxs)
ASCENDGEN_TENSOR_SCALAR(Mins, Mins)
ASCENDGEN_TENSOR_SCALAR(LeakyRelu, LeakyRelu)
ASCENDGEN_TENSOR_SCALAR(ShiftLeft, ShiftLeft)
ASCENDGEN_TENSOR_SCALAR(ShiftRight, ShiftRight)
#undef ASCENDGEN_TENSOR_SCALAR

// Axpy: dst = src * scalarValue + dst. The 910B has half/half, float/float and half -> float.
ASCENDGEN_VECTOR_FORMS(Axpy, (typename T, typename U),
                       (const LocalTensor<T>& dst, const LocalTensor<U>& src, const U& scalarValue),
                       UnaryRepeatParams,
                       (ascendgen::sim::abi::vec_axpy(ascendgen::sim::abi::dtype_of<T>, ascendgen::sim::abi::dtype_of<U>,
                                                      dst.ref(), src.ref(),
                                                      ascendgen::sim::abi::scalar_bits<U>(scalarValue), shape, site)))

// Copy between UB tensors on the vector unit (mask forms only on the 910B; strides as in
// CopyRepeatParams: block strides, then repeat strides, in 32-byte blocks).
struct CopyRepeatParams {
  uint16_t dstStride = 0;
  uint16_t srcStride = 0;
  uint16_t dstRepeatSize = DEFAULT_REPEAT_STRIDE;
  uint16_t srcRepeatSize = DEFAULT_REPEAT_STRIDE;
  CopyRepeatParams() = default;
  CopyRepeatParams(uint16_t dstStrideIn, uint16_t srcStrideIn, uint16_t dstRepeatSizeIn, uint16_t srcRepeatSizeIn)
      : dstStride(dstStrideIn), srcStride(srcStrideIn), dstRepeatSize(dstRepeatSizeIn), srcRepeatSize(srcRepeatSizeIn) {}
};
namespace detail {
inline VecShape with(VecShape s, const CopyRepeatParams& p) {
  s.blk[0] = p.dstStride; s.blk[1] = p.srcStride; s.blk[2] = 0;
  s.rep[0] = p.dstRepeatSize; s.rep[1] = p.srcRepeatSize; s.rep[2] = 0;
  return s;
}
template <typename T>
inline void copy(const LocalTensor<T>& dst, const LocalTensor<T>& src, const VecShape& shape, Site site) {
  ascendgen::sim::abi::vec_unary("Copy", ascendgen::sim::abi::UnaryOp::Copy, ascendgen::sim::abi::dtype_of<T>, dst.ref(),
                                 src.ref(), shape, site);
}
}  // namespace detail
ASCENDGEN_API(Copy, (typename T, bool isSetMask = true),
              (const LocalTensor<T>& dst, const LocalTensor<T>& src, const uint64_t mask[], const uint8_t repeatTime,
               const CopyRepeatParams& repeatParams),
              { detail::copy(dst, src, detail::with(detail::bits_shape(mask, repeatTime, isSetMask), repeatParams), site); })
ASCENDGEN_API(Copy, (typename T, bool isSetMask = true),
              (const LocalTensor<T>& dst, const LocalTensor<T>& src, const uint64_t mask, const uint8_t repeatTime,
               const CopyRepeatParams& repeatParams),
              { detail::copy(dst, src, detail::with(detail::cont_shape(mask, repeatTime, isSetMask), repeatParams), site); })

// Duplicate fills dst with a scalar; its repeat form takes the two dst strides directly.
template <typename T>
inline void Duplicate(const LocalTensor<T>& dst, const typename detail::NonDeduced<T>::type& scalarValue,
                      const int32_t& calCount, Site site = Site::here()) {
  ascendgen::sim::abi::vec_scalar("Duplicate", ascendgen::sim::abi::ScalarOp::Duplicate,
                                  ascendgen::sim::abi::dtype_of<T>, dst.ref(), dst.ref(),
                                  ascendgen::sim::abi::scalar_bits<T>(scalarValue), detail::count_shape(calCount), site);
}
template <typename T, bool isSetMask = true>
inline void Duplicate(const LocalTensor<T>& dst, const typename detail::NonDeduced<T>::type& scalarValue,
                      const uint64_t mask[], const uint8_t repeatTimes, const uint16_t dstBlockStride,
                      const uint8_t dstRepeatStride, Site site = Site::here()) {
  const auto shape = detail::with(detail::bits_shape(mask, repeatTimes, isSetMask),
                                  UnaryRepeatParams(dstBlockStride, 1, dstRepeatStride, 8));
  ascendgen::sim::abi::vec_scalar("Duplicate", ascendgen::sim::abi::ScalarOp::Duplicate,
                                  ascendgen::sim::abi::dtype_of<T>, dst.ref(), dst.ref(),
                                  ascendgen::sim::abi::scalar_bits<T>(scalarValue), shape, site);
}
template <typename T, bool isSetMask = true>
inline void Duplicate(const LocalTensor<T>& dst, const typename detail::NonDeduced<T>::type& scalarValue,
                      uint64_t mask, const uint8_t repeatTimes, const uint16_t dstBlockStride,
                      const uint8_t dstRepeatStride, Site site = Site::here()) {
  const auto shape = detail::with(detail::cont_shape(mask, repeatTimes, isSetMask),
                                  UnaryRepeatParams(dstBlockStride, 1, dstRepeatStride, 8));
  ascendgen::sim::abi::vec_scalar("Duplicate", ascendgen::sim::abi::ScalarOp::Duplicate,
                                  ascendgen::sim::abi::dtype_of<T>, dst.ref(), dst.ref(),
                                  ascendgen::sim::abi::scalar_bits<T>(scalarValue), shape, site);
}

}  // namespace AscendC
