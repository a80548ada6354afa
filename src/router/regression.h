// The two regressions the router's models fit with Eigen, each pulled towards a prior by a ridge
// penalty so that few records cannot move them far. Internal to the router module.
#pragma once
#include <Eigen/Dense>

namespace ascendgen::router::detail {

// Coefficients b minimising sum_i pinball_tau(y_i - x_i.b) + ridge * |b - prior|^2, by
// iteratively reweighted least squares started from `start` (a refit starts from the last fit),
// else from the ridge least-squares fit.
Eigen::VectorXd quantile_irls(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double tau,
                              const Eigen::VectorXd& prior, double ridge, const Eigen::VectorXd* start = nullptr);

// Logistic regression: b minimising sum_i logloss(y_i, sigmoid(x_i.b)) + ridge * |b - prior|^2
// (y_i in {0, 1}), by Newton's method started from `start`, else from the prior.
Eigen::VectorXd logistic_newton(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& prior,
                                double ridge, const Eigen::VectorXd* start = nullptr);

}  // namespace ascendgen::router::detail
