// CANN's header name for the Matmul high-level API: include it after kernel_operator.h.
//
// REGIST_MATMUL_OBJ(&pipe, GetSysWorkSpacePtr(), mm, &tiling[, mm2, &tiling2 ...]) initialises
// Matmul objects. In a mixed (cube + vector) launch CANN turns the AI cube core into a server for
// the vector cores' Matmul objects and returns from the kernel on it; the emulator computes each
// Matmul call on the core that makes it (docs/matmul.md), so on the cube core it simply returns.
// With ASCENDC_CUBE_ONLY defined before this header, the objects live on the cube cores instead
// and REGIST_MATMUL_OBJ only initialises them (guard vector code with ASCEND_IS_AIV).
#pragma once
#include "../kernel_operator.h"
#include "matmul/matmul.h"

#ifdef ASCENDC_CUBE_ONLY
#define REGIST_MATMUL_OBJ(tpipe, workspace, ...) AscendC::detail::init_matmul_objects(tpipe, __VA_ARGS__)
#else
#define REGIST_MATMUL_OBJ(tpipe, workspace, ...)                    \
  if (ascendgen::sim::abi::matmul_is_server_core()) return;        \
  AscendC::detail::init_matmul_objects(tpipe, __VA_ARGS__)
#endif
