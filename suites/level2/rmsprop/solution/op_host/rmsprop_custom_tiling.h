// Tiling data of RmspropCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef RMSPROP_CUSTOM_TILING_H
#define RMSPROP_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(RmspropCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);  // elements
  TILING_DATA_FIELD_DEF(float, lr);
  TILING_DATA_FIELD_DEF(float, alpha);
  TILING_DATA_FIELD_DEF(float, eps);
  TILING_DATA_FIELD_DEF(float, weight_decay);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(RmspropCustom, RmspropCustomTilingData)
}  // namespace optiling
#endif
