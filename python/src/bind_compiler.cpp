// Compiler, its requests and results, and the structured diagnostics. The GIL is released while
// g++ runs, so Python threads can compile in parallel.
#include <filesystem>
#include <optional>

#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "ascendgen/compiler/compiler.h"
#include "ascendgen/compiler/diagnostics.h"
#include "bindings.h"

namespace ascendgen::python {

void bind_compiler(py::module_& m) {
  py::class_<Diagnostic>(m, "Diagnostic", "One compiler error or warning: where, what, and of which category.")
      .def(py::init<>())
      .def_readwrite("file", &Diagnostic::file, "'kernel.cpp' for the candidate")
      .def_readwrite("line", &Diagnostic::line, "0 where unknown")
      .def_readwrite("column", &Diagnostic::column)
      .def_readwrite("severity", &Diagnostic::severity, "'error', 'warning' or 'note'")
      .def_readwrite("message", &Diagnostic::message)
      .def_readwrite("category", &Diagnostic::category,
                     "syntax, undeclared_identifier, type_mismatch, no_matching_overload, unsupported_api, "
                     "missing_entry, link or other")
      .def_readwrite("notes", &Diagnostic::notes)
      .def("__repr__", [](const Diagnostic& d) {
        return fmt::format("Diagnostic('{}:{}:{}: {}: [{}] {}')", d.file, d.line, d.column, d.severity, d.category, d.message);
      });
  m.def("parse_gcc_diagnostics", &parse_gcc_diagnostics, py::arg("log"),
        "The diagnostics in the output of a g++ run (plain output, C locale), each with its notes.");
  m.def("categorize_diagnostic", &categorize_diagnostic, py::arg("message"),
        "The category of an error message ('other' when no rule applies).");
  m.def("check_candidate_source", &check_candidate_source, py::arg("source"), py::arg("entry"),
        "Why `source` cannot be a kernel defining `entry` (a Diagnostic), checked without a compiler; None "
        "when it passes.");

  py::enum_<CompileStatus>(m, "CompileStatus")
      .value("ok", CompileStatus::Ok)
      .value("parse_error", CompileStatus::ParseError)
      .value("compile_error", CompileStatus::CompileError)
      .value("timeout", CompileStatus::Timeout);

  py::class_<CompileResult>(m, "CompileResult")
      .def_readonly("status", &CompileResult::status)
      .def_property_readonly("ok", [](const CompileResult& r) { return r.status == CompileStatus::Ok; })
      .def_property_readonly(
          "artifact",
          [](const CompileResult& r) -> std::optional<std::filesystem::path> {
            if (r.artifact.empty()) return std::nullopt;
            return r.artifact;
          },
          "the shared object when ok, else None")
      .def_readonly("diagnostics", &CompileResult::diagnostics)
      .def_readonly("log", &CompileResult::log, "the compiler's output, paths shortened, capped")
      .def_readonly("seconds", &CompileResult::seconds)
      .def_readonly("cache_hit", &CompileResult::cache_hit, "no compiler ran for this call")
      .def("__repr__", [](const CompileResult& r) {
        return fmt::format("CompileResult(status={}, diagnostics={}, cache_hit={})", to_string(r.status),
                           r.diagnostics.size(), r.cache_hit ? "True" : "False");
      });

  py::class_<CompileRequest>(m, "CompileRequest")
      .def(py::init([](std::string source, std::string entry, const std::map<std::string, std::string>& defines) {
             CompileRequest request;
             request.source = std::move(source);
             request.entry = std::move(entry);
             request.defines.assign(defines.begin(), defines.end());
             return request;
           }),
           py::arg("source"), py::arg("entry"), py::arg("defines") = std::map<std::string, std::string>{})
      .def_readwrite("source", &CompileRequest::source)
      .def_readwrite("entry", &CompileRequest::entry)
      .def_readwrite("defines", &CompileRequest::defines, "[(name, value)]: -Dname=value");

  py::class_<CompilerOptions>(m, "CompilerOptions")
      .def(py::init([](std::optional<std::filesystem::path> cache_dir, double timeout_s, int jobs) {
             CompilerOptions options;
             options.cache_dir = cache_dir.value_or(std::filesystem::path());
             options.timeout_s = timeout_s;
             options.jobs = jobs;
             return options;
           }),
           py::arg("cache_dir") = std::nullopt, py::arg("timeout_s") = 30.0, py::arg("jobs") = 1)
      .def_property("cache_dir", optional_path_getter(&CompilerOptions::cache_dir),
                    optional_path_setter(&CompilerOptions::cache_dir), "None: $XDG_CACHE_HOME/ascendgen/kernels")
      .def_readwrite("timeout_s", &CompilerOptions::timeout_s)
      .def_readwrite("jobs", &CompilerOptions::jobs, "compiler processes compile_all runs at once")
      .def_readwrite("max_log_bytes", &CompilerOptions::max_log_bytes)
      .def_readwrite("memory_limit_bytes", &CompilerOptions::memory_limit_bytes);

  py::class_<Compiler>(m, "Compiler",
                       "Candidate source to a shared object the emulator loads, with diagnostics and a content-hash "
                       "cache shared between processes.")
      .def(py::init<CompilerOptions>(), py::arg("options") = CompilerOptions{})
      .def("compile", &Compiler::compile, py::arg("request"), py::call_guard<py::gil_scoped_release>(),
           "Compiles one candidate; everything a candidate can get wrong is in the result.")
      .def("compile_all", &Compiler::compile_all, py::arg("requests"), py::call_guard<py::gil_scoped_release>(),
           "Compiles every request on `jobs` threads; results in request order.")
      .def_property_readonly("cache_dir", &Compiler::cache_dir);
}

}  // namespace ascendgen::python
