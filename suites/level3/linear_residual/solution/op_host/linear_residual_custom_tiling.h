// Tiling data of LinearResidualCustom: the Matmul objects' TCubeTiling.
#include "register/tilingdata_base.h"
#include "tiling/tiling_api.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(LinearResidualCustomTilingData)
TILING_DATA_FIELD_DEF_STRUCT(TCubeTiling, cubeTilingData);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(LinearResidualCustom, LinearResidualCustomTilingData)
}  // namespace optiling
