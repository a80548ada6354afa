// End-to-end evaluation latency of one Level-3 matmul candidate (suites/level3/matmul's reference
// solution, a full operator: compile, host tiling and every case in the sandboxed worker, compare),
// cold caches each time (a new Evaluator and an empty cache directory per run), against the same
// measurement for the Level-1 add solution in the same run.
// Usage: level3_latency [--task DIR] [--reference DIR] [--runs N]
#include <chrono>

#include <fmt/format.h>

#include "ascendgen/task/operator_source.h"
#include "ascendgen/evaluator/evaluator.h"
#include "ascendgen/task/task.h"
#include "benchmark_util.h"

namespace {
struct Sample {
  double seconds;
  bool passed;
  size_t cases;
};

Sample evaluate_cold(const ascendgen::Task& task, const std::string& source) {
  bench::ScratchDir cache;
  ascendgen::EvaluatorOptions options;
  options.compiler.cache_dir = cache.path;
  const auto start = std::chrono::steady_clock::now();
  ascendgen::Evaluator evaluator(options);
  const ascendgen::EvalResult r = evaluator.evaluate(task, source);
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), r.status == "pass",
          r.cases.size()};
}

// Median seconds of `runs` cold evaluations of the task's reference solution.
std::vector<double> measure(const std::string& dir, int runs, size_t& cases, bool& all_passed) {
  const ascendgen::Task task = ascendgen::Task::load(dir);
  if (!task.solution_path()) throw std::runtime_error(dir + ": the task names no solution");
  const std::string source = ascendgen::read_candidate_source(*task.solution_path(), "the solution");
  std::vector<double> seconds;
  for (int i = 0; i < runs; ++i) {
    const Sample s = evaluate_cold(task, source);
    seconds.push_back(s.seconds);
    cases = s.cases;
    all_passed = all_passed && s.passed;
    fmt::print(stderr, "[{}/{}] {:<12} {:.3f} s {}\n", i + 1, runs, task.name(), s.seconds, s.passed ? "pass" : "FAIL");
  }
  return seconds;
}
}  // namespace

int main(int argc, char** argv) {
  const std::string task_dir = bench::option(argc, argv, "task", ASCENDGEN_SUITES_DIR "/level3/matmul");
  const std::string reference_dir = bench::option(argc, argv, "reference", ASCENDGEN_SUITES_DIR "/level1/add");
  const int runs = bench::positive_option(argc, argv, "runs", 5);
  bool passed = true;
  size_t cases = 0, reference_cases = 0;
  const auto l3 = measure(task_dir, runs, cases, passed);
  const auto l1 = measure(reference_dir, runs, reference_cases, passed);
  fmt::print("| candidate | cases | median | max | vs Level-1 add |\n|---|---|---|---|---|\n");
  fmt::print("| Level-3 matmul | {} | {:.3f} s | {:.3f} s | {:.2f}x |\n", cases, bench::median(l3), bench::quantile(l3, 1.0),
             bench::median(l3) / bench::median(l1));
  fmt::print("| Level-1 add | {} | {:.3f} s | {:.3f} s | 1.00x |\n", reference_cases, bench::median(l1),
             bench::quantile(l1, 1.0));
  return passed ? 0 : 1;
}
