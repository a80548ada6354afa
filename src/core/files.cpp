#include "ascendgen/core/files.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ascendgen {

std::optional<std::string> try_read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string read_file(const std::filesystem::path& path, const std::string& what) {
  std::optional<std::string> text = try_read_file(path);
  if (!text) throw std::runtime_error(path.string() + ": cannot read " + what);
  return std::move(*text);
}

}  // namespace ascendgen
