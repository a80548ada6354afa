#include "ascendgen/router/optimiser.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <set>
#include <stdexcept>

namespace ascendgen::router {

std::vector<double> weighted_scores(const std::vector<Estimate>& options, const Weights& w) {
  double lmax = 0, cmax = 0, pbest = 0;
  for (const Estimate& o : options) {
    lmax = std::max(lmax, o.latency_s);
    cmax = std::max(cmax, o.cost);
    pbest = std::max(pbest, o.pass_probability);
  }
  std::vector<double> scores;
  scores.reserve(options.size());
  for (const Estimate& o : options)
    scores.push_back((lmax > 0 ? w.latency * o.latency_s / lmax : 0) + (cmax > 0 ? w.cost * o.cost / cmax : 0) +
                     w.quality * 100 * (pbest - o.pass_probability));
  return scores;
}

size_t choose_weighted(const std::vector<Estimate>& options, const Weights& weights) {
  if (options.empty()) throw std::invalid_argument("choose_weighted: no options");
  const std::vector<double> scores = weighted_scores(options, weights);
  return size_t(std::min_element(scores.begin(), scores.end()) - scores.begin());
}

size_t choose_constrained(const std::vector<Estimate>& options, double max_cost, double min_pass) {
  if (options.empty()) throw std::invalid_argument("choose_constrained: no options");
  const auto within_cost = [&](const Estimate& o) { return max_cost < 0 || o.cost <= max_cost; };
  const auto within_pass = [&](const Estimate& o) { return min_pass < 0 || o.pass_probability >= min_pass; };
  std::optional<size_t> fastest, surest_affordable;
  size_t surest = 0;
  for (size_t i = 0; i < options.size(); ++i) {
    const Estimate& o = options[i];
    if (within_cost(o) && within_pass(o) && (!fastest || o.latency_s < options[*fastest].latency_s)) fastest = i;
    if (within_cost(o) && (!surest_affordable || o.pass_probability > options[*surest_affordable].pass_probability))
      surest_affordable = i;
    if (o.pass_probability > options[surest].pass_probability) surest = i;
  }
  if (fastest) return *fastest;
  return surest_affordable ? *surest_affordable : surest;
}

std::vector<size_t> assign_batch(const std::vector<std::vector<Estimate>>& options, std::vector<int> capacity,
                                 const Weights& weights) {
  long total = 0;
  for (const int c : capacity) total += std::max(0, c);
  if (total < long(options.size())) throw std::invalid_argument("assign_batch: capacity is smaller than the batch");
  std::vector<std::vector<double>> scores;
  for (const auto& request : options) {
    if (request.size() != capacity.size()) throw std::invalid_argument("assign_batch: options and capacity differ in models");
    scores.push_back(weighted_scores(request, weights));
  }
  constexpr double kNone = std::numeric_limits<double>::infinity();
  std::vector<size_t> assignment(options.size(), 0);
  std::vector<bool> placed(options.size(), false);
  for (size_t round = 0; round < options.size(); ++round) {
    // The unplaced request with the largest gap between its best and second-best open model.
    size_t pick = 0, pick_model = 0;
    double pick_regret = -1;
    for (size_t r = 0; r < options.size(); ++r) {
      if (placed[r]) continue;
      double best = kNone, second = kNone;
      size_t best_model = 0;
      for (size_t m = 0; m < capacity.size(); ++m) {
        if (capacity[m] <= 0) continue;
        if (scores[r][m] < best) {
          second = best;
          best = scores[r][m];
          best_model = m;
        } else if (scores[r][m] < second) {
          second = scores[r][m];
        }
      }
      const double regret = second == kNone ? std::numeric_limits<double>::max() : second - best;
      if (regret > pick_regret) {
        pick_regret = regret;
        pick = r;
        pick_model = best_model;
      }
    }
    placed[pick] = true;
    assignment[pick] = pick_model;
    --capacity[pick_model];
  }
  return assignment;
}

namespace {
bool dominates(const Estimate& a, const Estimate& b) {
  const bool no_worse = a.latency_s <= b.latency_s && a.cost <= b.cost && a.pass_probability >= b.pass_probability;
  const bool better = a.latency_s < b.latency_s || a.cost < b.cost || a.pass_probability > b.pass_probability;
  return no_worse && better;
}
}  // namespace

std::vector<size_t> pareto_front(const std::vector<Estimate>& points) {
  std::vector<size_t> front;
  for (size_t i = 0; i < points.size(); ++i) {
    bool dominated = false;
    for (size_t j = 0; j < points.size() && !dominated; ++j) dominated = j != i && dominates(points[j], points[i]);
    if (!dominated) front.push_back(i);
  }
  return front;
}

std::vector<BatchPlan> batch_pareto_front(const std::vector<std::vector<Estimate>>& options,
                                          const std::vector<int>& capacity, int steps) {
  steps = std::max(2, steps);
  std::vector<BatchPlan> plans;
  std::set<std::vector<size_t>> seen;
  for (int a = 0; a < steps; ++a)
    for (int b = 0; b < steps; ++b)
      for (int c = 0; c < steps; ++c) {
        if (a + b + c == 0) continue;
        const Weights w{double(a) / (steps - 1), double(b) / (steps - 1), double(c) / (steps - 1)};
        std::vector<size_t> assignment = assign_batch(options, capacity, w);
        if (!seen.insert(assignment).second) continue;
        BatchPlan plan{w, std::move(assignment), {}};
        for (size_t r = 0; r < options.size(); ++r) {
          const Estimate& e = options[r][plan.assignment[r]];
          plan.total.latency_s += e.latency_s / double(options.size());
          plan.total.cost += e.cost;
          plan.total.pass_probability += e.pass_probability / double(options.size());
        }
        plans.push_back(std::move(plan));
      }
  std::vector<Estimate> totals;
  for (const BatchPlan& p : plans) totals.push_back(p.total);
  std::vector<BatchPlan> front;
  for (const size_t i : pareto_front(totals)) front.push_back(plans[i]);
  return front;
}

}  // namespace ascendgen::router
