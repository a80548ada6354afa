#include "library_dir.h"

#include <dlfcn.h>

#include <cstdlib>

namespace ascendgen::detail {
namespace fs = std::filesystem;

fs::path library_dir() {
  Dl_info info{};
  if (!dladdr(reinterpret_cast<const void*>(&library_dir), &info) || !info.dli_fname) return {};
  return fs::absolute(info.dli_fname).parent_path();
}

fs::path data_dir(const char* env_var, const char* from_lib, const char* build_dir) {
  if (const char* env = std::getenv(env_var); env && *env) return env;
  if (const fs::path lib = library_dir(); !lib.empty()) {
    const fs::path installed = (lib / from_lib).lexically_normal();
    if (fs::exists(installed)) return installed;
  }
  return build_dir;
}

}  // namespace ascendgen::detail
