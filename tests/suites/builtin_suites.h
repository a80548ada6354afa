// The built-in suites under suites/ (level1, level2, level3, ...), loaded once per test process.
#pragma once
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ascendgen/task/suite.h"

namespace ascendgen::testing {

// One subdirectory of suites/: its name ("level2") and the loaded suite, or why it did not load.
struct BuiltinSuite {
  std::string name;
  std::optional<Suite> suite;
  std::string load_error;
};

// Every subdirectory of ASCENDGEN_SUITES_DIR, sorted by name; a suite that fails to load keeps
// its error, so the tests report it instead of the process dying before any test runs.
inline const std::vector<BuiltinSuite>& builtin_suites() {
  static const std::vector<BuiltinSuite> suites = [] {
    std::vector<std::filesystem::path> dirs;
    for (const auto& e : std::filesystem::directory_iterator(ASCENDGEN_SUITES_DIR))
      if (e.is_directory()) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    std::vector<BuiltinSuite> out;
    for (const auto& dir : dirs) {
      BuiltinSuite s{dir.filename().string(), std::nullopt, ""};
      try {
        s.suite = Suite::load(dir);
      } catch (const std::exception& e) {
        s.load_error = e.what();
      }
      out.push_back(std::move(s));
    }
    return out;
  }();
  return suites;
}

// The suite named `name` ("level1"), or null when suites/ has no such directory or it did not load.
inline const Suite* builtin_suite(const std::string& name) {
  for (const auto& s : builtin_suites())
    if (s.name == name && s.suite) return &*s.suite;
  return nullptr;
}

}  // namespace ascendgen::testing
