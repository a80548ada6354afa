// Tiling data of KlDivLossCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef KL_DIV_LOSS_CUSTOM_TILING_H
#define KL_DIV_LOSS_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(KlDivLossCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);  // elements
  TILING_DATA_FIELD_DEF(int64_t, reduction);
  TILING_DATA_FIELD_DEF(int64_t, batch);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(KlDivLossCustom, KlDivLossCustomTilingData)
}  // namespace optiling
#endif
