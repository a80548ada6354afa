#include "ascendgen/router/quality_model.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>

#include "nearest_level.h"
#include "record_window.h"
#include "regression.h"

namespace ascendgen::router {

namespace {
constexpr double kPriorRidge = 2.0;  // the prior weighs about as much as a handful of outcomes

double prior_for(const std::map<int, double>& prior, int level) {
  const double* p = detail::nearest_level(prior, level);
  return p ? *p : 0.5;
}

double logit(double p) {
  p = std::clamp(p, 1e-3, 1 - 1e-3);
  return std::log(p / (1 - p));
}
}  // namespace

struct QualityModel::State {
  size_t embedding_dims;
  detail::RecordWindow window;
  Eigen::VectorXd prior, b;  // coefficients over feature_vector()
};

QualityModel::QualityModel(std::map<int, double> prior, size_t embedding_dims, size_t max_records)
    : state_(new State{embedding_dims, detail::RecordWindow(max_records), {}, {}}) {
  state_->prior = Eigen::VectorXd::Zero(Eigen::Index(feature_count(embedding_dims)));
  // The level one-hots follow the intercept in feature_vector(): the prior is a per-level constant.
  for (int level = 1; level <= 3; ++level) state_->prior[level] = logit(prior_for(prior, level));
  state_->b = state_->prior;
}

QualityModel::~QualityModel() = default;
QualityModel::QualityModel(QualityModel&&) noexcept = default;
QualityModel& QualityModel::operator=(QualityModel&&) noexcept = default;

double QualityModel::predict(const RequestFeatures& request) const {
  const std::vector<double> x = feature_vector(request, state_->embedding_dims);
  const double z = Eigen::Map<const Eigen::VectorXd>(x.data(), Eigen::Index(x.size())).dot(state_->b);
  return 1.0 / (1.0 + std::exp(-z));
}

void QualityModel::add(const RequestFeatures& request, bool passed) {
  State& s = *state_;
  if (!s.window.add(feature_vector(request, s.embedding_dims), passed ? 1.0 : 0.0)) return;
  s.b = detail::logistic_newton(s.window.rows(), s.window.targets(), s.prior, kPriorRidge, &s.b);
}

size_t QualityModel::records() const { return state_->window.size(); }

}  // namespace ascendgen::router
