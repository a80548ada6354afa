// Tiling data of BceWithLogitsLossCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef BCE_WITH_LOGITS_LOSS_CUSTOM_TILING_H
#define BCE_WITH_LOGITS_LOSS_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(BceWithLogitsLossCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);  // elements
  TILING_DATA_FIELD_DEF(int64_t, reduction);
  TILING_DATA_FIELD_DEF(float, pos_weight);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(BceWithLogitsLossCustom, BceWithLogitsLossCustomTilingData)
}  // namespace optiling
#endif
