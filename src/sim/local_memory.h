// The on-chip memories of one core, laid out in one byte array per core: an AIV has its Unified
// Buffer; an AIC has L1, L0A, L0B, L0C and the bias table (BT), one after another. A TensorRef's
// address is an offset into that array, so each position's buffers live in their own region.
#pragma once
#include <array>
#include <cstdint>

#include "ascendgen/sim/launcher.h"

namespace ascendgen::sim {

enum class Mem : uint8_t { UB, L1, L0A, L0B, L0C, BT };
constexpr int kMemCount = 6;

struct MemLayout {
  std::array<uint32_t, kMemCount> base{};
  std::array<uint32_t, kMemCount> bytes{};  // 0: the core has no such memory
  uint32_t total = 0;
  bool has(Mem m) const { return bytes[static_cast<int>(m)] != 0; }
  uint32_t base_of(Mem m) const { return base[static_cast<int>(m)]; }
  uint32_t bytes_of(Mem m) const { return bytes[static_cast<int>(m)]; }
};

MemLayout memory_layout(CoreKind kind, const CoreLimits& limits);

// "UB", "L1", "L0A", ...
const char* mem_name(Mem m);

// The memory a TPosition (as its uint8_t value) lives in: VECIN/VECOUT/VECCALC -> UB, A1/B1/C1 ->
// L1, A2 -> L0A, B2 -> L0B, CO1 -> L0C, C2 -> BT. False for positions that are not on-chip buffers
// on the 910B (GM, CO2, ...).
bool position_memory(uint8_t position, Mem& out);

// Name of a TPosition value for messages ("A1", "VECIN").
const char* position_name(uint8_t position);

}  // namespace ascendgen::sim
