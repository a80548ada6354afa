// Tiling data of ClampMinmaxCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef CLAMP_MINMAX_CUSTOM_TILING_H
#define CLAMP_MINMAX_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(ClampMinmaxCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);  // elements
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(ClampMinmaxCustom, ClampMinmaxCustomTilingData)
}  // namespace optiling
#endif
