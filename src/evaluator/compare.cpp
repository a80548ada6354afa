#include "ascendgen/evaluator/compare.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "ascendgen/ascendc/kernel/types.h"  // the fp16/bf16 decoders the emulator uses

namespace ascendgen {
namespace {

template <typename T>
T load(const HostTensor& t, int64_t i) {
  T v;
  std::memcpy(&v, t.data.data() + static_cast<size_t>(i) * sizeof(T), sizeof(T));
  return v;
}

double float_at(const HostTensor& t, int64_t i) {
  switch (t.dtype) {
    case DType::Float16: return sim::abi::half_to_float(load<uint16_t>(t, i));
    case DType::BFloat16: return sim::abi::bf16_to_float(load<uint16_t>(t, i));
    case DType::Float64: return load<double>(t, i);
    default: return load<float>(t, i);  // float32, or a complex64 component
  }
}

// Integers compare as int64 so that int64 values beyond 2^53 stay exact.
int64_t integer_at(const HostTensor& t, int64_t i) {
  switch (t.dtype) {
    case DType::Int8: return load<int8_t>(t, i);
    case DType::UInt8: return load<uint8_t>(t, i);
    case DType::Int16: return load<int16_t>(t, i);
    case DType::Int32: return load<int32_t>(t, i);
    case DType::Int64: return load<int64_t>(t, i);
    case DType::Bool: return load<uint8_t>(t, i) != 0;
    default: throw std::logic_error("integer_at on a floating dtype");
  }
}

void check_same_layout(const HostTensor& out, const HostTensor& ref) {
  if (out.dtype != ref.dtype)
    throw std::invalid_argument(fmt::format("compare: output '{}' is {} but its reference is {}", out.name,
                                            dtype_name(out.dtype), dtype_name(ref.dtype)));
  if (out.shape != ref.shape)
    throw std::invalid_argument(fmt::format("compare: output '{}' has shape [{}] but its reference has [{}]",
                                            out.name, fmt::join(out.shape, ", "), fmt::join(ref.shape, ", ")));
  const size_t bytes = static_cast<size_t>(out.numel()) * dtype_size(out.dtype);
  for (const HostTensor* t : {&out, &ref})
    if (t->data.size() != bytes)
      throw std::invalid_argument(fmt::format("compare: tensor '{}' holds {} bytes, its shape needs {}", t->name,
                                              t->data.size(), bytes));
}

}  // namespace

Comparison compare(const HostTensor& out, const HostTensor& ref, Tolerance tolerance) {
  check_same_layout(out, ref);
  constexpr double inf = std::numeric_limits<double>::infinity();
  Comparison result;
  result.elements = out.numel() * (is_complex(out.dtype) ? 2 : 1);  // complex64: real and imaginary parts
  const bool floating = is_floating_point(out.dtype);
  for (int64_t i = 0; i < result.elements; ++i) {
    double abs_err, rel_err;
    bool ok;
    if (floating) {
      const double o = float_at(out, i), r = float_at(ref, i);
      if (std::isfinite(o) && std::isfinite(r)) {
        abs_err = std::abs(o - r);
        rel_err = abs_err / (std::abs(r) + 1e-7);
        ok = !(abs_err > tolerance.atol && rel_err > tolerance.rtol);
      } else {
        ok = (std::isnan(o) && std::isnan(r)) || o == r;
        abs_err = rel_err = ok ? 0 : inf;
      }
    } else {
      const int64_t o = integer_at(out, i), r = integer_at(ref, i);
      ok = o == r;
      abs_err = std::abs(static_cast<double>(o) - static_cast<double>(r));
      rel_err = abs_err / (std::abs(static_cast<double>(r)) + 1e-7);
    }
    result.max_abs_err = std::max(result.max_abs_err, abs_err);
    result.max_rel_err = std::max(result.max_rel_err, rel_err);
    if (!ok && result.mismatches++ == 0) result.first_mismatch = i;
  }
  result.passed = result.mismatches == 0;
  return result;
}

}  // namespace ascendgen
