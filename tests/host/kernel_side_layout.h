// The kernel-side view of layout_tiling.h (kernel_side_layout.cpp), for tiling_data_test.cpp.
#pragma once
#include <cstdint>
#include <vector>

// The bytes of the kernel's LayoutTiling struct holding the values tiling_data_test.cpp sets.
std::vector<unsigned char> kernel_layout_bytes();

// What GET_TILING_DATA gives the kernel from `tiling`: total and inner.b.
struct KernelView {
  uint64_t total;
  int64_t inner_b;
  int16_t tail;
};
KernelView kernel_view(const void* tiling);
