// Tiling data of AdamwCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef ADAMW_CUSTOM_TILING_H
#define ADAMW_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(AdamwCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);  // elements
  TILING_DATA_FIELD_DEF(float, lr);
  TILING_DATA_FIELD_DEF(float, beta1);
  TILING_DATA_FIELD_DEF(float, beta2);
  TILING_DATA_FIELD_DEF(float, eps);
  TILING_DATA_FIELD_DEF(float, weight_decay);
  TILING_DATA_FIELD_DEF(int64_t, step);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(AdamwCustom, AdamwCustomTilingData)
}  // namespace optiling
#endif
