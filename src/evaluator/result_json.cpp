#include "ascendgen/evaluator/result_json.h"

#include <cmath>

namespace ascendgen {

namespace {
// JSON has no infinity: an infinite error (non-finite output) is null.
nlohmann::json finite_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }
}  // namespace

nlohmann::json to_json(const Diagnostic& d) {
  nlohmann::json notes = nlohmann::json::array();
  for (const auto& n : d.notes) notes.push_back(to_json(n));
  return {{"file", d.file},       {"line", d.line},         {"column", d.column}, {"severity", d.severity},
          {"category", d.category}, {"message", d.message}, {"notes", notes}};
}

nlohmann::json to_json(const CaseResult& c) {
  return {{"id", c.id},
          {"status", c.status},
          {"error_kind", c.error_kind},
          {"message", c.message},
          {"warnings", c.launch.warnings},
          {"max_abs_err", finite_or_null(c.comparison.max_abs_err)},
          {"max_rel_err", finite_or_null(c.comparison.max_rel_err)},
          {"mismatches", c.comparison.mismatches},
          {"first_mismatch", c.comparison.first_mismatch},
          {"seconds", c.seconds},
          {"predicted_us", c.predicted_us},
          {"profile", c.profile.empty() ? nlohmann::json(nullptr) : nlohmann::json::parse(c.profile)},
          {"tiling", c.tiling ? nlohmann::json{{"block_dim", c.tiling->block_dim},
                                               {"tiling_key", c.tiling->tiling_key},
                                               {"tiling_bytes", c.tiling->tiling_bytes},
                                               {"workspace_bytes", c.tiling->workspace_bytes}}
                              : nlohmann::json(nullptr)}};
}

nlohmann::json to_json(const EvalResult& r) {
  nlohmann::json cases = nlohmann::json::array(), diagnostics = nlohmann::json::array();
  for (const auto& c : r.cases) cases.push_back(to_json(c));
  for (const auto& d : r.diagnostics) diagnostics.push_back(to_json(d));
  return {{"task", r.task},   {"status", r.status},           {"compiled", r.compiled}, {"correct", r.correct},
          {"cases", cases},   {"diagnostics", diagnostics},   {"seconds", r.seconds},
          {"predicted_us", r.predicted_us}};
}

}  // namespace ascendgen
