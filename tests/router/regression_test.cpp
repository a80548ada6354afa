#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "ascendgen/router/length_model.h"
#include "ascendgen/router/quality_model.h"

using namespace ascendgen::router;

TEST_CASE("fit_quantile recovers the quantiles of synthetic data") {
  // y = 2 + 0.5 x + N(0, 1): the tau-quantile line is 2 + z_tau + 0.5 x.
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(0, 1);
  std::uniform_real_distribution<double> xs(0, 4);
  std::vector<std::vector<double>> rows;
  std::vector<double> y;
  for (int i = 0; i < 4000; ++i) {
    const double x = xs(rng);
    rows.push_back({1.0, x});
    y.push_back(2 + 0.5 * x + noise(rng));
  }
  const auto median = fit_quantile(rows, y, 0.5);
  CHECK(median[0] == doctest::Approx(2.0).epsilon(0.05));
  CHECK(median[1] == doctest::Approx(0.5).epsilon(0.05));
  const auto p90 = fit_quantile(rows, y, 0.9);
  CHECK(p90[0] == doctest::Approx(2 + 1.2816).epsilon(0.05));
  CHECK(p90[1] == doctest::Approx(0.5).epsilon(0.1));
  // The share of points under the fitted line is tau.
  int under = 0;
  for (size_t i = 0; i < y.size(); ++i) under += y[i] <= p90[0] + p90[1] * rows[i][1];
  CHECK(double(under) / double(y.size()) == doctest::Approx(0.9).epsilon(0.02));
  CHECK_THROWS_AS(fit_quantile(rows, {1.0}, 0.5), std::invalid_argument);
  CHECK_THROWS_AS(fit_quantile(rows, y, 1.5), std::invalid_argument);
}

TEST_CASE("LengthModel starts from its prior and learns per-level lengths online") {
  LengthModel model({{1, {800, 2000}}}, 0);
  RequestFeatures easy{.task = "a", .level = 1, .category = "math", .prompt_tokens = 2000};
  RequestFeatures hard = easy;
  hard.level = 3;
  CHECK(model.predict(easy).p50 == doctest::Approx(800).epsilon(0.01));
  CHECK(model.predict(hard).p90 == doctest::Approx(2000).epsilon(0.01));  // the nearest level's prior
  // Truth: log-normal, level 1 median 300 / p90 600, level 3 median 3000 / p90 6000.
  std::mt19937_64 rng(3);
  std::normal_distribution<double> z(0, 1);
  const double sigma = std::log(2.0) / 1.2816;
  for (int i = 0; i < 3000; ++i) {
    model.add(easy, int(std::lround(300 * std::exp(sigma * z(rng)))));
    model.add(hard, int(std::lround(3000 * std::exp(sigma * z(rng)))));
  }
  CHECK(model.records() == 4096);  // the window keeps the newest
  CHECK(model.predict(easy).p50 == doctest::Approx(300).epsilon(0.08));
  CHECK(model.predict(easy).p90 == doctest::Approx(600).epsilon(0.08));
  CHECK(model.predict(hard).p50 == doctest::Approx(3000).epsilon(0.08));
  CHECK(model.predict(hard).p90 == doctest::Approx(6000).epsilon(0.08));
}

TEST_CASE("LengthQuantiles: mean and expected maximum of a log-normal") {
  const LengthQuantiles q{1000, 1000 * std::exp(1.2815515655446004 * 0.5)};
  CHECK(q.sigma() == doctest::Approx(0.5));
  CHECK(q.mean() == doctest::Approx(1000 * std::exp(0.125)));
  CHECK(q.quantile(0.5) == doctest::Approx(1000));
  CHECK(q.expected_max(1) == doctest::Approx(q.mean()));
  CHECK(q.expected_max(4) > q.expected_max(2));
}

TEST_CASE("QualityModel learns pass rates per level from outcomes") {
  QualityModel model({{1, 0.5}}, 0);
  RequestFeatures easy{.task = "a", .level = 1, .category = "math", .prompt_tokens = 2000};
  RequestFeatures hard = easy;
  hard.level = 2;
  CHECK(model.predict(easy) == doctest::Approx(0.5).epsilon(0.01));
  std::mt19937_64 rng(5);
  std::bernoulli_distribution easy_pass(0.8), hard_pass(0.1);
  for (int i = 0; i < 2000; ++i) {
    model.add(easy, easy_pass(rng));
    model.add(hard, hard_pass(rng));
  }
  CHECK(model.predict(easy) == doctest::Approx(0.8).epsilon(0.05));
  CHECK(model.predict(hard) == doctest::Approx(0.1).epsilon(0.2));
}
