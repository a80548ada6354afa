// GlobalMemory: the device's GM for one launch. Each buffer, with the padding the device allocator
// adds, sits between guard pages, so a raw pointer overrun faults as it would on the NPU, and is
// registered so that every DataCopy can be bounds-checked against the real allocation.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ascendgen::sim {

class GlobalMemory {
 public:
  struct Buffer {
    std::string name;
    uint8_t* data = nullptr;
    size_t bytes = 0;
    size_t reserved_bytes = 0;  // bytes + the device allocator's padding (kept poisoned)
  };
  // What the device allocator reserves for a tensor of `bytes`: torch_npu's caching allocator adds
  // 32 bytes and rounds up to a multiple of 512 (NPUCachingAllocator round_size).
  static size_t reserved_size(size_t bytes) { return (bytes + 32 + 511) / 512 * 512; }

  GlobalMemory();
  ~GlobalMemory();
  GlobalMemory(const GlobalMemory&) = delete;
  GlobalMemory& operator=(const GlobalMemory&) = delete;

  // A new zero-filled buffer of `bytes` (512-byte aligned start), followed by its padding up to
  // reserved_size(bytes) filled with 0xff; `name` appears in error messages.
  uint8_t* allocate(size_t bytes, std::string name);
  // The buffer containing [ptr, ptr+bytes), or nullptr when no single buffer contains it.
  const Buffer* find(const void* ptr, size_t bytes) const;
  // The buffer whose reserved bytes (data and padding) contain [ptr, ptr+bytes), or nullptr.
  const Buffer* find_reserved(const void* ptr, size_t bytes) const;
  // The buffer containing ptr (for naming it in messages), or nullptr.
  const Buffer* owner(const void* ptr) const;
  const std::vector<Buffer>& buffers() const { return buffers_; }

 private:
  struct Mapping;
  std::vector<Buffer> buffers_;  // sorted by address
  std::vector<std::unique_ptr<Mapping>> mappings_;
};

}  // namespace ascendgen::sim
