// Whole-file reads shared by the modules: one place that decides how a missing file is reported.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace ascendgen {

// The file's bytes, or nullopt when it cannot be opened.
std::optional<std::string> try_read_file(const std::filesystem::path& path);

// The file's bytes; throws std::runtime_error "PATH: cannot read <what>" when it cannot be opened.
std::string read_file(const std::filesystem::path& path, const std::string& what = "the file");

}  // namespace ascendgen
