// Metrics over evaluated samples: compile@k and pass@k (the unbiased estimator of Chen et al.,
// 2021), fast_p (KernelBench) and NPUKernelBench's level-weighted score, per level and overall.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ascendgen {

// Probability that at least one of k samples drawn without replacement from n, of which c are
// correct, is correct: 1 - C(n-c, k) / C(n, k), computed as a product so it neither overflows nor
// cancels. k > n draws all n samples (1 when c > 0, else 0). Throws std::invalid_argument unless
// n >= 1, 0 <= c <= n and k >= 1.
double pass_at_k(int64_t n, int64_t c, int64_t k);
// The same estimator over the samples that compiled.
double compile_at_k(int64_t n, int64_t compiled, int64_t k);

// NPUKernelBench's weight of a level in the final score: 0.2, 0.3, 0.5 for levels 1, 2, 3.
// Throws std::invalid_argument for any other level.
double level_weight(int level);

// One evaluated candidate of one task.
struct SampleOutcome {
  std::string task;
  int level = 1;  // 1..3
  bool compiled = false, correct = false;
  std::optional<double> speedup;  // baseline time / candidate time, when timed
};

struct MetricsOptions {
  std::vector<int64_t> k = {1, 5, 10};  // for compile@k and pass@k
  std::vector<double> p = {0.0, 1.0};   // thresholds of fast_p
};

// Metrics of one level, or of all levels together (level 0).
struct LevelMetrics {
  int level = 0;
  int64_t tasks = 0, samples = 0, compiled = 0, correct = 0;
  double compile_rate = 0;         // compiled samples / samples
  double precision_pass_rate = 0;  // correct samples / samples (NPUKernelBench's pass rate)
  std::map<int64_t, double> compile_at_k, pass_at_k;  // mean over tasks of the per-task estimate
  // fast_p: mean over tasks of the share of the task's samples that are correct with
  // speedup > p (KernelBench's fast_p for one sample per task). Empty while some correct sample
  // has no speedup, i.e. until candidates are timed.
  std::map<double, double> fast_p;
};

struct Metrics {
  std::vector<LevelMetrics> levels;  // the levels that have samples, ascending
  LevelMetrics overall;              // all samples, level 0
  // NPUKernelBench's final score in [0, 1]: sum over levels of level_weight * precision_pass_rate.
  // A level without tasks contributes 0, so a suite of Level-1 tasks alone scores at most 0.2.
  double score = 0;
};

// Groups samples by task (a task must keep one level) and computes every metric. Throws
// std::invalid_argument naming the task for a bad level or a level that changes between samples.
Metrics compute_metrics(const std::vector<SampleOutcome>& samples, const MetricsOptions& options = {});

}  // namespace ascendgen
