// Tiling data of DropoutWithMaskCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef DROPOUT_WITH_MASK_CUSTOM_TILING_H
#define DROPOUT_WITH_MASK_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(DropoutWithMaskCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);  // elements
  TILING_DATA_FIELD_DEF(float, p);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(DropoutWithMaskCustom, DropoutWithMaskCustomTilingData)
}  // namespace optiling
#endif
