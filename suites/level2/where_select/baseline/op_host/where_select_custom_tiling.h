// Tiling data of WhereSelectCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef WHERE_SELECT_CUSTOM_TILING_H
#define WHERE_SELECT_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(WhereSelectCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);  // elements
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(WhereSelectCustom, WhereSelectCustomTilingData)
}  // namespace optiling
#endif
