// gert::TilingData: the buffer a tiling function fills (GetData, GetCapacity) and whose used
// size it sets (SetDataSize); its bytes become the kernel's `tiling` argument.
#pragma once
#include <cstddef>
#include <cstdint>

namespace gert {

class TilingData {
 public:
  TilingData(void* data, size_t capacity) : data_(data), capacity_(capacity) {}
  void* GetData() { return data_; }
  const void* GetData() const { return data_; }
  size_t GetCapacity() const { return capacity_; }
  size_t GetDataSize() const { return size_; }
  // The runtime checks the size against the capacity after the tiling function returns.
  void SetDataSize(size_t size) { size_ = size; }

 private:
  void* data_;
  size_t capacity_;
  size_t size_ = 0;
};

}  // namespace gert
