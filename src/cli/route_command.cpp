// `ascendgen route simulate`: every routing policy on one workload through the serving
// simulator; a table (or JSON) of mean and p95 latency, cost and pass rate, and a trade-off plot.
#include <filesystem>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "ascendgen/core/progress.h"
#include "ascendgen/router/report.h"
#include "ascendgen/router/router.h"
#include "ascendgen/router/simulator.h"
#include "ascendgen/router/workload.h"
#include "ascendgen/task/records.h"
#include "commands.h"

namespace ascendgen::cli {

namespace {
namespace fs = std::filesystem;
using namespace ascendgen::router;

struct SimulateArgs {
  std::string pool, workload, plot;
  std::vector<std::string> policies;
  bool json = false;
  uint64_t seed = 1;
  size_t requests = 0;
  double rate = 0;
};

Workload load_workload(const ModelPool& pool, const SimulateArgs& a) {
  // Without --workload: the default spec beside the pool file (data/router/).
  const fs::path path = a.workload.empty() ? fs::path(a.pool).parent_path() / "default_workload.yaml" : fs::path(a.workload);
  if (!fs::exists(path))
    throw std::runtime_error(fmt::format("{}: no such workload file{}", path.string(),
                                         a.workload.empty() ? " (give --workload, or keep default_workload.yaml beside the pool)" : ""));
  const WorkloadOptions options{a.seed, a.rate, a.requests};
  if (path.extension() == ".jsonl") {
    if (!(a.rate > 0)) throw std::runtime_error(fmt::format("{}: replaying records needs --rate (requests per second)", path.string()));
    return records_workload(pool, path, options);
  }
  return generate_workload(pool, path, options);
}

std::string delta(double value, double reference) {
  return reference > 0 ? fmt::format("{:+.0f}%", 100 * (value - reference) / reference) : "-";
}

void print_table(const std::vector<PolicyResult>& results) {
  const PolicyResult* largest = nullptr;
  for (const PolicyResult& r : results)
    if (r.policy == "largest") largest = &r;
  fmt::print("{:<22} {:>9} {:>9} {:>10} {:>7}{}\n", "policy", "mean s", "p95 s", "cost USD", "pass %",
             largest ? "   vs largest: latency   cost   pass" : "");
  for (const PolicyResult& r : results) {
    fmt::print("{:<22} {:>9.1f} {:>9.1f} {:>10.2f} {:>7.2f}", r.policy, r.mean_latency_s, r.p95_latency_s, r.cost,
               100 * r.pass_rate);
    if (largest)
      fmt::print("   {:>16} {:>6} {:>+5.2f}", delta(r.mean_latency_s, largest->mean_latency_s), delta(r.cost, largest->cost),
                 100 * (r.pass_rate - largest->pass_rate));
    fmt::print("\n");
  }
}

void run_simulate(const SimulateArgs& a) {
  const ModelPool pool = load_pool(a.pool);
  std::vector<std::string> policies = a.policies.empty() ? default_policies() : a.policies;
  for (const std::string& p : policies) Router(pool, p);  // reject a bad policy before the long part
  const Workload workload = load_workload(pool, a);
  std::vector<PolicyResult> results;
  {
    Progress progress(policies.size(), "policies");
    for (const std::string& p : policies) {
      results.push_back(simulate(pool, workload, p, SimulationOptions{a.seed}));
      progress.advance(1, p);
    }
  }
  if (!a.plot.empty()) write_file_atomic(a.plot, tradeoff_svg(results));
  if (a.json) {
    fmt::print("{}\n", to_json(results, pool).dump(2));
    return;
  }
  fmt::print("{} requests, {} models, seed {}\n", workload.requests.size(), pool.models.size(), a.seed);
  print_table(results);
  if (!a.plot.empty()) fmt::print("plot: {}\n", a.plot);
}
}  // namespace

void add_route_command(CLI::App& app, int& exit_code) {
  CLI::App* route = app.add_subcommand("route", "FLARE routing across a model pool");
  route->require_subcommand(1);
  auto args = std::make_shared<SimulateArgs>();
  CLI::App* sim = route->add_subcommand("simulate", "Compare routing policies on a simulated serving cluster");
  sim->add_option("--pool", args->pool, "Model pool YAML (data/router/default_pool.yaml)")->required();
  sim->add_option("--workload", args->workload,
                  "Workload spec (.yaml) or Generator records (.jsonl); default: default_workload.yaml beside the pool");
  sim->add_option("--policy", args->policies, "Policies to compare (repeatable); default: FLARE and every baseline");
  sim->add_flag("--json", args->json, "Print JSON with a \"policies\" object instead of the table");
  sim->add_option("--plot", args->plot, "Write the latency/cost/pass-rate trade-off as an SVG file");
  sim->add_option("--seed", args->seed, "Seed of the workload and the random policy");
  sim->add_option("--requests", args->requests, "Requests to simulate (default: the workload's)");
  sim->add_option("--rate", args->rate, "Arrival rate, requests/s (required for a records file)");
  sim->callback([args, &exit_code] {
    run_simulate(*args);
    exit_code = 0;
  });
}

}  // namespace ascendgen::cli
