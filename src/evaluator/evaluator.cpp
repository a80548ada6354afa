#include "ascendgen/evaluator/evaluator.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ascendgen/core/soc.h"
#include "ascendgen/evaluator/reference.h"
#include "ascendgen/evaluator/worker.h"
#include "ascendgen/task/records.h"
#include "../core/parallel_for.h"
#include "case_buffers.h"
#include "operator_launch.h"

namespace ascendgen {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// The worst of several outputs' comparisons: largest errors, total mismatches, the first failing
// output's first mismatch.
Comparison combine(const std::vector<Comparison>& parts) {
  Comparison all;
  all.passed = true;
  for (const auto& c : parts) {
    all.max_abs_err = std::max(all.max_abs_err, c.max_abs_err);
    all.max_rel_err = std::max(all.max_rel_err, c.max_rel_err);
    all.mismatches += c.mismatches;
    all.elements += c.elements;
    if (!c.passed && all.passed) all.first_mismatch = c.first_mismatch;
    all.passed = all.passed && c.passed;
  }
  return all;
}

WorkerOptions worker_options(const EvaluatorOptions& options) {
  WorkerOptions w;
  w.wall_timeout_s = options.case_timeout_s;
  w.memory_limit_bytes = options.memory_limit_bytes;
  return w;
}

}  // namespace

struct Evaluator::State {
  explicit State(EvaluatorOptions o)
      : options(std::move(o)),
        soc(load_soc(options.soc)),
        limits(soc.core_limits()),
        compiler(options.compiler),
        reference(options.reference_cache_dir),
        worker(worker_options(options)) {}

  EvalResult evaluate(const Task& task, const std::string& source, const std::optional<std::string>& case_id,
                      int case_threads);
  CaseResult run_case(const Task& task, const TestCase& test_case, const fs::path& artifact);

  EvaluatorOptions options;
  SocDescription soc;
  sim::CoreLimits limits;
  Compiler compiler;
  ReferenceRunner reference;
  WorkerClient worker;
};

EvalResult Evaluator::State::evaluate(const Task& task, const std::string& source,
                                      const std::optional<std::string>& case_id, int case_threads) {
  const auto start = Clock::now();
  EvalResult result;
  result.task = task.name();
  std::vector<const TestCase*> cases;
  if (case_id) cases.push_back(&task.find_case(*case_id));
  else
    for (const auto& c : task.cases()) cases.push_back(&c);

  if (std::optional<Diagnostic> wrong_form = detail::check_candidate_form(task, source)) {
    result.status = "parse_error";
    result.diagnostics.push_back(std::move(*wrong_form));
    result.seconds = seconds_since(start);
    return result;
  }
  // One compile per distinct set of DTYPE_ macros, as CANN builds one binary per dtype combination.
  std::vector<CompileRequest> requests;
  std::vector<size_t> artifact_of_case;
  for (const TestCase* c : cases) {
    const auto same = [&](const CompileRequest& r) { return r.defines == c->dtype_macros; };
    auto it = std::find_if(requests.begin(), requests.end(), same);
    if (it == requests.end()) it = requests.insert(requests.end(), CompileRequest{source, task.kernel().entry, c->dtype_macros, task.kernel().op});
    artifact_of_case.push_back(static_cast<size_t>(it - requests.begin()));
  }
  const std::vector<CompileResult> compiled = compiler.compile_all(requests);
  const auto failed = std::find_if(compiled.begin(), compiled.end(), [](const CompileResult& r) {
    return r.status == CompileStatus::ParseError;
  });
  const auto first_failed = failed != compiled.end()
                                ? failed
                                : std::find_if(compiled.begin(), compiled.end(),
                                               [](const CompileResult& r) { return r.status != CompileStatus::Ok; });
  if (first_failed != compiled.end()) {
    result.status = first_failed->status == CompileStatus::ParseError ? "parse_error" : "compile_error";
    result.diagnostics = first_failed->diagnostics;
    if (result.diagnostics.empty())
      result.diagnostics.push_back({std::string(kCandidateFile), 0, 0, "error",
                                    fmt::format("compile {}: {}", to_string(first_failed->status), first_failed->log),
                                    "other", {}});
    result.seconds = seconds_since(start);
    return result;
  }
  result.compiled = true;
  result.diagnostics = compiled.front().diagnostics;

  result.cases.resize(cases.size());
  detail::parallel_for(cases.size(), case_threads, [&](size_t i) {
    result.cases[i] = run_case(task, *cases[i], compiled[artifact_of_case[i]].artifact);
  });
  const auto any = [&](const char* status) {
    return std::any_of(result.cases.begin(), result.cases.end(), [&](const CaseResult& c) { return c.status == status; });
  };
  result.status = any("runtime_error") ? "runtime_error" : any("wrong_answer") ? "wrong_answer" : "pass";
  result.correct = result.status == "pass";
  int predicted = 0;
  for (const CaseResult& c : result.cases)
    if (c.predicted_us > 0) {
      result.predicted_us += c.predicted_us;
      ++predicted;
    }
  if (predicted) result.predicted_us /= predicted;
  result.seconds = seconds_since(start);
  return result;
}

CaseResult Evaluator::State::run_case(const Task& task, const TestCase& test_case, const fs::path& artifact) {
  const auto start = Clock::now();
  const CaseData& data = reference.materialise(task, test_case);
  WorkerRequest request;
  request.artifact = artifact;
  request.entry = task.kernel().entry;
  request.core_type = task.kernel().core_type;
  // block_dim 0: every core the launch can use (vector cores, or AICs = groups for cube and mix).
  const int all_cores = request.core_type == sim::CoreType::Vector ? limits.vector_cores : limits.cube_cores;
  request.block_dim = task.kernel().block_dim > 0 ? task.kernel().block_dim : all_cores;
  request.limits = limits;
  request.soc = soc;
  request.chrome_trace = !options.trace_dir.empty();
  const bool full_operator = task.kernel().form == KernelForm::Operator;
  if (full_operator) request.operator_launch = detail::operator_launch(task, test_case, soc);
  const detail::CaseBuffers placed = detail::case_buffers(task, test_case);
  request.buffers.resize(placed.count);
  for (size_t i = 0; i < test_case.inputs.size(); ++i)
    if (placed.inputs[i] >= 0) {
      const TensorInstance& t = test_case.inputs[i];
      request.buffers[static_cast<size_t>(placed.inputs[i])] = {t.label(), t.bytes(), data.inputs[i].data, false, {}, t.shape};
    }
  for (size_t j = 0; j < test_case.outputs.size(); ++j) {
    const TensorInstance& t = test_case.outputs[j];
    if (placed.outputs[j] < 0)
      throw std::runtime_error(fmt::format("task {}: output '{}' is not among the kernel parameters", task.name(), t.name));
    WorkerBuffer& b = request.buffers[static_cast<size_t>(placed.outputs[j])];
    if (t.inplace.empty()) b = {t.label(), t.bytes(), {}, true, {}, t.shape};
    else b.read_back = true;  // the input's buffer, updated in place
  }
  for (size_t p = 0; p < placed.aliases.size(); ++p)
    if (placed.aliases[p] >= 0) request.buffers[p] = {task.kernel().params[p], 0, {}, false, {}, {}, placed.aliases[p]};
  const std::vector<std::string>& params = task.kernel().params;
  for (size_t p = 0; p < params.size(); ++p) {
    const std::string& param = params[p];
    WorkerBuffer& b = request.buffers[p];
    if (!placed.lists[p].empty()) {
      b = {param, 0, {}, false, placed.lists[p], {}};
    } else if (full_operator && (param == "workspace" || param == "tiling")) {
      b = {param, 0, {}, false};  // sized by the operator's tiling function
    } else if (param == "workspace") {
      b = {param, test_case.workspace_bytes, {}, false};
    } else if (param == "tiling") {
      std::vector<uint8_t> bytes(test_case.tiling.size() * sizeof(int64_t));
      if (!bytes.empty()) std::memcpy(bytes.data(), test_case.tiling.data(), bytes.size());  // little-endian host
      b = {param, bytes.size(), bytes, false};
    } else if (b.name.empty()) {
      throw std::runtime_error(fmt::format("task {}: kernel parameter '{}' is not an input, an output, workspace or tiling",
                                           task.name(), param));
    }
  }

  CaseResult result;
  result.id = test_case.id;
  WorkerResult run = worker.run(request);
  if (!run.ok()) {
    result.status = "runtime_error";
    result.error_kind = run.error_kind;
    result.message = run.message;
    result.seconds = seconds_since(start);
    return result;
  }
  result.launch = std::move(run.record);
  result.tiling = run.tiling;
  result.profile = std::move(run.profile);
  if (!run.chrome_trace.empty()) {
    fs::create_directories(options.trace_dir);
    write_file_atomic(options.trace_dir / fmt::format("{}.{}.trace.json", task.name(), test_case.id), run.chrome_trace);
  }
  if (!result.profile.empty()) result.predicted_us = nlohmann::json::parse(result.profile).value("predicted_us", 0.0);
  std::vector<Comparison> parts;
  for (size_t j = 0; j < test_case.outputs.size(); ++j) {
    const TensorInstance& o = test_case.outputs[j];
    const HostTensor out{o.name, o.dtype, o.shape, std::move(run.outputs[static_cast<size_t>(placed.outputs[j])])};
    const Tolerance tolerance = task.tolerance_for(o.dtype);
    const Comparison& c = parts.emplace_back(compare(out, data.expected[j], tolerance));
    if (!c.passed)
      result.message += fmt::format(
          "{}output '{}': {} of {} elements outside tolerance (atol {}, rtol {}), first at index {}; max abs error {:.4g}, "
          "max rel error {:.4g}",
          result.message.empty() ? "" : "; ", o.label(), c.mismatches, c.elements, tolerance.atol, tolerance.rtol,
          c.first_mismatch, c.max_abs_err, c.max_rel_err);
  }
  result.comparison = combine(parts);
  result.status = result.comparison.passed ? "pass" : "wrong_answer";
  result.seconds = seconds_since(start);
  return result;
}

Evaluator::Evaluator(EvaluatorOptions options) : state_(std::make_unique<State>(std::move(options))) {}
Evaluator::~Evaluator() = default;

const EvaluatorOptions& Evaluator::options() const { return state_->options; }

EvalResult Evaluator::evaluate(const Task& task, const std::string& source, const std::optional<std::string>& case_id) {
  return state_->evaluate(task, source, case_id, state_->options.workers);
}

std::vector<EvalResult> Evaluator::evaluate_many(const std::vector<Candidate>& candidates,
                                                 const std::function<void(size_t, size_t)>& progress) {
  std::vector<EvalResult> results(candidates.size());
  std::mutex progress_mutex;
  size_t done = 0;
  detail::parallel_for(candidates.size(), state_->options.workers, [&](size_t i) {
    results[i] = state_->evaluate(*candidates[i].task, candidates[i].source, {}, 1);
    if (progress) {
      std::lock_guard lock(progress_mutex);
      progress(++done, candidates.size());
    }
  });
  return results;
}

}  // namespace ascendgen
