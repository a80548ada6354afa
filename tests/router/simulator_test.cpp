#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "ascendgen/router/router.h"
#include "ascendgen/router/simulator.h"
#include "ascendgen/router/workload.h"

using namespace ascendgen::router;

namespace {
const std::string kDataDir = ASCENDGEN_ROUTER_DATA_DIR;
const ModelPool& default_pool() {
  static const ModelPool pool = load_pool(kDataDir + "/default_pool.yaml");
  return pool;
}
Workload default_workload(double rate, uint64_t seed = 1, size_t requests = 400) {
  return generate_workload(default_pool(), kDataDir + "/default_workload.yaml", {seed, rate, requests});
}
}  // namespace

TEST_CASE("more load means more latency on the same model") {
  const std::string largest = "fixed:" + default_pool().models[default_pool().largest()].name;
  const PolicyResult light = simulate(default_pool(), default_workload(0.02), largest);
  const PolicyResult heavy = simulate(default_pool(), default_workload(1.0), largest);
  CHECK(light.requests == 400);
  CHECK(heavy.mean_latency_s > 1.5 * light.mean_latency_s);
  CHECK(heavy.p95_latency_s > light.p95_latency_s);
  // The same answers either way: cost and pass rate do not depend on the load.
  CHECK(heavy.cost == doctest::Approx(light.cost));
  CHECK(heavy.pass_rate == doctest::Approx(light.pass_rate));
}

TEST_CASE("a request alone takes ttft + prefill + its tokens at concurrency one") {
  const ModelPool& pool = default_pool();
  Workload w;
  w.requests.push_back({0.0, RequestFeatures{.task = "t", .level = 1, .category = "math", .prompt_tokens = 1000}});
  w.outcome = [](size_t, size_t, int) { return SampleOutcome{500, true}; };
  const size_t m = pool.smallest();
  const PolicyResult r = simulate(pool, w, "fixed:" + pool.models[m].name);
  const Deployment& d = pool.models[m].deployment;
  CHECK(r.mean_latency_s == doctest::Approx(d.ttft_base_s + 1000 / d.prefill_tokens_per_s + 500 * d.seconds_per_token(1)));
  CHECK(r.cost == doctest::Approx(pool.models[m].cost(1000, 500)));
  CHECK(r.pass_rate == 1.0);
}

TEST_CASE("simulations are deterministic for a seed") {
  const Workload w = default_workload(0.25, 3);
  for (const std::string& policy : default_policies()) {
    const PolicyResult a = simulate(default_pool(), w, policy, {3});
    const PolicyResult b = simulate(default_pool(), default_workload(0.25, 3), policy, {3});
    CHECK(a.mean_latency_s == b.mean_latency_s);
    CHECK(a.cost == b.cost);
    CHECK(a.pass_rate == b.pass_rate);
    CHECK(a.requests_per_model == b.requests_per_model);
  }
  const PolicyResult other = simulate(default_pool(), default_workload(0.25, 4), "largest", {4});
  CHECK(other.cost != simulate(default_pool(), w, "largest", {3}).cost);
}

TEST_CASE("the default workload reproduces its spec's pass rates and keeps history apart") {
  const Workload w = default_workload(0.25, 1, 3000);
  CHECK(w.requests.size() == 3000);
  CHECK(w.history.size() == 600 * default_pool().models.size());
  for (size_t r = 1; r < w.requests.size(); ++r) CHECK(w.requests[r].arrival_s >= w.requests[r - 1].arrival_s);
  CHECK(w.requests.back().arrival_s == doctest::Approx(3000 / 0.25).epsilon(0.1));
  // A sample that passes on the smallest model passes on the largest (one uniform per sample).
  const size_t big = default_pool().largest(), small = default_pool().smallest();
  int passes_big = 0, passes_small = 0;
  for (size_t r = 0; r < w.requests.size(); ++r) {
    const bool b = w.outcome(r, big, 0).passed, s = w.outcome(r, small, 0).passed;
    passes_big += b;
    passes_small += s;
    if (s) CHECK(b);
  }
  CHECK(passes_big > 3 * passes_small);
  for (const GenerationRecord& h : w.history) CHECK(h.features.task.rfind("past_", 0) == 0);
}

TEST_CASE("FLARE keeps the pass rate of always-largest within two points at lower latency and cost") {
  const Workload w = default_workload(0.25, 1, 1500);
  const PolicyResult flare = simulate(default_pool(), w, "flare");
  const PolicyResult largest = simulate(default_pool(), w, "largest");
  CHECK(flare.mean_latency_s < largest.mean_latency_s);
  CHECK(flare.cost < largest.cost);
  CHECK(flare.pass_rate > largest.pass_rate - 0.02);
}

TEST_CASE("the router frees in-flight slots when requests finish") {
  Router router(default_pool(), "least-loaded");
  const RequestFeatures f{.task = "t", .level = 2, .category = "norm", .prompt_tokens = 3000};
  std::vector<Decision> decisions;
  for (int i = 0; i < 8; ++i) decisions.push_back(router.route(f));
  int total = 0;
  for (const int n : router.in_flight()) total += n;
  CHECK(total == 8);
  for (const Decision& d : decisions) router.finish(d, GenerationRecord{f, d.model_name, 3000, 900, 12.0, false});
  for (const int n : router.in_flight()) CHECK(n == 0);
  CHECK_THROWS_WITH(router.update(GenerationRecord{f, "gpt-9", 1, 1, 1, true}), doctest::Contains("'gpt-9'"));
  CHECK_THROWS_WITH(Router(default_pool(), "fixed:gpt-9"), doctest::Contains("'gpt-9' is not in the pool"));
}

TEST_CASE("a records file replays as a workload; bad records are named by line") {
  const auto dir = std::filesystem::temp_directory_path() / "ascendgen_router_records_test";
  std::filesystem::create_directories(dir);
  const ModelPool& pool = default_pool();
  {
    std::ofstream out(dir / "good.jsonl");
    for (size_t m = 0; m < pool.models.size(); ++m)
      for (int i = 0; i < 3; ++i)
        out << R"({"task": "add", "model": ")" << pool.models[m].name << R"(", "tokens_in": 2000, "tokens_out": )"
            << 500 * (m + 1) + i << R"(, "latency_s": 10, "status": ")" << (i == 0 ? "pass" : "fail")
            << R"(", "features": {"level": 1, "category": "math"}})" << "\n";
  }
  const Workload w = records_workload(pool, dir / "good.jsonl", {1, 0.5, 0});
  CHECK(w.requests.size() == 3 * pool.models.size());
  for (size_t m = 0; m < pool.models.size(); ++m) {
    const SampleOutcome o = w.outcome(0, m, 0);
    CHECK(o.tokens_out >= int(500 * (m + 1)));
    CHECK(o.tokens_out <= int(500 * (m + 1) + 2));
  }
  CHECK(simulate(pool, w, "flare").requests == w.requests.size());

  std::ofstream(dir / "no_outcome.jsonl") << R"({"task": "add", "model": "qwen3-32b", "tokens_in": 1, "tokens_out": 1, "latency_s": 1})" << "\n";
  CHECK_THROWS_WITH(records_workload(pool, dir / "no_outcome.jsonl", {1, 0.5, 0}),
                    doctest::Contains("no_outcome.jsonl:1: the record has no outcome"));
  std::ofstream(dir / "unknown.jsonl") << R"({"task": "add", "model": "gpt-9", "tokens_in": 1, "tokens_out": 1, "latency_s": 1, "passed": true})" << "\n";
  CHECK_THROWS_WITH(records_workload(pool, dir / "unknown.jsonl", {1, 0.5, 0}), doctest::Contains("unknown.jsonl:1: model 'gpt-9'"));
  std::ofstream(dir / "bad_field.jsonl") << R"({"task": "add", "model": "qwen3-32b", "tokens_in": "many", "tokens_out": 1, "latency_s": 1})" << "\n";
  CHECK_THROWS_WITH(records_workload(pool, dir / "bad_field.jsonl", {1, 0.5, 0}),
                    doctest::Contains("bad_field.jsonl:1: field 'tokens_in' has the wrong type"));
  std::ofstream(dir / "one_model.jsonl") << R"({"task": "add", "model": "qwen3-32b", "tokens_in": 1, "tokens_out": 1, "latency_s": 1, "passed": true})" << "\n";
  CHECK_THROWS_WITH(records_workload(pool, dir / "one_model.jsonl", {1, 0.5, 0}), doctest::Contains("no record of model"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("workload spec errors name the file and the field") {
  const auto path = std::filesystem::temp_directory_path() / "ascendgen_router_bad_spec.yaml";
  std::ofstream(path) << "requests: 10\nhistory_requests: 0\narrival_rate_per_s: -1\n";
  CHECK_THROWS_WITH(generate_workload(default_pool(), path), doctest::Contains("arrival_rate_per_s: must be positive"));
  std::filesystem::remove(path);
  CHECK_THROWS_WITH(generate_workload(default_pool(), "/no/such/spec.yaml"), doctest::Contains("/no/such/spec.yaml"));
}

TEST_CASE("failures of a task's earlier samples lower its pass estimate on every model") {
  Router router(default_pool(), "flare");
  const RequestFeatures seen{.task = "hard_one", .level = 1, .category = "math", .prompt_tokens = 2500};
  RequestFeatures unseen = seen;
  unseen.task = "other";
  const auto before = router.estimate(seen);
  const std::string largest = default_pool().models[default_pool().largest()].name;
  for (int i = 0; i < 6; ++i) router.update(GenerationRecord{seen, largest, 2500, 3000, 10.0, false});
  const auto after = router.estimate(seen);
  const auto after_other = router.estimate(unseen);
  for (size_t m = 0; m < before.size(); ++m) {
    CHECK(after[m].pass_probability < before[m].pass_probability);
    CHECK(after[m].pass_probability < after_other[m].pass_probability);  // more than the features learnt
  }
}
