// Ascend C's kernel utilities: ASSERT, likely/unlikely, the integer helpers of namespace AscendC
// (DivCeil, AlignUp, Ceil, ConstCeil) and AscendCUtils (mask and block-size helpers).
#pragma once
#include "vector_common.h"

// CANN's device build defines ASSERT(x) as nothing (impl/basic_api/kernel_macros.h; only its CPU
// debug build checks), so the condition is neither evaluated nor even compiled: kernels rely on it
// (an ASSERT naming an undeclared function, one missing the semicolon before it).
#ifndef ASSERT
#define ASSERT(x)
#endif
#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

namespace AscendC {

constexpr inline uint32_t DivCeil(uint32_t a, uint32_t b) { return (a + b - 1) / b; }
constexpr inline uint32_t AlignUp(uint32_t a, uint32_t b) { return DivCeil(a, b) * b; }
constexpr inline uint32_t ConstCeil(uint32_t a, uint32_t b) { return (a + b - 1) / b; }
inline uint32_t Ceil(uint32_t a, uint32_t b) { return (a + b - 1) / b; }

// Mask and size helpers that kernels call directly. SetMask<T>(len) sets the first `len` lanes of
// the mask register (64: the low word; a full repeat or 128 and above: every lane), as CANN does.
class AscendCUtils {
 public:
  static int32_t GetBitSize(int32_t byteSize) { return byteSize * 8; }
  static int32_t GetC0Size() { return ONE_BLK_SIZE; }
  static int32_t GetC0Count(const int32_t dtypeSize) { return GetC0Size() / dtypeSize; }
  static int32_t GetDefaultBlockNum() { return DEFAULT_BLK_NUM; }

  template <typename T, bool isSetMask = true>
  static void SetMask(const uint64_t& maskHigh, const uint64_t& maskLow, Site site = Site::here()) {
    if constexpr (isSetMask)
      ascendgen::sim::abi::set_vector_mask(maskHigh, maskLow, false, ascendgen::sim::abi::dtype_of<T>, site);
  }
  template <typename T, bool isSetMask = true> static void SetMask(int32_t len, Site site = Site::here()) {
    if constexpr (!isSetMask) return;
    constexpr int32_t kLanes = static_cast<int32_t>(ONE_REPEAT_BYTE_SIZE / sizeof(T));
    constexpr uint64_t kFull = ~uint64_t{0};
    if (len == 64) return SetMask<T>(0, kFull, site);
    if (len == kLanes || len >= 128) return SetMask<T>(kFull, kFull, site);
    const uint32_t n = static_cast<uint32_t>(len);
    SetMask<T>(len > 64 ? (uint64_t{1} << (n - 64)) - 1 : 0, len > 64 ? kFull : (uint64_t{1} << n) - 1, site);
  }
  template <typename T> static void SetMaskCount() { ascendgen::sim::abi::set_mask_count(); }
  template <typename T> static void SetMaskNorm() { ascendgen::sim::abi::set_mask_norm(); }
  template <bool isSetMask = true> static void ResetMask() {
    if constexpr (isSetMask) ascendgen::sim::abi::reset_mask();
  }
};

}  // namespace AscendC
