// Evaluator: one candidate kernel source against a task, end to end. Compiles it once per distinct
// set of DTYPE_ macros among the cases, materialises each case's inputs and expected outputs
// (seeded generator + libtorch reference, cached), runs each case in a confined worker process and
// compares the outputs with the task's tolerance.
//
//   ascendgen::Evaluator evaluator({.soc = "Ascend910B2", .case_timeout_s = 5});
//   ascendgen::EvalResult r = evaluator.evaluate(ascendgen::Task::load("suites/level1/add"), source);
//   if (r.status == "pass") ...; else for (auto& c : r.cases) std::cout << c.id << ' ' << c.message;
//
// Statuses (docs/evaluator.md): a candidate is parse_error > compile_error > runtime_error (any
// case) > wrong_answer (any case) > pass, the first that applies. One Evaluator keeps its Compiler
// (content-hash cache) and ReferenceRunner (cached cases) across calls; reuse it.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ascendgen/compiler/compiler.h"
#include "ascendgen/evaluator/compare.h"
#include "ascendgen/evaluator/operator_launch.h"
#include "ascendgen/sim/launcher.h"
#include "ascendgen/task/task.h"

namespace ascendgen {

struct CaseResult {
  std::string id;
  std::string status;      // "pass", "wrong_answer", "runtime_error"
  // For runtime_error: the ErrorKind name of a misuse the emulator caught ("ub_overflow",
  // "gm_out_of_bounds", ...), or "crash", "timeout", "memory_limit", "forbidden_syscall",
  // "load_error". Empty otherwise.
  std::string error_kind;
  std::string message;     // what went wrong, one paragraph; empty for a pass
  Comparison comparison;   // over all outputs (errors: the largest; mismatches: the sum); when it ran
  sim::LaunchRecord launch;  // per-core counters and the warnings of the launch, when it completed
  double predicted_us = 0;   // the NPU time the timing model predicts for the launch; 0 when none
  std::string profile;       // that prediction's profile as JSON (timing::to_json), when predicted
  std::optional<TilingOutcome> tiling;  // a full operator's block dim, tiling key and sizes, when its tiling ran
  double seconds = 0;      // worker run and comparison
};

struct EvalResult {
  std::string task;
  std::string status;      // "parse_error", "compile_error", "runtime_error", "wrong_answer", "pass"
  bool compiled = false, correct = false;
  std::vector<CaseResult> cases;       // in task order; empty when it did not compile
  std::vector<Diagnostic> diagnostics;  // of the failing compile, else the warnings of the first
  double seconds = 0;                  // the whole evaluation
  double predicted_us = 0;             // mean predicted NPU time over the cases that ran; 0 when none
};

struct EvaluatorOptions {
  CompilerOptions compiler;
  std::string soc = "Ascend910B2";        // a SoC name or .yaml path: core count, UB size, timing costs
  double case_timeout_s = 10;              // wall-clock limit of one case's worker
  uint64_t memory_limit_bytes = 4ull << 30;  // address space of a worker
  int workers = 1;                         // worker processes at once
  std::filesystem::path reference_cache_dir;  // empty: reference outputs cached in memory only
  // When set, each case's predicted timeline is written there as <task>.<case>.trace.json
  // (Chrome trace-event format: chrome://tracing, ui.perfetto.dev).
  std::filesystem::path trace_dir;
};

// One candidate of evaluate_many: `task` must outlive the call.
struct Candidate {
  const Task* task = nullptr;
  std::string source;
};

class Evaluator {
 public:
  // Loads the SoC and finds the worker executable; throws std::runtime_error naming what is missing.
  explicit Evaluator(EvaluatorOptions options = {});
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Evaluates `source` on every case of `task`, or only on `case_id` (std::out_of_range when the
  // task has no such case). The cases run on `workers` worker processes at once. Whatever the
  // candidate does is in the result; throws only for a broken task (ReferenceError) or an
  // environment that cannot run workers. Thread-safe.
  EvalResult evaluate(const Task& task, const std::string& source, const std::optional<std::string>& case_id = {});

  // Evaluates many candidates, `workers` at a time (each candidate's cases run one after the
  // other); results in input order. `progress`, when given, is called after each candidate with
  // (done, total), from the worker threads but never concurrently.
  std::vector<EvalResult> evaluate_many(const std::vector<Candidate>& candidates,
                                        const std::function<void(size_t done, size_t total)>& progress = {});

  const EvaluatorOptions& options() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ascendgen
