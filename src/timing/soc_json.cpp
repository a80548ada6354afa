#include "soc_json.h"

namespace ascendgen::timing {
namespace {
// The scalar fields of CostTable by their YAML names.
constexpr std::pair<const char*, double CostTable::*> kCostFields[] = {
    {"launch_overhead_us", &CostTable::launch_overhead_us},
    {"gm_peak_gbps", &CostTable::gm_peak_gbps},
    {"gm_read_bytes_per_cycle", &CostTable::gm_read_bytes_per_cycle},
    {"gm_write_bytes_per_cycle", &CostTable::gm_write_bytes_per_cycle},
    {"gm_read_latency_cycles", &CostTable::gm_read_latency_cycles},
    {"gm_write_latency_cycles", &CostTable::gm_write_latency_cycles},
    {"ub_copy_bytes_per_cycle", &CostTable::ub_copy_bytes_per_cycle},
    {"vector_issue_cycles", &CostTable::vector_issue_cycles},
    {"scalar_issue_cycles", &CostTable::scalar_issue_cycles},
    {"scalar_ub_load_cycles", &CostTable::scalar_ub_load_cycles},
    {"scalar_ub_store_cycles", &CostTable::scalar_ub_store_cycles},
    {"scalar_gm_load_cycles", &CostTable::scalar_gm_load_cycles},
    {"scalar_gm_store_cycles", &CostTable::scalar_gm_store_cycles},
    {"sync_all_cycles", &CostTable::sync_all_cycles},
};
// The scalar fields of CubeCosts by their YAML names.
constexpr std::pair<const char*, double CubeCosts::*> kCubeFields[] = {
    {"mmad_fixed_cycles", &CubeCosts::mmad_fixed_cycles},
    {"mmad_cycles_per_block", &CubeCosts::mmad_cycles_per_block},
    {"load_l0a_bytes_per_cycle", &CubeCosts::load_l0a_bytes_per_cycle},
    {"load_l0b_bytes_per_cycle", &CubeCosts::load_l0b_bytes_per_cycle},
    {"load_fixed_cycles", &CubeCosts::load_fixed_cycles},
    {"cross_core_flag_cycles", &CubeCosts::cross_core_flag_cycles},
};
}  // namespace

nlohmann::json timing_soc_to_json(const SocDescription& soc) {
  nlohmann::json costs = nlohmann::json::object(), vector = nlohmann::json::object();
  for (const auto& [name, field] : kCostFields) costs[name] = soc.costs.*field;
  for (const auto& [api, c] : soc.costs.vector)
    vector[api] = {{"bytes_per_cycle", c.bytes_per_cycle},
                   {"latency_cycles", c.latency_cycles},
                   {"by_dtype", c.bytes_per_cycle_by_dtype}};
  costs["vector"] = vector;
  if (soc.costs.cube.present) {
    nlohmann::json cube = {{"mmad_cycles_per_block_by_dtype", soc.costs.cube.mmad_cycles_per_block_by_dtype}};
    for (const auto& [name, field] : kCubeFields) cube[name] = soc.costs.cube.*field;
    costs["cube"] = cube;
  }
  return {{"name", soc.name},         {"clock_ghz", soc.clock_ghz}, {"vector_cores", soc.vector_cores},
          {"ub_bytes", soc.ub_bytes}, {"present", soc.costs.present}, {"timing", costs}};
}

SocDescription timing_soc_from_json(const nlohmann::json& j) {
  SocDescription soc;
  soc.name = j.at("name").get<std::string>();
  soc.clock_ghz = j.at("clock_ghz").get<double>();
  soc.vector_cores = j.at("vector_cores").get<int>();
  soc.ub_bytes = j.at("ub_bytes").get<uint32_t>();
  soc.costs.present = j.at("present").get<bool>();
  const auto& costs = j.at("timing");
  for (const auto& [name, field] : kCostFields) soc.costs.*field = costs.at(name).get<double>();
  for (const auto& [api, c] : costs.at("vector").items()) {
    VectorCost v;
    v.bytes_per_cycle = c.at("bytes_per_cycle").get<double>();
    v.latency_cycles = c.at("latency_cycles").get<double>();
    for (const auto& [dtype, rate] : c.at("by_dtype").items()) v.bytes_per_cycle_by_dtype[dtype] = rate.get<double>();
    soc.costs.vector.emplace(api, std::move(v));
  }
  if (const auto it = costs.find("cube"); it != costs.end()) {
    CubeCosts& c = soc.costs.cube;
    c.present = true;
    for (const auto& [name, field] : kCubeFields) c.*field = it->at(name).get<double>();
    for (const auto& [dtype, cycles] : it->at("mmad_cycles_per_block_by_dtype").items())
      c.mmad_cycles_per_block_by_dtype[dtype] = cycles.get<double>();
  }
  return soc;
}

}  // namespace ascendgen::timing
