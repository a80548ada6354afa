// Task, Suite and what a task is made of (test cases, tensors, tolerances, the kernel signature).
// Tasks pickle as their directory (re-loaded on the other side), so they can travel to Ray workers.
#include <filesystem>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "ascendgen/core/files.h"
#include "ascendgen/task/operator_source.h"
#include "ascendgen/task/suite.h"
#include "ascendgen/task/task.h"
#include "bindings.h"

namespace ascendgen::python {
namespace {

// A solution or baseline as one candidate source: a file as is, a directory joined with file headers.
std::optional<std::string> read_candidate(const std::optional<std::filesystem::path>& path, const char* what) {
  if (!path) return std::nullopt;
  if (std::filesystem::is_directory(*path)) return read_operator_directory(*path);
  return read_file(*path, what);
}

// (name, value) pairs as a dict keeping their order.
template <typename Value>
py::dict ordered_dict(const std::vector<std::pair<std::string, Value>>& pairs) {
  py::dict dict;
  for (const auto& [name, value] : pairs) dict[py::str(name)] = value;
  return dict;
}

}  // namespace

void bind_task(py::module_& m) {
  py::class_<Distribution>(m, "Distribution",
                           "How an input's values are drawn: kind (uniform, normal, randint, bernoulli, arange, "
                           "constant, special) with its parameters a and b (docs/tasks.md).")
      .def_readonly("kind", &Distribution::kind)
      .def_readonly("a", &Distribution::a)
      .def_readonly("b", &Distribution::b)
      .def("__repr__", [](const Distribution& d) { return fmt::format("Distribution('{}', {}, {})", d.kind, d.a, d.b); });

  py::class_<TensorInstance>(m, "TensorSpec", "One input or output tensor of a test case: name, dtype, shape.")
      .def_readonly("name", &TensorInstance::name)
      .def_readonly("dtype", &TensorInstance::dtype)
      .def_readonly("shape", &TensorInstance::shape, "[] is a scalar")
      .def_readonly("distribution", &TensorInstance::distribution, "inputs only")
      .def_property_readonly("numel", &TensorInstance::numel)
      .def_property_readonly("nbytes", &TensorInstance::bytes)
      .def("__repr__", [](const TensorInstance& t) {
        return fmt::format("TensorSpec('{}', {}, [{}])", t.name, dtype_name(t.dtype), fmt::join(t.shape, ", "));
      });

  py::class_<Tolerance>(m, "Tolerance",
                        "Element check of floating outputs: fails when |out-ref| > atol and |out-ref|/(|ref|+1e-7) > rtol.")
      .def(py::init([](double atol, double rtol) { return Tolerance{atol, rtol}; }), py::arg("atol") = 1e-3,
           py::arg("rtol") = 1e-3)
      .def_readwrite("atol", &Tolerance::atol)
      .def_readwrite("rtol", &Tolerance::rtol)
      .def("__repr__", [](const Tolerance& t) { return fmt::format("Tolerance(atol={}, rtol={})", t.atol, t.rtol); });

  py::class_<TestCase>(m, "TestCase", "One row of a task's case table, fully resolved.")
      .def_readonly("id", &TestCase::id)
      .def_readonly("inputs", &TestCase::inputs)
      .def_readonly("outputs", &TestCase::outputs)
      .def_property_readonly(
          "attributes", [](const TestCase& c) { return ordered_dict(c.attributes); },
          "name -> value, in task order (bool and int attributes as float)")
      .def_readonly("tiling", &TestCase::tiling, "the int64 fields of the tiling buffer, in order")
      .def_readonly("workspace_bytes", &TestCase::workspace_bytes)
      .def_property_readonly(
          "dtype_macros", [](const TestCase& c) { return ordered_dict(c.dtype_macros); },
          "{'DTYPE_X': 'half', ...}: the macros a kernel is compiled with for this case")
      .def("__repr__", [](const TestCase& c) { return fmt::format("TestCase('{}')", c.id); });

  py::class_<KernelSignature>(m, "KernelSignature", "The extern \"C\" entry point a candidate defines.")
      .def_readonly("entry", &KernelSignature::entry)
      .def_readonly("params", &KernelSignature::params, "GM_ADDR parameters in order")
      .def_readonly("block_dim", &KernelSignature::block_dim, "0: all vector cores of the SoC");

  py::class_<Task>(m, "Task", "One benchmark operator loaded from a task directory (docs/tasks.md).")
      .def_static("load", &Task::load, py::arg("dir"), py::call_guard<py::gil_scoped_release>(),
                  "Reads dir/task.yaml; TaskError names the file, line and field at fault.")
      .def_property_readonly("name", &Task::name)
      .def_property_readonly("level", &Task::level)
      .def_property_readonly("category", &Task::category)
      .def_property_readonly("description", &Task::description)
      .def_property_readonly("kernel", &Task::kernel)
      .def_property_readonly("reference_source", &Task::reference_source, "TorchScript defining `reference`")
      .def_property_readonly("cases", &Task::cases)
      .def("find_case", &Task::find_case, py::arg("id"), py::return_value_policy::reference_internal,
           "The case with this id; KeyError names the task and the id.")
      .def("tolerance_for", &Task::tolerance_for, py::arg("dtype"))
      .def_property_readonly("solution_path", &Task::solution_path)
      .def_property_readonly("baseline_path", &Task::baseline_path)
      .def_property_readonly("dir", &Task::dir)
      .def(
          "solution_source", [](const Task& t) { return read_candidate(t.solution_path(), "the reference solution"); },
          "The reference solution as one candidate source (a directory joined with file headers); None if none.")
      .def(
          "baseline_source", [](const Task& t) { return read_candidate(t.baseline_path(), "the baseline kernel"); },
          "The naive baseline kernel as one candidate source; None if the task names none.")
      .def("__repr__", [](const Task& t) { return fmt::format("Task('{}', level={})", t.name(), t.level()); })
      .def(py::pickle([](const Task& t) { return py::make_tuple(t.dir()); },
                      [](const py::tuple& state) { return Task::load(state[0].cast<std::filesystem::path>()); }));

  py::class_<Suite>(m, "Suite", "A directory of task directories (suites/level1), sorted by name.")
      .def_static("load", &Suite::load, py::arg("dir"), py::call_guard<py::gil_scoped_release>(),
                  "Loads every subdirectory holding a task.yaml; TaskError for a bad task.")
      .def_property_readonly("tasks", &Suite::tasks)
      .def_property_readonly("dir", &Suite::dir)
      .def("find", &Suite::find, py::arg("name"), py::return_value_policy::reference_internal,
           "The task named `name`; KeyError names the suite and the name.")
      .def("filter", &Suite::filter, py::arg("level") = std::nullopt, py::arg("category") = std::nullopt,
           "The tasks of this level and category (each filter applies when given).")
      .def("__len__", [](const Suite& s) { return s.tasks().size(); })
      .def("__iter__", [](const Suite& s) { return py::make_iterator(s.tasks().begin(), s.tasks().end()); },
           py::keep_alive<0, 1>())
      .def("__getitem__", [](const Suite& s, std::string_view name) -> const Task& { return s.find(name); },
           py::return_value_policy::reference_internal)
      .def("__repr__", [](const Suite& s) { return fmt::format("Suite('{}', {} tasks)", s.dir().string(), s.tasks().size()); });

  m.def("is_operator_source", &is_operator_source, py::arg("source"),
        "True when the source holds '// === FILE: PATH ===' headers (a full-operator candidate).");
  m.def(
      "split_operator_source",
      [](std::string_view source) {
        py::list files;
        for (const SourceFile& f : split_operator_source(source)) files.append(py::make_tuple(f.path, f.text));
        return files;
      },
      py::arg("source"), "The (path, text) files of a full-operator candidate, in order.");
}

}  // namespace ascendgen::python
