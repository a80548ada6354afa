// QualityModel: per model, the probability that one answer to a request passes evaluation,
// by logistic regression on the request's features over the newest records (refitted as
// evaluation outcomes arrive), pulled towards the pool's per-level pass-rate prior.
#pragma once
#include <cstddef>
#include <map>
#include <memory>

#include "ascendgen/router/features.h"

namespace ascendgen::router {

class QualityModel {
 public:
  // `prior`: task level -> prior pass@1 (from the pool); levels without one take the nearest
  // level's; no prior at all means 0.5 until outcomes arrive.
  QualityModel(std::map<int, double> prior, size_t embedding_dims, size_t max_records = 4096);
  ~QualityModel();
  QualityModel(QualityModel&&) noexcept;
  QualityModel& operator=(QualityModel&&) noexcept;

  // P(one sample passes) for this request.
  double predict(const RequestFeatures& request) const;
  // Learns from one evaluated answer.
  void add(const RequestFeatures& request, bool passed);
  size_t records() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ascendgen::router
