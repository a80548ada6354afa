#include "ascendgen/sim/global_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace ascendgen::sim {

// One mmap per buffer: a guard page, the data pages, a guard page. The data and its allocator
// padding end right at the upper guard, so running off the reserved bytes faults.
struct GlobalMemory::Mapping {
  void* base = MAP_FAILED;
  size_t length = 0;
  ~Mapping() {
    if (base != MAP_FAILED) munmap(base, length);
  }
};

GlobalMemory::GlobalMemory() = default;
GlobalMemory::~GlobalMemory() = default;

uint8_t* GlobalMemory::allocate(size_t bytes, std::string name) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t padded = reserved_size(bytes);
  const size_t data_pages = std::max<size_t>(1, (padded + page - 1) / page);
  auto m = std::make_unique<Mapping>();
  m->length = (data_pages + 2) * page;
  m->base = mmap(nullptr, m->length, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (m->base == MAP_FAILED)
    throw std::runtime_error(fmt::format("GlobalMemory::allocate: cannot map {} bytes for buffer '{}'", bytes, name));
  uint8_t* first = static_cast<uint8_t*>(m->base) + page;
  if (mprotect(first, data_pages * page, PROT_READ | PROT_WRITE) != 0)
    throw std::runtime_error(fmt::format("GlobalMemory::allocate: cannot protect buffer '{}'", name));
  uint8_t* data = first + data_pages * page - padded;
  std::memset(data + bytes, 0xff, padded - bytes);  // what a read past the tensor finds: garbage
  mappings_.push_back(std::move(m));
  Buffer b{std::move(name), data, bytes, padded};
  auto at = std::upper_bound(buffers_.begin(), buffers_.end(), data,
                             [](const uint8_t* p, const Buffer& x) { return p < x.data; });
  buffers_.insert(at, std::move(b));
  return data;
}

const GlobalMemory::Buffer* GlobalMemory::owner(const void* ptr) const {
  const auto* p = static_cast<const uint8_t*>(ptr);
  auto it = std::upper_bound(buffers_.begin(), buffers_.end(), p,
                             [](const uint8_t* q, const Buffer& x) { return q < x.data; });
  if (it == buffers_.begin()) return nullptr;
  --it;
  return p < it->data + std::max<size_t>(it->bytes, 1) ? &*it : nullptr;
}

const GlobalMemory::Buffer* GlobalMemory::find_reserved(const void* ptr, size_t bytes) const {
  const auto* p = static_cast<const uint8_t*>(ptr);
  auto it = std::upper_bound(buffers_.begin(), buffers_.end(), p,
                             [](const uint8_t* q, const Buffer& x) { return q < x.data; });
  if (it == buffers_.begin()) return nullptr;
  --it;
  return p + bytes <= it->data + it->reserved_bytes ? &*it : nullptr;
}

const GlobalMemory::Buffer* GlobalMemory::find(const void* ptr, size_t bytes) const {
  const Buffer* b = owner(ptr);
  if (!b) return nullptr;
  const auto* p = static_cast<const uint8_t*>(ptr);
  return p + bytes <= b->data + b->bytes ? b : nullptr;
}

}  // namespace ascendgen::sim
