// gert::CompileTimeTensorDesc (a tensor's dtype and formats) and gert::Tensor (shape, dtype and,
// in the emulator, the case's data) as a tiling function sees them.
#pragma once
#include <cstddef>
#include <cstdint>

#include "exe_graph/runtime/storage_shape.h"
#include "graph/types.h"

namespace gert {

class StorageFormat {
 public:
  StorageFormat() = default;
  StorageFormat(ge::Format origin, ge::Format storage) : origin_(origin), storage_(storage) {}
  ge::Format GetOriginFormat() const { return origin_; }
  ge::Format GetStorageFormat() const { return storage_; }

 private:
  ge::Format origin_ = ge::FORMAT_ND, storage_ = ge::FORMAT_ND;
};

class CompileTimeTensorDesc {
 public:
  CompileTimeTensorDesc() = default;
  CompileTimeTensorDesc(ge::DataType type, StorageFormat format) : type_(type), format_(format) {}
  ge::DataType GetDataType() const { return type_; }
  ge::Format GetOriginFormat() const { return format_.GetOriginFormat(); }
  ge::Format GetStorageFormat() const { return format_.GetStorageFormat(); }
  const StorageFormat& GetFormat() const { return format_; }

 private:
  ge::DataType type_ = ge::DT_UNDEFINED;
  StorageFormat format_;
};

class Tensor {
 public:
  Tensor() = default;
  Tensor(const StorageShape& shape, StorageFormat format, ge::DataType type, const void* data, size_t bytes)
      : shape_(shape), format_(format), type_(type), data_(data), bytes_(bytes) {}

  const Shape& GetOriginShape() const { return shape_.GetOriginShape(); }
  const Shape& GetStorageShape() const { return shape_.GetStorageShape(); }
  int64_t GetShapeSize() const { return shape_.GetStorageShape().GetShapeSize(); }
  ge::DataType GetDataType() const { return type_; }
  const StorageFormat& GetFormat() const { return format_; }
  ge::Format GetStorageFormat() const { return format_.GetStorageFormat(); }
  ge::Format GetOriginFormat() const { return format_.GetOriginFormat(); }
  // The tensor's elements (the case's input data); nullptr for an output.
  template <typename T> const T* GetData() const { return static_cast<const T*>(data_); }
  const void* GetAddr() const { return data_; }
  size_t GetSize() const { return bytes_; }

 private:
  StorageShape shape_;
  StorageFormat format_;
  ge::DataType type_ = ge::DT_UNDEFINED;
  const void* data_ = nullptr;
  size_t bytes_ = 0;
};

}  // namespace gert
