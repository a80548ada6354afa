// Tiling data of QuantMatmulCustom: the Matmul objects' TCubeTiling and the dequantisation scale.
#include "register/tilingdata_base.h"
#include "tiling/tiling_api.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(QuantMatmulCustomTilingData)
TILING_DATA_FIELD_DEF_STRUCT(TCubeTiling, cubeTilingData);
TILING_DATA_FIELD_DEF(float, scale);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(QuantMatmulCustom, QuantMatmulCustomTilingData)
}  // namespace optiling
