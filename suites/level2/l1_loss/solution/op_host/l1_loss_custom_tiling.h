// Tiling data of L1LossCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef L1_LOSS_CUSTOM_TILING_H
#define L1_LOSS_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(L1LossCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);  // elements
  TILING_DATA_FIELD_DEF(int64_t, reduction);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(L1LossCustom, L1LossCustomTilingData)
}  // namespace optiling
#endif
