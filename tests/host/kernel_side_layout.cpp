// layout_tiling.h as the kernel's translation unit sees it (what the compiler's kernel unit does).
#define ASCENDGEN_TILING_KERNEL_SIDE 1
#define optiling kernel_side_optiling
#define ASCENDGEN_OP_TILING_DATA ascendgen_tiling_data_LayoutOp
#include "layout_tiling.h"
using namespace optiling;
#undef optiling
#include "operator/kernel_tiling_macros.h"

#include <cstring>

#include "kernel_side_layout.h"

std::vector<unsigned char> kernel_layout_bytes() {
  kernel_side_optiling::LayoutTiling t;
  std::memset(&t, 0, sizeof(t));
  t.flag = 7;
  t.scale = 0.5f;
  t.splits[0] = 10, t.splits[1] = 20, t.splits[2] = 30;
  t.total = 0x0102030405060708ull;
  t.inner.a = 9;
  t.inner.b = -3;
  t.tail = -2;
  const auto* p = reinterpret_cast<const unsigned char*>(&t);
  return {p, p + sizeof(t)};
}

KernelView kernel_view(const void* tiling) {
  GET_TILING_DATA(tilingData, tiling);
  return {tilingData.total, tilingData.inner.b, tilingData.tail};
}
