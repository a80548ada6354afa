// Tiling data of CrossEntropyLossCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef CROSS_ENTROPY_LOSS_CUSTOM_TILING_H
#define CROSS_ENTROPY_LOSS_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(CrossEntropyLossCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, rows);
  TILING_DATA_FIELD_DEF(int64_t, cols);
  TILING_DATA_FIELD_DEF(int64_t, reduction);
  TILING_DATA_FIELD_DEF(int64_t, ignoreIndex);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(CrossEntropyLossCustom, CrossEntropyLossCustomTilingData)
}  // namespace optiling
#endif
