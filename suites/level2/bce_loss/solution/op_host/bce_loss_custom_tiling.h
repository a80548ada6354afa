// Tiling data of BceLossCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef BCE_LOSS_CUSTOM_TILING_H
#define BCE_LOSS_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(BceLossCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);  // elements
  TILING_DATA_FIELD_DEF(int64_t, reduction);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(BceLossCustom, BceLossCustomTilingData)
}  // namespace optiling
#endif
