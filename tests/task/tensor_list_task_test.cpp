#include <doctest/doctest.h>

#include <string>

#include "ascendgen/task/task.h"
#include "temp_dir.h"

using namespace ascendgen;

namespace {
// A Foreach-style operator: two tensor lists in, one scalar tensor, one tensor list out.
const std::string kListTask = R"yaml(name: foreach_axpy
level: 2
category: foreach
description: y[i] = x1[i] + alpha * x2[i] for each tensor of the lists.
kernel:
  form: operator
  op: ForeachAxpy
  entry: foreach_axpy
  params: [x1, x2, alpha, y, workspace, tiling]
inputs:
  - {name: x1, dtype: $dtype, list: true}
  - {name: x2, dtype: $dtype, list: true, rank: 1}
  - {name: alpha, dtype: float32, shape: []}
outputs:
  - {name: y, dtype: $dtype, list: true}
reference: |
  def reference(x1: List[Tensor], x2: List[Tensor], alpha: Tensor) -> List[Tensor]:
      return [a + alpha * b for a, b in zip(x1, x2)]
cases:
  - {id: two, dtype: float16, shapes: {x1: [[3], [5]], x2: [[3], [5]], y: [[3], [5]]}}
)yaml";

std::string edited(const std::string& from, const std::string& to) {
  std::string text = kListTask;
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string load_error(const TempDir& dir, const std::string& yaml) {
  dir.write("t/task.yaml", yaml);
  try {
    Task::load(dir.path() / "t");
  } catch (const TaskError& e) {
    return e.what();
  }
  FAIL("the task loaded");
  return {};
}
}  // namespace

TEST_CASE("tensor_list, a list becomes one instance per element, grouped back by group_tensors") {
  TempDir dir;
  dir.write("t/task.yaml", kListTask);
  const Task task = Task::load(dir.path() / "t");
  const TestCase& c = task.cases().front();
  REQUIRE(c.inputs.size() == 5);
  CHECK(c.inputs[1].name == "x1");
  CHECK(c.inputs[1].list_index == 1);
  CHECK(c.inputs[1].shape == std::vector<int64_t>{5});
  CHECK(c.inputs[1].label() == "x1[1]");
  CHECK(c.inputs[4].list_index == -1);
  CHECK(c.inputs[4].label() == "alpha");
  const std::vector<TensorGroup> groups = group_tensors(c.inputs);
  REQUIRE(groups.size() == 3);
  CHECK(groups[0].list);
  CHECK(groups[1].instances == std::vector<size_t>{2, 3});
  CHECK_FALSE(groups[2].list);
  CHECK(group_tensors(c.outputs).front().instances.size() == 2);
  // One DTYPE_ macro per declared tensor, not per element.
  CHECK(c.dtype_macros.size() == 4);
}

TEST_CASE("tensor_list, recorded data is one file per element") {
  TempDir dir;
  dir.write("t/d/a.bin", std::string(6, '\0'));
  dir.write("t/d/b.bin", std::string(10, '\0'));
  dir.write("t/task.yaml", edited("y: [[3], [5]]}}", "y: [[3], [5]]}, data: {x1: [d/a.bin, d/b.bin]}}"));
  const Task task = Task::load(dir.path() / "t");
  CHECK(task.cases().front().inputs[1].data.filename() == "b.bin");
  CHECK(load_error(dir, edited("y: [[3], [5]]}}", "y: [[3], [5]]}, data: {x1: [d/a.bin]}}"))
            .find("cases[two].data.x1: expected a list of 2 files") != std::string::npos);
  CHECK(load_error(dir, edited("y: [[3], [5]]}}", "y: [[3], [5]]}, data: {x1: [d/b.bin, d/a.bin]}}"))
            .find("cases[two].data.x1[0]") != std::string::npos);
}

TEST_CASE("tensor_list, shapes are checked per element and a list has no declared shape") {
  TempDir dir;
  CHECK(load_error(dir, edited("x2: [[3], [5]]", "x2: [[3], [5, 1]]")).find("cases[two].shapes.x2[1]") != std::string::npos);
  CHECK(load_error(dir, edited("x2: [[3], [5]], ", "")).find("no shapes for tensor list 'x2'") != std::string::npos);
  CHECK(load_error(dir, edited("x1: [[3], [5]]", "x1: []")).find("needs at least one tensor") != std::string::npos);
  CHECK(load_error(dir, edited("{name: x1, dtype: $dtype, list: true}", "{name: x1, dtype: $dtype, list: true, shape: [3]}"))
            .find("inputs[0].shape: a tensor list takes its shapes") != std::string::npos);
}
