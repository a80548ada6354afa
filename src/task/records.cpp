#include "ascendgen/task/records.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "ascendgen/core/files.h"

namespace ascendgen {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
[[noreturn]] void fail_errno(std::string_view what, const fs::path& path) {
  throw std::runtime_error(fmt::format("{} {}: {}", what, path.string(), std::strerror(errno)));
}

// Writes all of `data` to `fd`, retrying short writes and EINTR; false (errno set) on failure.
bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string read_whole(const fs::path& path) {
  std::optional<std::string> text = try_read_file(path);
  if (!text) throw RecordError(fmt::format("{}: cannot open for reading", path.string()));
  return std::move(*text);
}

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// Where the JSONL content ends once a cut-off last line is removed, and whether there was one.
struct Tail {
  size_t complete_end;
  bool truncated;
};
Tail find_tail(std::string_view text) {
  if (text.empty() || text.back() == '\n') return {text.size(), false};
  const size_t newline = text.rfind('\n');
  const size_t start = newline == std::string_view::npos ? 0 : newline + 1;
  const std::string_view last = text.substr(start);
  // A last line without newline that parses whole was written by someone else's writer; keep it.
  if (is_blank(last) || json::accept(last)) return {text.size(), false};
  return {start, true};
}
}  // namespace

JsonlContents read_jsonl(const fs::path& path) {
  const std::string text = read_whole(path);
  const Tail tail = find_tail(text);
  JsonlContents out;
  std::string_view rest = std::string_view(text).substr(0, tail.complete_end);
  if (tail.truncated) out.truncated_line = static_cast<int>(std::count(rest.begin(), rest.end(), '\n')) + 1;
  for (int line_no = 1; !rest.empty(); ++line_no) {
    const size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (is_blank(line)) continue;
    json record = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded())
      throw RecordError(fmt::format("{}:{}: not valid JSON", path.string(), line_no));
    if (!record.is_object())
      throw RecordError(fmt::format("{}:{}: expected a JSON object, found {}", path.string(), line_no,
                                    record.type_name()));
    out.records.push_back(std::move(record));
    out.lines.push_back(line_no);
  }
  return out;
}

std::vector<Sample> read_samples(const fs::path& path) {
  JsonlContents contents = read_jsonl(path);
  if (contents.truncated_line)
    throw RecordError(fmt::format("{}:{}: the last line is cut off (no newline, not valid JSON); "
                                  "was the writer interrupted?",
                                  path.string(), contents.truncated_line));
  std::vector<Sample> samples;
  for (size_t i = 0; i < contents.records.size(); ++i) {
    json& r = contents.records[i];
    const auto where = [&](std::string_view field) {
      return fmt::format("{}:{}: field '{}'", path.string(), contents.lines[i], field);
    };
    Sample s;
    for (const char* key : {"task", "source"}) {
      if (!r.contains(key)) throw RecordError(where(key) + " is missing");
      if (!r[key].is_string()) throw RecordError(where(key) + " must be a string");
    }
    s.task = r["task"].get<std::string>();
    s.source = r["source"].get<std::string>();
    if (r.contains("sample")) {
      if (!r["sample"].is_number_integer()) throw RecordError(where("sample") + " must be an integer");
      s.sample = r["sample"].get<int64_t>();
    }
    if (s.task.empty()) throw RecordError(where("task") + " is empty");
    r.erase("task");
    r.erase("source");
    r.erase("sample");
    s.extra = std::move(r);
    samples.push_back(std::move(s));
  }
  return samples;
}

JsonlWriter::JsonlWriter(fs::path path, bool append) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0644);
  if (fd_ < 0) fail_errno("cannot open", path_);
  if (!append) return;
  try {
    // Repair the end of the file so the next record starts on a line of its own.
    const std::string text = read_whole(path_);
    const Tail tail = find_tail(text);
    if (tail.truncated && ::ftruncate(fd_, static_cast<off_t>(tail.complete_end)) != 0)
      fail_errno("cannot truncate", path_);
    if (!tail.truncated && !text.empty() && text.back() != '\n' && !write_all(fd_, "\n"))
      fail_errno("cannot write", path_);
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

JsonlWriter::~JsonlWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void JsonlWriter::write(const json& record) {
  // The line goes to the OS in one write() (a regular file takes it whole), so a crash of this
  // process never leaves half a record behind.
  // Invalid UTF-8 (a candidate's source may hold any bytes) becomes U+FFFD instead of an exception.
  const std::string line = record.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  if (!write_all(fd_, line)) fail_errno("cannot write", path_);
}

void write_file_atomic(const fs::path& path, std::string_view content) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::string temp = (dir / ("." + path.filename().string() + ".tmp.XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) fail_errno("cannot create a temporary file for", path);
  bool ok = write_all(fd, content) && ::fchmod(fd, 0644) == 0 && ::fsync(fd) == 0;
  int err = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    ::unlink(temp.c_str());
    errno = err;
    fail_errno("cannot write", path);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    errno = err;
    fail_errno("cannot replace", path);
  }
  // Make the rename itself durable; a failure here leaves a complete file either way.
  if (const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

}  // namespace ascendgen
