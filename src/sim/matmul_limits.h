// The cube core's buffer capacities and the rule a matmul tiling must satisfy to fit them: one
// statement used both by the host tiling algorithm (tiling_api.h) and by Matmul::Init in a kernel.
#pragma once
#include <cstdint>
#include <string>

#include "ascendgen/ascendc/lib/matmul/matmul_abi.h"

namespace ascendgen::sim {

// Per AI cube core of the 910B (docs: /work/shared/design/ascendc-notes.md, "The machine").
struct CubeBuffers {
  uint32_t l1 = 512 * 1024;
  uint32_t l0a = 64 * 1024;
  uint32_t l0b = 64 * 1024;
  uint32_t l0c = 128 * 1024;
};

// Elements of `dt` per 32-byte fractal row (C0): 16 for 16-bit types, 32 for int8, 8 for float.
uint32_t cube_c0(abi::DType dt);

// What is wrong with `t` for A of type `a` (with a bias of type `bias` when t.is_bias), or "" when
// it fits: base sizes positive and fractal-aligned, L0A/L0B/L0C tiles within capacity, and the L1
// tiles (depthA1 x baseM x baseK + depthB1 x baseK x baseN + bias) within L1.
std::string matmul_tiling_problem(const abi::MatmulTiles& t, abi::DType a, abi::DType bias,
                                  const CubeBuffers& buffers = {});

}  // namespace ascendgen::sim
