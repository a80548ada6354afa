// Tiling data of LambUpdateNormsCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef LAMB_UPDATE_NORMS_CUSTOM_TILING_H
#define LAMB_UPDATE_NORMS_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(LambUpdateNormsCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);
  TILING_DATA_FIELD_DEF(float, lr);
  TILING_DATA_FIELD_DEF(float, beta1);
  TILING_DATA_FIELD_DEF(float, beta2);
  TILING_DATA_FIELD_DEF(float, eps);
  TILING_DATA_FIELD_DEF(float, weightDecay);
  TILING_DATA_FIELD_DEF(int64_t, step);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(LambUpdateNormsCustom, LambUpdateNormsCustomTilingData)
}  // namespace optiling
#endif
