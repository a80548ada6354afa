// The launch workspace as kernels see it. A 910B launch's workspace starts with the 16 MiB CANN
// reserves for its library APIs (GetLibApiWorkSpaceSize on the host); GetUserWorkspace skips it.
#pragma once
#include "types.h"

namespace AscendC {

// RESERVED_WORKSPACE of CANN's kernel headers for __NPU_ARCH__ 2201; the host side reports the same
// 16 MiB through GetLibApiWorkSpaceSize (src/evaluator/operator_launch.cpp).
constexpr size_t RESERVED_WORKSPACE = 16 * 1024 * 1024;

// The user part of the workspace. A tiling function that did not add the system part to its
// workspace size leaves this pointer past the allocation: the first access then fails, as it
// would corrupt memory on the NPU.
inline GM_ADDR GetUserWorkspace(GM_ADDR workspace) {
  return reinterpret_cast<GM_ADDR>(reinterpret_cast<uintptr_t>(workspace) + RESERVED_WORKSPACE);
}

// Deprecated in CANN: on Atlas A2 the system workspace address comes from the launch itself, so
// the call changes nothing there (nor here).
inline void SetSysWorkspace(GM_ADDR) {}

}  // namespace AscendC
