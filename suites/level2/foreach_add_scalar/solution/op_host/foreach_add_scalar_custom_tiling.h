// Tiling data of ForeachAddScalarCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef FOREACH_ADD_SCALAR_CUSTOM_TILING_H
#define FOREACH_ADD_SCALAR_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(ForeachAddScalarCustomTilingData)
  TILING_DATA_FIELD_DEF_ARR(int64_t, 3, lengths);
  TILING_DATA_FIELD_DEF(float, scalar);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(ForeachAddScalarCustom, ForeachAddScalarCustomTilingData)
}  // namespace optiling
#endif
