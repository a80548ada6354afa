// Shared checks of the cube unit's operands: which on-chip memory a LocalTensor lies in, its
// alignment there, and that it holds the bytes an instruction touches.
#pragma once
#include "core.h"

namespace ascendgen::sim {

constexpr uint32_t kFractalBytes = 512;  // one L0A/L0B fractal: 16 rows of 32 bytes

// Elements per 32-byte row of a fractal: 16 for half, 32 for int8, 8 for float.
inline uint32_t c0_of(DType dt) { return static_cast<uint32_t>(32 / dtype_size(dt)); }

// The bytes of `t`, checked to lie in `want`, to start `align`-byte aligned from that memory's
// start, and to hold `bytes` bytes.
uint8_t* cube_operand(Core& c, const TensorRef& t, Mem want, uint64_t bytes, uint32_t align, const char* role);

}  // namespace ascendgen::sim
