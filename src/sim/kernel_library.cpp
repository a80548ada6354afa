#include "ascendgen/sim/kernel_library.h"

#include <dlfcn.h>
#include <link.h>

#include <stdexcept>

#include <fmt/format.h>

namespace ascendgen::sim {

KernelLibrary::KernelLibrary(const std::string& path) : path_(path) {
  handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) throw std::runtime_error(fmt::format("KernelLibrary: cannot load '{}': {}", path, dlerror()));
}

KernelLibrary::~KernelLibrary() {
  if (handle_) dlclose(handle_);
}

KernelEntry KernelLibrary::entry(const std::string& name) const {
  // dlsym on the handle searches this library before its dependencies, so a kernel named `sqrt`
  // is found in the kernel; a name the kernel lacks must not resolve to libm's function instead.
  // Compares link maps, not file names, which differ when the path has symlinks or is relative.
  void* sym = dlsym(handle_, name.c_str());
  link_map* self = nullptr;
  link_map* defining = nullptr;
  Dl_info info{};
  const bool ours = sym && dlinfo(handle_, RTLD_DI_LINKMAP, &self) == 0 &&
                    dladdr1(sym, &info, reinterpret_cast<void**>(&defining), RTLD_DL_LINKMAP) && defining == self;
  if (!ours) throw std::runtime_error(fmt::format("KernelLibrary: '{}' has no entry point '{}'", path_, name));
  return reinterpret_cast<KernelEntry>(sym);
}

}  // namespace ascendgen::sim
