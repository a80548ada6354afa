#include "ascendgen/router/length_model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/Dense>

#include "nearest_level.h"
#include "record_window.h"
#include "regression.h"

namespace ascendgen::router {

namespace {
constexpr double kZ90 = 1.2815515655446004;  // standard normal quantile at 0.9
constexpr double kPriorRidge = 0.5;          // pull towards the prior, in records' worth of pinball loss

// Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9).
double normal_quantile(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01,  -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  p = std::clamp(p, 1e-12, 1 - 1e-12);
  if (p < 0.02425) {
    const double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - 0.02425) return -normal_quantile(1 - p);
  const double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

LengthPrior prior_for(const std::map<int, LengthPrior>& prior, int level) {
  const LengthPrior* p = detail::nearest_level(prior, level);
  return p ? *p : LengthPrior{1000, 4000};
}
}  // namespace

std::vector<double> fit_quantile(const std::vector<std::vector<double>>& rows, const std::vector<double>& y,
                                 double tau, const std::vector<double>& prior, double ridge) {
  if (rows.size() != y.size()) throw std::invalid_argument("fit_quantile: rows and targets differ in number");
  if (!(tau > 0 && tau < 1)) throw std::invalid_argument("fit_quantile: tau must lie in (0, 1)");
  const size_t d = rows.empty() ? prior.size() : rows.front().size();
  Eigen::MatrixXd x(rows.size(), d);
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != d) throw std::invalid_argument("fit_quantile: rows differ in length");
    for (size_t j = 0; j < d; ++j) x(Eigen::Index(i), Eigen::Index(j)) = rows[i][j];
  }
  Eigen::VectorXd b0 = Eigen::VectorXd::Zero(Eigen::Index(d));
  if (!prior.empty()) {
    if (prior.size() != d) throw std::invalid_argument("fit_quantile: prior and rows differ in length");
    for (size_t j = 0; j < d; ++j) b0[Eigen::Index(j)] = prior[j];
  }
  const Eigen::VectorXd b = detail::quantile_irls(x, Eigen::Map<const Eigen::VectorXd>(y.data(), Eigen::Index(y.size())),
                                                  tau, b0, ridge);
  return std::vector<double>(b.data(), b.data() + b.size());
}

double LengthQuantiles::sigma() const { return std::max(0.0, std::log(std::max(p90, p50) / p50) / kZ90); }
double LengthQuantiles::quantile(double q) const { return p50 * std::exp(sigma() * normal_quantile(q)); }
double LengthQuantiles::mean() const { return p50 * std::exp(0.5 * sigma() * sigma()); }
double LengthQuantiles::expected_max(int samples) const {
  if (samples <= 1) return mean();
  // Blom: the k-th of n order statistics sits near probability (k - 0.375) / (n + 0.25).
  const double s = sigma();
  return p50 * std::exp(0.5 * s * s + s * normal_quantile((samples - 0.375) / (samples + 0.25)));
}

struct LengthModel::State {
  std::map<int, LengthPrior> prior;
  size_t embedding_dims;
  detail::RecordWindow window;
  Eigen::VectorXd b50, b90;    // coefficients over feature_vector(); log(tokens + 1)
  Eigen::VectorXd prior50, prior90;
};

LengthModel::LengthModel(std::map<int, LengthPrior> prior, size_t embedding_dims, size_t max_records)
    : state_(new State{std::move(prior), embedding_dims, detail::RecordWindow(max_records), {}, {}, {}, {}}) {
  const auto d = Eigen::Index(feature_count(embedding_dims));
  state_->prior50 = Eigen::VectorXd::Zero(d);
  state_->prior90 = Eigen::VectorXd::Zero(d);
  // The level one-hots follow the intercept in feature_vector(): a prior is a per-level constant.
  for (int level = 1; level <= 3; ++level) {
    const LengthPrior p = prior_for(state_->prior, level);
    state_->prior50[level] = std::log(p.p50 + 1);
    state_->prior90[level] = std::log(p.p90 + 1);
  }
  state_->b50 = state_->prior50;
  state_->b90 = state_->prior90;
}

LengthModel::~LengthModel() = default;
LengthModel::LengthModel(LengthModel&&) noexcept = default;
LengthModel& LengthModel::operator=(LengthModel&&) noexcept = default;

LengthQuantiles LengthModel::predict(const RequestFeatures& request) const {
  const std::vector<double> x = feature_vector(request, state_->embedding_dims);
  const Eigen::Map<const Eigen::VectorXd> v(x.data(), Eigen::Index(x.size()));
  LengthQuantiles q;
  q.p50 = std::max(1.0, std::exp(v.dot(state_->b50)) - 1);
  q.p90 = std::max(q.p50, std::exp(v.dot(state_->b90)) - 1);
  return q;
}

void LengthModel::add(const RequestFeatures& request, int tokens_out) {
  State& s = *state_;
  if (!s.window.add(feature_vector(request, s.embedding_dims), std::log(std::max(0, tokens_out) + 1.0))) return;
  const Eigen::MatrixXd x = s.window.rows();
  const Eigen::VectorXd y = s.window.targets();
  // The first fit starts from least squares; refits from the last fit.
  const bool first = s.window.size() == 1;
  s.b50 = detail::quantile_irls(x, y, 0.5, s.prior50, kPriorRidge, first ? nullptr : &s.b50);
  s.b90 = detail::quantile_irls(x, y, 0.9, s.prior90, kPriorRidge, first ? nullptr : &s.b90);
}

size_t LengthModel::records() const { return state_->window.size(); }

}  // namespace ascendgen::router
