#include <doctest/doctest.h>
#include <unistd.h>

#include <fstream>

#include "ascendgen/generator/prompt.h"

namespace ascendgen {
namespace {
namespace fs = std::filesystem;

const fs::path kSuite = fs::path(ASCENDGEN_SOURCE_DIR) / "suites/level1";

PromptOptions options() {
  PromptOptions o;
  o.soc = load_soc("Ascend910B2");
  return o;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_CASE("prompt: the default templates give every section, filled from the task, case and SoC") {
  PromptBuilder builder(options());
  CHECK(builder.templates_dir() == fs::path(ASCENDGEN_SOURCE_DIR) / "data/prompts");
  const Task add = Task::load(kSuite / "add");
  const Prompt p = builder.build(add, "tail_fp32");
  CHECK(contains(p.system, "Ascend C"));
  CHECK(contains(p.user, "# Task: add (level 1, math)"));
  CHECK(contains(p.user, "Element-wise sum z = x + y"));
  CHECK(contains(p.user, "extern \"C\" __global__ __aicore__ void add_custom(GM_ADDR x, GM_ADDR y, GM_ADDR z, GM_ADDR tiling)"));
  CHECK(contains(p.user, "It is launched on 8 vector cores (AIV) (GetBlockNum() returns 8;"));
  CHECK(contains(p.user, "- input x: float32 [4099]"));
  CHECK(contains(p.user, "- output z: float32 [4099]"));
  CHECK(contains(p.user, "for this case: [4099]"));
  CHECK(contains(p.user, "DTYPE_X=float"));
  CHECK(contains(p.user, "<kernel_impl>"));
  CHECK(contains(p.user, "# Implementation rules"));
  const SocDescription soc = load_soc("Ascend910B2");
  CHECK(contains(p.user, std::to_string(soc.ub_bytes / 1024) + " KiB per vector core"));
  CHECK(contains(p.user, std::to_string(soc.vector_cores) + " vector cores"));
  CHECK_FALSE(contains(p.user, "{{"));
  CHECK_FALSE(contains(p.user, "# Example"));  // no examples were added
}

TEST_CASE("prompt: an example of the same category, never the task itself") {
  PromptBuilder builder(options());
  builder.add_examples(Suite::load(kSuite));
  const Task add = Task::load(kSuite / "add");
  const Prompt p = builder.build(add);
  REQUIRE(contains(p.user, "# Example"));
  CHECK_FALSE(contains(p.user, "Task `add`"));
  // The example is the first other task of category math by name, with its solution.
  const Suite math = Suite::load(kSuite).filter(std::nullopt, std::string("math"));
  const Task* first = nullptr;
  for (const Task& t : math.tasks())
    if (t.name() != "add" && t.solution_path() && !first) first = &t;
  REQUIRE(first);
  CHECK(contains(p.user, "Task `" + first->name() + "`"));
  CHECK(contains(p.user, "extern \"C\" __global__ __aicore__ void " + first->kernel().entry));
}

TEST_CASE("prompt: an operator-form task asks for the three files, its host code choosing the launch") {
  const Task matmul = Task::load(fs::path(ASCENDGEN_SOURCE_DIR) / "suites/level3/matmul_bias");
  REQUIRE(matmul.kernel().form == KernelForm::Operator);
  PromptBuilder builder(options());
  builder.add_examples(Suite::load(kSuite));
  const Prompt p = builder.build(matmul);
  CHECK(contains(p.user, "// === FILE: op_host/matmul_bias_custom_tiling.h ==="));
  CHECK(contains(p.user, "// === FILE: op_host/matmul_bias_custom.cpp ==="));
  CHECK(contains(p.user, "// === FILE: op_kernel/matmul_bias_custom.cpp ==="));
  CHECK(contains(p.user, "operator `MatmulBiasCustom`"));
  CHECK(contains(p.user, "Your host TilingFunc chooses the number of cores"));
  CHECK(contains(p.user, "Your TilingFunc computes the tiling data"));
  CHECK_FALSE(contains(p.user, "# Example"));  // the examples are kernel-only
}

TEST_CASE("prompt: repair appends the previous kernel and the feedback") {
  PromptBuilder builder(options());
  const Prompt first = builder.build(Task::load(kSuite / "add"));
  const Prompt again = builder.repair(first, "int broken;\n", "compile_error", "kernel.cpp:1:5: error: boom");
  CHECK(again.system == first.system);
  CHECK(again.user.starts_with(first.user.substr(0, first.user.size() - 1)));
  CHECK(contains(again.user, "failed: compile_error"));
  CHECK(contains(again.user, "int broken;"));
  CHECK(contains(again.user, "kernel.cpp:1:5: error: boom"));
}

TEST_CASE("prompt: edited templates are used; a missing file or unknown placeholder is an error") {
  const fs::path dir = fs::temp_directory_path() / ("ascendgen-prompt-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(fs::path(ASCENDGEN_SOURCE_DIR) / "data/prompts", dir);
  std::ofstream(dir / "rules.md") << "Only rule: be fast on {{soc_name}}.\n";
  PromptOptions o = options();
  o.templates_dir = dir;
  CHECK(contains(PromptBuilder(o).build(Task::load(kSuite / "add")).user, "Only rule: be fast on Ascend910B2."));

  std::ofstream(dir / "rules.md") << "{{sco_name}}\n";
  CHECK_THROWS_WITH(PromptBuilder{o}, doctest::Contains("rules.md: unknown placeholder {{sco_name}}"));
  fs::remove(dir / "rules.md");
  CHECK_THROWS_WITH(PromptBuilder{o}, doctest::Contains("rules.md: cannot read the prompt template"));
  fs::remove_all(dir);
  CHECK_THROWS_AS(PromptBuilder(options()).build(Task::load(kSuite / "add"), "nope"),
                  std::out_of_range);
}

}  // namespace
}  // namespace ascendgen
