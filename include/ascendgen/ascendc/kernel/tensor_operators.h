// The operator forms of the basic APIs on whole LocalTensors (CANN's "symbol overloads"):
// `dst = a + b` is Add(dst, a, b, dst.GetSize()), likewise - * / & |, and `mask = a < b` is
// Compare(mask, a, b, CMPMODE::LT, a.GetSize()). Operators carry no call site of their own.
#pragma once
#include "compare_select.h"
#include "vector_basic.h"

namespace AscendC {
namespace detail {
inline constexpr Site kOperatorSite{"(a LocalTensor operator)", 0};

template <typename T> struct TensorBinaryExpr {
  static constexpr bool is_tensor_expression = true;
  const char* api;
  ascendgen::sim::abi::BinaryOp op;
  const LocalTensor<T>& src0;
  const LocalTensor<T>& src1;
  void run(const LocalTensor<T>& dst) const {
    // 32-bit And/Or run on 16-bit lanes over twice the elements, as CANN's overload does.
    if constexpr (ascendgen::sim::abi::dtype_of<T> == ascendgen::sim::abi::DType::I32 ||
                  ascendgen::sim::abi::dtype_of<T> == ascendgen::sim::abi::DType::U32) {
      if (op == ascendgen::sim::abi::BinaryOp::And || op == ascendgen::sim::abi::BinaryOp::Or) {
        ascendgen::sim::abi::vec_binary(api, op, ascendgen::sim::abi::DType::U16,
                                        dst.template ReinterpretCast<uint16_t>().ref(),
                                        src0.template ReinterpretCast<uint16_t>().ref(),
                                        src1.template ReinterpretCast<uint16_t>().ref(),
                                        count_shape(2 * int64_t{dst.GetSize()}), kOperatorSite);
        return;
      }
    }
    ascendgen::sim::abi::vec_binary(api, op, ascendgen::sim::abi::dtype_of<T>, dst.ref(), src0.ref(), src1.ref(),
                                    count_shape(dst.GetSize()), kOperatorSite);
  }
};

template <typename T> struct TensorCompareExpr {
  static constexpr bool is_tensor_expression = true;
  const LocalTensor<T>& src0;
  const LocalTensor<T>& src1;
  CMPMODE mode;
  template <typename U> void run(const LocalTensor<U>& dst) const {
    ascendgen::sim::abi::vec_compare("Compare", ascendgen::sim::abi::dtype_of<T>, static_cast<uint8_t>(mode), dst.ref(),
                                     src0.ref(), src1.ref(), false, 0, count_shape(src0.GetSize()), kOperatorSite);
  }
};
}  // namespace detail

#define ASCENDGEN_TENSOR_OPERATOR(Symbol, Name, Op)                                                       \
  template <typename T>                                                                                   \
  inline detail::TensorBinaryExpr<T> operator Symbol(const LocalTensor<T>& src0, const LocalTensor<T>& src1) { \
    return {#Name, ascendgen::sim::abi::BinaryOp::Op, src0, src1};                                        \
  }
ASCENDGEN_TENSOR_OPERATOR(+, Add, Add)
ASCENDGEN_TENSOR_OPERATOR(-, Sub, Sub)
ASCENDGEN_TENSOR_OPERATOR(*, Mul, Mul)
ASCENDGEN_TENSOR_OPERATOR(/, Div, Div)
ASCENDGEN_TENSOR_OPERATOR(&, And, And)
ASCENDGEN_TENSOR_OPERATOR(|, Or, Or)
#undef ASCENDGEN_TENSOR_OPERATOR

#define ASCENDGEN_COMPARE_OPERATOR(Symbol, Mode)                                                           \
  template <typename T>                                                                                    \
  inline detail::TensorCompareExpr<T> operator Symbol(const LocalTensor<T>& src0, const LocalTensor<T>& src1) { \
    return {src0, src1, CMPMODE::Mode};                                                                    \
  }
ASCENDGEN_COMPARE_OPERATOR(<, LT)
ASCENDGEN_COMPARE_OPERATOR(>, GT)
ASCENDGEN_COMPARE_OPERATOR(==, EQ)
ASCENDGEN_COMPARE_OPERATOR(<=, LE)
ASCENDGEN_COMPARE_OPERATOR(>=, GE)
ASCENDGEN_COMPARE_OPERATOR(!=, NE)
#undef ASCENDGEN_COMPARE_OPERATOR

}  // namespace AscendC
