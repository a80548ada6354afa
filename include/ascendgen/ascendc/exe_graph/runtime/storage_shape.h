// gert::StorageShape: a tensor's shape as the graph sees it (origin) and as it lies in memory
// (storage). In the emulator both are the case's shape (format ND).
#pragma once
#include "exe_graph/runtime/shape.h"

namespace gert {

class StorageShape {
 public:
  StorageShape() = default;
  StorageShape(const Shape& origin, const Shape& storage) : origin_(origin), storage_(storage) {}

  const Shape& GetOriginShape() const { return origin_; }
  const Shape& GetStorageShape() const { return storage_; }
  Shape& MutableOriginShape() { return origin_; }
  Shape& MutableStorageShape() { return storage_; }
  bool operator==(const StorageShape& other) const { return origin_ == other.origin_ && storage_ == other.storage_; }

 private:
  Shape origin_, storage_;
};

}  // namespace gert
