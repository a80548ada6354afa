#include <doctest/doctest.h>

#include <algorithm>

#include "ascendgen/router/optimiser.h"

using namespace ascendgen::router;

namespace {
Estimate option(double latency, double cost, double pass) {
  Estimate e;
  e.latency_s = latency;
  e.cost = cost;
  e.pass_probability = pass;
  return e;
}
// slow, dear and good; fast, cheap and poor; in between.
const std::vector<Estimate> kOptions = {option(100, 1.0, 0.40), option(10, 0.05, 0.10), option(40, 0.3, 0.35)};
}  // namespace

TEST_CASE("constraint form: least latency within the cost and pass bounds") {
  CHECK(choose_constrained(kOptions, -1, -1) == 1);     // no bounds: the fastest
  CHECK(choose_constrained(kOptions, -1, 0.3) == 2);    // pass >= 0.3: the faster of 0 and 2
  CHECK(choose_constrained(kOptions, 0.5, 0.3) == 2);
  CHECK(choose_constrained(kOptions, 2.0, 0.38) == 0);
  CHECK(choose_constrained(kOptions, 0.2, -1) == 1);    // cost <= 0.2: only the cheap one
  // Nothing qualifies: the highest pass probability within the cost bound, else overall.
  CHECK(choose_constrained(kOptions, 0.5, 0.9) == 2);
  CHECK(choose_constrained(kOptions, 0.01, 0.9) == 0);
}

TEST_CASE("weighted form: weights move the choice along the trade-off") {
  CHECK(choose_weighted(kOptions, {1, 1, 1}) == 0);      // 1 point of pass outweighs the whole latency range
  CHECK(choose_weighted(kOptions, {1, 1, 0.01}) == 1);   // quality nearly ignored: fast and cheap
  CHECK(choose_weighted(kOptions, {1, 1, 0.1}) == 2);
  CHECK(choose_weighted(kOptions, {0, 0, 1}) == 0);
  const auto scores = weighted_scores(kOptions, {1, 1, 1});
  CHECK(scores[0] == doctest::Approx(2.0));  // L/Lmax + C/Cmax + 0 points lost
  CHECK(scores[1] == doctest::Approx(0.1 + 0.05 + 30));
  CHECK_THROWS_AS(choose_weighted({}, {}), std::invalid_argument);
}

TEST_CASE("batch assignment respects capacity and places the request that would lose most first") {
  // Two requests both prefer model 0, which has one slot; request 1 loses more without it.
  const std::vector<std::vector<Estimate>> batch = {
      {option(10, 0.1, 0.5), option(12, 0.1, 0.5)},
      {option(10, 0.1, 0.5), option(100, 1.0, 0.5)},
  };
  const auto assignment = assign_batch(batch, {1, 5}, {1, 1, 1});
  CHECK(assignment == std::vector<size_t>{1, 0});
  const auto open = assign_batch(batch, {5, 5}, {1, 1, 1});
  CHECK(open == std::vector<size_t>{0, 0});
  CHECK_THROWS_AS(assign_batch(batch, {1, 0}, {1, 1, 1}), std::invalid_argument);
}

TEST_CASE("Pareto front of points and of a batch") {
  std::vector<Estimate> points = kOptions;
  points.push_back(option(120, 1.2, 0.3));  // dominated by option 0
  points.push_back(option(10, 0.05, 0.10)); // equal to option 1: neither dominates
  const auto front = pareto_front(points);
  CHECK(front == std::vector<size_t>{0, 1, 2, 4});
  const std::vector<std::vector<Estimate>> batch(3, kOptions);
  const auto plans = batch_pareto_front(batch, {3, 3, 3}, 4);
  REQUIRE(plans.size() >= 2);
  std::vector<Estimate> totals;
  for (const auto& p : plans) totals.push_back(p.total);
  CHECK(pareto_front(totals).size() == plans.size());  // none dominates another
  const bool has_all_fast = std::any_of(plans.begin(), plans.end(), [](const BatchPlan& p) {
    return p.assignment == std::vector<size_t>{1, 1, 1};
  });
  CHECK(has_all_fast);
}
