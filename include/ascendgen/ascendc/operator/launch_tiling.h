// What a full operator's kernel reads of its launch, in libascendgen_sim: the tiling key and the
// tiling data the host's TilingFunc set (TILING_KEY_IS, GET_TILING_DATA). Kept apart from
// host_runtime.h so that kernel_operator.h includes no standard-library containers: every kernel
// compile would pay for parsing them.
#pragma once
#include <cstddef>
#include <cstdint>

namespace ascendgen::host {

// Set by the runner before a launch: the tiling key and the tiling data's size in bytes.
void set_launch_tiling(uint64_t key, size_t bytes);
uint64_t launch_tiling_key();
// Copies the launch's tiling data from the kernel's `tiling` argument into `out` (`size` bytes):
// at most the size the tiling function set, the rest zeroed.
void copy_tiling_data(void* out, size_t size, const void* tiling);

}  // namespace ascendgen::host
