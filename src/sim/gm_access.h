// GM accesses shared by the copy paths of both core kinds (DataCopy, Fixpipe, Nd2Nz): the bounds
// check against the GlobalTensor and the allocation, and a write that honours the atomic mode.
#pragma once
#include "core.h"

namespace ascendgen::sim {

// Fails with GmOutOfBounds unless [ptr, ptr + bytes) lies in a GM allocation and in `t`'s declared
// extent.
void check_gm(Core& c, const abi::GmRef& t, const uint8_t* ptr, uint64_t bytes, bool write);

// Writes `bytes` bytes of dtype `dt` to GM at `to`: copied, or accumulated under SetAtomicAdd/Max/
// Min; recorded for the cross-core write check (timing-only launches record without writing).
void write_gm(Core& c, uint8_t* to, const uint8_t* from, uint64_t bytes, DType dt);

}  // namespace ascendgen::sim
