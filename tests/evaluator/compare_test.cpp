#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "ascendgen/ascendc/kernel/types.h"  // half/bf16 encoders
#include "ascendgen/evaluator/compare.h"

using ascendgen::compare;
using ascendgen::DType;
using ascendgen::HostTensor;
using ascendgen::Tolerance;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

template <typename T>
HostTensor tensor_of(DType dtype, const std::vector<T>& values) {
  HostTensor t{"t", dtype, {static_cast<int64_t>(values.size())}, std::vector<uint8_t>(values.size() * sizeof(T))};
  std::memcpy(t.data.data(), values.data(), t.data.size());
  return t;
}

HostTensor floats(DType dtype, const std::vector<double>& values) {
  std::vector<uint16_t> bits;
  switch (dtype) {
    case DType::Float32: {
      std::vector<float> f(values.begin(), values.end());
      return tensor_of(dtype, f);
    }
    case DType::Float16:
      for (double v : values) bits.push_back(ascendgen::sim::abi::half_from_float(static_cast<float>(v)));
      return tensor_of(dtype, bits);
    default:
      for (double v : values) bits.push_back(ascendgen::sim::abi::bf16_from_float(static_cast<float>(v)));
      return tensor_of(dtype, bits);
  }
}

}  // namespace

TEST_CASE("compare: an element fails only when both the absolute and the relative error exceed") {
  for (DType dtype : {DType::Float32, DType::Float16, DType::BFloat16}) {
    CAPTURE(dtype_name(dtype));
    // abs 0.5 > atol but rel 0.5/1024 < rtol; abs 2^-12 < atol though rel is large; then a plain miss.
    const HostTensor ref = floats(dtype, {1024, 0.0, 2.0, 1.0});
    const HostTensor near = floats(dtype, {1024, 0.000244140625, 2.0, 1.0});
    CHECK(compare(near, ref, {}).passed);
    const HostTensor off = floats(dtype, {1024, 0.0, 2.0, 1.5});
    const auto c = compare(off, ref, {});
    CHECK_FALSE(c.passed);
    CHECK(c.mismatches == 1);
    CHECK(c.first_mismatch == 3);
    CHECK(c.elements == 4);
    CHECK(c.max_abs_err == doctest::Approx(0.5));
    CHECK(c.max_rel_err == doctest::Approx(0.5 / (1 + 1e-7)));
    CHECK(compare(off, ref, Tolerance{0.6, 0}).passed);
    CHECK(compare(off, ref, Tolerance{0, 0.6}).passed);
  }
}

TEST_CASE("compare: fp32 errors are measured in double around the 1e-3 thresholds") {
  const HostTensor ref = floats(DType::Float32, {1.0, 1.0, 100.0});
  // 1 + 9.5e-4 passes on abs; 1 + 1.1e-3 fails both; 100.09 passes on rel (9e-4) despite abs 0.09.
  const auto c = compare(floats(DType::Float32, {1.00095, 1.0011, 100.09}), ref, {});
  CHECK(c.mismatches == 1);
  CHECK(c.first_mismatch == 1);
  CHECK(c.max_abs_err == doctest::Approx(0.09).epsilon(1e-4));
  CHECK(c.max_rel_err == doctest::Approx(1.1e-3).epsilon(1e-3));
}

TEST_CASE("compare: fp16 and bf16 resolution against the default tolerance") {
  // Next fp16 after 1 is 1 + 2^-10 (abs 9.8e-4, passes); two steps (1.95e-3) fail.
  const HostTensor ref16 = floats(DType::Float16, {1.0, 1.0});
  const auto c16 = compare(floats(DType::Float16, {1.0009765625, 1.001953125}), ref16, {});
  CHECK(c16.mismatches == 1);
  CHECK(c16.first_mismatch == 1);
  CHECK(c16.max_abs_err == doctest::Approx(0.001953125));
  // bf16 spacing at 256 is 2: one step is a relative error of 2/256, too much for 1e-3, fine for 1e-2.
  const HostTensor ref_bf = floats(DType::BFloat16, {256});
  const HostTensor out_bf = floats(DType::BFloat16, {258});
  CHECK_FALSE(compare(out_bf, ref_bf, {}).passed);
  CHECK(compare(out_bf, ref_bf, Tolerance{1e-2, 1e-2}).passed);
}

TEST_CASE("compare: non-finite values") {
  for (DType dtype : {DType::Float32, DType::Float16, DType::BFloat16}) {
    CAPTURE(dtype_name(dtype));
    const HostTensor ref = floats(dtype, {1.0, kNaN, kInf, -kInf, kInf, 2.0, kNaN});
    const HostTensor out = floats(dtype, {kNaN, kNaN, kInf, -kInf, -kInf, kInf, 0.0});
    const auto c = compare(out, ref, Tolerance{1e9, 1e9});  // no tolerance excuses a non-finite mismatch
    CHECK(c.mismatches == 4);  // NaN for 1, -inf for +inf, inf for 2, 0 for NaN
    CHECK(c.first_mismatch == 0);
    CHECK(c.max_abs_err == kInf);
    CHECK(c.max_rel_err == kInf);
    // NaN where the reference is NaN and matching infinities pass.
    const HostTensor same = floats(dtype, {kNaN, kInf, -kInf});
    const auto ok = compare(same, same, {});
    CHECK(ok.passed);
    CHECK(ok.max_abs_err == 0);
  }
}

TEST_CASE("compare: bool and integers compare exactly whatever the tolerance") {
  const HostTensor ref_b = tensor_of<uint8_t>(DType::Bool, {1, 0, 1, 0});
  CHECK(compare(tensor_of<uint8_t>(DType::Bool, {2, 0, 255, 0}), ref_b, {}).passed);  // any non-zero byte is true
  const auto cb = compare(tensor_of<uint8_t>(DType::Bool, {1, 1, 0, 0}), ref_b, Tolerance{10, 10});
  CHECK(cb.mismatches == 2);
  CHECK(cb.first_mismatch == 1);
  CHECK(cb.max_abs_err == 1);

  const HostTensor ref_i = tensor_of<int32_t>(DType::Int32, {7, -3, 100000});
  CHECK(compare(ref_i, ref_i, {}).passed);
  const auto ci = compare(tensor_of<int32_t>(DType::Int32, {7, -3, 100001}), ref_i, Tolerance{10, 10});
  CHECK_FALSE(ci.passed);
  CHECK(ci.first_mismatch == 2);
  CHECK(ci.max_abs_err == 1);
  CHECK(ci.max_rel_err == doctest::Approx(1e-5));

  const int64_t big = int64_t{1} << 53;  // beyond double's exact integers
  CHECK_FALSE(compare(tensor_of<int64_t>(DType::Int64, {big + 1}), tensor_of<int64_t>(DType::Int64, {big}), {}).passed);
  CHECK_FALSE(compare(tensor_of<int8_t>(DType::Int8, {-1}), tensor_of<int8_t>(DType::Int8, {1}), {}).passed);
  CHECK(compare(tensor_of<uint8_t>(DType::UInt8, {200}), tensor_of<uint8_t>(DType::UInt8, {200}), {}).passed);
  CHECK_FALSE(compare(tensor_of<int16_t>(DType::Int16, {-300}), tensor_of<int16_t>(DType::Int16, {300}), {}).passed);
}

TEST_CASE("compare: scalars and multi-dimensional tensors use flat indices") {
  HostTensor ref = floats(DType::Float32, {0, 1, 2, 3, 4, 5});
  ref.shape = {2, 3};
  HostTensor out = ref;
  const float bad = 9;
  std::memcpy(out.data.data() + 4 * sizeof(float), &bad, sizeof bad);
  CHECK(compare(out, ref, {}).first_mismatch == 4);
  HostTensor scalar = floats(DType::Float32, {3});
  scalar.shape = {};
  CHECK(compare(scalar, scalar, {}).elements == 1);
}

TEST_CASE("compare: tensors that cannot be compared are rejected") {
  const HostTensor ref = floats(DType::Float32, {1, 2});
  CHECK_THROWS_WITH_AS(compare(floats(DType::Float16, {1, 2}), ref, {}), doctest::Contains("float16"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(compare(floats(DType::Float32, {1, 2, 3}), ref, {}), doctest::Contains("shape [3]"),
                       std::invalid_argument);
  HostTensor short_data = ref;
  short_data.data.pop_back();
  CHECK_THROWS_WITH_AS(compare(short_data, ref, {}), doctest::Contains("holds 7 bytes"), std::invalid_argument);
}

TEST_CASE("compare: complex64 compares real and imaginary parts, float64 in double") {
  // Two complex64 elements (re, im, re, im); only the second one's imaginary part is off.
  const HostTensor ref{"c", DType::Complex64, {2}, {}};
  HostTensor expected = ref, out = ref;
  const std::vector<float> ref_parts = {1.0f, -2.0f, 3.0f, 4.0f}, out_parts = {1.0f, -2.0f, 3.0f, 4.5f};
  for (auto [t, parts] : {std::pair{&expected, &ref_parts}, std::pair{&out, &out_parts}}) {
    t->data.resize(parts->size() * sizeof(float));
    std::memcpy(t->data.data(), parts->data(), t->data.size());
  }
  const auto c = compare(out, expected, Tolerance{1e-3, 1e-3});
  CHECK(c.elements == 4);
  CHECK(c.mismatches == 1);
  CHECK(c.first_mismatch == 3);
  CHECK(compare(expected, expected, Tolerance{0, 0}).passed);

  const HostTensor wide = tensor_of(DType::Float64, std::vector<double>{1.0, 1.0 + 1e-12});
  const HostTensor wide_ref = tensor_of(DType::Float64, std::vector<double>{1.0, 1.0});
  CHECK(compare(wide, wide_ref, Tolerance{0, 0}).mismatches == 1);  // float32 would round the difference away
  CHECK(compare(wide, wide_ref, Tolerance{1e-9, 1e-9}).passed);
}
