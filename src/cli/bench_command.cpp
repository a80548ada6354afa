// `ascendgen bench`: evaluates a suite's reference solutions, or the candidates of a samples file,
// with a progress bar; writes summary.json, summary.md and report.html (and records.jsonl).
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "ascendgen/core/files.h"
#include "ascendgen/core/progress.h"
#include "ascendgen/evaluator/report.h"
#include "ascendgen/evaluator/result_json.h"
#include "ascendgen/task/operator_source.h"
#include "ascendgen/task/records.h"
#include "ascendgen/task/suite.h"
#include "commands.h"

namespace ascendgen::cli {
namespace {

struct BenchArgs {
  std::string suite = "suites/level1";
  std::string samples;
  std::string out = "bench-out";
  std::string soc = "Ascend910B2";
  int workers = 1;
  double timeout_s = 10;
  std::optional<int> level;
  std::optional<std::string> category;
};

int run_bench(const BenchArgs& args) {
  const Suite all = Suite::load(args.suite);
  const Suite suite = all.filter(args.level, args.category);
  std::vector<Candidate> candidates;
  std::vector<int64_t> sample_ids;
  BenchReport report;
  report.suite = args.suite;
  report.soc = args.soc;
  if (args.samples.empty()) {
    report.source = "reference solutions";
    for (const Task& t : suite.tasks()) {
      if (!t.solution_path()) {
        fmt::print(stderr, "bench: task {} has no reference solution; skipped\n", t.name());
        continue;
      }
      candidates.push_back({&t, read_candidate_source(*t.solution_path(), "the reference solution")});
      sample_ids.push_back(0);
    }
  } else {
    report.source = args.samples;
    size_t filtered_out = 0;
    for (Sample& s : read_samples(args.samples)) {
      all.find(s.task);  // throws naming the suite when the sample's task is not in it
      const Task* task = nullptr;
      for (const Task& t : suite.tasks())
        if (t.name() == s.task) task = &t;
      if (!task) {  // excluded by --level / --category
        ++filtered_out;
        continue;
      }
      candidates.push_back({task, std::move(s.source)});
      sample_ids.push_back(s.sample);
    }
    if (filtered_out) fmt::print(stderr, "bench: {} samples of tasks outside --level/--category skipped\n", filtered_out);
  }
  if (candidates.empty())
    throw std::runtime_error(fmt::format("{}: nothing to evaluate: no candidate for the selected tasks", args.suite));

  EvaluatorOptions options;
  options.soc = args.soc;
  options.workers = args.workers;
  options.case_timeout_s = args.timeout_s;
  Evaluator evaluator(options);
  const auto start = std::chrono::steady_clock::now();
  Progress progress(candidates.size(), "candidates");
  const std::vector<EvalResult> results =
      evaluator.evaluate_many(candidates, [&](size_t, size_t) { progress.advance(); });
  // Each task's baseline kernel (docs/tasks.md), timed by the same model: speedup = its predicted
  // time over the candidate's.
  std::vector<Candidate> baselines;
  for (const Task& t : suite.tasks())
    if (t.baseline_path() && std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& c) { return c.task == &t; }))
      baselines.push_back({&t, read_candidate_source(*t.baseline_path(), "the baseline kernel")});
  std::map<const Task*, double> baseline_us;
  const std::vector<EvalResult> baseline_results = evaluator.evaluate_many(baselines);
  for (size_t i = 0; i < baselines.size(); ++i) {
    if (baseline_results[i].correct && baseline_results[i].predicted_us > 0)
      baseline_us[baselines[i].task] = baseline_results[i].predicted_us;
    else
      fmt::print(stderr, "bench: the baseline of task {} is {}; no speedups for it\n", baselines[i].task->name(),
                 baseline_results[i].status);
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  JsonlWriter records(std::filesystem::path(args.out) / "records.jsonl", false);
  for (size_t i = 0; i < results.size(); ++i) {
    const Task& t = *candidates[i].task;
    std::optional<double> speedup;
    if (const auto b = baseline_us.find(&t); b != baseline_us.end() && results[i].correct && results[i].predicted_us > 0)
      speedup = b->second / results[i].predicted_us;
    report.entries.push_back({t.name(), t.level(), t.category(), sample_ids[i], results[i], speedup});
    nlohmann::json record = to_json(results[i]);
    record["sample"] = sample_ids[i];
    records.write(record);
  }
  compute_report_metrics(report);
  write_bench_report(args.out, report);

  std::map<std::string, int> counts;
  for (const EvalResult& r : results) ++counts[r.status];
  fmt::print("{} candidates in {:.1f} s:", results.size(), report.seconds);
  for (const auto& [status, n] : counts) fmt::print(" {} {}", n, status);
  const std::string markdown = to_markdown(report);
  fmt::print("\n\n{}", markdown.substr(0, markdown.find("| task |")));
  fmt::print("Reports: {}/summary.json, summary.md, report.html, records.jsonl\n", args.out);
  return 0;
}

}  // namespace

void add_bench_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<BenchArgs>();
  CLI::App* bench = app.add_subcommand("bench", "Evaluate a suite's reference solutions or a samples file");
  bench->add_option("--suite", args->suite, "Suite directory")->check(CLI::ExistingDirectory);
  bench->add_option("--samples", args->samples, "JSONL file of candidates ({task, sample, source})")
      ->check(CLI::ExistingFile);
  bench->add_option("--out", args->out, "Directory for summary.json, summary.md, report.html");
  bench->add_option("--workers", args->workers, "Worker processes at once")->check(CLI::Range(1, 256));
  bench->add_option("--soc", args->soc, "SoC name or .yaml path");
  bench->add_option("--timeout", args->timeout_s, "Wall-clock seconds per test case")->check(CLI::PositiveNumber);
  bench->add_option("--level", args->level, "Only tasks of this level")->check(CLI::Range(1, 3));
  bench->add_option("--category", args->category, "Only tasks of this category");
  bench->callback([args, &exit_code] {
    // The directory is created before the run so that records.jsonl can be opened.
    std::filesystem::create_directories(args->out);
    exit_code = run_bench(*args);
  });
}

}  // namespace ascendgen::cli
