// DataCopy and DataCopyPad between GM and UB (and UB to UB). DataCopy moves whole 32-byte blocks;
// DataCopyPad moves byte-exact bursts and pads each one to 32 bytes in UB.
#pragma once
#include "tensor.h"

namespace AscendC {

// Strides/gaps in 32-byte blocks. Newer CANN spells them srcGap/dstGap; both names work.
struct DataCopyParams {
  uint16_t blockCount = 1;
  uint16_t blockLen = 0;
  union { uint16_t srcStride = 0; uint16_t srcGap; };
  union { uint16_t dstStride = 0; uint16_t dstGap; };
  DataCopyParams() = default;
  DataCopyParams(uint16_t count, uint16_t len, uint16_t srcStrideIn, uint16_t dstStrideIn)
      : blockCount(count), blockLen(len), srcStride(srcStrideIn), dstStride(dstStrideIn) {}
};

// For DataCopyPad: blockLen in bytes; the GM-side stride in bytes, the UB-side one in blocks.
struct DataCopyExtParams {
  uint16_t blockCount = 1;
  uint32_t blockLen = 0;
  union { uint32_t srcStride = 0; uint32_t srcGap; };
  union { uint32_t dstStride = 0; uint32_t dstGap; };
  uint32_t rsv = 0;
  DataCopyExtParams() = default;
  DataCopyExtParams(uint16_t count, uint32_t len, uint32_t srcStrideIn, uint32_t dstStrideIn, uint32_t rsvIn = 0)
      : blockCount(count), blockLen(len), srcStride(srcStrideIn), dstStride(dstStrideIn), rsv(rsvIn) {}
};

template <typename T> struct DataCopyPadExtParams {
  bool isPad = false;
  uint8_t leftPadding = 0;
  uint8_t rightPadding = 0;
  T paddingValue = 0;
  DataCopyPadExtParams() = default;
  DataCopyPadExtParams(bool pad, uint8_t left, uint8_t right, T value)
      : isPad(pad), leftPadding(left), rightPadding(right), paddingValue(value) {}
};

struct DataCopyPadParams {
  bool isPad = false;
  uint8_t leftPadding = 0;
  uint8_t rightPadding = 0;
  uint64_t paddingValue = 0;
  DataCopyPadParams() = default;
  DataCopyPadParams(bool pad, uint8_t left, uint8_t right, uint64_t value)
      : isPad(pad), leftPadding(left), rightPadding(right), paddingValue(value) {}
};

namespace detail {
using ascendgen::sim::abi::CopyShape;
using ascendgen::sim::abi::PadSpec;
template <typename T> CopyShape contiguous(uint32_t count) {
  return {1, static_cast<uint32_t>(count * sizeof(T)), 0, 0};
}
inline CopyShape blocked(const DataCopyParams& p) {
  return {p.blockCount, p.blockLen * 32u, p.srcStride * 32ull, p.dstStride * 32ull};
}
}  // namespace detail

// ---- DataCopy: lengths are whole 32-byte blocks -----------------------------------------------
template <typename T>
inline void DataCopy(const LocalTensor<T>& dst, const GlobalTensor<T>& src, uint32_t count, Site site = Site::here()) {
  ascendgen::sim::abi::copy_gm_to_ub("DataCopy", dst.ref(), src.ref(), detail::contiguous<T>(count), false, {}, site);
}
template <typename T>
inline void DataCopy(const GlobalTensor<T>& dst, const LocalTensor<T>& src, uint32_t count, Site site = Site::here()) {
  ascendgen::sim::abi::copy_ub_to_gm("DataCopy", dst.ref(), src.ref(), detail::contiguous<T>(count), false, site);
}
template <typename T>
inline void DataCopy(const LocalTensor<T>& dst, const LocalTensor<T>& src, uint32_t count, Site site = Site::here()) {
  ascendgen::sim::abi::copy_ub_to_ub("DataCopy", dst.ref(), src.ref(), detail::contiguous<T>(count), site);
}
template <typename T>
inline void DataCopy(const LocalTensor<T>& dst, const GlobalTensor<T>& src, const DataCopyParams& p, Site site = Site::here()) {
  ascendgen::sim::abi::copy_gm_to_ub("DataCopy", dst.ref(), src.ref(), detail::blocked(p), false, {}, site);
}
template <typename T>
inline void DataCopy(const GlobalTensor<T>& dst, const LocalTensor<T>& src, const DataCopyParams& p, Site site = Site::here()) {
  ascendgen::sim::abi::copy_ub_to_gm("DataCopy", dst.ref(), src.ref(), detail::blocked(p), false, site);
}
template <typename T>
inline void DataCopy(const LocalTensor<T>& dst, const LocalTensor<T>& src, const DataCopyParams& p, Site site = Site::here()) {
  ascendgen::sim::abi::copy_ub_to_ub("DataCopy", dst.ref(), src.ref(), detail::blocked(p), site);
}

// ---- DataCopyPad: byte-exact bursts, each padded to 32 bytes in UB ----------------------------
template <typename T>
inline void DataCopyPad(const LocalTensor<T>& dst, const GlobalTensor<T>& src, const DataCopyExtParams& p,
                        const DataCopyPadExtParams<T>& pad, Site site = Site::here()) {
  ascendgen::sim::abi::copy_gm_to_ub(
      "DataCopyPad", dst.ref(), src.ref(), {p.blockCount, p.blockLen, p.srcStride, p.dstStride * 32ull}, true,
      {pad.isPad, pad.leftPadding, pad.rightPadding, ascendgen::sim::abi::scalar_bits<T>(pad.paddingValue)}, site);
}
template <typename T>
inline void DataCopyPad(const LocalTensor<T>& dst, const GlobalTensor<T>& src, const DataCopyParams& p,
                        const DataCopyPadParams& pad, Site site = Site::here()) {
  ascendgen::sim::abi::copy_gm_to_ub(
      "DataCopyPad", dst.ref(), src.ref(), {p.blockCount, p.blockLen, p.srcStride, p.dstStride * 32ull}, true,
      {pad.isPad, pad.leftPadding, pad.rightPadding, ascendgen::sim::abi::scalar_bits<T>(static_cast<T>(pad.paddingValue))},
      site);
}
template <typename T>
inline void DataCopyPad(const GlobalTensor<T>& dst, const LocalTensor<T>& src, const DataCopyExtParams& p,
                        Site site = Site::here()) {
  ascendgen::sim::abi::copy_ub_to_gm("DataCopyPad", dst.ref(), src.ref(),
                                     {p.blockCount, p.blockLen, p.srcStride * 32ull, p.dstStride}, true, site);
}
template <typename T>
inline void DataCopyPad(const GlobalTensor<T>& dst, const LocalTensor<T>& src, const DataCopyParams& p,
                        Site site = Site::here()) {
  ascendgen::sim::abi::copy_ub_to_gm("DataCopyPad", dst.ref(), src.ref(),
                                     {p.blockCount, p.blockLen, p.srcStride * 32ull, p.dstStride}, true, site);
}

}  // namespace AscendC
