// AscendC::ListTensorDesc and TensorDesc: the kernel's view of a tensor-list descriptor, the GM
// block through which a dynamic (OpDef ParamType DYNAMIC) input or output arrives
// (ascendgen/sim/tensor_list.h has the layout). The decoding follows CANN's: the rank of every
// tensor is taken from the first, and GetSize counts from the last tensor's index. Where CANN only
// asserts (an index past the end, a tensor of another rank, a shape address never set), the
// emulator fails with a KernelError, since the NPU would read the wrong words.
#pragma once
#include "abi.h"
#include "tensor.h"

namespace ascendgen::sim::abi {

// A decoded descriptor: what CANN's decoder keeps plus the true tensor count for the checks.
struct ListTensorView {
  const uint64_t* words = nullptr;  // the descriptor's start
  uint32_t pointer_word = 0;        // index of the first data pointer
  uint32_t rank = 0;                // the first tensor's rank, which CANN applies to all
  uint32_t size = 0;                // what CANN's GetSize reports
  uint32_t count = 0;               // the tensors the descriptor really holds
};

// Reads the descriptor at `data`; `length` (bytes) and `shape_size` (tensors) are checked when
// neither is 0xffffffff.
ListTensorView list_tensor_decode(const void* data, uint32_t length, uint32_t shape_size, Site site);
uint32_t list_tensor_size(const ListTensorView& view, Site site);
void* list_tensor_data(const char* api, const ListTensorView& view, uint32_t index, Site site);
// Copies tensor `index`'s dimensions to `shape` and returns its data pointer.
void* list_tensor_desc(const ListTensorView& view, uint32_t index, uint64_t* shape, Site site);
// Dimension `offset` of a TensorDesc of rank `rank` whose dimensions are at `shape`.
uint64_t tensor_desc_dim(const uint64_t* shape, uint32_t rank, uint32_t offset, Site site);

}  // namespace ascendgen::sim::abi

namespace AscendC {

class ListTensorDesc;

// One tensor of a list, filled by ListTensorDesc::GetDesc into the shape storage set beforehand
// with SetShapeAddr.
template <class T> class TensorDesc {
 public:
  void SetShapeAddr(uint64_t* shapePtr) { shape_ = shapePtr; }
  uint64_t GetDim() { return rank_; }
  uint64_t GetIndex() { return index_; }
  uint64_t GetShape(uint32_t offset, Site site = Site::here()) {
    return ascendgen::sim::abi::tensor_desc_dim(shape_, rank_, offset, site);
  }
  __gm__ T* GetDataPtr() { return data_; }
  // A GlobalTensor over the tensor's data. Its extent is CANN's: numel * sizeof(T) elements (CANN
  // passes a byte count where SetGlobalBuffer takes elements); the allocation still bounds accesses.
  GlobalTensor<T> GetDataObj() {
    uint64_t size = sizeof(T);
    for (uint32_t i = 0; i < rank_; ++i) size *= shape_[i];
    GlobalTensor<T> g;
    g.SetGlobalBuffer(data_, size);
    return g;
  }

 private:
  friend class ListTensorDesc;
  uint32_t rank_ = 0;
  uint32_t index_ = 0;
  uint64_t* shape_ = nullptr;
  __gm__ T* data_ = nullptr;
};

// The descriptor of a dynamic input or output: GM_ADDR -> each tensor's data pointer and shape.
class ListTensorDesc {
 public:
  ListTensorDesc() = default;
  explicit ListTensorDesc(__gm__ void* data, uint32_t length = 0xffffffff, uint32_t shapeSize = 0xffffffff,
                          Site site = Site::here()) {
    Init(data, length, shapeSize, site);
  }
  void Init(__gm__ void* data, uint32_t length = 0xffffffff, uint32_t shapeSize = 0xffffffff, Site site = Site::here()) {
    view_ = ascendgen::sim::abi::list_tensor_decode(data, length, shapeSize, site);
  }
  template <class T> void GetDesc(TensorDesc<T>& desc, uint32_t index, Site site = Site::here()) {
    desc.data_ = static_cast<__gm__ T*>(ascendgen::sim::abi::list_tensor_desc(view_, index, desc.shape_, site));
    desc.rank_ = view_.rank;
    desc.index_ = index;
  }
  template <class T> __gm__ T* GetDataPtr(uint32_t index, Site site = Site::here()) {
    return static_cast<__gm__ T*>(ascendgen::sim::abi::list_tensor_data("ListTensorDesc::GetDataPtr", view_, index, site));
  }
  uint32_t GetSize(Site site = Site::here()) { return ascendgen::sim::abi::list_tensor_size(view_, site); }

 private:
  ascendgen::sim::abi::ListTensorView view_;
};

}  // namespace AscendC
