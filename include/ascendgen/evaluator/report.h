// BenchReport: the results of `ascendgen bench` (one entry per evaluated candidate) and their
// metrics, written as summary.json, summary.md and a self-contained report.html with plots.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ascendgen/evaluator/evaluator.h"
#include "ascendgen/evaluator/metrics.h"

namespace ascendgen {

struct BenchEntry {
  std::string task;
  int level = 1;
  std::string category;
  int64_t sample = 0;
  EvalResult result;
  // The task's baseline kernel's predicted time over this candidate's, when the task names a
  // baseline and both are correct (fast_p uses it).
  std::optional<double> speedup;
};

struct BenchReport {
  std::string suite;    // the suite directory
  std::string source;   // "reference solutions" or the samples file
  std::string soc;
  double seconds = 0;   // wall time of the whole run
  std::vector<BenchEntry> entries;
  Metrics metrics;
};

// Fills report.metrics from the entries.
void compute_report_metrics(BenchReport& report);

nlohmann::json to_json(const BenchReport& report);  // summary.json
std::string to_markdown(const BenchReport& report); // summary.md
std::string to_html(const BenchReport& report);     // report.html: tables and inline SVG plots

// Writes summary.json, summary.md and report.html into `dir` (created if needed), each atomically.
void write_bench_report(const std::filesystem::path& dir, const BenchReport& report);

}  // namespace ascendgen
