// The CCE compiler intrinsics older Ascend C kernels call directly (set_flag, wait_flag,
// get_block_idx, block_idx, set_vector_mask ...), mapped onto the same runtime calls as the
// AscendC APIs, so they get the same checks and timing records.
#pragma once
#include "pipe.h"
#include "vector_common.h"

// set_flag(PIPE_V, PIPE_S, EVENT_ID0) is SetFlag<HardEvent::V_S>(EVENT_ID0).
inline void set_flag(pipe_t pipe, pipe_t tpipe, int32_t eventId, AscendC::Site site = AscendC::Site::here()) {
  ascendgen::sim::abi::set_flag(pipe, tpipe, eventId, site);
}
inline void wait_flag(pipe_t pipe, pipe_t tpipe, int32_t eventId, AscendC::Site site = AscendC::Site::here()) {
  ascendgen::sim::abi::wait_flag(pipe, tpipe, eventId, site);
}

// The compiler's bfloat16 and half to float conversions.
inline float ToFloat(bfloat16_t v) { return static_cast<float>(v); }
inline float ToFloat(half v) { return static_cast<float>(v); }

inline int64_t get_block_idx() { return ascendgen::sim::abi::block_idx(); }
inline int64_t get_block_num() { return ascendgen::sim::abi::block_num(); }

namespace ascendgen::sim::abi {
// The CCE built-in variables block_idx and block_num: read on use, so each core sees its own.
template <int64_t (*Read)()> struct CoreVariable {
  operator int64_t() const { return Read(); }
};
}  // namespace ascendgen::sim::abi
inline constexpr ascendgen::sim::abi::CoreVariable<ascendgen::sim::abi::block_idx> block_idx{};
inline constexpr ascendgen::sim::abi::CoreVariable<ascendgen::sim::abi::block_num> block_num{};

// The mask register: normal mode holds two 64-bit lane masks, counter mode an element count.
inline void set_vector_mask(uint64_t maskHigh, uint64_t maskLow, AscendC::Site site = AscendC::Site::here()) {
  ascendgen::sim::abi::set_vector_mask(maskHigh, maskLow, false, ascendgen::sim::abi::DType::U8, site);
}
inline void set_mask_count() { ascendgen::sim::abi::set_mask_count(); }
inline void set_mask_norm() { ascendgen::sim::abi::set_mask_norm(); }
