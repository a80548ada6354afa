// Tiling data and compile info of ScaleCustom.
#ifndef SCALE_CUSTOM_TILING_H
#define SCALE_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(ScaleCustomTilingData)
  TILING_DATA_FIELD_DEF(uint32_t, totalLength);  // elements
  TILING_DATA_FIELD_DEF(uint32_t, tileLength);   // elements per UB tile
  TILING_DATA_FIELD_DEF(uint32_t, blockLength);  // elements per core, a multiple of 32 bytes
  TILING_DATA_FIELD_DEF(float, scale);
END_TILING_DATA_DEF;
REGISTER_TILING_DATA_CLASS(ScaleCustom, ScaleCustomTilingData)

// Elements per UB tile: 2 queues x 2 buffers share the UB, in 256-byte units. The header is also
// read by the kernel's unit, and std::min comes with CANN's headers (no <algorithm> here).
inline uint32_t TileElements(uint64_t ubSize, uint32_t typeSize) {
  return static_cast<uint32_t>(std::min<uint64_t>(ubSize / 4 / 256 * 256, 0xFFFFFFFFu) / typeSize);
}

// Filled once by TilingPrepareForScale from the platform.
struct ScaleCompileInfo {
  uint32_t coreNum = 0;
  uint64_t ubSize = 0;
};
}  // namespace optiling
#endif
