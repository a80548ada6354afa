#include <doctest/doctest.h>

#include <signal.h>
#include <sys/resource.h>

#include <fstream>
#include <sstream>

#include "ascendgen/task/records.h"
#include "temp_dir.h"

using namespace ascendgen;
using nlohmann::json;

namespace {
std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string samples_error(const TempDir& dir, const std::string& content) {
  const auto path = dir.write("samples.jsonl", content);
  try {
    read_samples(path);
  } catch (const RecordError& e) {
    return e.what();
  }
  FAIL("the samples were read");
  return {};
}
}  // namespace

TEST_CASE("JSONL samples round-trip through JsonlWriter and read_samples, extra fields kept") {
  TempDir dir;
  const auto path = dir.path() / "samples.jsonl";
  {
    JsonlWriter w(path);
    w.write({{"task", "add"}, {"sample", 0}, {"source", "extern \"C\" void add() {}\n// \"quoted\"\n"}, {"model", "m1"}});
    w.write({{"task", "relu"}, {"source", "x"}, {"prompt", {{"tokens", 12}}}});
  }
  {
    JsonlWriter w(path);  // append
    w.write({{"task", "add"}, {"sample", 7}, {"source", "y"}});
  }
  CHECK(read_file(path).find("\n{") != std::string::npos);  // one record per line
  const std::vector<Sample> s = read_samples(path);
  REQUIRE(s.size() == 3);
  CHECK(s[0].task == "add");
  CHECK(s[0].sample == 0);
  CHECK(s[0].source == "extern \"C\" void add() {}\n// \"quoted\"\n");
  CHECK(s[0].extra == json{{"model", "m1"}});
  CHECK(s[1].sample == 0);  // absent: 0
  CHECK(s[1].extra["prompt"]["tokens"] == 12);
  CHECK(s[2].sample == 7);
  CHECK(s[2].extra == json::object());

  JsonlWriter truncating(path, /*append=*/false);
  truncating.write({{"task", "abs"}, {"source", "z"}});
  CHECK(read_samples(path).size() == 1);
}

TEST_CASE("JsonlWriter writes a source with invalid UTF-8 instead of failing") {
  TempDir dir;
  const auto path = dir.path() / "records.jsonl";
  JsonlWriter(path).write({{"task", "add"}, {"source", "bad \xff byte"}});
  CHECK(read_samples(path).at(0).source == "bad \xEF\xBF\xBD byte");  // U+FFFD
}

TEST_CASE("read_samples skips blank lines and names file:line and field of a bad record") {
  TempDir dir;
  CHECK(read_samples(dir.write("samples.jsonl", "\n{\"task\":\"a\",\"source\":\"s\"}\n  \n\n{\"task\":\"b\",\"source\":\"t\"}\n")).size() == 2);
  const std::string ok = "{\"task\":\"a\",\"source\":\"s\"}\n";
  CHECK(samples_error(dir, ok + "\n{\"task\": \"b\", \"source\": }\n").find("samples.jsonl:3: not valid JSON") != std::string::npos);
  CHECK(samples_error(dir, ok + "[1, 2]\n").find("samples.jsonl:2: expected a JSON object, found array") != std::string::npos);
  CHECK(samples_error(dir, ok + "{\"source\":\"s\"}\n").find("samples.jsonl:2: field 'task' is missing") != std::string::npos);
  CHECK(samples_error(dir, "{\"task\":\"a\"}\n").find("samples.jsonl:1: field 'source' is missing") != std::string::npos);
  CHECK(samples_error(dir, "{\"task\":3,\"source\":\"s\"}\n").find("samples.jsonl:1: field 'task' must be a string") !=
        std::string::npos);
  CHECK(samples_error(dir, "{\"task\":\"a\",\"source\":[]}\n").find("field 'source' must be a string") != std::string::npos);
  CHECK(samples_error(dir, "{\"task\":\"a\",\"source\":\"s\",\"sample\":1.5}\n").find("samples.jsonl:1: field 'sample' must be an integer") !=
        std::string::npos);
  CHECK(samples_error(dir, "{\"task\":\"\",\"source\":\"s\"}\n").find("field 'task' is empty") != std::string::npos);
  CHECK_THROWS_WITH_AS(read_samples(dir.path() / "absent.jsonl"), doctest::Contains("absent.jsonl: cannot open"), RecordError);
}

TEST_CASE("A last line cut off by a crash: read_samples reports it, read_jsonl skips it, JsonlWriter drops it") {
  TempDir dir;
  const std::string complete = "{\"task\":\"a\",\"source\":\"s\"}\n{\"task\":\"b\",\"source\":\"t\"}\n";
  const auto path = dir.write("samples.jsonl", complete + "\n{\"task\":\"c\",\"sour");
  CHECK(samples_error(dir, complete + "\n{\"task\":\"c\",\"sour")
            .find("samples.jsonl:4: the last line is cut off (no newline, not valid JSON); was the writer interrupted?") !=
        std::string::npos);

  const JsonlContents contents = read_jsonl(path);
  CHECK(contents.truncated_line == 4);
  CHECK(contents.records.size() == 2);
  CHECK(contents.lines == std::vector<int>{1, 2});

  {
    JsonlWriter w(path);  // resumes after the crash: the partial line is dropped, not glued to
    w.write({{"task", "c"}, {"source", "u"}});
  }
  CHECK(read_file(path) == complete + "\n{\"source\":\"u\",\"task\":\"c\"}\n");
  CHECK(read_samples(path).size() == 3);
}

TEST_CASE("A last line without newline that is complete JSON is kept, and appending starts a new line") {
  TempDir dir;
  const auto path = dir.write("samples.jsonl", "{\"task\":\"a\",\"source\":\"s\"}");
  CHECK(read_jsonl(path).truncated_line == 0);
  CHECK(read_samples(path).size() == 1);
  {
    JsonlWriter w(path);
    w.write({{"task", "b"}, {"source", "t"}});
  }
  CHECK(read_samples(path).size() == 2);
}

TEST_CASE("write_file_atomic replaces the file whole") {
  TempDir dir;
  const auto path = dir.path() / "summary.json";
  write_file_atomic(path, "first");
  CHECK(read_file(path) == "first");
  write_file_atomic(path, "second, longer");
  CHECK(read_file(path) == "second, longer");
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("write_file_atomic leaves the old file intact and no temporary file when the write fails") {
  TempDir dir;
  const auto path = dir.write("summary.json", "old report");

  // Fail the write itself part-way: a file size limit makes write() return EFBIG.
  rlimit saved{};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &saved) == 0);
  const auto old_handler = signal(SIGXFSZ, SIG_IGN);
  rlimit small = saved;
  small.rlim_cur = 4096;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
  std::string error;
  try {
    write_file_atomic(path, std::string(1 << 20, 'x'));
  } catch (const std::runtime_error& e) {
    error = e.what();
  }
  setrlimit(RLIMIT_FSIZE, &saved);
  signal(SIGXFSZ, old_handler);
  CHECK(error.find("cannot write " + path.string()) != std::string::npos);
  CHECK(read_file(path) == "old report");
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);

  // Fail the rename: the target is a non-empty directory.
  const auto blocked = dir.write("blocked/inside", "kept");
  CHECK_THROWS_WITH(write_file_atomic(dir.path() / "blocked", "content"), doctest::Contains("cannot replace"));
  CHECK(read_file(blocked) == "kept");
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 2);

  CHECK_THROWS_WITH(write_file_atomic(dir.path() / "no_such_dir" / "x.json", "content"),
                    doctest::Contains("cannot create a temporary file"));
}
