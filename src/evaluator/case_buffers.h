// Where a case's tensors sit among a launch's GM buffers, for the evaluator's worker request and
// the operator launch's tiling context to agree on: first one buffer per kernel parameter, in
// order (a tensor list's parameter is its descriptor), then every tensor-list element, the inputs'
// lists before the outputs', each list's elements in order.
#pragma once
#include <cstddef>
#include <vector>

#include "ascendgen/task/task.h"

namespace ascendgen::detail {

struct CaseBuffers {
  std::vector<int> inputs, outputs;         // per TestCase instance: its buffer; -1 when the kernel does not take it
  std::vector<std::vector<size_t>> lists;   // per kernel parameter: a tensor list's element buffers, else empty
  size_t count = 0;                         // buffers in all
  // Per buffer: the buffer whose GM memory it is, else -1. An in-place output's parameter gets its
  // input's address, as CANN passes a ref output; the output (`outputs`) is read from the input's buffer.
  std::vector<int> aliases;
};

CaseBuffers case_buffers(const Task& task, const TestCase& test_case);

}  // namespace ascendgen::detail
