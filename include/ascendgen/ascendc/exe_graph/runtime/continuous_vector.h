// gert::TypedContinuousVector<T>: a list attribute's values as RuntimeAttrs::GetListInt and
// GetListFloat return them (size, capacity and the elements in one block).
#pragma once
#include <cstddef>
#include <utility>
#include <vector>

namespace gert {

template <typename T> class TypedContinuousVector {
 public:
  explicit TypedContinuousVector(std::vector<T> values) : values_(std::move(values)) {}
  size_t GetSize() const { return values_.size(); }
  size_t GetCapacity() const { return values_.size(); }
  const T* GetData() const { return values_.data(); }
  T* MutableData() { return values_.data(); }

 private:
  std::vector<T> values_;
};

}  // namespace gert
