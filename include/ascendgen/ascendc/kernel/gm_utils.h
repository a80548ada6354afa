// Whole-GM helpers of the basic API: InitOutput (fill a GlobalTensor with a value, as the library
// does through UB and MTE3) and DataCacheCleanAndInvalid (the scalar unit's data cache).
#pragma once
#include "tensor.h"

namespace AscendC {

// Fills the first `size` elements of gmWorkspaceAddr with `value`.
template <typename T>
inline void InitOutput(GlobalTensor<T> gmWorkspaceAddr, uint32_t size, T value = 0, Site site = Site::here()) {
  ascendgen::sim::abi::gm_fill("InitOutput", gmWorkspaceAddr.ref(), size, ascendgen::sim::abi::dtype_of<T>,
                               ascendgen::sim::abi::scalar_bits<T>(value), site);
}

enum class CacheLine : uint64_t { SINGLE_CACHE_LINE = 0, ENTIRE_DATA_CACHE };
enum class DcciDst : uint64_t { CACHELINE_ALL = 0, CACHELINE_UB, CACHELINE_OUT, CACHELINE_ATOMIC };

// Writes back and invalidates the scalar data cache over `dst` (one line or all of it). The
// emulator's scalar GM accesses bypass any cache, so the call orders nothing; it is recorded.
template <typename T, CacheLine entireType, DcciDst dcciDst>
inline void DataCacheCleanAndInvalid(const GlobalTensor<T>& dst, Site site = Site::here()) {
  ascendgen::sim::abi::data_cache_clean(dst.GetPhyAddr(), site);
}
template <typename T, CacheLine entireType>
inline void DataCacheCleanAndInvalid(const GlobalTensor<T>& dst, Site site = Site::here()) {
  ascendgen::sim::abi::data_cache_clean(dst.GetPhyAddr(), site);
}

}  // namespace AscendC
