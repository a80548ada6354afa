// The SoC numbers the timing model uses, as JSON: how the evaluator hands them to the worker
// process that runs a kernel and predicts its time.
#pragma once
#include <nlohmann/json.hpp>

#include "ascendgen/core/soc.h"

namespace ascendgen::timing {

nlohmann::json timing_soc_to_json(const SocDescription& soc);
// Throws nlohmann::json::exception when `j` lacks a field.
SocDescription timing_soc_from_json(const nlohmann::json& j);

}  // namespace ascendgen::timing
