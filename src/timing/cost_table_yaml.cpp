#include <stdexcept>

#include <fmt/format.h>

#include "cost_table_yaml.h"

namespace ascendgen::timing {

namespace {
// A positive number at node[key] (or zero where `allow_zero`).
double number(const YAML::Node& node, const std::string& where, const char* key, bool allow_zero = false) {
  const YAML::Node n = node[key];
  if (!n) throw std::runtime_error(fmt::format("{}: missing field '{}'", where, key));
  double v = 0;
  try {
    v = n.as<double>();
  } catch (const YAML::Exception&) {
    throw std::runtime_error(fmt::format("{}:{}: field '{}' is not a number", where, n.Mark().line + 1, key));
  }
  if (v < 0 || (v == 0 && !allow_zero))
    throw std::runtime_error(fmt::format("{}:{}: field '{}' must be {}", where, n.Mark().line + 1, key,
                                         allow_zero ? "non-negative" : "positive"));
  return v;
}
}  // namespace

CostTable parse_cost_table(const YAML::Node& node, const std::string& path) {
  const std::string where = path + ": timing";
  CostTable t;
  t.present = true;
  t.launch_overhead_us = number(node, where, "launch_overhead_us", true);
  t.gm_peak_gbps = number(node, where, "gm_peak_gbps");
  t.gm_read_bytes_per_cycle = number(node, where, "gm_read_bytes_per_cycle");
  t.gm_write_bytes_per_cycle = number(node, where, "gm_write_bytes_per_cycle");
  t.gm_read_latency_cycles = number(node, where, "gm_read_latency_cycles", true);
  t.gm_write_latency_cycles = number(node, where, "gm_write_latency_cycles", true);
  t.ub_copy_bytes_per_cycle = number(node, where, "ub_copy_bytes_per_cycle");
  t.vector_issue_cycles = number(node, where, "vector_issue_cycles", true);
  t.scalar_issue_cycles = number(node, where, "scalar_issue_cycles", true);
  t.scalar_ub_load_cycles = number(node, where, "scalar_ub_load_cycles", true);
  t.scalar_ub_store_cycles = number(node, where, "scalar_ub_store_cycles", true);
  t.scalar_gm_load_cycles = number(node, where, "scalar_gm_load_cycles", true);
  t.scalar_gm_store_cycles = number(node, where, "scalar_gm_store_cycles", true);
  t.sync_all_cycles = number(node, where, "sync_all_cycles", true);
  const YAML::Node vector = node["vector"];
  if (!vector || !vector.IsMap()) throw std::runtime_error(where + ": missing map 'vector'");
  for (const auto& entry : vector) {
    const std::string api = entry.first.as<std::string>();
    const std::string at = where + ".vector." + api;
    VectorCost c;
    c.bytes_per_cycle = number(entry.second, at, "bytes_per_cycle");
    c.latency_cycles = number(entry.second, at, "latency_cycles", true);
    if (const YAML::Node by = entry.second["by_dtype"]) {
      if (!by.IsMap()) throw std::runtime_error(at + ": 'by_dtype' must map dtype names to bytes per cycle");
      for (const auto& d : by) c.bytes_per_cycle_by_dtype[d.first.as<std::string>()] = number(by, at + ".by_dtype", d.first.as<std::string>().c_str());
    }
    t.vector.emplace(api, std::move(c));
  }
  if (!t.vector.count("default")) throw std::runtime_error(where + ".vector: missing entry 'default'");
  if (const YAML::Node cube = node["cube"]) {
    const std::string at = where + ".cube";
    CubeCosts& c = t.cube;
    c.present = true;
    c.mmad_fixed_cycles = number(cube, at, "mmad_fixed_cycles", true);
    c.mmad_cycles_per_block = number(cube, at, "mmad_cycles_per_block");
    if (const YAML::Node by = cube["mmad_cycles_per_block_by_dtype"]) {
      if (!by.IsMap()) throw std::runtime_error(at + ": 'mmad_cycles_per_block_by_dtype' must map dtype names to cycles");
      for (const auto& d : by)
        c.mmad_cycles_per_block_by_dtype[d.first.as<std::string>()] =
            number(by, at + ".mmad_cycles_per_block_by_dtype", d.first.as<std::string>().c_str());
    }
    c.load_l0a_bytes_per_cycle = number(cube, at, "load_l0a_bytes_per_cycle");
    c.load_l0b_bytes_per_cycle = number(cube, at, "load_l0b_bytes_per_cycle");
    c.load_fixed_cycles = number(cube, at, "load_fixed_cycles", true);
    c.cross_core_flag_cycles = number(cube, at, "cross_core_flag_cycles", true);
  }
  return t;
}

}  // namespace ascendgen::timing
