// Tiling data of HuberLossCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef HUBER_LOSS_CUSTOM_TILING_H
#define HUBER_LOSS_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(HuberLossCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);  // elements
  TILING_DATA_FIELD_DEF(int64_t, reduction);
  TILING_DATA_FIELD_DEF(float, delta);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(HuberLossCustom, HuberLossCustomTilingData)
}  // namespace optiling
#endif
