#include "matmul_limits.h"

#include <fmt/format.h>

#include "core.h"

namespace ascendgen::sim {

uint32_t cube_c0(abi::DType dt) { return 32 / static_cast<uint32_t>(dtype_size(dt)); }

std::string matmul_tiling_problem(const abi::MatmulTiles& t, abi::DType a, abi::DType bias, const CubeBuffers& b) {
  const uint64_t es = dtype_size(a), c0 = cube_c0(a);
  if (t.base_m <= 0 || t.base_n <= 0 || t.base_k <= 0)
    return fmt::format("baseM, baseN and baseK must be positive (got {}, {}, {})", t.base_m, t.base_n, t.base_k);
  if (t.base_m % 16 != 0 || t.base_n % 16 != 0)
    return fmt::format("baseM {} and baseN {} must be multiples of 16 (the cube's fractal)", t.base_m, t.base_n);
  if (t.base_k % c0 != 0)
    return fmt::format("baseK {} must be a multiple of {} for {} (32 bytes)", t.base_k, c0, dtype_name(a));
  const uint64_t l0a = uint64_t(t.base_m) * t.base_k * es, l0b = uint64_t(t.base_k) * t.base_n * es;
  const uint64_t l0c = uint64_t(t.base_m) * t.base_n * 4;
  if (l0a > b.l0a) return fmt::format("baseM x baseK = {} bytes exceeds L0A ({} bytes)", l0a, b.l0a);
  if (l0b > b.l0b) return fmt::format("baseK x baseN = {} bytes exceeds L0B ({} bytes)", l0b, b.l0b);
  if (l0c > b.l0c) return fmt::format("baseM x baseN x 4 = {} bytes exceeds L0C ({} bytes)", l0c, b.l0c);
  if (t.depth_a1 <= 0 || t.depth_b1 <= 0)
    return fmt::format("depthA1 and depthB1 must be at least 1 (got {}, {})", t.depth_a1, t.depth_b1);
  const uint64_t bias_bytes = t.is_bias ? uint64_t(t.base_n) * dtype_size(bias) : 0;
  const uint64_t l1 = t.depth_a1 * l0a + t.depth_b1 * l0b + bias_bytes;
  if (l1 > b.l1)
    return fmt::format("depthA1 x baseM x baseK + depthB1 x baseK x baseN{} = {} bytes exceeds L1 ({} bytes)",
                       t.is_bias ? " + bias" : "", l1, b.l1);
  return {};
}

}  // namespace ascendgen::sim
