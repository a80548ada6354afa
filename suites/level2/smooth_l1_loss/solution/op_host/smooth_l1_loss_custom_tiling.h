// Tiling data of SmoothL1LossCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef SMOOTH_L1_LOSS_CUSTOM_TILING_H
#define SMOOTH_L1_LOSS_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(SmoothL1LossCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);  // elements
  TILING_DATA_FIELD_DEF(int64_t, reduction);
  TILING_DATA_FIELD_DEF(float, beta);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(SmoothL1LossCustom, SmoothL1LossCustomTilingData)
}  // namespace optiling
#endif
