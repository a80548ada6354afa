// The emulator's host runtime for full operators, in libascendgen_sim: the registry OP_ADD fills
// when an operator's shared object loads, the tiling-data overflow note SaveToBuffer leaves, and
// the launch's tiling key and tiling size that TILING_KEY_IS and GET_TILING_DATA read.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ops {
class OpDef;
}

namespace ascendgen::host {

using OpFactory = ops::OpDef* (*)(const char* op_type);

// Records `factory` under `op_type` (a later registration of the same type replaces it). Returns
// true, so OP_ADD can run it in a static initialiser.
bool register_op(const char* op_type, OpFactory factory);
// The factory registered for `op_type`; nullptr when there is none.
OpFactory find_op(const std::string& op_type);
// Every registered type, sorted (for error messages).
std::vector<std::string> registered_ops();

// SaveToBuffer found `needed` bytes of tiling data for a buffer of `capacity`.
void report_tiling_overflow(size_t needed, size_t capacity);
// The largest overflow reported since the last call ({0, 0} when none), and clears it.
struct TilingOverflow {
  size_t needed = 0, capacity = 0;
};
TilingOverflow take_tiling_overflow();

// Set by the runner before a launch: the tiling key and the tiling data's size in bytes.
void set_launch_tiling(uint64_t key, size_t bytes);
uint64_t launch_tiling_key();
// Copies the launch's tiling data from the kernel's `tiling` argument into `out` (`size` bytes):
// at most the size the tiling function set, the rest zeroed.
void copy_tiling_data(void* out, size_t size, const void* tiling);

}  // namespace ascendgen::host
