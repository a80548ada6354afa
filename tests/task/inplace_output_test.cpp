#include <doctest/doctest.h>

#include <string>

#include "ascendgen/task/task.h"
#include "temp_dir.h"

using namespace ascendgen;

namespace {
// A ref output: y_ref is var's memory after the kernel (CANN's OpDef output named like its input).
const std::string kInplaceTask = R"yaml(name: scale_inplace
level: 1
category: inplace
description: var *= 2 in place.
kernel:
  form: operator
  op: ScaleInplace
  entry: scale_inplace
  params: [var, y_ref, workspace, tiling]
inputs:
  - {name: var, dtype: $dtype, shape: $shape}
outputs:
  - {name: y_ref, dtype: $dtype, shape: $shape, inplace: var}
reference: |
  def reference(var: Tensor) -> Tensor:
      return var * 2
cases:
  - {id: a, dtype: float32, shape: [64]}
)yaml";

std::string edited(const std::string& from, const std::string& to) {
  std::string text = kInplaceTask;
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

TEST_CASE("inplace_output, the output names the input it updates") {
  TempDir dir;
  dir.write("t/task.yaml", kInplaceTask);
  const Task task = Task::load(dir.path() / "t");
  const TestCase& c = task.cases().front();
  CHECK(c.outputs.front().inplace == "var");
  CHECK(c.inputs.front().inplace.empty());
}

TEST_CASE("inplace_output, the kernel may take only the input's address") {
  TempDir dir;
  dir.write("t/task.yaml", edited("params: [var, y_ref, workspace, tiling]", "params: [var, workspace, tiling]"));
  CHECK(Task::load(dir.path() / "t").kernel().params.size() == 3);
  // An output of its own must still be a parameter.
  std::string own = edited("params: [var, y_ref, workspace, tiling]", "params: [var, workspace, tiling]");
  own.replace(own.find(", inplace: var"), 14, "");
  CHECK(load_error(dir, own).find("'y_ref' is not passed to the kernel") != std::string::npos);
}

TEST_CASE("inplace_output, errors name the field") {
  TempDir dir;
  CHECK(load_error(dir, edited("inplace: var", "inplace: nope")).find("outputs[0].inplace: 'nope' is not an input") !=
        std::string::npos);
  CHECK(load_error(dir, edited("{id: a, dtype: float32, shape: [64]}",
                               "{id: a, dtype: float32, shape: [64], shapes: {y_ref: [32]}}"))
            .find("output 'y_ref' updates input 'var' in place but is float32 [32] where the input is float32 [64]") !=
        std::string::npos);
  CHECK(load_error(dir, edited("  - {name: y_ref, dtype: $dtype, shape: $shape, inplace: var}",
                               "  - {name: y_ref, dtype: $dtype, shape: $shape, inplace: var}\n"
                               "  - {name: z_ref, dtype: $dtype, shape: $shape, inplace: var}"))
            .find("input 'var' is already updated in place by output 'y_ref'") != std::string::npos);
}
