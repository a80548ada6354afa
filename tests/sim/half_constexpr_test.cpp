// half and bfloat16_t convert in constant expressions (kernels declare `constexpr half one = 1.0;`),
// rounding to nearest even exactly as at run time.
#include "harness.h"

namespace {
constexpr half kOne = 1.0;
constexpr half kQuarter = 1.0 / static_cast<half>(4.0f);
constexpr bfloat16_t kThree = 3.0f;
static_assert(kOne.bits == 0x3c00);
static_assert(kQuarter.bits == 0x3400);
static_assert(float(kThree) == 3.0f);
static_assert(half(65520.0f).bits == 0x7c00);  // rounds to infinity
static_assert(half(1.0f + 1.0f / 2048).bits == 0x3c00);  // a tie rounds to even
}  // namespace

TEST_CASE("constexpr half conversions equal the run-time ones") {
  volatile float values[] = {1.0f, 0.25f, 65520.0f, 1.0f + 1.0f / 2048, 5.96e-8f, -3.14159f};
  constexpr uint16_t expected[] = {half(1.0f).bits, half(0.25f).bits, half(65520.0f).bits,
                                   half(1.0f + 1.0f / 2048).bits, half(5.96e-8f).bits, half(-3.14159f).bits};
  for (int i = 0; i < 6; ++i) CHECK(half(float(values[i])).bits == expected[i]);
}
