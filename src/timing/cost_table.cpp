#include "ascendgen/timing/cost_table.h"

namespace ascendgen::timing {

double VectorCost::rate(std::string_view dtype) const {
  const auto it = bytes_per_cycle_by_dtype.find(dtype);
  return it == bytes_per_cycle_by_dtype.end() ? bytes_per_cycle : it->second;
}

double CubeCosts::block_cycles(std::string_view dtype) const {
  const auto it = mmad_cycles_per_block_by_dtype.find(dtype);
  return it == mmad_cycles_per_block_by_dtype.end() ? mmad_cycles_per_block : it->second;
}

const VectorCost& CostTable::vector_cost(std::string_view api) const {
  const auto it = vector.find(api);
  return it != vector.end() ? it->second : vector.at("default");
}

}  // namespace ascendgen::timing
