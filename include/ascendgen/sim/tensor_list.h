// The tensor-list descriptor through which CANN passes a dynamic input or output (an OpDef
// `ParamType(DYNAMIC)` port, a list of tensors) to a kernel. The kernel's GM_ADDR points at
// 64-bit little-endian words:
//
//   word 0                  byte offset from the descriptor's start to the data pointers
//   per tensor i, in order  (i << 32) | rank, then the tensor's `rank` dimensions
//   then                    one data pointer (GM address) per tensor
//
// AscendC::ListTensorDesc (kernel/list_tensor.h) decodes it; many kernels read it by hand (word 0,
// then data pointer i). The launch builds one per list parameter in its own GM buffer.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ascendgen/sim/global_memory.h"

namespace ascendgen::sim {

// One tensor of a list: where its elements are in GM and its shape.
struct TensorListElement {
  const uint8_t* data = nullptr;
  std::vector<int64_t> shape;
};

// The descriptor's words for these tensors; throws std::invalid_argument for an empty list (CANN
// gives a kernel no way to learn a count of zero) or a negative dimension.
std::vector<uint64_t> tensor_list_words(const std::vector<TensorListElement>& elements);

// Allocates a GM buffer named `name` holding the descriptor and returns it.
uint8_t* write_tensor_list(GlobalMemory& gm, const std::vector<TensorListElement>& elements, std::string name);

}  // namespace ascendgen::sim
