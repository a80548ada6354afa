// Tiling data of AddcmulCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef ADDCMUL_CUSTOM_TILING_H
#define ADDCMUL_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(AddcmulCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, rows);
  TILING_DATA_FIELD_DEF(int64_t, cols);
  TILING_DATA_FIELD_DEF(float, value);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(AddcmulCustom, AddcmulCustomTilingData)
}  // namespace optiling
#endif
