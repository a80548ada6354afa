#include "regression.h"

#include <algorithm>
#include <cmath>

namespace ascendgen::router::detail {

namespace {
// IRLS creeps once most residuals are tiny; the fit is good to ~1e-4 in log tokens well before.
constexpr int kMaxIterations = 50;
constexpr double kTolerance = 1e-6;
constexpr double kResidualFloor = 1e-4;  // |r| below this counts as this, so weights stay finite

// Solves (x' W x + 2 ridge I) b = x' W y + 2 ridge prior.
Eigen::VectorXd weighted_ridge(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const Eigen::VectorXd& y,
                               const Eigen::VectorXd& prior, double ridge) {
  Eigen::MatrixXd a = x.transpose() * w.asDiagonal() * x;
  a.diagonal().array() += 2 * ridge;
  const Eigen::VectorXd rhs = x.transpose() * (w.array() * y.array()).matrix() + 2 * ridge * prior;
  return a.ldlt().solve(rhs);
}
}  // namespace

Eigen::VectorXd quantile_irls(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double tau,
                              const Eigen::VectorXd& prior, double ridge, const Eigen::VectorXd* start) {
  if (x.rows() == 0) return prior;
  ridge = std::max(ridge, 1e-9);
  Eigen::VectorXd b = start ? *start : weighted_ridge(x, Eigen::VectorXd::Ones(x.rows()), y, prior, ridge);
  Eigen::VectorXd w(x.rows());
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    const Eigen::VectorXd r = y - x * b;
    // pinball(r) = c |r| with c = tau (r > 0) or 1 - tau; |r| ~ r^2 / (2 |r_old|) + const.
    for (Eigen::Index i = 0; i < r.size(); ++i)
      w[i] = (r[i] > 0 ? tau : 1 - tau) / std::max(std::abs(r[i]), kResidualFloor);
    const Eigen::VectorXd next = weighted_ridge(x, w, y, prior, ridge);
    const double change = (next - b).norm();
    b = next;
    if (change < kTolerance * (1 + b.norm())) break;
  }
  return b;
}

Eigen::VectorXd logistic_newton(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& prior,
                                double ridge, const Eigen::VectorXd* start) {
  if (x.rows() == 0) return prior;
  ridge = std::max(ridge, 1e-9);
  Eigen::VectorXd b = start ? *start : prior;
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    const Eigen::ArrayXd p = 1.0 / (1.0 + (-(x * b).array()).exp());
    const Eigen::VectorXd gradient = x.transpose() * (p - y.array()).matrix() + 2 * ridge * (b - prior);
    const Eigen::VectorXd w = (p * (1 - p)).max(1e-12).matrix();
    Eigen::MatrixXd hessian = x.transpose() * w.asDiagonal() * x;
    hessian.diagonal().array() += 2 * ridge;
    const Eigen::VectorXd step = hessian.ldlt().solve(gradient);
    b -= step;
    if (step.norm() < kTolerance * (1 + b.norm())) break;
  }
  return b;
}

}  // namespace ascendgen::router::detail
