#include "local_memory.h"

#include "ascendgen/ascendc/kernel/types.h"

namespace ascendgen::sim {

MemLayout memory_layout(CoreKind kind, const CoreLimits& limits) {
  MemLayout l;
  auto add = [&](Mem m, uint32_t bytes) {
    l.base[static_cast<int>(m)] = l.total;
    l.bytes[static_cast<int>(m)] = bytes;
    l.total += bytes;
  };
  if (kind == CoreKind::Aiv) {
    add(Mem::UB, limits.ub_bytes);
  } else {
    add(Mem::L1, limits.l1_bytes);
    add(Mem::L0A, limits.l0a_bytes);
    add(Mem::L0B, limits.l0b_bytes);
    add(Mem::L0C, limits.l0c_bytes);
    add(Mem::BT, limits.bias_table_bytes);
  }
  return l;
}

const char* mem_name(Mem m) {
  static const char* names[] = {"UB", "L1", "L0A", "L0B", "L0C", "BT"};
  return names[static_cast<int>(m)];
}

bool position_memory(uint8_t position, Mem& out) {
  using P = AscendC::TPosition;
  switch (static_cast<P>(position)) {
    case P::VECIN: case P::VECOUT: case P::VECCALC: out = Mem::UB; return true;
    case P::A1: case P::B1: case P::C1: out = Mem::L1; return true;
    case P::A2: out = Mem::L0A; return true;
    case P::B2: out = Mem::L0B; return true;
    case P::CO1: out = Mem::L0C; return true;
    case P::C2: out = Mem::BT; return true;
    default: return false;
  }
}

const char* position_name(uint8_t position) {
  static const char* names[] = {"GM",  "A1",     "A2",     "B1",      "B2",  "C1",  "C2",   "CO1",      "CO2",
                                "VECIN", "VECOUT", "VECCALC", "SPM", "SHM", "TSCM", "C2PIPE2GM", "MAX"};
  return position < sizeof(names) / sizeof(names[0]) ? names[position] : "?";
}

}  // namespace ascendgen::sim
