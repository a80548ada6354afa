// Tiling data of AdagradCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef ADAGRAD_CUSTOM_TILING_H
#define ADAGRAD_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(AdagradCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, totalLength);  // elements
  TILING_DATA_FIELD_DEF(float, lr);
  TILING_DATA_FIELD_DEF(float, lr_decay);
  TILING_DATA_FIELD_DEF(float, eps);
  TILING_DATA_FIELD_DEF(float, weight_decay);
  TILING_DATA_FIELD_DEF(int64_t, step);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(AdagradCustom, AdagradCustomTilingData)
}  // namespace optiling
#endif
