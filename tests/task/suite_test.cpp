#include <doctest/doctest.h>

#include "ascendgen/task/suite.h"
#include "temp_dir.h"

using namespace ascendgen;

namespace {
std::string task_yaml(const std::string& name, int level, const std::string& category) {
  return "name: " + name + "\nlevel: " + std::to_string(level) + "\ncategory: " + category + R"yaml(
description: Copies x to z.
kernel: {entry: copy_custom, params: [x, z]}
inputs: [{name: x, dtype: float32, shape: [8]}]
outputs: [{name: z, dtype: float32, shape: [8]}]
reference: |
  def reference(x: Tensor) -> Tensor:
      return x.clone()
cases: [{id: only}]
)yaml";
}

std::vector<std::string> names(const Suite& s) {
  std::vector<std::string> out;
  for (const Task& t : s.tasks()) out.push_back(t.name());
  return out;
}
}  // namespace

TEST_CASE("Suite::load takes every subdirectory with a task.yaml, sorted by name") {
  TempDir dir;
  dir.write("relu/task.yaml", task_yaml("relu", 1, "activation"));
  dir.write("abs/task.yaml", task_yaml("abs", 1, "math"));
  dir.write("sum/task.yaml", task_yaml("sum", 2, "reduction"));
  dir.write("exp/task.yaml", task_yaml("exp", 2, "math"));
  dir.write("notes/README.md", "not a task\n");
  dir.write("stray.yaml", "not a task either\n");
  const Suite suite = Suite::load(dir.path());
  CHECK(names(suite) == std::vector<std::string>{"abs", "exp", "relu", "sum"});
  CHECK(suite.find("relu").category() == "activation");
  CHECK_THROWS_WITH_AS(suite.find("gelu"), doctest::Contains("has no task 'gelu'"), std::out_of_range);
}

TEST_CASE("Suite::filter selects by level, by category, or both") {
  TempDir dir;
  dir.write("relu/task.yaml", task_yaml("relu", 1, "activation"));
  dir.write("abs/task.yaml", task_yaml("abs", 1, "math"));
  dir.write("sum/task.yaml", task_yaml("sum", 2, "reduction"));
  dir.write("exp/task.yaml", task_yaml("exp", 2, "math"));
  const Suite suite = Suite::load(dir.path());
  CHECK(names(suite.filter(1, std::nullopt)) == std::vector<std::string>{"abs", "relu"});
  CHECK(names(suite.filter(std::nullopt, "math")) == std::vector<std::string>{"abs", "exp"});
  CHECK(names(suite.filter(2, "math")) == std::vector<std::string>{"exp"});
  CHECK(names(suite.filter(std::nullopt, std::nullopt)) == names(suite));
  CHECK(suite.filter(3, std::nullopt).tasks().empty());
  CHECK(suite.filter(1, "math").dir() == suite.dir());
}

TEST_CASE("Suite::load rejects a bad task, a name that differs from its directory, and an empty suite") {
  TempDir dir;
  dir.write("abs/task.yaml", task_yaml("abs", 1, "math"));
  dir.write("neg/task.yaml", task_yaml("negate", 1, "math"));
  CHECK_THROWS_WITH_AS(Suite::load(dir.path()), doctest::Contains("neg/task.yaml: name: 'negate' differs from the directory name 'neg'"),
                       TaskError);
  dir.write("neg/task.yaml", task_yaml("neg", 5, "math"));
  CHECK_THROWS_WITH_AS(Suite::load(dir.path()), doctest::Contains("neg/task.yaml:2: level: 5 is outside 1..3"), TaskError);

  TempDir empty;
  CHECK_THROWS_WITH(Suite::load(empty.path()), doctest::Contains("no subdirectory holds a task.yaml"));
  CHECK_THROWS_WITH(Suite::load(empty.path() / "absent"), doctest::Contains("not a directory"));
}
