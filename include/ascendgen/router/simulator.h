// The serving simulator: a discrete-event model of the pool's deployments. Each model has its
// instances; each instance decodes up to max_concurrency sequences at once (continuous batching)
// at the per-token time of its current concurrency (Deployment::seconds_per_token); a sequence
// first spends ttft_base + prompt / prefill speed, holding its slot; sequences beyond the slots
// wait in a FIFO queue per model. Requests are routed on arrival by a Router, which learns from
// each finished request (Router::finish) as the Generator's would.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ascendgen/router/pool.h"
#include "ascendgen/router/workload.h"

namespace ascendgen::router {

struct SimulationOptions {
  uint64_t seed = 1;            // the router's (for "random")
  bool learn_history = true;    // warm the router on the workload's history first
};

// What one policy achieved on a workload.
struct PolicyResult {
  std::string policy;
  size_t requests = 0;
  double mean_latency_s = 0;    // arrival -> last sample done
  double p95_latency_s = 0;
  double cost = 0;              // USD, all samples
  double pass_rate = 0;         // requests with a passing sample / requests
  double mean_samples = 0;
  std::vector<size_t> requests_per_model;  // index as in the pool
  double decision_us = 0;       // mean wall time of one routing decision (not deterministic)
};

// Runs the workload under one policy (a Router policy string). Deterministic for a seed except
// decision_us. Throws std::invalid_argument for a bad policy.
PolicyResult simulate(const ModelPool& pool, const Workload& workload, std::string_view policy,
                      const SimulationOptions& options = {});

}  // namespace ascendgen::router
