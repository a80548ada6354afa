// Metrics over evaluated samples: pass@k, compile@k, fast_p and the level-weighted score.
#include <optional>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "ascendgen/evaluator/metrics.h"
#include "bindings.h"

namespace ascendgen::python {

void bind_metrics(py::module_& m) {
  m.def("pass_at_k", &pass_at_k, py::arg("n"), py::arg("c"), py::arg("k"),
        "Unbiased pass@k of Chen et al. (2021): 1 - C(n-c, k) / C(n, k). ValueError unless n >= 1, 0 <= c <= n, k >= 1.");
  m.def("compile_at_k", &compile_at_k, py::arg("n"), py::arg("compiled"), py::arg("k"),
        "The pass@k estimator over the samples that compiled.");
  m.def("level_weight", &level_weight, py::arg("level"), "NPUKernelBench's weight of a level: 0.2, 0.3, 0.5.");

  py::class_<SampleOutcome>(m, "SampleOutcome", "One evaluated candidate of one task, as the metrics see it.")
      .def(py::init([](std::string task, int level, bool compiled, bool correct, std::optional<double> speedup) {
             return SampleOutcome{std::move(task), level, compiled, correct, speedup};
           }),
           py::arg("task"), py::arg("level") = 1, py::arg("compiled") = false, py::arg("correct") = false,
           py::arg("speedup") = std::nullopt)
      .def_readwrite("task", &SampleOutcome::task)
      .def_readwrite("level", &SampleOutcome::level)
      .def_readwrite("compiled", &SampleOutcome::compiled)
      .def_readwrite("correct", &SampleOutcome::correct)
      .def_readwrite("speedup", &SampleOutcome::speedup, "baseline time / candidate time, when timed");

  py::class_<LevelMetrics>(m, "LevelMetrics", "Metrics of one level, or of all levels together (level 0).")
      .def_readonly("level", &LevelMetrics::level)
      .def_readonly("tasks", &LevelMetrics::tasks)
      .def_readonly("samples", &LevelMetrics::samples)
      .def_readonly("compiled", &LevelMetrics::compiled)
      .def_readonly("correct", &LevelMetrics::correct)
      .def_readonly("compile_rate", &LevelMetrics::compile_rate)
      .def_readonly("precision_pass_rate", &LevelMetrics::precision_pass_rate)
      .def_readonly("compile_at_k", &LevelMetrics::compile_at_k)
      .def_readonly("pass_at_k", &LevelMetrics::pass_at_k)
      .def_readonly("fast_p", &LevelMetrics::fast_p, "empty until every correct sample has a speedup")
      .def("__repr__", [](const LevelMetrics& l) {
        return fmt::format("LevelMetrics(level={}, tasks={}, samples={}, correct={})", l.level, l.tasks, l.samples,
                           l.correct);
      });

  py::class_<Metrics>(m, "Metrics")
      .def_readonly("levels", &Metrics::levels, "the levels that have samples, ascending")
      .def_readonly("overall", &Metrics::overall)
      .def_readonly("score", &Metrics::score, "NPUKernelBench's final score in [0, 1]");

  m.def(
      "compute_metrics",
      [](const std::vector<SampleOutcome>& samples, std::vector<int64_t> k, std::vector<double> p) {
        return compute_metrics(samples, {std::move(k), std::move(p)});
      },
      py::arg("samples"), py::arg("k") = std::vector<int64_t>{1, 5, 10}, py::arg("p") = std::vector<double>{0.0, 1.0},
      "Groups samples by task and computes every metric; ValueError names a task with a bad or changing level.");
}

}  // namespace ascendgen::python
