// The host-side TCubeTiling (optiling::TCubeTiling): a tiling data class, so an operator's tiling
// data can hold one (TILING_DATA_FIELD_DEF_STRUCT(TCubeTiling, cubeTilingData)) and the matmul tiling
// can fill it (tiling.GetTiling(tilingData.cubeTilingData)). Its fields and their order are the
// kernel struct's (kernel_tiling/kernel_tiling.h), so the kernel reads what the host saved.
#pragma once
#include "../kernel_tiling/kernel_tiling.h"
#include "../register/tilingdata_base.h"

#ifndef ASCENDGEN_TILING_KERNEL_SIDE
namespace optiling {
#define ASCENDGEN_TCUBE_TILING_HOST_FIELD(name) TILING_DATA_FIELD_DEF(int32_t, name);
BEGIN_TILING_DATA_DEF(TCubeTiling)
ASCENDGEN_TCUBE_TILING_FIELDS(ASCENDGEN_TCUBE_TILING_HOST_FIELD)
END_TILING_DATA_DEF;
#undef ASCENDGEN_TCUBE_TILING_HOST_FIELD

// Copies the kernel struct's values into the host class.
inline void CopyCubeTiling(const ::TCubeTiling& from, TCubeTiling& to) {
#define ASCENDGEN_TCUBE_TILING_COPY(name) to.set_##name(from.name);
  ASCENDGEN_TCUBE_TILING_FIELDS(ASCENDGEN_TCUBE_TILING_COPY)
#undef ASCENDGEN_TCUBE_TILING_COPY
}
}  // namespace optiling
#endif
