// The emulator's host runtime for full operators, in libascendgen_sim: the registry OP_ADD fills
// when an operator's shared object loads, the tiling-data overflow note SaveToBuffer leaves, and
// the launch's tiling key and tiling size that TILING_KEY_IS and GET_TILING_DATA read
// (operator/launch_tiling.h, the part kernels include).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "operator/launch_tiling.h"

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

}  // namespace ascendgen::host
