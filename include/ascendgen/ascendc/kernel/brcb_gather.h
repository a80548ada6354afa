// Brcb (each source element broadcast to a whole 32-byte block) and Gather (elements collected
// from byte offsets into a source tensor), in the forms the 910B has.
#pragma once
#include "vector_common.h"

namespace ascendgen::sim::abi {

// Brcb: `repeat` repeats of 8 source elements, each filling one destination block; strides in
// 32-byte blocks (a block stride of 0 acts as 1, as on the NPU).
void brcb(const char* api, DType dt, TensorRef dst, TensorRef src, uint32_t repeat, uint16_t dst_blk, uint16_t dst_rep,
          Site site);
// Gather: dst lane i = the element at byte src_base + offsets[i] of src. `shape` is the count form
// or a mask form whose rep[0] is the dst repeat stride; offsets advance one repeat of lanes per repeat.
void gather(const char* api, DType dt, TensorRef dst, TensorRef src, TensorRef offsets, uint32_t src_base,
            const VecShape& shape, Site site);

}  // namespace ascendgen::sim::abi

namespace AscendC {

struct BrcbRepeatParams {
  BrcbRepeatParams() = default;
  BrcbRepeatParams(const uint16_t dstBlkStrideIn, const uint16_t dstRepStrideIn)
      : dstRepStride(dstRepStrideIn), dstBlkStride(dstBlkStrideIn) {}
  uint32_t blockNumber = DEFAULT_BLK_NUM;
  uint16_t dstRepStride = DEFAULT_REPEAT_STRIDE;
  uint16_t dstBlkStride = DEFAULT_BLK_STRIDE;
  uint8_t src0BlkStride = DEFAULT_BLK_STRIDE;
  uint8_t src1BlkStride = DEFAULT_BLK_STRIDE;
  uint8_t src0RepStride = DEFAULT_REPEAT_STRIDE;
  uint8_t src1RepStride = DEFAULT_REPEAT_STRIDE;
  bool repeatStrideMode = false;
  bool strideSizeMode = false;
};

template <typename T>
inline void Brcb(const LocalTensor<T>& dst, const LocalTensor<T>& src0, const uint8_t repeatTime,
                 const BrcbRepeatParams& repeatParams, Site site = Site::here()) {
  ascendgen::sim::abi::brcb("Brcb", ascendgen::sim::abi::dtype_of<T>, dst.ref(), src0.ref(), repeatTime,
                            repeatParams.dstBlkStride, repeatParams.dstRepStride, site);
}

// srcOffset holds byte offsets relative to src (plus srcBaseAddr, also in bytes).
template <typename T>
inline void Gather(const LocalTensor<T>& dst, const LocalTensor<T>& src, const LocalTensor<uint32_t>& srcOffset,
                   const uint32_t srcBaseAddr, const uint32_t count, Site site = Site::here()) {
  ascendgen::sim::abi::gather("Gather", ascendgen::sim::abi::dtype_of<T>, dst.ref(), src.ref(), srcOffset.ref(),
                              srcBaseAddr, detail::count_shape(count), site);
}
template <typename T>
inline void Gather(const LocalTensor<T>& dst, const LocalTensor<T>& src, const LocalTensor<uint32_t>& srcOffset,
                   const uint32_t srcBaseAddr, const uint64_t mask[], const uint8_t repeatTime,
                   const uint16_t dstRepStride, Site site = Site::here()) {
  auto shape = detail::bits_shape(mask, repeatTime, true);
  shape.rep[0] = dstRepStride;
  ascendgen::sim::abi::gather("Gather", ascendgen::sim::abi::dtype_of<T>, dst.ref(), src.ref(), srcOffset.ref(),
                              srcBaseAddr, shape, site);
}
template <typename T>
inline void Gather(const LocalTensor<T>& dst, const LocalTensor<T>& src, const LocalTensor<uint32_t>& srcOffset,
                   const uint32_t srcBaseAddr, const uint64_t mask, const uint8_t repeatTime,
                   const uint16_t dstRepStride, Site site = Site::here()) {
  auto shape = detail::cont_shape(mask, repeatTime, true);
  shape.rep[0] = dstRepStride;
  ascendgen::sim::abi::gather("Gather", ascendgen::sim::abi::dtype_of<T>, dst.ref(), src.ref(), srcOffset.ref(),
                              srcBaseAddr, shape, site);
}

}  // namespace AscendC
