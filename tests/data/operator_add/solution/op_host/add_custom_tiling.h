// Tiling data of AddCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef ADD_CUSTOM_TILING_H
#define ADD_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(AddCustomTilingData)
  TILING_DATA_FIELD_DEF(uint32_t, totalLength);  // elements
  TILING_DATA_FIELD_DEF(uint32_t, tileLength);   // elements per UB tile
  TILING_DATA_FIELD_DEF(float, alpha);
  TILING_DATA_FIELD_DEF(int64_t, blockLength);   // elements per core, a multiple of 32 bytes
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(AddCustom, AddCustomTilingData)
}  // namespace optiling
#endif
