#include "ascendgen/evaluator/metrics.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace ascendgen {

double pass_at_k(int64_t n, int64_t c, int64_t k) {
  if (n < 1 || c < 0 || c > n || k < 1)
    throw std::invalid_argument(fmt::format("pass@k needs n >= 1, 0 <= c <= n, k >= 1 (got n={}, c={}, k={})", n, c, k));
  // The ends exactly, not as rounded products: no correct sample, or too few wrong ones to fill a
  // draw of min(k, n) samples.
  if (c == 0) return 0.0;
  if (n - c < k) return 1.0;
  // C(n-c, k) / C(n, k) = prod_{i=n-c+1}^{n} (1 - k / i)
  double none_correct = 1.0;
  for (int64_t i = n - c + 1; i <= n; ++i) none_correct *= 1.0 - static_cast<double>(k) / static_cast<double>(i);
  return std::clamp(1.0 - none_correct, 0.0, 1.0);
}

double compile_at_k(int64_t n, int64_t compiled, int64_t k) { return pass_at_k(n, compiled, k); }

double level_weight(int level) {
  switch (level) {
    case 1: return 0.2;
    case 2: return 0.3;
    case 3: return 0.5;
    default: throw std::invalid_argument(fmt::format("level {} is not one of 1, 2, 3", level));
  }
}

namespace {

struct TaskTally {
  int level = 0;
  int64_t samples = 0, compiled = 0, correct = 0;
  bool timed = true;                 // every correct sample carries a speedup
  std::vector<double> correct_speedups;
};

LevelMetrics summarise(int level, const std::vector<const TaskTally*>& tasks, const MetricsOptions& options) {
  LevelMetrics m;
  m.level = level;
  m.tasks = static_cast<int64_t>(tasks.size());
  bool timed = true;
  for (const TaskTally* t : tasks) {
    m.samples += t->samples;
    m.compiled += t->compiled;
    m.correct += t->correct;
    timed = timed && t->timed;
  }
  if (m.samples == 0) return m;
  m.compile_rate = static_cast<double>(m.compiled) / static_cast<double>(m.samples);
  m.precision_pass_rate = static_cast<double>(m.correct) / static_cast<double>(m.samples);
  // Means over tasks as a sum divided once, so that every task at 1 gives exactly 1 (summing
  // 1/tasks shares does not).
  const auto mean_over_tasks = [&](const auto& per_task) {
    double sum = 0;
    for (const TaskTally* t : tasks) sum += per_task(*t);
    return sum / static_cast<double>(m.tasks);
  };
  for (int64_t k : options.k) {
    m.compile_at_k[k] = mean_over_tasks([&](const TaskTally& t) { return compile_at_k(t.samples, t.compiled, k); });
    m.pass_at_k[k] = mean_over_tasks([&](const TaskTally& t) { return pass_at_k(t.samples, t.correct, k); });
  }
  if (timed) {
    for (double p : options.p) {
      m.fast_p[p] = mean_over_tasks([&](const TaskTally& t) {
        int64_t fast_samples = 0;
        for (double s : t.correct_speedups) fast_samples += s > p;
        return static_cast<double>(fast_samples) / static_cast<double>(t.samples);
      });
    }
  }
  return m;
}

}  // namespace

Metrics compute_metrics(const std::vector<SampleOutcome>& samples, const MetricsOptions& options) {
  std::map<std::string, TaskTally> tallies;
  for (const SampleOutcome& s : samples) {
    level_weight(s.level);  // validates the level
    TaskTally& t = tallies[s.task];
    if (t.samples > 0 && t.level != s.level)
      throw std::invalid_argument(
          fmt::format("task '{}' has samples at level {} and at level {}", s.task, t.level, s.level));
    t.level = s.level;
    ++t.samples;
    t.compiled += s.compiled;
    if (!s.correct) continue;
    ++t.correct;
    if (s.speedup)
      t.correct_speedups.push_back(*s.speedup);
    else
      t.timed = false;
  }

  Metrics metrics;
  std::vector<const TaskTally*> all;
  std::map<int, std::vector<const TaskTally*>> by_level;
  for (const auto& [name, tally] : tallies) {
    all.push_back(&tally);
    by_level[tally.level].push_back(&tally);
  }
  for (const auto& [level, tasks] : by_level) {
    metrics.levels.push_back(summarise(level, tasks, options));
    metrics.score += level_weight(level) * metrics.levels.back().precision_pass_rate;
  }
  metrics.overall = summarise(0, all, options);
  return metrics;
}

}  // namespace ascendgen
