// Workloads for the serving simulator: requests with arrival times and, for every model of the
// pool, the true output length and outcome of each sample (the router never sees these).
//
// Two sources: the default workload, generated from a spec of published facts
// (data/router/default_workload.yaml: task mix per level, output-length distributions and pass
// rates per model and level; format in docs/router.md), and a records file of the Generator
// (JSONL, features.h's parse_record), whose tasks are replayed with outcomes resampled from the
// records of the same task and model.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "ascendgen/router/features.h"
#include "ascendgen/router/pool.h"

namespace ascendgen::router {

struct WorkloadRequest {
  double arrival_s = 0;
  RequestFeatures features;
};

// What one sample of a request would produce on one model.
struct SampleOutcome {
  int tokens_out = 0;
  bool passed = false;
};

struct Workload {
  std::vector<WorkloadRequest> requests;  // by arrival time
  // Records of past generations the router may learn from before the run (on other tasks than
  // `requests` for the default workload; none for a records file).
  std::vector<GenerationRecord> history;
  // outcome(request, model, sample): deterministic; model indexes the pool the workload was
  // built for; sample counts from 0.
  std::function<SampleOutcome(size_t request, size_t model, int sample)> outcome;
  // pass_probability(request, model): the chance that one sample passes, which `outcome` draws
  // from. Known for the default workload (for bounds such as benchmarks/router_oracle_bound);
  // empty for a records file, whose outcomes are resampled records.
  std::function<double(size_t request, size_t model)> pass_probability;
};

struct WorkloadOptions {
  uint64_t seed = 1;
  double arrival_rate_per_s = 0;  // > 0 overrides the spec's rate (records files: required > 0)
  size_t requests = 0;            // > 0 overrides the spec's count
};

// Generates the default workload for `pool` from a spec file. Every pool model must appear in
// the spec. Throws std::runtime_error naming the file and field at fault.
Workload generate_workload(const ModelPool& pool, const std::filesystem::path& spec, const WorkloadOptions& options = {});

// Replays a Generator records file: one request per record, Poisson arrivals at
// options.arrival_rate_per_s. A request's sample on model m draws (seeded) one record of the same
// task and model, else of the same level and model, else any record of model m. Throws
// std::runtime_error naming FILE:LINE for a bad record, a record of a model not in the pool, a
// record without an outcome, or a pool model without any record.
Workload records_workload(const ModelPool& pool, const std::filesystem::path& records, const WorkloadOptions& options);

}  // namespace ascendgen::router
