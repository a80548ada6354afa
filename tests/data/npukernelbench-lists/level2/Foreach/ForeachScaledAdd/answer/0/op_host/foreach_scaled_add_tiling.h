// ForeachScaledAdd tiling data (fixture): the list's length and each tensor's element count.
#pragma once
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(ForeachScaledAddTilingData)
TILING_DATA_FIELD_DEF(uint32_t, tensorCount);
TILING_DATA_FIELD_DEF_ARR(uint32_t, 8, lengths);
END_TILING_DATA_DEF;
REGISTER_TILING_DATA_CLASS(ForeachScaledAdd, ForeachScaledAddTilingData)
}  // namespace optiling
