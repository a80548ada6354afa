// kernel.core_type: which cores a task's kernel launches on (vector by default, cube, or mix).
#include <doctest/doctest.h>

#include <string>

#include "ascendgen/task/task.h"
#include "temp_dir.h"

using namespace ascendgen;

namespace {
std::string task_yaml(const std::string& core_type_line) {
  return R"yaml(name: mm
level: 3
category: matmul
description: |
  C = A x B.
kernel:
  entry: mm_custom
  params: [a, b, c]
)yaml" + core_type_line +
         R"yaml(inputs:
  - {name: a, dtype: float16, shape: [16, 16]}
  - {name: b, dtype: float16, shape: [16, 16]}
outputs:
  - {name: c, dtype: float32, shape: [16, 16]}
reference: |
  def reference(a: Tensor, b: Tensor) -> Tensor:
      return torch.matmul(a.float(), b.float())
cases:
  - {id: one}
solution: solution.cpp
)yaml";
}

Task load(const std::string& yaml, TempDir& dir) {
  dir.write("mm/task.yaml", yaml);
  dir.write("mm/solution.cpp", "// solution\n");
  return Task::load(dir.path() / "mm");
}
}  // namespace

TEST_CASE("kernel.core_type defaults to vector and reads cube and mix") {
  TempDir dir;
  CHECK(load(task_yaml(""), dir).kernel().core_type == sim::CoreType::Vector);
  CHECK(load(task_yaml("  core_type: mix\n"), dir).kernel().core_type == sim::CoreType::Mix);
  CHECK(load(task_yaml("  core_type: cube\n"), dir).kernel().core_type == sim::CoreType::Cube);
  CHECK(load(task_yaml("  core_type: vector\n"), dir).kernel().core_type == sim::CoreType::Vector);
}

TEST_CASE("an unknown kernel.core_type names the field and the choices") {
  TempDir dir;
  try {
    load(task_yaml("  core_type: tensor\n"), dir);
    FAIL("the task loaded");
  } catch (const TaskError& e) {
    const std::string what = e.what();
    CHECK(what.find("kernel.core_type") != std::string::npos);
    CHECK(what.find("vector, cube, mix") != std::string::npos);
  }
}
