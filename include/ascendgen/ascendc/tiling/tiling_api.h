// CANN's host-side umbrella header for library-API tilings: matmul_tiling (MatmulApiTiling,
// MultiCoreMatmulTiling), the host tiling data class optiling::TCubeTiling, and the kernel-side
// tiling structs. Read in a kernel's translation unit (an operator's tiling header included by
// its kernel), it declares the kernel structs only.
#pragma once
#include "../kernel_tiling/kernel_tiling.h"
#ifndef ASCENDGEN_TILING_KERNEL_SIDE
#include "graph/tensor.h"
#include "operator/host_std.h"
#include "tiling/platform/platform_ascendc.h"
#include "matmul_tiling.h"
#include "matmul_tilingdata.h"
#endif
