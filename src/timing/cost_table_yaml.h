// Reading the `timing:` section of an SoC description (used by load_soc).
#pragma once
#include <string>

#include <yaml-cpp/yaml.h>

#include "ascendgen/timing/cost_table.h"

namespace ascendgen::timing {

// Throws std::runtime_error naming `path` and the field at fault.
CostTable parse_cost_table(const YAML::Node& node, const std::string& path);

}  // namespace ascendgen::timing
