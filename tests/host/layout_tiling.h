// A tiling data definition with fields of every alignment, an array and a nested struct. It is
// compiled twice: on the host side by tiling_data_test.cpp and on the kernel side by
// kernel_side_layout.cpp, which must agree byte for byte.
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(InnerTiling)
  TILING_DATA_FIELD_DEF(uint16_t, a);
  TILING_DATA_FIELD_DEF(int64_t, b);
END_TILING_DATA_DEF;

BEGIN_TILING_DATA_DEF(LayoutTiling)
  TILING_DATA_FIELD_DEF(uint8_t, flag);
  TILING_DATA_FIELD_DEF(float, scale);
  TILING_DATA_FIELD_DEF_ARR(uint32_t, 3, splits);
  TILING_DATA_FIELD_DEF(uint64_t, total);
  TILING_DATA_FIELD_DEF_STRUCT(InnerTiling, inner);
  TILING_DATA_FIELD_DEF(int16_t, tail);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(LayoutOp, LayoutTiling)
}  // namespace optiling
