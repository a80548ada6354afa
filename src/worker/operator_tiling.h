// Runs a full operator's host tiling function inside ascendgen-worker (docs/operators.md): finds
// the OpDef that OP_ADD registered when the artifact loaded, builds a gert::TilingContext from the
// case and the platform, calls the function and checks what it set.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ascendgen/evaluator/operator_launch.h"

namespace ascendgen::worker {

struct TilingRun {
  // Empty when the launch may go ahead; else tiling_not_registered, op_def_mismatch,
  // tiling_exception, tiling_failed, tiling_data_overflow or tiling_block_dim.
  std::string error_kind;
  std::string message;
  TilingOutcome outcome;
  std::vector<uint8_t> tiling_data;  // outcome.tiling_bytes bytes
};

// `buffers[i]` is the launch's i-th GM buffer; inputs' data are shown through GetInputTensor.
// Never throws for what the candidate's host code does.
TilingRun run_operator_tiling(const OperatorLaunch& launch, const std::vector<uint8_t*>& buffers,
                              const std::vector<uint64_t>& buffer_bytes);

}  // namespace ascendgen::worker
