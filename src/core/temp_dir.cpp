#include "temp_dir.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

namespace ascendgen::detail {
namespace fs = std::filesystem;

TempDir::TempDir(const fs::path& parent, std::string_view prefix) {
  std::string pattern = ((parent.empty() ? fs::temp_directory_path() : parent) / fmt::format("{}XXXXXX", prefix)).string();
  if (!mkdtemp(pattern.data()))
    throw std::runtime_error(fmt::format("cannot create a directory '{}': {}", pattern, std::strerror(errno)));
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace ascendgen::detail
