// KernelLibrary: a compiled kernel shared object and its entry points.
#pragma once
#include <string>

#include "ascendgen/sim/launcher.h"

namespace ascendgen::sim {

class KernelLibrary {
 public:
  // Loads the shared object privately (RTLD_LOCAL), so an entry named like a C library function
  // (sqrt, exp) is found in the kernel rather than in libc. Throws std::runtime_error naming the path.
  explicit KernelLibrary(const std::string& path);
  ~KernelLibrary();
  KernelLibrary(const KernelLibrary&) = delete;
  KernelLibrary& operator=(const KernelLibrary&) = delete;

  // The entry point `name`; throws std::runtime_error naming the library when it is absent.
  KernelEntry entry(const std::string& name) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  void* handle_ = nullptr;
};

}  // namespace ascendgen::sim
