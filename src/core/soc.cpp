#include "ascendgen/core/soc.h"


#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "../timing/cost_table_yaml.h"
#include "library_dir.h"

namespace ascendgen {
namespace fs = std::filesystem;

namespace {
fs::path soc_dir() {
  return detail::data_dir("ASCENDGEN_SOC_DIR", ASCENDGEN_SOC_DIR_FROM_LIB, ASCENDGEN_SOC_DIR_BUILD);
}

template <typename T> T field(const YAML::Node& root, const std::string& path, const char* key) {
  const YAML::Node n = root[key];
  if (!n) throw std::runtime_error(fmt::format("{}: missing field '{}'", path, key));
  try {
    return n.as<T>();
  } catch (const YAML::Exception&) {
    throw std::runtime_error(fmt::format("{}:{}: field '{}' has the wrong type", path, n.Mark().line + 1, key));
  }
}
}  // namespace

sim::CoreLimits SocDescription::core_limits() const {
  sim::CoreLimits l;
  l.vector_cores = vector_cores;
  l.ub_bytes = ub_bytes;
  l.max_buffers = max_buffers;
  return l;
}

SocDescription load_soc(const std::string& name_or_path) {
  fs::path path = name_or_path;
  if (path.extension() != ".yaml") path = soc_dir() / (name_or_path + ".yaml");
  if (!fs::exists(path))
    throw std::runtime_error(fmt::format("SoC description '{}' not found (looked for {})", name_or_path, path.string()));
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(fmt::format("{}: {}", path.string(), e.what()));
  }
  const std::string p = path.string();
  SocDescription s;
  s.name = field<std::string>(root, p, "name");
  s.cube_cores = field<int>(root, p, "cube_cores");
  s.vector_cores = field<int>(root, p, "vector_cores");
  s.clock_ghz = field<double>(root, p, "clock_ghz");
  s.ub_bytes = field<uint32_t>(root, p, "ub_bytes");
  s.l1_bytes = field<uint32_t>(root, p, "l1_bytes");
  s.l0a_bytes = field<uint32_t>(root, p, "l0a_bytes");
  s.l0b_bytes = field<uint32_t>(root, p, "l0b_bytes");
  s.l0c_bytes = field<uint32_t>(root, p, "l0c_bytes");
  if (root["max_buffers"]) s.max_buffers = field<uint32_t>(root, p, "max_buffers");
  if (root["timing"]) s.costs = timing::parse_cost_table(root["timing"], p);
  if (s.vector_cores < 1 || s.vector_cores > 4096)
    throw std::runtime_error(fmt::format("{}: vector_cores {} is out of range", p, s.vector_cores));
  if (s.ub_bytes < 1024 || s.ub_bytes % 32 != 0)
    throw std::runtime_error(fmt::format("{}: ub_bytes {} must be a multiple of 32 and at least 1024", p, s.ub_bytes));
  return s;
}

std::vector<std::string> builtin_socs() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(soc_dir()))
    if (e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace ascendgen
