// HostTensor: a tensor in host memory as plain bytes, what the reference runner produces, a worker
// process hands back and compare() reads. No libtorch here.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ascendgen/core/dtype.h"

namespace ascendgen {

// Row-major elements of `dtype`, little-endian: fp16/bf16 as their 16-bit patterns, bool as one
// byte holding 0 or 1. `data` holds exactly numel() * dtype_size(dtype) bytes.
struct HostTensor {
  std::string name;
  DType dtype = DType::Float32;
  std::vector<int64_t> shape;
  std::vector<uint8_t> data;

  // Product of the dimensions; 1 for a scalar (empty shape).
  int64_t numel() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
  }
};

}  // namespace ascendgen
