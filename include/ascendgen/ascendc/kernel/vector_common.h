// Repeat parameters, mask control and the translation of the three calling forms of a vector
// instruction (element count, bit mask, continuous mask) into the runtime's VecShape.
#pragma once
#include "tensor.h"

namespace AscendC {

constexpr uint64_t MASK_PLACEHOLDER = 0;
constexpr uint32_t ONE_BLK_SIZE = 32;
constexpr uint32_t ONE_REPEAT_BYTE_SIZE = 256;
constexpr uint32_t DEFAULT_BLK_NUM = 8;
constexpr uint32_t DEFAULT_BLK_STRIDE = 1;
constexpr uint32_t DEFAULT_REPEAT_STRIDE = 8;
constexpr uint32_t MAX_REPEAT_TIMES = 255;
constexpr int32_t BLOCK_CUBE = 16;

enum class MaskMode : uint8_t { NORMAL = 0, COUNTER };

struct BinaryRepeatParams {
  uint8_t blockNumber = DEFAULT_BLK_NUM;
  uint8_t dstBlkStride = DEFAULT_BLK_STRIDE;
  uint8_t src0BlkStride = DEFAULT_BLK_STRIDE;
  uint8_t src1BlkStride = DEFAULT_BLK_STRIDE;
  uint8_t dstRepStride = DEFAULT_REPEAT_STRIDE;
  uint8_t src0RepStride = DEFAULT_REPEAT_STRIDE;
  uint8_t src1RepStride = DEFAULT_REPEAT_STRIDE;
  bool repeatStrideMode = false;
  bool strideSizeMode = false;
  BinaryRepeatParams() = default;
  BinaryRepeatParams(uint8_t dstBlk, uint8_t src0Blk, uint8_t src1Blk, uint8_t dstRep, uint8_t src0Rep,
                     uint8_t src1Rep)
      : dstBlkStride(dstBlk), src0BlkStride(src0Blk), src1BlkStride(src1Blk), dstRepStride(dstRep),
        src0RepStride(src0Rep), src1RepStride(src1Rep) {}
};

struct UnaryRepeatParams {
  uint8_t blockNumber = DEFAULT_BLK_NUM;
  uint16_t dstBlkStride = DEFAULT_BLK_STRIDE;
  uint16_t srcBlkStride = DEFAULT_BLK_STRIDE;
  uint8_t dstRepStride = DEFAULT_REPEAT_STRIDE;
  uint8_t srcRepStride = DEFAULT_REPEAT_STRIDE;
  bool repeatStrideMode = false;
  bool strideSizeMode = false;
  bool halfBlock = false;
  UnaryRepeatParams() = default;
  UnaryRepeatParams(uint16_t dstBlk, uint16_t srcBlk, uint8_t dstRep, uint8_t srcRep)
      : dstBlkStride(dstBlk), srcBlkStride(srcBlk), dstRepStride(dstRep), srcRepStride(srcRep) {}
};

// ---- mask register ------------------------------------------------------------------------------
inline void SetMaskCount() { ascendgen::sim::abi::set_mask_count(); }
inline void SetMaskNorm() { ascendgen::sim::abi::set_mask_norm(); }
inline void ResetMask() { ascendgen::sim::abi::reset_mask(); }
// Normal mode: the two 64-bit lane masks; counter mode: (0, element count).
template <typename T, MaskMode mode = MaskMode::NORMAL>
inline void SetVectorMask(uint64_t maskHigh, uint64_t maskLow, Site site = Site::here()) {
  ascendgen::sim::abi::set_vector_mask(maskHigh, maskLow, mode == MaskMode::COUNTER, ascendgen::sim::abi::dtype_of<T>,
                                       site);
}
// Continuous form: the first `len` lanes (normal mode) or `len` elements (counter mode).
template <typename T, MaskMode mode = MaskMode::NORMAL> inline void SetVectorMask(int32_t len, Site site = Site::here()) {
  ascendgen::sim::abi::set_vector_mask(~uint64_t{0}, static_cast<uint64_t>(len), true, ascendgen::sim::abi::dtype_of<T>,
                                       site);
}

namespace detail {
using ascendgen::sim::abi::MaskForm;
using ascendgen::sim::abi::VecShape;

// The call site of an API reached through a function pointer, which carries no Site argument.
inline constexpr Site kThroughPointer{"(an Ascend C API called through a function pointer)", 0};
// A parameter type no call argument can deduce, so a pack of it stays empty (see ASCENDGEN_API).
template <typename T> struct NoSiteArg { using type = T; };

inline VecShape count_shape(int64_t count) {
  VecShape s;
  s.form = MaskForm::Count;
  s.count = count < 0 ? ~uint64_t{0} : static_cast<uint64_t>(count);
  return s;
}
inline VecShape bits_shape(const uint64_t mask[], uint32_t repeat, bool isSetMask) {
  VecShape s;
  s.form = isSetMask ? MaskForm::Bits : MaskForm::Register;
  s.mask[0] = mask[0];
  s.mask[1] = mask[1];
  s.repeat = repeat;
  return s;
}
inline VecShape cont_shape(uint64_t mask, uint32_t repeat, bool isSetMask) {
  VecShape s;
  s.form = isSetMask ? MaskForm::Continuous : MaskForm::Register;
  s.mask[0] = mask;
  s.repeat = repeat;
  return s;
}
inline VecShape with(VecShape s, const BinaryRepeatParams& p) {
  s.blk[0] = p.dstBlkStride; s.blk[1] = p.src0BlkStride; s.blk[2] = p.src1BlkStride;
  s.rep[0] = p.dstRepStride; s.rep[1] = p.src0RepStride; s.rep[2] = p.src1RepStride;
  return s;
}
inline VecShape with(VecShape s, const UnaryRepeatParams& p) {
  s.blk[0] = p.dstBlkStride; s.blk[1] = p.srcBlkStride; s.blk[2] = 0;
  s.rep[0] = p.dstRepStride; s.rep[1] = p.srcRepStride; s.rep[2] = 0;
  return s;
}
}  // namespace detail
}  // namespace AscendC

#define ASCENDGEN_UNPAREN(...) __VA_ARGS__

// Declares one API form twice: with a trailing Site (filled in at the call site) for calls, and
// with CANN's exact signature for kernels that take its address (`Op<T>* op = Add<T>`, a function
// pointer template argument). The second ends in a pack no argument can deduce: it stays empty, and
// a trailing pack loses every overload tie, so calls keep their call site. The body sees `site`.
#define ASCENDGEN_API(Name, TParams, Params, ...)                                                               \
  template <ASCENDGEN_UNPAREN TParams>                                                                          \
  inline void Name(ASCENDGEN_UNPAREN Params, ::AscendC::Site site = ::AscendC::Site::here()) __VA_ARGS__       \
  template <ASCENDGEN_UNPAREN TParams, typename... NoSite>                                                      \
  inline void Name(ASCENDGEN_UNPAREN Params, typename ::AscendC::detail::NoSiteArg<NoSite>::type...) {         \
    const ::AscendC::Site site = ::AscendC::detail::kThroughPointer;                                           \
    __VA_ARGS__                                                                                                 \
  }

// Declares the three forms of a vector API. TParams, Operands and Call are parenthesised lists:
// the template parameters, the tensor operands, and the runtime call, which sees `shape` and `site`.
#define ASCENDGEN_VECTOR_FORMS(Name, TParams, Operands, ParamsType, Call)                                     \
  ASCENDGEN_API(Name, (ASCENDGEN_UNPAREN TParams, bool isSetMask = true),                                    \
                (ASCENDGEN_UNPAREN Operands, const uint64_t mask[], const uint8_t repeatTimes,                \
                 const ParamsType& repeatParams),                                                             \
                {                                                                                             \
                  const auto shape = ::AscendC::detail::with(                                                 \
                      ::AscendC::detail::bits_shape(mask, repeatTimes, isSetMask), repeatParams);             \
                  ASCENDGEN_UNPAREN Call;                                                                     \
                })                                                                                            \
  ASCENDGEN_API(Name, (ASCENDGEN_UNPAREN TParams, bool isSetMask = true),                                    \
                (ASCENDGEN_UNPAREN Operands, uint64_t mask, const uint8_t repeatTimes,                        \
                 const ParamsType& repeatParams),                                                             \
                {                                                                                             \
                  const auto shape = ::AscendC::detail::with(                                                 \
                      ::AscendC::detail::cont_shape(mask, repeatTimes, isSetMask), repeatParams);             \
                  ASCENDGEN_UNPAREN Call;                                                                     \
                })                                                                                            \
  ASCENDGEN_API(Name, TParams, (ASCENDGEN_UNPAREN Operands, const int32_t& calCount), {                       \
    const auto shape = ::AscendC::detail::count_shape(calCount);                                              \
    ASCENDGEN_UNPAREN Call;                                                                                   \
  })
