// router_oracle_bound: how much any router could save on the default workload. An ex-ante oracle
// that knows every request's true pass probability on every model (Workload::pass_probability, which
// the router never sees) picks per request the model minimising cost - lambda * pass probability;
// sweeping lambda traces the least cost at each expected pass-rate loss against always-largest.
// Cost is each model's price of the request's prompt and its first sample's length; latency is left
// out (it depends on load). The requests are those `ascendgen route simulate` runs (same seed).
// Usage: router_oracle_bound [--requests N] [--seed S]
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "ascendgen/router/pool.h"
#include "ascendgen/router/workload.h"
#include "benchmark_util.h"

using namespace ascendgen::router;

int main(int argc, char** argv) {
  const int requests = bench::positive_option(argc, argv, "requests", 3000);
  const int seed = bench::positive_option(argc, argv, "seed", 1);
  const std::string data = ASCENDGEN_ROUTER_DATA_DIR;
  const ModelPool pool = load_pool(data + "/default_pool.yaml");
  const Workload w = generate_workload(pool, data + "/default_workload.yaml", {uint64_t(seed), 0, size_t(requests)});
  const size_t models = pool.models.size(), largest = pool.largest();

  std::vector<std::vector<double>> pass(w.requests.size()), cost(w.requests.size());
  double base_pass = 0, base_cost = 0;
  for (size_t r = 0; r < w.requests.size(); ++r) {
    for (size_t m = 0; m < models; ++m) {
      pass[r].push_back(w.pass_probability(r, m));
      cost[r].push_back(pool.models[m].cost(w.requests[r].features.prompt_tokens, w.outcome(r, m, 0).tokens_out));
    }
    base_pass += pass[r][largest];
    base_cost += cost[r][largest];
  }

  fmt::print("| lambda (USD per pass) | expected pass-rate loss (points) | cost saving vs largest |\n|---|---|---|\n");
  for (const double lambda : {0.03, 0.1, 0.2, 0.3, 0.5, 1.0}) {
    double p = 0, c = 0;
    for (size_t r = 0; r < w.requests.size(); ++r) {
      size_t best = largest;
      double best_score = std::numeric_limits<double>::infinity();
      for (size_t m = 0; m < models; ++m)
        if (const double score = cost[r][m] - lambda * pass[r][m]; score < best_score) best = m, best_score = score;
      p += pass[r][best];
      c += cost[r][best];
    }
    fmt::print("| {:g} | {:.2f} | {:.0f}% |\n", lambda, 100 * (base_pass - p) / double(w.requests.size()),
               100 * (1 - c / base_cost));
  }
  fmt::print("\n{} requests (seed {}), {} models; always-largest: expected pass rate {:.2f}%, cost ${:.2f}\n",
             w.requests.size(), seed, models, 100 * base_pass / double(w.requests.size()), base_cost);
}
