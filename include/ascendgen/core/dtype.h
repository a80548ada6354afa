// DType: the tensor element types of tasks and evaluation, with their names in task files
// ("float16") and in Ascend C kernel source ("half").
#pragma once
#include <cstddef>
#include <string_view>

namespace ascendgen {

enum class DType { Float16, BFloat16, Float32, Int8, UInt8, Int16, Int32, Int64, Bool, Float64, Complex64 };

// The DType named `name` in a task file ("float16", "bfloat16", "float32", "int8", "uint8",
// "int16", "int32", "int64", "bool", "float64", "complex64"). Throws std::runtime_error naming
// the bad name. complex64 is CANN's DT_COMPLEX64: a float32 real part, then the imaginary part.
DType parse_dtype(std::string_view name);

// The task-file name of a dtype: dtype_name(DType::Float16) == "float16".
std::string_view dtype_name(DType dtype);

// The element type in Ascend C kernel source: "half", "bfloat16_t", "float", "int8_t", "uint8_t",
// "int16_t", "int32_t", "int64_t", "bool", "double", "complex64".
std::string_view kernel_type_name(DType dtype);

// Bytes per element (bool: 1).
std::size_t dtype_size(DType dtype);

// True for float16, bfloat16, float32, float64 and complex64 (compared with tolerances, complex64
// component by component; the others compare exactly).
bool is_floating_point(DType dtype);

// True for complex64.
bool is_complex(DType dtype);

}  // namespace ascendgen
