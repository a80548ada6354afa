// FieldReader: typed reads of a YAML mapping whose errors name "SOURCE: path.to.field" and throw
// `Error`. Internal to the router module (the pool and the workload spec files).
#pragma once
#include <string>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace ascendgen::router::detail {

// Reads fields of one YAML node, naming "SOURCE: path.to.field" in every error.
template <typename Error> class FieldReader {
 public:
  FieldReader(const std::string& source, YAML::Node node, std::string path)
      : source_(source), node_(std::move(node)), path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    throw Error(fmt::format("{}: {}: {}", source_, name(field), problem));
  }
  std::string name(const std::string& field) const { return path_.empty() ? field : path_ + "." + field; }
  bool has(const char* key) const { return bool(node_[key]); }
  YAML::Node child(const char* key, bool required = true) const {
    YAML::Node n = node_[key];
    if (!n && required) fail(key, "missing");
    return n;
  }
  FieldReader sub(const char* key) const { return at(child(key), key); }
  // A reader for `n`, the value of `field` under this node; it must be a mapping.
  FieldReader at(const YAML::Node& n, const std::string& field) const {
    if (!n.IsMap()) fail(field, "must be a mapping");
    return FieldReader(source_, n, name(field));
  }
  template <typename T> T get(const char* key) const { return as<T>(child(key), key); }
  template <typename T> T as(const YAML::Node& n, const std::string& field) const {
    try {
      return n.as<T>();
    } catch (const YAML::Exception&) {
      fail(field, "has the wrong type");
    }
  }
  double positive(const char* key) const {
    const double v = get<double>(key);
    if (!(v > 0)) fail(key, fmt::format("must be positive (got {})", v));
    return v;
  }
  double non_negative(const char* key) const {
    const double v = get<double>(key);
    if (!(v >= 0)) fail(key, fmt::format("must not be negative (got {})", v));
    return v;
  }
  const YAML::Node& node() const { return node_; }
  // {1: x, 2: y}: calls read(level, value node, "key.level") for each task level.
  template <typename Read> void by_level(const char* key, Read read) const {
    const YAML::Node table = child(key);
    if (!table.IsMap()) fail(key, "must map task levels to values, e.g. {1: ..., 2: ...}");
    for (const auto& entry : table) {
      const std::string field = fmt::format("{}.{}", key, entry.first.Scalar());
      const int level = as<int>(entry.first, field);
      if (level < 1) fail(field, "task levels start at 1");
      read(level, entry.second, field);
    }
  }

 private:
  const std::string& source_;
  YAML::Node node_;
  std::string path_;
};

}  // namespace ascendgen::router::detail
