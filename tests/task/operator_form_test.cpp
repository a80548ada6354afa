#include <doctest/doctest.h>

#include <string>

#include "ascendgen/task/operator_source.h"
#include "ascendgen/task/task.h"
#include "temp_dir.h"

using namespace ascendgen;

namespace {
const std::string kOperatorTask = R"yaml(name: add_op
level: 2
category: math
description: Element-wise sum, as a full operator.
kernel:
  form: operator
  op: AddCustom
  entry: add_custom
  params: [x, y, z, workspace, tiling]
inputs:
  - {name: x, dtype: $dtype, shape: $shape}
  - {name: y, dtype: $dtype, shape: $shape}
attributes:
  - {name: alpha, type: float, default: 1.0}
  - {name: steps, type: int, default: 2}
outputs:
  - {name: z, dtype: $dtype, shape: $shape}
reference: |
  def reference(x: Tensor, y: Tensor, alpha: float, steps: int) -> Tensor:
      return x + alpha * y
cases:
  - {id: small, shape: [64], dtype: float16}
)yaml";

// kOperatorTask with `from` replaced by `to` (which must occur).
std::string edited(const std::string& from, const std::string& to) {
  std::string text = kOperatorTask;
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

TEST_CASE("operator_form, loads_form_op_and_attribute_types") {
  TempDir dir;
  dir.write("t/task.yaml", kOperatorTask);
  const Task task = Task::load(dir.path() / "t");
  CHECK(task.kernel().form == KernelForm::Operator);
  CHECK(task.kernel().op == "AddCustom");
  CHECK(task.kernel().params == std::vector<std::string>{"x", "y", "z", "workspace", "tiling"});
  CHECK(task.cases().front().tiling.empty());
  CHECK(task.attribute_types() == std::vector<std::pair<std::string, std::string>>{{"alpha", "float"}, {"steps", "int"}});
}

TEST_CASE("operator_form, kernel_form_is_the_default") {
  TempDir dir;
  // Without `form`, a task that names `tiling` needs tiling fields, as before.
  CHECK(load_error(dir, edited("  form: operator\n  op: AddCustom\n", "")).find("names 'tiling' but the task has no tiling fields") !=
        std::string::npos);
  dir.write("t/task.yaml", edited("  form: operator\n  op: AddCustom\n  entry: add_custom\n  params: [x, y, z, workspace, tiling]",
                                  "  entry: add_custom\n  params: [x, y, z]"));
  const Task task = Task::load(dir.path() / "t");
  CHECK(task.kernel().form == KernelForm::Kernel);
  CHECK(task.kernel().op.empty());
}

TEST_CASE("operator_form, errors_name_the_field") {
  TempDir dir;
  CHECK(load_error(dir, edited("form: operator", "form: module")).ends_with("kernel.form: unknown form 'module' (kernel, operator)"));
  CHECK(load_error(dir, edited("  op: AddCustom\n", "")).ends_with("kernel.op: missing field"));
  CHECK(load_error(dir, edited("op: AddCustom", "op: Add-Custom")).find("kernel.op: 'Add-Custom' is not a C identifier") !=
        std::string::npos);
  CHECK(load_error(dir, edited("  form: operator\n", "")).find("kernel.op: only an operator-form task") != std::string::npos);
  CHECK(load_error(dir, edited("  entry: add_custom\n", "  entry: add_custom\n  block_dim: 8\n"))
            .find("kernel.block_dim: an operator-form task leaves it to the candidate's tiling function") != std::string::npos);
  CHECK(load_error(dir, edited("  entry: add_custom\n", "  entry: add_custom\n  workspace: 64\n"))
            .find("kernel.workspace: an operator-form task leaves it") != std::string::npos);
  CHECK(load_error(dir, edited("cases:", "tiling:\n  - {name: n, value: numel(x)}\ncases:"))
            .find("tiling: an operator-form task has no tiling fields") != std::string::npos);
}

TEST_CASE("operator_form, solution_may_be_a_directory") {
  TempDir dir;
  dir.write("t/solution/op_host/add_custom.cpp", "int host;\n");
  dir.write("t/solution/op_kernel/add_custom.cpp", "int kernel;\n");
  dir.write("t/task.yaml", kOperatorTask + "solution: solution\n");
  const Task task = Task::load(dir.path() / "t");
  REQUIRE(task.solution_path());
  CHECK(read_candidate_source(*task.solution_path()) ==
        "// === FILE: op_host/add_custom.cpp ===\nint host;\n// === FILE: op_kernel/add_custom.cpp ===\nint kernel;\n");
  // A kernel-form task's solution is a file.
  const std::string kernel_form = edited("  form: operator\n  op: AddCustom\n  entry: add_custom\n  params: [x, y, z, workspace, tiling]",
                                         "  entry: add_custom\n  params: [x, y, z]") + "solution: solution\n";
  CHECK(load_error(dir, kernel_form).find("solution: file '") != std::string::npos);
}
