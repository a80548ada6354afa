// CANN's host-side umbrella header for library-API tilings: matmul_tiling (MatmulApiTiling,
// MultiCoreMatmulTiling) and the kernel-side tiling structs they fill.
#pragma once
#include "../kernel_tiling/kernel_tiling.h"
#include "matmul_tiling.h"
