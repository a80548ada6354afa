// GlobalTensor (a typed view of GM) and LocalTensor (a typed view of the core's Unified Buffer).
// Element access is bounds-checked against the view; GM access against the real allocation too.
#pragma once
#include "abi.h"

namespace AscendC {

template <typename T> class GlobalTensor {
 public:
  using PrimType = T;
  static constexpr uint64_t kUnknown = ~uint64_t{0};

  // Points the tensor at GM; without a length only the real allocation bounds accesses.
  void SetGlobalBuffer(__gm__ T* buffer, uint64_t bufferSize) {
    base_ = ptr_ = buffer;
    size_ = bufferSize;
  }
  void SetGlobalBuffer(__gm__ T* buffer) {
    base_ = ptr_ = buffer;
    size_ = kUnknown;
  }
  // A view starting `offset` elements further, sharing the declared extent.
  GlobalTensor operator[](uint64_t offset) const {
    GlobalTensor v = *this;
    v.ptr_ = ptr_ + offset;
    return v;
  }
  T GetValue(uint64_t offset, Site site = Site::here()) const {
    ascendgen::sim::abi::gm_check("GlobalTensor::GetValue", base_, declared_bytes(), ptr_ + offset,
                                  sizeof(T), false, site);
    return ptr_[offset];
  }
  void SetValue(uint64_t offset, T value, Site site = Site::here()) {
    ascendgen::sim::abi::gm_store("GlobalTensor::SetValue", base_, declared_bytes(), ptr_ + offset,
                                  &value, sizeof(T), site);
  }
  // Elements from this view's start to the end of the declared extent (0 when none declared).
  uint64_t GetSize() const {
    return size_ == kUnknown ? 0 : size_ - static_cast<uint64_t>(ptr_ - base_);
  }
  __gm__ T* GetPhyAddr() const { return ptr_; }
  __gm__ T* GetPhyAddr(uint64_t offset) const { return ptr_ + offset; }

  ascendgen::sim::abi::GmRef ref() const {
    return {reinterpret_cast<uint8_t*>(ptr_), reinterpret_cast<uint8_t*>(base_), declared_bytes()};
  }

 private:
  uint64_t declared_bytes() const { return size_ == kUnknown ? kUnknown : size_ * sizeof(T); }
  T* base_ = nullptr;
  T* ptr_ = nullptr;
  uint64_t size_ = kUnknown;
};

template <typename T> class LocalTensor {
 public:
  using PrimType = T;
  LocalTensor() = default;
  explicit LocalTensor(ascendgen::sim::abi::TensorRef r) : ref_(r) {}

  T GetValue(uint32_t index, Site site = Site::here()) const { return *at(index, "GetValue", false, site); }
  template <typename U> void SetValue(uint32_t index, U value, Site site = Site::here()) const {
    *at(index, "SetValue", true, site) = static_cast<T>(value);
  }
  T& operator()(uint32_t index, Site site = Site::here()) const {
    return *at(index, "LocalTensor::operator()", true, site);
  }
  // A view `offset` elements further into the same buffer.
  LocalTensor operator[](uint32_t offset) const {
    if (offset > ref_.count) ascendgen::sim::abi::fail_local_index("LocalTensor::operator[]", ref_, offset, Site::here());
    LocalTensor v = *this;
    v.ref_.addr += offset * sizeof(T);
    v.ref_.count -= offset;
    return v;
  }
  template <typename U> LocalTensor<U> ReinterpretCast() const {
    ascendgen::sim::abi::TensorRef r = ref_;
    r.count = static_cast<uint32_t>(static_cast<uint64_t>(ref_.count) * sizeof(T) / sizeof(U));
    r.dtype = ascendgen::sim::abi::dtype_of<U>;
    return LocalTensor<U>(r);
  }
  // `dst = a + b`, `mask = a < b` ...: the operator forms of tensor_operators.h, over the whole dst.
  template <class Expr, bool = Expr::is_tensor_expression> void operator=(const Expr& e) const { e.run(*this); }
  LocalTensor& operator=(const LocalTensor&) = default;
  uint32_t GetSize() const { return ref_.count; }
  uint32_t GetLength() const { return ref_.count * sizeof(T); }
  void SetSize(uint32_t size) { ref_.count = size; }
  __ubuf__ T* GetPhyAddr() const { return reinterpret_cast<T*>(ascendgen::sim::abi::ub_base() + ref_.addr); }
  __ubuf__ T* GetPhyAddr(uint32_t offset) const { return GetPhyAddr() + offset; }
  const ascendgen::sim::abi::TensorRef& ref() const { return ref_; }

 private:
  T* at(uint32_t index, const char* api, bool write, Site site) const {
    if (index >= ref_.count) ascendgen::sim::abi::fail_local_index(api, ref_, index, site);
    return reinterpret_cast<T*>(
        ascendgen::sim::abi::ub_scalar(api, ref_.addr + index * static_cast<uint32_t>(sizeof(T)), sizeof(T), write));
  }
  ascendgen::sim::abi::TensorRef ref_{0, 0, -1, ascendgen::sim::abi::dtype_of<T>};
};

inline int64_t GetBlockIdx() { return ascendgen::sim::abi::block_idx(); }
inline int64_t GetBlockNum() { return ascendgen::sim::abi::block_num(); }

}  // namespace AscendC
