// End-to-end latency of one Level-1 candidate: compile + run every case in the sandboxed worker +
// compare, with a cold compile cache and a cold reference cache (a new Evaluator and an empty cache
// directory per candidate). The candidates are the suite's reference solutions. Run it pinned to
// one core (`taskset -c 0`) for the "on one core" figure; run_all.sh does.
#include <chrono>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "ascendgen/evaluator/evaluator.h"
#include "ascendgen/task/suite.h"
#include "benchmark_util.h"

int main(int argc, char** argv) {
  const std::string suite_dir = bench::option(argc, argv, "suite", ASCENDGEN_LEVEL1_SUITE);
  const ascendgen::Suite suite = ascendgen::Suite::load(suite_dir);
  std::vector<double> seconds;
  int passed = 0;
  for (const ascendgen::Task& task : suite.tasks()) {
    if (!task.solution_path()) continue;
    std::ifstream in(*task.solution_path());
    std::stringstream source;
    source << in.rdbuf();
    bench::ScratchDir cache;
    ascendgen::EvaluatorOptions options;
    options.compiler.cache_dir = cache.path;
    const auto start = std::chrono::steady_clock::now();
    ascendgen::Evaluator evaluator(options);
    const ascendgen::EvalResult r = evaluator.evaluate(task, source.str());
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    passed += r.status == "pass";
    fmt::print(stderr, "[{}/{}] {:<20} {:>4} cases {:.3f} s {}\n", seconds.size(), suite.tasks().size(), task.name(),
               r.cases.size(), seconds.back(), r.status);
  }
  if (seconds.empty()) throw std::runtime_error("no task with a reference solution in " + suite_dir);
  fmt::print("| candidates | passed | median | p90 | max |\n|---|---|---|---|---|\n");
  fmt::print("| {} | {} | {:.3f} s | {:.3f} s | {:.3f} s |\n", seconds.size(), passed, bench::median(seconds),
             bench::quantile(seconds, 0.9), bench::quantile(seconds, 1.0));
  return passed == static_cast<int>(seconds.size()) ? 0 : 1;
}
