#include "element.h"

#include <memory>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace ascendgen::sim {

const float* half_table() {
  static const std::unique_ptr<float[]> table = [] {
    auto t = std::make_unique<float[]>(65536);
    for (uint32_t i = 0; i < 65536; ++i) t[i] = abi::half_to_float(static_cast<uint16_t>(i));
    return t;
  }();
  return table.get();
}

namespace {
#if defined(__x86_64__)
__attribute__((target("avx,f16c"))) void half_to_float_f16c(const uint16_t* in, float* out, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    _mm256_storeu_ps(out + i, _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i))));
  const float* table = half_table();
  for (; i < n; ++i) out[i] = table[in[i]];
}
__attribute__((target("avx,f16c"))) void float_to_half_f16c(const float* in, uint16_t* out, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i),
                     _mm256_cvtps_ph(_mm256_loadu_ps(in + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
  for (; i < n; ++i) out[i] = abi::half_from_float(in[i]);
}
const bool kHasF16c = __builtin_cpu_supports("f16c") && __builtin_cpu_supports("avx");
#else
constexpr bool kHasF16c = false;
#endif
}  // namespace

void half_to_float_n(const uint16_t* in, float* out, size_t n) {
#if defined(__x86_64__)
  if (kHasF16c) return half_to_float_f16c(in, out, n);
#endif
  const float* table = half_table();
  for (size_t i = 0; i < n; ++i) out[i] = table[in[i]];
}

void float_to_half_n(const float* in, uint16_t* out, size_t n) {
#if defined(__x86_64__)
  if (kHasF16c) return float_to_half_f16c(in, out, n);
#endif
  for (size_t i = 0; i < n; ++i) out[i] = abi::half_from_float(in[i]);
}

}  // namespace ascendgen::sim
