#include "ascendgen/core/dtype.h"

#include <array>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace ascendgen {
namespace {
struct DTypeInfo {
  DType dtype;
  std::string_view name, kernel_type;
  std::size_t size;
};

// One row per DType, in enum order.
constexpr std::array<DTypeInfo, 11> kDTypes{{
    {DType::Float16, "float16", "half", 2},
    {DType::BFloat16, "bfloat16", "bfloat16_t", 2},
    {DType::Float32, "float32", "float", 4},
    {DType::Int8, "int8", "int8_t", 1},
    {DType::UInt8, "uint8", "uint8_t", 1},
    {DType::Int16, "int16", "int16_t", 2},
    {DType::Int32, "int32", "int32_t", 4},
    {DType::Int64, "int64", "int64_t", 8},
    {DType::Bool, "bool", "bool", 1},
    {DType::Float64, "float64", "double", 8},
    {DType::Complex64, "complex64", "complex64", 8},
}};

const DTypeInfo& info(DType dtype) { return kDTypes.at(static_cast<std::size_t>(dtype)); }
}  // namespace

DType parse_dtype(std::string_view name) {
  for (const DTypeInfo& d : kDTypes)
    if (d.name == name) return d.dtype;
  throw std::runtime_error(fmt::format(
      "unknown dtype '{}' (expected float16, bfloat16, float32, int8, uint8, int16, int32, int64, bool, float64 or "
      "complex64)",
      name));
}

std::string_view dtype_name(DType dtype) { return info(dtype).name; }
std::string_view kernel_type_name(DType dtype) { return info(dtype).kernel_type; }
std::size_t dtype_size(DType dtype) { return info(dtype).size; }

bool is_floating_point(DType dtype) {
  return dtype == DType::Float16 || dtype == DType::BFloat16 || dtype == DType::Float32 || dtype == DType::Float64 ||
         is_complex(dtype);
}

bool is_complex(DType dtype) { return dtype == DType::Complex64; }

}  // namespace ascendgen
