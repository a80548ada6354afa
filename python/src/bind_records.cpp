// JSONL records: candidate samples in (read_samples), any JSONL file (read_jsonl), crash-safe
// appends (JsonlWriter) and atomic whole-file writes. JSON values cross as plain Python objects.
#include <filesystem>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "ascendgen/task/records.h"
#include "bindings.h"

namespace ascendgen::python {

py::object to_python(const nlohmann::json& value) {
  return py::module_::import("json").attr("loads")(value.dump());
}

nlohmann::json from_python(const py::handle& value) {
  // allow_nan=False: NaN and infinity are not JSON, and nlohmann would reject them anyway.
  const auto text = py::module_::import("json").attr("dumps")(value, py::arg("allow_nan") = false).cast<std::string>();
  return nlohmann::json::parse(text);
}

void bind_records(py::module_& m) {
  py::class_<Sample>(m, "Sample", "One candidate kernel of a samples file: task, sample number, source, extra fields.")
      .def(py::init([](std::string task, std::string source, int64_t sample, const py::dict& extra) {
             return Sample{std::move(task), sample, std::move(source), from_python(extra)};
           }),
           py::arg("task"), py::arg("source"), py::arg("sample") = 0, py::arg("extra") = py::dict())
      .def_readwrite("task", &Sample::task)
      .def_readwrite("sample", &Sample::sample)
      .def_readwrite("source", &Sample::source)
      .def_property(
          "extra", [](const Sample& s) { return to_python(s.extra); },
          [](Sample& s, const py::dict& extra) { s.extra = from_python(extra); }, "every other field (model, prompt, ...)")
      .def(
          "to_dict",
          [](const Sample& s) {
            nlohmann::json record = s.extra;
            record["task"] = s.task;
            record["sample"] = s.sample;
            record["source"] = s.source;
            return to_python(record);
          },
          "The record as written in a samples file.")
      .def("__repr__", [](const Sample& s) { return "Sample('" + s.task + "', " + std::to_string(s.sample) + ")"; });

  m.def(
      "read_samples", [](const std::filesystem::path& path) { return read_samples(path); }, py::arg("path"),
      py::call_guard<py::gil_scoped_release>(),
      "Reads candidate samples ({task, source, sample?} per line); RecordError names FILE:LINE and the field.");

  m.def(
      "read_jsonl",
      [](const std::filesystem::path& path) {
        JsonlContents contents;
        {
          py::gil_scoped_release release;
          contents = read_jsonl(path);
        }
        py::list records;
        for (const nlohmann::json& record : contents.records) records.append(to_python(record));
        return py::make_tuple(records, contents.lines, contents.truncated_line);
      },
      py::arg("path"),
      "(records, line numbers, truncated_line): the JSON objects of a JSONL file; truncated_line is the "
      "1-based line of a cut-off last line (left out), 0 when none. RecordError names FILE:LINE.");

  py::class_<JsonlWriter>(m, "JsonlWriter",
                          "Appends one JSON object per line, each flushed at once; append mode repairs a cut-off "
                          "last line. A context manager.")
      .def(py::init<std::filesystem::path, bool>(), py::arg("path"), py::arg("append") = true)
      .def(
          "write", [](JsonlWriter& w, const py::handle& record) { w.write(from_python(record)); }, py::arg("record"))
      .def_property_readonly("path", &JsonlWriter::path)
      .def("__enter__", [](JsonlWriter& w) -> JsonlWriter& { return w; }, py::return_value_policy::reference)
      .def("__exit__", [](JsonlWriter&, const py::args&) { return false; });

  m.def(
      "write_file_atomic",
      [](const std::filesystem::path& path, std::string_view content) { write_file_atomic(path, content); },
      py::arg("path"), py::arg("content"), py::call_guard<py::gil_scoped_release>(),
      "Replaces `path` with `content` (temporary file, fsync, rename); an old file stays on failure.");
}

}  // namespace ascendgen::python
