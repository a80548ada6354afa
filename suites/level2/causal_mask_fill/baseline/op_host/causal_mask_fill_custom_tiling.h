// Tiling data of CausalMaskFillCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef CAUSAL_MASK_FILL_CUSTOM_TILING_H
#define CAUSAL_MASK_FILL_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(CausalMaskFillCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, batch);
  TILING_DATA_FIELD_DEF(int64_t, queries);
  TILING_DATA_FIELD_DEF(int64_t, keys);
  TILING_DATA_FIELD_DEF(float, scale);
  TILING_DATA_FIELD_DEF(float, fillValue);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(CausalMaskFillCustom, CausalMaskFillCustomTilingData)
}  // namespace optiling
#endif
