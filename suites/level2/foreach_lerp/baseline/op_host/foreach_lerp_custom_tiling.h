// Tiling data of ForeachLerpCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef FOREACH_LERP_CUSTOM_TILING_H
#define FOREACH_LERP_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(ForeachLerpCustomTilingData)
  TILING_DATA_FIELD_DEF_ARR(int64_t, 3, lengths);
  TILING_DATA_FIELD_DEF(float, weight);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(ForeachLerpCustom, ForeachLerpCustomTilingData)
}  // namespace optiling
#endif
