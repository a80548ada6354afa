// Tiling data of NllLossCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef NLL_LOSS_CUSTOM_TILING_H
#define NLL_LOSS_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(NllLossCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, rows);
  TILING_DATA_FIELD_DEF(int64_t, cols);
  TILING_DATA_FIELD_DEF(int64_t, reduction);
  TILING_DATA_FIELD_DEF(int64_t, ignoreIndex);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(NllLossCustom, NllLossCustomTilingData)
}  // namespace optiling
#endif
