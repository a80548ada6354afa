// Evaluator and its results. The GIL is released for the whole evaluation (compiles, worker runs,
// comparisons); a progress callback re-acquires it. Result structs have default constructors and
// writable fields so the Python layer can pickle them (Ray) field by field.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <pybind11/functional.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "ascendgen/evaluator/evaluator.h"
#include "ascendgen/evaluator/result_json.h"
#include "bindings.h"

namespace ascendgen::python {
namespace {

void bind_results(py::module_& m) {
  py::class_<Comparison>(m, "Comparison", "The verdict on a case's outputs and the errors that explain it.")
      .def(py::init<>())
      .def_readwrite("passed", &Comparison::passed)
      .def_readwrite("max_abs_err", &Comparison::max_abs_err, "inf for a non-finite output where the reference is finite")
      .def_readwrite("max_rel_err", &Comparison::max_rel_err, "abs / (|ref| + 1e-7)")
      .def_readwrite("mismatches", &Comparison::mismatches, "elements that fail the rule")
      .def_readwrite("first_mismatch", &Comparison::first_mismatch, "flat index of the first, -1 if none")
      .def_readwrite("elements", &Comparison::elements)
      .def("__repr__", [](const Comparison& c) {
        return fmt::format("Comparison(passed={}, max_abs_err={}, mismatches={}/{})", c.passed ? "True" : "False", c.max_abs_err,
                           c.mismatches, c.elements);
      });

  py::class_<sim::CoreRecord>(m, "CoreCounters", "Per-core counters of a launch (the instruction trace stays in C++).")
      .def(py::init<>())
      .def_readwrite("core", &sim::CoreRecord::core)
      .def_readwrite("api_calls", &sim::CoreRecord::api_calls, "Ascend C API name -> calls")
      .def_readwrite("gm_read_bytes", &sim::CoreRecord::gm_read_bytes)
      .def_readwrite("gm_write_bytes", &sim::CoreRecord::gm_write_bytes)
      .def_readwrite("ub_copy_bytes", &sim::CoreRecord::ub_copy_bytes)
      .def_readwrite("vector_elements", &sim::CoreRecord::vector_elements)
      .def_readwrite("uncomputed_reads", &sim::CoreRecord::uncomputed_reads);

  py::class_<CaseResult>(m, "CaseResult", "One test case of an evaluation.")
      .def(py::init<>())
      .def_readwrite("id", &CaseResult::id)
      .def_readwrite("status", &CaseResult::status, "'pass', 'wrong_answer' or 'runtime_error'")
      .def_readwrite("error_kind", &CaseResult::error_kind,
                     "for runtime_error: 'ub_overflow', 'gm_out_of_bounds', ..., 'crash', 'timeout'; else ''")
      .def_readwrite("message", &CaseResult::message, "what went wrong; '' for a pass")
      .def_readwrite("comparison", &CaseResult::comparison)
      .def_property(
          "cores", [](const CaseResult& c) { return c.launch.cores; },
          [](CaseResult& c, std::vector<sim::CoreRecord> cores) { c.launch.cores = std::move(cores); },
          "per-core counters of the launch, when it completed")
      .def_property(
          "warnings", [](const CaseResult& c) { return c.launch.warnings; },
          [](CaseResult& c, std::vector<std::string> warnings) { c.launch.warnings = std::move(warnings); },
          "misuses the NPU tolerates and computes right, one line per call site")
      .def_readwrite("predicted_us", &CaseResult::predicted_us, "predicted NPU time of the launch; 0 when none")
      .def_readwrite("profile_json", &CaseResult::profile, "the timing profile as JSON text; '' when none")
      .def_property_readonly(
          "profile",
          [](const CaseResult& c) -> py::object {
            if (c.profile.empty()) return py::none();
            return to_python(nlohmann::json::parse(c.profile));
          },
          "the timing profile as a dict (bound, per-pipe utilisation, bandwidth, overlap); None when none")
      .def_readwrite("seconds", &CaseResult::seconds)
      .def("to_dict", [](const CaseResult& c) { return to_python(to_json(c)); }, "The JSON form (docs/evaluator.md).")
      .def("__repr__", [](const CaseResult& c) { return fmt::format("CaseResult('{}', '{}')", c.id, c.status); });

  py::class_<EvalResult>(m, "EvalResult", "One candidate against a task: status, per-case results, predicted time.")
      .def(py::init<>())
      .def_readwrite("task", &EvalResult::task)
      .def_readwrite("status", &EvalResult::status,
                     "'parse_error', 'compile_error', 'runtime_error', 'wrong_answer' or 'pass'")
      .def_readwrite("compiled", &EvalResult::compiled)
      .def_readwrite("correct", &EvalResult::correct)
      .def_readwrite("cases", &EvalResult::cases, "in task order; empty when it did not compile")
      .def_readwrite("diagnostics", &EvalResult::diagnostics, "of the failing compile, else the first's warnings")
      .def_readwrite("seconds", &EvalResult::seconds)
      .def_readwrite("predicted_us", &EvalResult::predicted_us, "mean predicted NPU time over the cases that ran")
      .def("to_dict", [](const EvalResult& r) { return to_python(to_json(r)); },
           "The JSON form `ascendgen eval --json` prints (docs/evaluator.md).")
      .def("__repr__", [](const EvalResult& r) {
        return fmt::format("EvalResult(task='{}', status='{}', cases={}, predicted_us={:.3f})", r.task, r.status,
                           r.cases.size(), r.predicted_us);
      });
}

}  // namespace

void bind_evaluator(py::module_& m) {
  bind_results(m);

  py::class_<EvaluatorOptions>(m, "EvaluatorOptions")
      .def(py::init([](std::string soc, double case_timeout_s, int workers, uint64_t memory_limit_bytes,
                       std::optional<std::filesystem::path> reference_cache_dir,
                       std::optional<std::filesystem::path> trace_dir, std::optional<CompilerOptions> compiler) {
             EvaluatorOptions options;
             options.soc = std::move(soc);
             options.case_timeout_s = case_timeout_s;
             options.workers = workers;
             options.memory_limit_bytes = memory_limit_bytes;
             options.reference_cache_dir = reference_cache_dir.value_or(std::filesystem::path());
             options.trace_dir = trace_dir.value_or(std::filesystem::path());
             if (compiler) options.compiler = *compiler;
             return options;
           }),
           py::arg("soc") = "Ascend910B2", py::arg("case_timeout_s") = 10.0, py::arg("workers") = 1,
           py::arg("memory_limit_bytes") = uint64_t{4} << 30, py::arg("reference_cache_dir") = std::nullopt,
           py::arg("trace_dir") = std::nullopt, py::arg("compiler") = std::nullopt)
      .def_readwrite("soc", &EvaluatorOptions::soc, "a SoC name or .yaml path")
      .def_readwrite("case_timeout_s", &EvaluatorOptions::case_timeout_s)
      .def_readwrite("workers", &EvaluatorOptions::workers, "worker processes at once")
      .def_readwrite("memory_limit_bytes", &EvaluatorOptions::memory_limit_bytes)
      .def_property("reference_cache_dir", optional_path_getter(&EvaluatorOptions::reference_cache_dir),
                    optional_path_setter(&EvaluatorOptions::reference_cache_dir), "None: in memory only")
      .def_property("trace_dir", optional_path_getter(&EvaluatorOptions::trace_dir),
                    optional_path_setter(&EvaluatorOptions::trace_dir), "where each case's Chrome trace goes; None: none")
      .def_readwrite("compiler", &EvaluatorOptions::compiler);

  py::class_<Evaluator>(m, "Evaluator",
                        "Compiles a candidate, runs each case in a sandboxed worker, compares with the libtorch "
                        "reference and predicts NPU time. Keeps its compile and reference caches: reuse it.")
      .def(py::init<EvaluatorOptions>(), py::arg("options") = EvaluatorOptions{})
      .def("evaluate", &Evaluator::evaluate, py::arg("task"), py::arg("source"), py::arg("case_id") = std::nullopt,
           py::call_guard<py::gil_scoped_release>(),
           "Evaluates `source` on every case of `task` (or only `case_id`). Whatever the candidate does is in the "
           "result; raises only for a broken task (ReferenceError) or an environment that cannot run workers.")
      .def(
          "evaluate_many",
          [](Evaluator& evaluator, const std::vector<std::pair<const Task*, std::string>>& items,
             const std::function<void(size_t, size_t)>& progress) {
            std::vector<Candidate> candidates;
            candidates.reserve(items.size());
            for (const auto& [task, source] : items) {
              if (!task) throw py::value_error("evaluate_many: a candidate's task is None");
              candidates.push_back({task, source});
            }
            py::gil_scoped_release release;
            // pybind11's std::function wrapper takes the GIL for each call of `progress`.
            return evaluator.evaluate_many(candidates, progress);
          },
          py::arg("candidates"), py::arg("progress") = nullptr,
          "Evaluates (task, source) pairs, `workers` candidates at a time; results in input order. "
          "progress(done, total) is called after each candidate.")
      .def_property_readonly("options", &Evaluator::options);
}

}  // namespace ascendgen::python
