// Reports of a simulation: the JSON `ascendgen route simulate --json` prints and the SVG plot of
// the latency / cost / pass-rate trade-off.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ascendgen/router/simulator.h"

namespace ascendgen::router {

// {"policies": {"<policy>": {"mean_latency_s", "p95_latency_s", "cost", "pass_rate", "requests",
//  "mean_samples", "requests_per_model": {"<model>": n}, "decision_us"}}}
nlohmann::json to_json(const std::vector<PolicyResult>& results, const ModelPool& pool);

// A scatter plot: mean latency (x) against cost (y), one labelled point per policy, its colour and
// label giving the pass rate; the policies no other beats on all three are outlined.
std::string tradeoff_svg(const std::vector<PolicyResult>& results);

}  // namespace ascendgen::router
