// The optimiser: choosing among options (a model, or a model and a number of samples) by their
// predicted latency, cost and pass probability, per request and per batch.
//
// Weighted form: minimise  w_latency * L / Lmax + w_cost * C / Cmax + w_quality * 100 * (Pbest - P)
// over the options (Lmax, Cmax the largest latency and cost among them, Pbest the best pass
// probability): latency and cost are scaled to the range the options span, quality is counted
// in percentage points, so w_quality = 1 trades one point of pass rate for the whole latency range.
#pragma once
#include <cstddef>
#include <vector>

#include "ascendgen/router/router.h"

namespace ascendgen::router {

struct Weights {
  double latency = 1, cost = 1, quality = 1;
};

// The weighted score of every option (lower is better).
std::vector<double> weighted_scores(const std::vector<Estimate>& options, const Weights& weights);
// The option of least weighted score (the first on ties). `options` must not be empty.
size_t choose_weighted(const std::vector<Estimate>& options, const Weights& weights);
// Constraint form: the option of least latency among those with cost <= max_cost and pass
// probability >= min_pass (a negative bound is no bound); when none qualifies, the option of
// highest pass probability among those within the cost bound, else of all.
size_t choose_constrained(const std::vector<Estimate>& options, double max_cost, double min_pass);

// Batch assignment: options[r][m] is request r on model m; capacity[m] the requests model m may
// still take (their sum must cover the batch). Greedy by regret: the request that would lose most
// by missing its best remaining model is placed first. Returns the model of each request.
std::vector<size_t> assign_batch(const std::vector<std::vector<Estimate>>& options, std::vector<int> capacity,
                                 const Weights& weights);

// Indices of the points no other point dominates (dominating: latency and cost no higher, pass
// no lower, one of them strictly better).
std::vector<size_t> pareto_front(const std::vector<Estimate>& points);

// One assignment of a batch and its totals.
struct BatchPlan {
  Weights weights;
  std::vector<size_t> assignment;  // model per request
  Estimate total;                  // latency_s: mean; cost: sum; pass_probability: mean
};
// The Pareto front of a batch: assign_batch for every weight vector of a grid (`steps` values
// per weight), keeping the non-dominated, distinct plans.
std::vector<BatchPlan> batch_pareto_front(const std::vector<std::vector<Estimate>>& options,
                                          const std::vector<int>& capacity, int steps = 5);

}  // namespace ascendgen::router
