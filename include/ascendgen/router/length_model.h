// LengthModel: per model, the distribution of a request's output length (tokens), predicted from
// its features as two quantiles (median and 90th percentile) of a log-normal. Fitted by linear
// quantile regression on log(tokens) over the newest records, refitted as records arrive; until
// then the pool's per-level prior answers.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <vector>

#include "ascendgen/router/features.h"
#include "ascendgen/router/pool.h"

namespace ascendgen::router {

// Linear tau-quantile regression: the coefficients b minimising
//   sum_i pinball_tau(y_i - x_i.b) + ridge * |b - prior|^2
// (iteratively reweighted least squares). `rows` are the x_i, all of one length; `prior` is
// empty (zeros) or of that length. Throws std::invalid_argument on mismatched sizes.
std::vector<double> fit_quantile(const std::vector<std::vector<double>>& rows, const std::vector<double>& y,
                                 double tau, const std::vector<double>& prior = {}, double ridge = 1e-3);

// A predicted output length: log-normal with the given median and 90th percentile.
struct LengthQuantiles {
  double p50 = 0, p90 = 0;
  double sigma() const;                // of log(tokens)
  double quantile(double q) const;     // tokens at probability q in (0, 1)
  double mean() const;                 // expected tokens
  // Expected tokens of the longest of `samples` draws (Blom's approximation); mean() for one.
  double expected_max(int samples) const;
};

class LengthModel {
 public:
  // `prior`: per task level (from the pool); a level without one takes the nearest level's; no
  // prior at all means 1000 / 4000 tokens until records arrive.
  LengthModel(std::map<int, LengthPrior> prior, size_t embedding_dims, size_t max_records = 4096);
  ~LengthModel();
  LengthModel(LengthModel&&) noexcept;
  LengthModel& operator=(LengthModel&&) noexcept;

  LengthQuantiles predict(const RequestFeatures& request) const;
  // Learns from one finished generation (refits on the schedule of docs/router.md).
  void add(const RequestFeatures& request, int tokens_out);
  size_t records() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ascendgen::router
