// A private directory, removed with everything in it when the object goes. Internal to
// libascendgen: the compiler's build directories and the evaluator's worker directories.
#pragma once
#include <filesystem>
#include <string_view>

namespace ascendgen::detail {

class TempDir {
 public:
  // Creates `parent`/`prefix`XXXXXX (parent empty: the system's temporary directory). Throws
  // std::runtime_error naming the directory when it cannot.
  TempDir(const std::filesystem::path& parent, std::string_view prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace ascendgen::detail
