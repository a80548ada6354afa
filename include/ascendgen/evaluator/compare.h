// compare: NPUKernelBench's correctness rule for one output tensor against its reference.
#pragma once
#include <cstdint>

#include "ascendgen/evaluator/host_tensor.h"
#include "ascendgen/task/task.h"

namespace ascendgen {

// The verdict on one output and the errors that explain it. Errors are over all elements; an
// element that fails because it is non-finite where the reference is not (or the other way round)
// counts as an infinite error.
struct Comparison {
  bool passed = false;
  double max_abs_err = 0, max_rel_err = 0;  // rel = abs / (|ref| + 1e-7)
  int64_t mismatches = 0;                   // elements that fail the rule
  int64_t first_mismatch = -1;              // flat (row-major) index of the first, -1 if none
  int64_t elements = 0;
};

// Floating outputs (fp16, bf16, fp32; compared in double): an element fails when
// |out - ref| > atol AND |out - ref| / (|ref| + 1e-7) > rtol, or when either side is non-finite and
// they differ (inf must match inf of the same sign; NaN matches NaN). Integer and bool outputs
// compare exactly (bool: any non-zero byte is true). Throws std::invalid_argument when the two
// tensors differ in dtype or shape or their data size does not match the shape.
Comparison compare(const HostTensor& out, const HostTensor& ref, Tolerance tolerance);

}  // namespace ascendgen
