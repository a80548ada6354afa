// route_decision: wall time of one routing decision (Router::route) with the default pool, warmed
// on the default workload's history, over the workload's requests. Each request is finished right
// after its decision, so the load stays as in a steady run and no refit happens inside the timed
// part. The reference is the "largest" policy in the same run: a decision that estimates nothing.
// Usage: route_decision [--requests N] [--repeat R]
#include <chrono>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "ascendgen/router/router.h"
#include "ascendgen/router/workload.h"
#include "benchmark_util.h"

using namespace ascendgen::router;

namespace {
// Microseconds per decision of each repeat.
std::vector<double> time_policy(const ModelPool& pool, const Workload& w, const std::string& policy, int repeats) {
  Router router(pool, policy);
  for (const GenerationRecord& r : w.history) router.update(r);
  std::vector<Decision> decisions(w.requests.size());
  std::vector<double> us;
  for (int rep = 0; rep < repeats; ++rep) {
    const auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < w.requests.size(); ++i) decisions[i] = router.route(w.requests[i].features);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    us.push_back(seconds * 1e6 / double(w.requests.size()));
    for (const Decision& d : decisions) router.finish(d, std::vector<GenerationRecord>{});
  }
  return us;
}
}  // namespace

int main(int argc, char** argv) {
  const int requests = bench::positive_option(argc, argv, "requests", 2000);
  const int repeats = bench::positive_option(argc, argv, "repeat", 7);
  const std::string data = ASCENDGEN_ROUTER_DATA_DIR;
  const ModelPool pool = load_pool(data + "/default_pool.yaml");
  const Workload w = generate_workload(pool, data + "/default_workload.yaml", {1, 0, size_t(requests)});
  const double reference = bench::median(time_policy(pool, w, "largest", repeats));
  fmt::print("| policy | us per decision (median of {}) | p90 of repeats | vs largest |\n|---|---|---|---|\n", repeats);
  fmt::print("| largest (reference) | {:.2f} | | 1.0x |\n", reference);
  for (const std::string policy : {"flare", "flare:max_cost=0.05,min_pass=0.2", "flare:passk=4", "quality-threshold"}) {
    const std::vector<double> us = time_policy(pool, w, policy, repeats);
    fmt::print("| {} | {:.2f} | {:.2f} | {:.1f}x |\n", policy, bench::median(us), bench::quantile(us, 0.9),
               bench::median(us) / reference);
  }
  fmt::print("\n{} models, {} requests per repeat\n", pool.models.size(), requests);
}
