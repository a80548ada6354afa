// `ascendgen eval --task DIR --kernel FILE [--case ID] [--json] [--soc NAME]`: one candidate kernel
// judged against one task. Exit status 0 whenever it was judged, whatever the verdict; non-zero
// with one line on stderr for bad input (a missing or malformed task, a missing or empty kernel
// file, an unknown case or SoC).
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

#include "ascendgen/core/files.h"
#include "ascendgen/evaluator/evaluator.h"
#include "ascendgen/evaluator/result_json.h"
#include "ascendgen/task/operator_source.h"
#include "ascendgen/task/task.h"
#include "commands.h"

namespace ascendgen::cli {

namespace {

struct EvalArgs {
  std::string task_dir, kernel_file, case_id, soc = "Ascend910B2", trace_dir;
  bool json = false;
  double timeout_s = 10;
  int workers = 1;
};

std::string read_kernel(const std::filesystem::path& path) {
  std::string text = read_candidate_source(path, "the kernel file");  // a directory: a full operator's files
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw std::runtime_error(fmt::format("{}: the kernel file is empty", path.string()));
  return text;
}

std::string error_text(double v) { return std::isfinite(v) ? fmt::format("{:.3g}", v) : "inf"; }

void print_table(const EvalResult& r) {
  size_t passed = 0;
  for (const auto& c : r.cases) passed += c.status == "pass";
  fmt::print("{}: {}", r.task, r.status);
  if (r.compiled) fmt::print(" ({}/{} cases pass)", passed, r.cases.size());
  fmt::print(" in {:.2f} s", r.seconds);
  if (r.predicted_us > 0) fmt::print("; predicted NPU time {:.2f} us (mean over cases)", r.predicted_us);
  fmt::print("\n");
  for (const auto& d : r.diagnostics)
    fmt::print("  {}:{}:{}: {}: {} [{}]\n", d.file, d.line, d.column, d.severity, d.message, d.category);
  if (r.cases.empty()) return;
  size_t id_width = 4;
  for (const auto& c : r.cases) id_width = std::max(id_width, c.id.size());
  fmt::print("\n  {:<{}}  {:<13}  {:<17}  {:>9}  {:>9}  {:>10}  {:>7}  {:>9}  {:<6}\n", "case", id_width, "status", "error",
             "max_abs", "max_rel", "mismatches", "seconds", "npu_us", "bound");
  for (const auto& c : r.cases) {
    const bool ran = c.status != "runtime_error";
    const auto profile = c.profile.empty() ? nlohmann::json() : nlohmann::json::parse(c.profile);
    fmt::print("  {:<{}}  {:<13}  {:<17}  {:>9}  {:>9}  {:>10}  {:>7.3f}  {:>9}  {:<6}\n", c.id, id_width, c.status,
               c.error_kind, ran ? error_text(c.comparison.max_abs_err) : "-",
               ran ? error_text(c.comparison.max_rel_err) : "-", ran ? std::to_string(c.comparison.mismatches) : "-",
               c.seconds, c.predicted_us > 0 ? fmt::format("{:.2f}", c.predicted_us) : "-",
               profile.is_object() ? profile.value("bound", "-") : "-");
  }
  for (const auto& c : r.cases) {
    if (!c.message.empty()) fmt::print("\n  {}: {}\n", c.id, c.message);
    for (const auto& w : c.launch.warnings) fmt::print("\n  {}: warning: {}\n", c.id, w);
  }
}

}  // namespace

void add_eval_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* eval = app.add_subcommand("eval", "Judge one candidate kernel against one task");
  eval->add_option("--task", args->task_dir, "Task directory (holding task.yaml)")->required();
  eval->add_option("--kernel", args->kernel_file, "Candidate Ascend C kernel source (a full operator: its directory or joined source)")->required();
  eval->add_option("--case", args->case_id, "Run only this test case");
  eval->add_option("--trace", args->trace_dir,
                   "Write each case's predicted NPU timeline to DIR/<task>.<case>.trace.json (chrome://tracing)");
  eval->add_flag("--json", args->json, "Print one JSON object instead of a table");
  eval->add_option("--soc", args->soc, "SoC name or .yaml description")->capture_default_str();
  eval->add_option("--timeout", args->timeout_s, "Wall-clock seconds per test case")->capture_default_str()
      ->check(CLI::PositiveNumber);
  eval->add_option("--workers", args->workers, "Test cases run at once")->capture_default_str()->check(CLI::PositiveNumber);
  eval->callback([args, &exit_code] {
    const Task task = Task::load(args->task_dir);
    const std::string source = read_kernel(args->kernel_file);
    EvaluatorOptions options;
    options.soc = args->soc;
    options.case_timeout_s = args->timeout_s;
    options.workers = args->workers;
    options.trace_dir = args->trace_dir;
    Evaluator evaluator(options);
    const EvalResult result =
        evaluator.evaluate(task, source, args->case_id.empty() ? std::nullopt : std::optional(args->case_id));
    if (args->json) fmt::print("{}\n", to_json(result).dump(2));
    else print_table(result);
    exit_code = 0;
  });
}

}  // namespace ascendgen::cli
