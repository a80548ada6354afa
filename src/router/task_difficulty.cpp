#include "task_difficulty.h"

#include <algorithm>
#include <cmath>

namespace ascendgen::router::detail {

namespace {
constexpr size_t kMaxOutcomes = 64;  // per task, newest kept
constexpr double kPriorPrecision = 1.0;  // 1 / variance of the standard normal prior on d

double logit(double p) {
  p = std::clamp(p, 1e-4, 1 - 1e-4);
  return std::log(p / (1 - p));
}
double sigmoid(double z) { return 1 / (1 + std::exp(-z)); }
}  // namespace

void TaskDifficulty::add(const std::string& task, double predicted, bool passed) {
  if (task.empty()) return;
  Task& t = tasks_[task];
  if (t.outcomes.size() == kMaxOutcomes) t.outcomes.erase(t.outcomes.begin());
  t.outcomes.emplace_back(logit(predicted), passed);
  // Newton's method on the log posterior, which is concave in d.
  double d = t.offset;
  for (int iteration = 0; iteration < 20; ++iteration) {
    double gradient = -kPriorPrecision * d, curvature = kPriorPrecision;
    for (const auto& [z, ok] : t.outcomes) {
      const double p = sigmoid(z + d);
      gradient += (ok ? 1.0 : 0.0) - p;
      curvature += p * (1 - p);
    }
    const double step = gradient / curvature;
    d += step;
    if (std::abs(step) < 1e-6) break;
  }
  t.offset = d;
}

double TaskDifficulty::offset(const std::string& task) const {
  const auto it = tasks_.find(task);
  return it == tasks_.end() ? 0.0 : it->second.offset;
}

double TaskDifficulty::adjust(const std::string& task, double predicted) const {
  const double d = offset(task);
  return d == 0 ? predicted : sigmoid(logit(predicted) + d);
}

}  // namespace ascendgen::router::detail
