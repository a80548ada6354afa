// JSONL records: candidate samples in, evaluation records out, and atomic whole-file writes for
// reports. A crash while writing loses at most the line being written (docs/tasks.md, Records).
#pragma once
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ascendgen {

// A malformed record file: what() reads "FILE:LINE: problem" and names the field at fault.
class RecordError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One candidate kernel: {"task": "add", "sample": 0, "source": "..."}; every other field (model,
// prompt, ...) is kept in `extra` (an object).
struct Sample {
  std::string task;
  int64_t sample = 0;          // optional in the file; 0 when absent
  std::string source;
  nlohmann::json extra = nlohmann::json::object();
};

// The JSON objects of a JSONL file, one per non-blank line, with their 1-based line numbers.
struct JsonlContents {
  std::vector<nlohmann::json> records;
  std::vector<int> lines;
  // The 1-based line of a last line that has no newline and is not valid JSON (the remains of
  // an interrupted write), left out of `records`; 0 when the file has none.
  int truncated_line = 0;
};

// Reads a JSONL file: blank lines are skipped, every other line must be a JSON object, except
// that a cut-off last line is reported in truncated_line. Throws RecordError naming FILE:LINE.
JsonlContents read_jsonl(const std::filesystem::path& path);

// Reads candidate samples. Each line must be an object with "task" (string) and "source"
// (string), "sample" (integer) optional. A cut-off last line is an error here (an incomplete
// input must not silently shrink a benchmark). Throws RecordError naming FILE:LINE and the field.
std::vector<Sample> read_samples(const std::filesystem::path& path);

// Appends one JSON object per line, each written whole and flushed to the OS at once, so a crash
// loses at most the line being written. Opening in append mode repairs a file whose last line
// was cut off by an earlier crash (the partial line is dropped) before writing after it.
class JsonlWriter {
 public:
  // Opens (creating) `path`; append = false truncates it. Throws std::runtime_error on failure.
  explicit JsonlWriter(std::filesystem::path path, bool append = true);
  ~JsonlWriter();
  JsonlWriter(const JsonlWriter&) = delete;
  JsonlWriter& operator=(const JsonlWriter&) = delete;

  // Writes `record` on one line. Throws std::runtime_error if the write fails.
  void write(const nlohmann::json& record);
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// Replaces `path` with `content`: written to a temporary file in the same directory, fsynced and
// renamed over `path`. On failure throws std::runtime_error naming the path, removes the
// temporary file and leaves any old file untouched.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

}  // namespace ascendgen
