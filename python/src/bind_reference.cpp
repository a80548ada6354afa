// Tensor data: HostTensor <-> NumPy arrays, the reference runner's inputs and expected outputs of a
// case, and the comparison rule. bfloat16 has no NumPy dtype: it crosses as uint16 bit patterns
// (the Python layer turns those into torch.bfloat16 tensors).
#include <cstring>
#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "ascendgen/evaluator/compare.h"
#include "ascendgen/evaluator/host_tensor.h"
#include "ascendgen/evaluator/reference.h"
#include "bindings.h"

namespace ascendgen::python {
namespace {

// The NumPy dtype holding `dtype`'s elements.
py::dtype numpy_dtype(DType dtype) {
  switch (dtype) {
    case DType::Float16: return py::dtype("float16");
    case DType::BFloat16: return py::dtype("uint16");
    case DType::Float32: return py::dtype("float32");
    case DType::Int8: return py::dtype("int8");
    case DType::UInt8: return py::dtype("uint8");
    case DType::Int16: return py::dtype("int16");
    case DType::Int32: return py::dtype("int32");
    case DType::Int64: return py::dtype("int64");
    case DType::Bool: return py::dtype("bool");
    case DType::Float64: return py::dtype("float64");
    case DType::Complex64: return py::dtype("complex64");
  }
  throw std::logic_error("numpy_dtype: unknown DType");
}

py::array to_numpy(const HostTensor& t) {
  py::array array(numpy_dtype(t.dtype), std::vector<py::ssize_t>(t.shape.begin(), t.shape.end()));
  if (static_cast<size_t>(array.nbytes()) != t.data.size())
    throw std::runtime_error(fmt::format("tensor '{}': {} bytes of data for its shape", t.name, t.data.size()));
  std::memcpy(array.mutable_data(), t.data.data(), t.data.size());
  return array;
}

// A HostTensor holding a copy of `array`; `dtype` defaults to the array's own (float16, float32,
// int8, ...); "bfloat16" takes uint16 or int16 bit patterns.
HostTensor from_numpy(const py::array& array, std::optional<std::string> dtype, std::string name) {
  const std::string array_dtype = py::str(array.dtype());
  HostTensor t;
  t.name = std::move(name);
  try {
    t.dtype = parse_dtype(dtype.value_or(array_dtype));
  } catch (const std::runtime_error& e) {
    throw py::value_error(fmt::format("HostTensor.from_numpy: {}", e.what()));
  }
  const bool bits_of_bf16 = t.dtype == DType::BFloat16 && (array_dtype == "uint16" || array_dtype == "int16");
  if (!bits_of_bf16 && array_dtype != py::str(numpy_dtype(t.dtype)).cast<std::string>())
    throw py::value_error(fmt::format("HostTensor.from_numpy: an array of {} cannot hold {} elements", array_dtype,
                                      dtype_name(t.dtype)));
  const auto contiguous = py::array::ensure(array, py::array::c_style);
  t.shape.assign(contiguous.shape(), contiguous.shape() + contiguous.ndim());
  const auto* bytes = static_cast<const uint8_t*>(contiguous.data());
  t.data.assign(bytes, bytes + contiguous.nbytes());
  return t;
}

}  // namespace

void bind_reference(py::module_& m) {
  py::class_<HostTensor>(m, "HostTensor", "A tensor in host memory: name, dtype, shape and row-major data.")
      .def_static("from_numpy", &from_numpy, py::arg("array"), py::arg("dtype") = std::nullopt, py::arg("name") = "",
                  "A copy of `array`; dtype defaults to the array's; 'bfloat16' takes uint16/int16 bit patterns.")
      .def_readonly("name", &HostTensor::name)
      .def_readonly("dtype", &HostTensor::dtype)
      .def_readonly("shape", &HostTensor::shape)
      .def_property_readonly("nbytes", [](const HostTensor& t) { return t.data.size(); })
      .def("numpy", &to_numpy, "A copy as a NumPy array (bfloat16: uint16 bit patterns).")
      .def("__repr__", [](const HostTensor& t) {
        return fmt::format("HostTensor('{}', {}, [{}])", t.name, dtype_name(t.dtype), fmt::join(t.shape, ", "));
      });

  py::class_<CaseData>(m, "CaseData", "A case materialised: its inputs in task order and the expected outputs.")
      .def_readonly("inputs", &CaseData::inputs)
      .def_readonly("expected", &CaseData::expected);

  py::class_<ReferenceRunner>(m, "ReferenceRunner",
                              "Seeded inputs and libtorch reference outputs of test cases, cached in memory and "
                              "optionally on disk.")
      .def(py::init([](const std::optional<std::filesystem::path>& cache_dir) {
             return std::make_unique<ReferenceRunner>(cache_dir.value_or(std::filesystem::path()));
           }),
           py::arg("cache_dir") = std::nullopt, "cache_dir None: cached in memory only")
      .def(
          "materialise",
          [](ReferenceRunner& runner, const Task& task, const TestCase& test_case) {
            py::gil_scoped_release release;
            return runner.materialise(task, test_case);  // copied: the Python object owns its tensors
          },
          py::arg("task"), py::arg("case"),
          "The inputs and expected outputs of `case` (one of task.cases); ReferenceError when the reference "
          "cannot run or returns the wrong outputs.");

  m.def("input_seed", &input_seed, py::arg("task"), py::arg("case_id"), py::arg("input_index"),
        "The seed of one input of a case (FNV-1a of the task name, case id and index).");
  m.def("compare", &compare, py::arg("out"), py::arg("ref"), py::arg("tolerance"),
        "NPUKernelBench's correctness rule for one output against its reference.");
}

}  // namespace ascendgen::python
