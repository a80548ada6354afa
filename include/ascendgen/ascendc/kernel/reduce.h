// Reduction family: ReduceSum/Max/Min over a whole tensor (count and mask/repeat forms), one result
// per repeat (WholeReduce*; CANN 9.1 ReduceRepeat), per 32-byte block (BlockReduce*; 9.1
// ReduceDataBlock) and per adjacent pair (PairReduceSum; 9.1 ReducePairElem). Both spellings exist.
#pragma once
#include "vector_common.h"

namespace ascendgen::sim::abi {

enum class ReduceOp : uint8_t { Sum, Max, Min };
// What one result of a grouped reduction covers: a whole repeat, a 32-byte block, or two lanes.
enum class ReduceGroup : uint8_t { Repeat, Block, Pair };
// Repeat count and strides exactly as the kernel passed them, so the runtime range-checks them
// before narrowing (dst_rep in result units, src strides in 32-byte blocks).
struct ReduceWalk {
  int32_t repeat;
  int32_t dst_rep;
  int32_t src_blk;
  int32_t src_rep;
};

// WholeReduce*/BlockReduce*/PairReduceSum and their 9.1 names. `mask` carries the mask form only;
// `order` is a ReduceOrder value (Max/Min per repeat only). dt is the source dtype.
void reduce_groups(const char* api, ReduceOp op, ReduceGroup group, DType dt, TensorRef dst, TensorRef src,
                   const VecShape& mask, ReduceWalk walk, uint8_t order, Site site);
// ReduceSum/Max/Min: one value (plus its index for Max/Min with cal_index) over the first
// `shape.count` elements, the mask register (ReduceSum<T, false>), or `repeat` masked repeats.
void reduce_all(const char* api, ReduceOp op, DType dt, TensorRef dst, TensorRef src, TensorRef work,
                const VecShape& shape, int32_t repeat, int32_t src_rep, bool cal_index, Site site);

}  // namespace ascendgen::sim::abi

namespace AscendC {

// Where WholeReduceMax/Min (and ReduceRepeat) put the value and its index in each result.
enum class ReduceOrder : uint8_t { ORDER_VALUE_INDEX = 0, ORDER_INDEX_VALUE, ORDER_ONLY_VALUE, ORDER_ONLY_INDEX };
enum class ReduceType : uint8_t { SUM = 0, MAX, MIN };

namespace detail {
constexpr ascendgen::sim::abi::ReduceOp reduce_op(ReduceType t) {
  return t == ReduceType::SUM   ? ascendgen::sim::abi::ReduceOp::Sum
         : t == ReduceType::MAX ? ascendgen::sim::abi::ReduceOp::Max
                                : ascendgen::sim::abi::ReduceOp::Min;
}
template <typename T, typename U>
inline void reduce_groups(const char* api, ReduceType type, ascendgen::sim::abi::ReduceGroup group,
                          const LocalTensor<T>& dst, const LocalTensor<U>& src, const VecShape& mask, int32_t repeat,
                          int32_t dstRepStride, int32_t srcBlkStride, int32_t srcRepStride, ReduceOrder order,
                          Site site) {
  ascendgen::sim::abi::reduce_groups(api, reduce_op(type), group, ascendgen::sim::abi::dtype_of<U>, dst.ref(),
                                     src.ref(), mask, {repeat, dstRepStride, srcBlkStride, srcRepStride},
                                     static_cast<uint8_t>(order), site);
}
}  // namespace detail

// ---- one result per repeat: WholeReduceSum/Max/Min (CANN 8.x) and ReduceRepeat (CANN 9.1) ------
#define ASCENDGEN_WHOLE_REDUCE(Name, Type, OrderParam, OrderArg)                                               \
  template <typename T, bool isSetMask = true>                                                                 \
  inline void Name(const LocalTensor<T>& dst, const LocalTensor<T>& src, const uint64_t mask[],                \
                   const int32_t repeatTime, const int32_t dstRepStride, const int32_t srcBlkStride,           \
                   const int32_t srcRepStride ASCENDGEN_UNPAREN OrderParam, Site site = Site::here()) {        \
    detail::reduce_groups(#Name, Type, ascendgen::sim::abi::ReduceGroup::Repeat, dst, src,                     \
                          detail::bits_shape(mask, 0, isSetMask), repeatTime, dstRepStride, srcBlkStride,      \
                          srcRepStride, OrderArg, site);                                                       \
  }                                                                                                            \
  template <typename T, bool isSetMask = true>                                                                 \
  inline void Name(const LocalTensor<T>& dst, const LocalTensor<T>& src, const int32_t mask,                   \
                   const int32_t repeatTime, const int32_t dstRepStride, const int32_t srcBlkStride,           \
                   const int32_t srcRepStride ASCENDGEN_UNPAREN OrderParam, Site site = Site::here()) {        \
    detail::reduce_groups(#Name, Type, ascendgen::sim::abi::ReduceGroup::Repeat, dst, src,                     \
                          detail::cont_shape(static_cast<uint64_t>(static_cast<uint32_t>(mask)), 0, isSetMask), \
                          repeatTime, dstRepStride, srcBlkStride, srcRepStride, OrderArg, site);               \
  }
ASCENDGEN_WHOLE_REDUCE(WholeReduceSum, ReduceType::SUM, (), ReduceOrder::ORDER_VALUE_INDEX)
ASCENDGEN_WHOLE_REDUCE(WholeReduceMax, ReduceType::MAX, (, ReduceOrder order = ReduceOrder::ORDER_VALUE_INDEX), order)
ASCENDGEN_WHOLE_REDUCE(WholeReduceMin, ReduceType::MIN, (, ReduceOrder order = ReduceOrder::ORDER_VALUE_INDEX), order)
#undef ASCENDGEN_WHOLE_REDUCE

template <ReduceType reduceType, typename T, typename U, bool isSetMask = true>
inline void ReduceRepeat(const LocalTensor<T>& dst, const LocalTensor<U>& src, const uint64_t mask[],
                         const int32_t repeatTime, const int32_t dstRepStride, const int32_t srcBlkStride,
                         const int32_t srcRepStride, ReduceOrder order = ReduceOrder::ORDER_VALUE_INDEX,
                         Site site = Site::here()) {
  detail::reduce_groups("ReduceRepeat", reduceType, ascendgen::sim::abi::ReduceGroup::Repeat, dst, src,
                        detail::bits_shape(mask, 0, isSetMask), repeatTime, dstRepStride, srcBlkStride, srcRepStride,
                        order, site);
}
template <ReduceType reduceType, typename T, typename U, bool isSetMask = true>
inline void ReduceRepeat(const LocalTensor<T>& dst, const LocalTensor<U>& src, const int32_t mask,
                         const int32_t repeatTime, const int32_t dstRepStride, const int32_t srcBlkStride,
                         const int32_t srcRepStride, ReduceOrder order = ReduceOrder::ORDER_VALUE_INDEX,
                         Site site = Site::here()) {
  detail::reduce_groups("ReduceRepeat", reduceType, ascendgen::sim::abi::ReduceGroup::Repeat, dst, src,
                        detail::cont_shape(static_cast<uint32_t>(mask), 0, isSetMask), repeatTime, dstRepStride,
                        srcBlkStride, srcRepStride, order, site);
}

// ---- one result per 32-byte block (BlockReduce*, 9.1 ReduceDataBlock) and per lane pair -------
// The 8.x names take repeatTime before the mask; the 9.1 names take the mask first.
#define ASCENDGEN_BLOCK_REDUCE(Name, Type, Group)                                                              \
  template <typename T, bool isSetMask = true>                                                                 \
  inline void Name(const LocalTensor<T>& dst, const LocalTensor<T>& src, const int32_t repeatTime,             \
                   const uint64_t mask[], const int32_t dstRepStride, const int32_t srcBlkStride,              \
                   const int32_t srcRepStride, Site site = Site::here()) {                                     \
    detail::reduce_groups(#Name, Type, Group, dst, src, detail::bits_shape(mask, 0, isSetMask), repeatTime,    \
                          dstRepStride, srcBlkStride, srcRepStride, ReduceOrder::ORDER_ONLY_VALUE, site);      \
  }                                                                                                            \
  template <typename T, bool isSetMask = true>                                                                 \
  inline void Name(const LocalTensor<T>& dst, const LocalTensor<T>& src, const int32_t repeatTime,             \
                   const int32_t mask, const int32_t dstRepStride, const int32_t srcBlkStride,                 \
                   const int32_t srcRepStride, Site site = Site::here()) {                                     \
    detail::reduce_groups(#Name, Type, Group, dst, src,                                                        \
                          detail::cont_shape(static_cast<uint32_t>(mask), 0, isSetMask), repeatTime,           \
                          dstRepStride, srcBlkStride, srcRepStride, ReduceOrder::ORDER_ONLY_VALUE, site);      \
  }
ASCENDGEN_BLOCK_REDUCE(BlockReduceSum, ReduceType::SUM, ascendgen::sim::abi::ReduceGroup::Block)
ASCENDGEN_BLOCK_REDUCE(BlockReduceMax, ReduceType::MAX, ascendgen::sim::abi::ReduceGroup::Block)
ASCENDGEN_BLOCK_REDUCE(BlockReduceMin, ReduceType::MIN, ascendgen::sim::abi::ReduceGroup::Block)
ASCENDGEN_BLOCK_REDUCE(PairReduceSum, ReduceType::SUM, ascendgen::sim::abi::ReduceGroup::Pair)
#undef ASCENDGEN_BLOCK_REDUCE

#define ASCENDGEN_REDUCE_V91(Name, Group)                                                                      \
  template <ReduceType reduceType, typename T, typename U, bool isSetMask = true>                              \
  inline void Name(const LocalTensor<T>& dst, const LocalTensor<U>& src, const uint64_t mask[],                \
                   const int32_t repeatTime, const int32_t dstRepStride, const int32_t srcBlkStride,           \
                   const int32_t srcRepStride, Site site = Site::here()) {                                     \
    detail::reduce_groups(#Name, reduceType, Group, dst, src, detail::bits_shape(mask, 0, isSetMask),          \
                          repeatTime, dstRepStride, srcBlkStride, srcRepStride, ReduceOrder::ORDER_ONLY_VALUE, \
                          site);                                                                               \
  }                                                                                                            \
  template <ReduceType reduceType, typename T, typename U, bool isSetMask = true>                              \
  inline void Name(const LocalTensor<T>& dst, const LocalTensor<U>& src, const int32_t mask,                   \
                   const int32_t repeatTime, const int32_t dstRepStride, const int32_t srcBlkStride,           \
                   const int32_t srcRepStride, Site site = Site::here()) {                                     \
    detail::reduce_groups(#Name, reduceType, Group, dst, src,                                                  \
                          detail::cont_shape(static_cast<uint32_t>(mask), 0, isSetMask), repeatTime,           \
                          dstRepStride, srcBlkStride, srcRepStride, ReduceOrder::ORDER_ONLY_VALUE, site);      \
  }
ASCENDGEN_REDUCE_V91(ReduceDataBlock, ascendgen::sim::abi::ReduceGroup::Block)
ASCENDGEN_REDUCE_V91(ReducePairElem, ascendgen::sim::abi::ReduceGroup::Pair)
#undef ASCENDGEN_REDUCE_V91

// ---- ReduceSum / ReduceMax / ReduceMin: one result over everything -----------------------------
// The dst holds the value, then (Max/Min with calIndex) the index stored as the element type's
// bits: read it back with reinterpret_cast<uint16_t*> for half, <uint32_t*> for float.
template <typename T, bool isSetMask = true>
inline void ReduceSum(const LocalTensor<T>& dst, const LocalTensor<T>& src, const LocalTensor<T>& sharedTmpBuffer,
                      const int32_t count, Site site = Site::here()) {
  uint64_t none[2] = {0, 0};
  ascendgen::sim::abi::reduce_all("ReduceSum", ascendgen::sim::abi::ReduceOp::Sum, ascendgen::sim::abi::dtype_of<T>, dst.ref(),
                     src.ref(), sharedTmpBuffer.ref(),
                     isSetMask ? detail::count_shape(count) : detail::bits_shape(none, 1, false), 0, 0, false, site);
}

#define ASCENDGEN_REDUCE_ALL(Name, Op, IndexParam, IndexArg)                                                   \
  template <typename T>                                                                                        \
  inline void Name(const LocalTensor<T>& dst, const LocalTensor<T>& src, const LocalTensor<T>& sharedTmpBuffer, \
                   const uint64_t mask[], const int32_t repeatTime, const int32_t srcRepStride                 \
                   ASCENDGEN_UNPAREN IndexParam, Site site = Site::here()) {                                   \
    ascendgen::sim::abi::reduce_all(#Name, ascendgen::sim::abi::ReduceOp::Op, ascendgen::sim::abi::dtype_of<T>, dst.ref(),  \
                       src.ref(), sharedTmpBuffer.ref(), detail::bits_shape(mask, 0, true), repeatTime,        \
                       srcRepStride, IndexArg, site);                                                          \
  }                                                                                                            \
  template <typename T>                                                                                        \
  inline void Name(const LocalTensor<T>& dst, const LocalTensor<T>& src, const LocalTensor<T>& sharedTmpBuffer, \
                   const int32_t mask, const int32_t repeatTime, const int32_t srcRepStride                    \
                   ASCENDGEN_UNPAREN IndexParam, Site site = Site::here()) {                                   \
    ascendgen::sim::abi::reduce_all(#Name, ascendgen::sim::abi::ReduceOp::Op, ascendgen::sim::abi::dtype_of<T>, dst.ref(),  \
                       src.ref(), sharedTmpBuffer.ref(), detail::cont_shape(static_cast<uint32_t>(mask), 0, true), \
                       repeatTime, srcRepStride, IndexArg, site);                                              \
  }
ASCENDGEN_REDUCE_ALL(ReduceSum, Sum, (), false)
ASCENDGEN_REDUCE_ALL(ReduceMax, Max, (, bool calIndex = 0), calIndex)
ASCENDGEN_REDUCE_ALL(ReduceMin, Min, (, bool calIndex = 0), calIndex)
#undef ASCENDGEN_REDUCE_ALL

#define ASCENDGEN_REDUCE_ALL_COUNT(Name, Op)                                                                   \
  template <typename T>                                                                                        \
  inline void Name(const LocalTensor<T>& dst, const LocalTensor<T>& src, const LocalTensor<T>& sharedTmpBuffer, \
                   const int32_t count, bool calIndex = 0, Site site = Site::here()) {                         \
    ascendgen::sim::abi::reduce_all(#Name, ascendgen::sim::abi::ReduceOp::Op, ascendgen::sim::abi::dtype_of<T>, dst.ref(),  \
                       src.ref(), sharedTmpBuffer.ref(), detail::count_shape(count), 0, 0, calIndex, site);    \
  }
ASCENDGEN_REDUCE_ALL_COUNT(ReduceMax, Max)
ASCENDGEN_REDUCE_ALL_COUNT(ReduceMin, Min)
#undef ASCENDGEN_REDUCE_ALL_COUNT

}  // namespace AscendC
