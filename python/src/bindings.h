// Shared pieces of the ascendgen._core bindings: one bind_* function per module (each in its own
// bind_<module>.cpp), the DType <-> str conversion and JSON <-> Python object conversion.
#pragma once
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>

#include "ascendgen/core/dtype.h"

namespace ascendgen::python {

namespace py = pybind11;

void bind_soc(py::module_& m);
void bind_task(py::module_& m);
void bind_records(py::module_& m);
void bind_compiler(py::module_& m);
void bind_evaluator(py::module_& m);
void bind_reference(py::module_& m);
void bind_metrics(py::module_& m);
void bind_router(py::module_& m);     // before bind_generator: backends take router endpoints
void bind_generator(py::module_& m);

// A path member whose empty value means "the default", as None in Python (pathlib cannot hold an
// empty path: "" becomes ".").
template <typename Class>
auto optional_path_getter(std::filesystem::path Class::*member) {
  return [member](const Class& object) -> std::optional<std::filesystem::path> {
    if ((object.*member).empty()) return std::nullopt;
    return object.*member;
  };
}
template <typename Class>
auto optional_path_setter(std::filesystem::path Class::*member) {
  return [member](Class& object, const std::optional<std::filesystem::path>& path) {
    object.*member = path.value_or(std::filesystem::path());
  };
}

// A JSON value as the Python object json.loads would give, and back (through the json module, so
// Python sees exactly the types it would read from a JSONL file).
py::object to_python(const nlohmann::json& value);
nlohmann::json from_python(const py::handle& value);

}  // namespace ascendgen::python

// DType crosses the binding as its task-file name: "float16", "bfloat16", "int32", ...
namespace pybind11::detail {
template <>
struct type_caster<ascendgen::DType> {
  PYBIND11_TYPE_CASTER(ascendgen::DType, const_name("str"));
  bool load(handle source, bool) {
    if (!isinstance<str>(source)) return false;
    try {
      value = ascendgen::parse_dtype(source.cast<std::string>());
    } catch (const std::runtime_error& e) {
      throw value_error(e.what());  // names the bad dtype and the valid ones
    }
    return true;
  }
  static handle cast(ascendgen::DType dtype, return_value_policy, handle) {
    return str(std::string(ascendgen::dtype_name(dtype))).release();
  }
};
}  // namespace pybind11::detail
