// The boundary between the Matmul high-level API (lib/matmul_intf.h) and the emulator runtime:
// each GetTensorC / IterateAll reduces to one matmul_compute call on one block of C, which
// computes it as the cube unit would (fp32 or int32 accumulation, bias, dequantisation, output
// conversion) and records the cube instructions the block costs for the timing model.
#pragma once
#include "../../kernel/abi.h"

namespace ascendgen::sim::abi {

// A or B in GM, row-major as stored: element (row, col) of the stored matrix at ptr + row * ld + col.
// A is rows x k (stored k x rows when transposed); B is k x cols (stored cols x k when transposed).
struct MatmulOperand {
  GmRef gm;
  DType dtype = DType::F16;
  bool transpose = false;
  uint64_t ld = 0;
};

// Where a block of C goes: GM (row stride `ld` elements, optional atomic add) or UB (row stride `ld`).
struct MatmulOutput {
  bool to_ub = false;
  GmRef gm{};
  TensorRef ub{};
  DType dtype = DType::F32;
  uint64_t ld = 0;
  bool atomic_add = false;
};

// The L0 tiles and L1 depths of the Matmul object's tiling (TCubeTiling), checked against the
// core's L1/L0 capacities by matmul_init and used to price a block's cube instructions.
struct MatmulTiles {
  int32_t base_m = 0, base_n = 0, base_k = 0;
  int32_t depth_a1 = 0, depth_b1 = 0;
  int32_t step_ka = 0, step_kb = 0;
  int32_t is_bias = 0;
};

// One block of C = A x B (+ bias), then dequantised (scale per column or one scalar) and converted.
struct MatmulBlock {
  uint32_t m = 0, n = 0, k = 0;
  MatmulOperand a, b;
  bool has_bias = false;
  GmRef bias{};
  DType bias_dtype = DType::F32;
  uint8_t quant = 0;           // 0 none, 1 one scale (quant_scale_bits), 2 a uint64 per column in quant_vector
  uint32_t quant_scale_bits = 0;
  GmRef quant_vector{};
  MatmulOutput c;
  MatmulTiles tiles;
};

// Checks a Matmul object's tiling and types when the kernel calls Init (REGIST_MATMUL_OBJ), and
// that it runs where it can: on a cube core, or on a vector core of a mixed launch unless the kernel
// defined ASCENDC_CUBE_ONLY (`cube_only`).
void matmul_init(const MatmulTiles& tiles, DType a, DType b, DType c, DType bias, bool cube_only, Site site);
void matmul_compute(const char* api, const MatmulBlock& block, Site site);
// A kernel-facing failure of the Matmul API that its header detects (misuse of the call order).
[[noreturn]] void matmul_fail(const char* api, const char* detail, Site site);
// True on the AI cube core of a mixed launch, where CANN's REGIST_MATMUL_OBJ serves the vector
// cores' Matmul objects and then returns from the kernel.
bool matmul_is_server_core();
// The system workspace pointer the Matmul API's GetSysWorkSpacePtr returns (never null).
uint8_t* matmul_sys_workspace();

}  // namespace ascendgen::sim::abi
