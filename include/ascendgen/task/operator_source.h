// Full-operator candidate sources: the files of an Ascend C operator (op_host/<op>.cpp,
// op_host/<op>_tiling.h, op_kernel/<op>.cpp) carried as one string, each file preceded by a header
// line of exactly this form (docs/operators.md):
//
//   // === FILE: op_host/add_custom.cpp ===
//
// A source with no such line is a kernel-only candidate. This is the form samples.jsonl stores,
// the Generator extracts and a task's solution directory is read as.
#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ascendgen {

// One file of an operator: its relative path ("op_kernel/add_custom.cpp") and its text.
struct SourceFile {
  std::string path;
  std::string text;
  bool operator==(const SourceFile&) const = default;
};

// A malformed operator source: what() names the header line (1-based) or path at fault.
class OperatorSourceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// True when some line of `source` is a file header line.
bool is_operator_source(std::string_view source);

// The files of an operator source, in order. Each file's text is everything between its header
// line and the next header (or the end). Text before the first header must be blank. Throws
// OperatorSourceError when there is no header, a path is empty, absolute, contains "." or ".."
// components, characters outside [A-Za-z0-9_.+/-], or appears twice.
std::vector<SourceFile> split_operator_source(std::string_view source);

// The inverse: header line, then the text (a newline is added when the text lacks a final one).
// split_operator_source(join_operator_source(files)) == files when every text is empty or ends
// with a newline. Throws OperatorSourceError for an invalid or repeated path.
std::string join_operator_source(const std::vector<SourceFile>& files);

// Reads every regular file under `dir` (sorted by relative path, '/'-separated) into one joined
// source. Throws OperatorSourceError naming the directory when it holds no file or a file cannot
// be read.
std::string read_operator_directory(const std::filesystem::path& dir);

// The candidate source at `path`: a file's text, or a directory read by read_operator_directory.
// Throws std::runtime_error "PATH: cannot read <what>" (or OperatorSourceError for a directory).
std::string read_candidate_source(const std::filesystem::path& path, const std::string& what = "the kernel file");

}  // namespace ascendgen
