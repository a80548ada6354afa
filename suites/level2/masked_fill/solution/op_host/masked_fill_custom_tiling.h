// Tiling data of MaskedFillCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef MASKED_FILL_CUSTOM_TILING_H
#define MASKED_FILL_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(MaskedFillCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);  // elements
  TILING_DATA_FIELD_DEF(float, value);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(MaskedFillCustom, MaskedFillCustomTilingData)
}  // namespace optiling
#endif
