// Tiling data of SgdMomentumCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef SGD_MOMENTUM_CUSTOM_TILING_H
#define SGD_MOMENTUM_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(SgdMomentumCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);  // elements
  TILING_DATA_FIELD_DEF(float, lr);
  TILING_DATA_FIELD_DEF(float, momentum);
  TILING_DATA_FIELD_DEF(float, dampening);
  TILING_DATA_FIELD_DEF(float, weight_decay);
  TILING_DATA_FIELD_DEF(int64_t, nesterov);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(SgdMomentumCustom, SgdMomentumCustomTilingData)
}  // namespace optiling
#endif
