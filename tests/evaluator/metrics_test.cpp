#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "ascendgen/evaluator/metrics.h"

using namespace ascendgen;

namespace {

// 1 - C(n-c, k) / C(n, k) through log-gamma, an independent way to the same number.
double pass_at_k_lgamma(int n, int c, int k) {
  if (n - c < k) return 1.0;
  return 1.0 - std::exp(std::lgamma(n - c + 1) - std::lgamma(n - c - k + 1) - std::lgamma(n + 1) +
                        std::lgamma(n - k + 1));
}

SampleOutcome sample(const char* task, int level, bool compiled, bool correct, std::optional<double> speedup = {}) {
  return {task, level, compiled, correct, speedup};
}

}  // namespace

TEST_CASE("pass_at_k against hand values") {
  CHECK(pass_at_k(10, 3, 1) == doctest::Approx(0.3));
  CHECK(pass_at_k(10, 3, 2) == doctest::Approx(1.0 - 21.0 / 45.0));  // C(7,2)/C(10,2)
  CHECK(pass_at_k(5, 0, 1) == 0.0);
  CHECK(pass_at_k(5, 0, 5) == 0.0);
  CHECK(pass_at_k(5, 5, 1) == 1.0);
  CHECK(pass_at_k(5, 5, 3) == 1.0);
  CHECK(pass_at_k(5, 1, 5) == 1.0);  // k = n draws every sample
  CHECK(pass_at_k(5, 1, 4) == doctest::Approx(0.8));
  CHECK(pass_at_k(1, 1, 1) == 1.0);
  // k > n: all n samples are drawn.
  CHECK(pass_at_k(3, 0, 10) == 0.0);
  CHECK(pass_at_k(3, 1, 10) == 1.0);
}

TEST_CASE("pass_at_k is exactly 0 or 1 at the ends and never leaves [0, 1]") {
  for (int n = 1; n <= 60; ++n) {
    for (int k = 1; k <= n + 1; ++k) {
      CHECK(pass_at_k(n, n, k) == 1.0);
      CHECK(pass_at_k(n, 0, k) == 0.0);
      for (int c = 1; c < n; ++c) {
        const double v = pass_at_k(n, c, k);
        CHECK((v >= 0.0 && v <= 1.0));
        if (n - c < k) CHECK(v == 1.0);
      }
    }
  }
}

TEST_CASE("compute_metrics: every task at 1 means exactly 1, whatever the task count") {
  // 36 shares of 1/36 add up to 1.0000000000000002; the mean must not.
  std::vector<std::string> names;
  for (int t = 0; t < 36; ++t) names.push_back("task" + std::to_string(t));
  std::vector<SampleOutcome> samples;
  for (const auto& name : names) samples.push_back(sample(name.c_str(), 1, true, true, 2.0));
  const Metrics m = compute_metrics(samples, {{1, 5, 10}, {1.0}});
  for (int64_t k : {1, 5, 10}) {
    CHECK(m.overall.pass_at_k.at(k) == 1.0);
    CHECK(m.overall.compile_at_k.at(k) == 1.0);
    CHECK(m.levels[0].pass_at_k.at(k) == 1.0);
  }
  CHECK(m.overall.fast_p.at(1.0) == 1.0);
}

TEST_CASE("pass_at_k stays accurate where binomials overflow") {
  for (auto [n, c, k] : {std::tuple{200, 10, 20}, {1000, 3, 100}, {1000, 1, 1}, {500, 250, 10}}) {
    CAPTURE(n);
    CAPTURE(c);
    CAPTURE(k);
    const double v = pass_at_k(n, c, k);
    CHECK(v == doctest::Approx(pass_at_k_lgamma(n, c, k)).epsilon(1e-9));
    CHECK(v >= 0.0);
    CHECK(v <= 1.0);
  }
}

TEST_CASE("pass_at_k and compile_at_k reject impossible counts") {
  CHECK_THROWS_AS(pass_at_k(0, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(pass_at_k(5, 6, 1), std::invalid_argument);
  CHECK_THROWS_AS(pass_at_k(5, -1, 1), std::invalid_argument);
  CHECK_THROWS_WITH_AS(pass_at_k(5, 1, 0), doctest::Contains("k=0"), std::invalid_argument);
  CHECK(compile_at_k(10, 3, 1) == doctest::Approx(0.3));
  CHECK_THROWS_AS(compile_at_k(2, 3, 1), std::invalid_argument);
}

TEST_CASE("level weights are NPUKernelBench's") {
  CHECK(level_weight(1) == 0.2);
  CHECK(level_weight(2) == 0.3);
  CHECK(level_weight(3) == 0.5);
  CHECK_THROWS_AS(level_weight(0), std::invalid_argument);
  CHECK_THROWS_AS(level_weight(4), std::invalid_argument);
}

TEST_CASE("compute_metrics on a toy set: per level, overall and the weighted score") {
  const std::vector<SampleOutcome> samples = {
      // level 1: add 2/2 correct, relu 0/2 correct (1 compiled)
      sample("add", 1, true, true), sample("add", 1, true, true),
      sample("relu", 1, true, false), sample("relu", 1, false, false),
      // level 2: norm 1/4 correct, 3 compiled
      sample("norm", 2, true, true), sample("norm", 2, true, false), sample("norm", 2, true, false),
      sample("norm", 2, false, false),
      // level 3: topk nothing compiles
      sample("topk", 3, false, false), sample("topk", 3, false, false)};
  const Metrics m = compute_metrics(samples, {{1, 2}, {1.0}});
  REQUIRE(m.levels.size() == 3);

  const LevelMetrics& l1 = m.levels[0];
  CHECK(l1.level == 1);
  CHECK(l1.tasks == 2);
  CHECK(l1.samples == 4);
  CHECK(l1.compiled == 3);
  CHECK(l1.correct == 2);
  CHECK(l1.compile_rate == doctest::Approx(0.75));
  CHECK(l1.precision_pass_rate == doctest::Approx(0.5));
  CHECK(l1.pass_at_k.at(1) == doctest::Approx(0.5));           // (1 + 0) / 2
  CHECK(l1.compile_at_k.at(1) == doctest::Approx((1 + 0.5) / 2));
  CHECK(l1.compile_at_k.at(2) == doctest::Approx(1.0));          // relu: 1 of 2 compiled, k=2 draws both
  CHECK(l1.fast_p.empty());                                      // correct samples are not timed

  const LevelMetrics& l2 = m.levels[1];
  CHECK(l2.level == 2);
  CHECK(l2.precision_pass_rate == doctest::Approx(0.25));
  CHECK(l2.pass_at_k.at(2) == doctest::Approx(0.5));             // 1 - C(3,2)/C(4,2)
  CHECK(m.levels[2].precision_pass_rate == 0.0);
  CHECK(m.levels[2].compile_at_k.at(2) == 0.0);

  CHECK(m.overall.level == 0);
  CHECK(m.overall.tasks == 4);
  CHECK(m.overall.samples == 10);
  CHECK(m.overall.correct == 3);
  CHECK(m.overall.precision_pass_rate == doctest::Approx(0.3));
  CHECK(m.overall.pass_at_k.at(1) == doctest::Approx((1 + 0 + 0.25 + 0) / 4));
  CHECK(m.score == doctest::Approx(0.2 * 0.5 + 0.3 * 0.25 + 0.5 * 0));
}

TEST_CASE("compute_metrics: a Level-1 suite alone scores at most 0.2") {
  const Metrics m = compute_metrics({sample("a", 1, true, true), sample("b", 1, true, true)});
  REQUIRE(m.levels.size() == 1);
  CHECK(m.levels[0].precision_pass_rate == 1.0);
  CHECK(m.score == doctest::Approx(0.2));
  CHECK(m.overall.pass_at_k.at(10) == 1.0);  // default k includes 10 > n
}

TEST_CASE("compute_metrics: fast_p once correct samples are timed") {
  const std::vector<SampleOutcome> samples = {
      sample("a", 1, true, true, 2.0), sample("a", 1, true, true, 0.5),  // a: one of two beats 1x
      sample("b", 1, true, true, 1.5),                                    // b: beats 1x
      sample("c", 2, true, false), sample("c", 2, false, false)};        // c: never correct
  const Metrics m = compute_metrics(samples, {{1}, {0.0, 1.0, 1.8}});
  CHECK(m.overall.fast_p.at(0.0) == doctest::Approx((1.0 + 1.0 + 0.0) / 3));
  CHECK(m.overall.fast_p.at(1.0) == doctest::Approx((0.5 + 1.0 + 0.0) / 3));
  CHECK(m.overall.fast_p.at(1.8) == doctest::Approx(0.5 / 3));
  CHECK(m.levels[0].fast_p.at(1.0) == doctest::Approx(0.75));
  CHECK(m.levels[1].fast_p.at(1.0) == 0.0);
  // One correct sample without a time leaves fast_p unknown where it counts.
  std::vector<SampleOutcome> partly = samples;
  partly.push_back(sample("d", 2, true, true));
  const Metrics p = compute_metrics(partly, {{1}, {1.0}});
  CHECK(p.overall.fast_p.empty());
  CHECK(p.levels[0].fast_p.at(1.0) == doctest::Approx(0.75));
  CHECK(p.levels[1].fast_p.empty());
}

TEST_CASE("compute_metrics rejects bad levels and names the task") {
  CHECK_THROWS_WITH_AS(compute_metrics({sample("x", 4, true, true)}), doctest::Contains("level 4"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(compute_metrics({sample("x", 1, true, true), sample("x", 2, true, true)}),
                       doctest::Contains("task 'x'"), std::invalid_argument);
  const Metrics empty = compute_metrics({});
  CHECK(empty.levels.empty());
  CHECK(empty.score == 0);
  CHECK(empty.overall.samples == 0);
}
