// ge::Shape: the graph-level shape (a list of dimensions) that host library tiling APIs take
// (AscendC::GetSoftMaxMinTmpSize(ge::Shape(...), ...)). Unlike gert::Shape it has no fixed rank
// bound; out-of-range access answers 0 and fails, as GE's does.
#pragma once
#include <cstdint>
#include <vector>

#include "graph/types.h"

namespace ge {

class Shape {
 public:
  Shape() = default;
  explicit Shape(const std::vector<int64_t>& dims) : dims_(dims) {}

  // The rank; 0 when the rank is unknown (a UNKNOWN_DIM_NUM dimension).
  size_t GetDimNum() const {
    for (int64_t d : dims_)
      if (d == UNKNOWN_DIM_NUM) return 0;
    return dims_.size();
  }
  // Dimension `idx`; 0 when out of range.
  int64_t GetDim(size_t idx) const { return idx < dims_.size() ? dims_[idx] : 0; }
  graphStatus SetDim(size_t idx, int64_t value) {
    if (idx >= dims_.size()) return GRAPH_FAILED;
    dims_[idx] = value;
    return GRAPH_SUCCESS;
  }
  std::vector<int64_t> GetDims() const { return dims_; }
  // The element count: 0 for no dimensions (or on overflow), UNKNOWN_DIM_SIZE when a dimension
  // is unknown.
  int64_t GetShapeSize() const {
    if (dims_.empty()) return 0;
    int64_t size = 1;
    for (int64_t d : dims_) {
      if (d == UNKNOWN_DIM || d == UNKNOWN_DIM_NUM) return UNKNOWN_DIM_SIZE;
      if (__builtin_mul_overflow(size, d, &size)) return 0;
    }
    return size;
  }

 private:
  std::vector<int64_t> dims_;
};

}  // namespace ge
