#include "ascendgen/task/operator_source.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "ascendgen/core/files.h"

namespace ascendgen {
namespace fs = std::filesystem;

namespace {
constexpr std::string_view kHeaderStart = "// === FILE: ";
constexpr std::string_view kHeaderEnd = " ===";

std::string_view trim(std::string_view s) {
  const size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  const size_t end = s.find_last_not_of(" \t\r");
  return s.substr(begin, end - begin + 1);
}

// The path a header line names, or nothing when the line is not a header.
std::optional<std::string_view> header_path(std::string_view line) {
  line = trim(line);
  if (!line.starts_with(kHeaderStart) || !line.ends_with(kHeaderEnd)) return std::nullopt;
  if (line.size() < kHeaderStart.size() + kHeaderEnd.size()) return std::nullopt;
  return trim(line.substr(kHeaderStart.size(), line.size() - kHeaderStart.size() - kHeaderEnd.size()));
}

// Empty when `path` is a valid relative file path, else the reason it is not.
std::string path_problem(std::string_view path) {
  if (path.empty()) return "the path is empty";
  if (path.front() == '/') return "the path must be relative";
  const bool allowed = std::all_of(path.begin(), path.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '+' || c == '-' || c == '/';
  });
  if (!allowed) return "the path may only hold letters, digits and _ . + - /";
  size_t start = 0;
  while (start <= path.size()) {
    const size_t slash = std::min(path.find('/', start), path.size());
    const std::string_view part = path.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return "the path has an empty, '.' or '..' component";
    start = slash + 1;
  }
  return {};
}

void check_path(std::string_view path, std::set<std::string, std::less<>>& seen, std::string_view where) {
  if (const std::string problem = path_problem(path); !problem.empty())
    throw OperatorSourceError(fmt::format("{}: '{}': {}", where, path, problem));
  if (!seen.emplace(path).second) throw OperatorSourceError(fmt::format("{}: '{}' appears twice", where, path));
}
}  // namespace

bool is_operator_source(std::string_view source) {
  size_t start = 0;
  while (start < source.size()) {
    const size_t newline = std::min(source.find('\n', start), source.size());
    if (header_path(source.substr(start, newline - start))) return true;
    start = newline + 1;
  }
  return false;
}

std::vector<SourceFile> split_operator_source(std::string_view source) {
  std::vector<SourceFile> files;
  std::set<std::string, std::less<>> seen;
  size_t start = 0, text_start = 0;
  int line_number = 0;
  const auto close_file = [&](size_t end) {
    const std::string_view text = source.substr(text_start, end - text_start);
    if (files.empty()) {
      if (text.find_first_not_of(" \t\r\n") != std::string_view::npos)
        throw OperatorSourceError("operator source: text before the first '// === FILE: PATH ===' line");
    } else {
      files.back().text = std::string(text);
    }
  };
  while (start < source.size()) {
    const size_t newline = std::min(source.find('\n', start), source.size());
    ++line_number;
    if (const auto path = header_path(source.substr(start, newline - start))) {
      close_file(start);
      check_path(*path, seen, fmt::format("operator source line {}", line_number));
      files.push_back({std::string(*path), {}});
      text_start = std::min(newline + 1, source.size());
    }
    start = newline + 1;
  }
  if (files.empty()) throw OperatorSourceError("operator source: no '// === FILE: PATH ===' line");
  close_file(source.size());
  return files;
}

std::string join_operator_source(const std::vector<SourceFile>& files) {
  std::set<std::string, std::less<>> seen;
  std::string joined;
  for (const SourceFile& file : files) {
    check_path(file.path, seen, "operator source");
    joined += fmt::format("{}{}{}\n", kHeaderStart, file.path, kHeaderEnd);
    joined += file.text;
    if (!file.text.empty() && file.text.back() != '\n') joined += '\n';
  }
  return joined;
}

std::string read_operator_directory(const fs::path& dir) {
  std::vector<SourceFile> files;
  std::error_code error;
  for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    if (!it->is_regular_file()) continue;
    std::optional<std::string> text = try_read_file(it->path());
    if (!text) throw OperatorSourceError(fmt::format("{}: cannot read", it->path().string()));
    files.push_back({it->path().lexically_relative(dir).generic_string(), std::move(*text)});
  }
  if (error) throw OperatorSourceError(fmt::format("{}: cannot list the directory: {}", dir.string(), error.message()));
  if (files.empty()) throw OperatorSourceError(fmt::format("{}: the operator directory holds no file", dir.string()));
  std::sort(files.begin(), files.end(), [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  return join_operator_source(files);
}

std::string read_candidate_source(const fs::path& path, const std::string& what) {
  return fs::is_directory(path) ? read_operator_directory(path) : read_file(path, what);
}

}  // namespace ascendgen
