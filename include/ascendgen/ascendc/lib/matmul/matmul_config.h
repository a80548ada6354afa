// Compile-time descriptions a Matmul is instantiated with: MatmulType (where a matrix lives, its
// format, element type, transpose), CubeFormat and LayoutMode, MatmulConfig (CFG_NORM, CFG_MDL,
// GetNormalConfig(), GetMDLConfig()) and the MatmulCallBackFunc hook, with CANN's spellings.
#pragma once
#include "../../kernel/types.h"

enum class CubeFormat : int32_t { ND = 0, NZ, ZN, ZZ, NN, ND_ALIGN, SCALAR, VECTOR };
enum class LayoutMode : int32_t { NONE = 0, BSNGD, SBNGD, BNGS1S2, NORMAL };

namespace AscendC {

template <TPosition POSITION, CubeFormat FORMAT, typename TYPE, bool ISTRANS = false,
          LayoutMode LAYOUT = LayoutMode::NONE, bool IBSHARE = false>
struct MatmulType {
  constexpr static TPosition pos = POSITION;
  constexpr static CubeFormat format = FORMAT;
  using T = TYPE;
  constexpr static bool isTrans = ISTRANS;
  constexpr static LayoutMode layout = LAYOUT;
  constexpr static bool ibShare = IBSHARE;
};

// The scheduling variant (norm, MDL, ...). The emulator computes every variant the same way; the
// config only exists so kernels naming one compile.
enum class MatmulConfigMode : int32_t { CONFIG_NORM, CONFIG_MDL, CONFIG_SPECIALMDL, CONFIG_IBSHARE };
struct MatmulConfig {
  MatmulConfigMode mode = MatmulConfigMode::CONFIG_NORM;
  bool doNorm = true;
  bool doMultiDataLoad = false;
  bool enableSetBias = true;
  bool enUnitFlag = true;
};

template <typename... Args> constexpr MatmulConfig GetNormalConfig(Args...) {
  return MatmulConfig{MatmulConfigMode::CONFIG_NORM, true, false, true, true};
}
template <typename... Args> constexpr MatmulConfig GetMDLConfig(Args...) {
  return MatmulConfig{MatmulConfigMode::CONFIG_MDL, false, true, true, false};
}
constexpr MatmulConfig CFG_NORM = GetNormalConfig();
constexpr MatmulConfig CFG_MDL = GetMDLConfig();

// User callbacks for data movement; only the empty one (no callbacks) is supported.
template <auto DataCopyOut = nullptr, auto CopyA1 = nullptr, auto CopyB1 = nullptr>
struct MatmulCallBackFunc {};

}  // namespace AscendC

using AscendC::MatmulConfig;
