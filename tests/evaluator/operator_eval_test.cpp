// Full-operator candidates end to end on tests/data/operator_add: the reference operator passes and
// its tiling function's choices (block dim, tiling key, tiling size, workspace) drive the launch;
// each way the host side can go wrong is a result with its own status and error kind.
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "ascendgen/evaluator/evaluator.h"
#include "ascendgen/evaluator/result_json.h"
#include "ascendgen/task/operator_source.h"
#include "ascendgen/task/task.h"

namespace fs = std::filesystem;
using namespace ascendgen;

namespace {

const fs::path kTaskDir = fs::path(__FILE__).parent_path().parent_path() / "data" / "operator_add";

const Task& operator_task() {
  static const Task t = Task::load(kTaskDir);
  return t;
}
const std::string& solution() {
  static const std::string s = read_candidate_source(*operator_task().solution_path());
  return s;
}
Evaluator& operator_evaluator() {
  static Evaluator e([] {
    EvaluatorOptions o;
    o.compiler.cache_dir = fs::temp_directory_path() / "ascendgen-evaluator-test-kernels";
    o.case_timeout_s = 20;
    o.workers = 2;
    return o;
  }());
  return e;
}

// The solution with `from` (which must occur) replaced by `to`.
std::string variant(const std::string& from, const std::string& to) {
  std::string s = solution();
  const size_t at = s.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return s.replace(at, from.size(), to);
}

// Every case failed in the tiling step with `kind`; returns the first case's message.
std::string tiling_failure(const std::string& source, const std::string& kind) {
  const EvalResult r = operator_evaluator().evaluate(operator_task(), source);
  INFO(to_json(r).dump(2));
  CHECK(r.compiled);
  CHECK(r.status == "runtime_error");
  for (const CaseResult& c : r.cases) {
    CHECK(c.error_kind == kind);
    CHECK_FALSE(c.tiling);
  }
  return r.cases.empty() ? "" : r.cases.front().message;
}

}  // namespace

TEST_CASE("operator_eval, the_reference_operator_passes_with_its_own_tiling") {
  const EvalResult r = operator_evaluator().evaluate(operator_task(), solution());
  INFO(to_json(r).dump(2));
  REQUIRE(r.status == "pass");
  REQUIRE(r.cases.size() == 3);
  for (const CaseResult& c : r.cases) {
    REQUIRE(c.tiling);
    CHECK(c.tiling->tiling_bytes == 24);  // uint32, uint32, float, int64
    CHECK(c.tiling->workspace_bytes == (16u << 20));
    CHECK(c.launch.cores.size() == c.tiling->block_dim);
    CHECK(to_json(c).at("tiling").at("block_dim") == c.tiling->block_dim);
  }
  // alpha == 1 selects key 1; the others key 2. 1000 fp16 elements are 63 32-byte blocks: one per
  // core on 48 cores gives 2 blocks per core, so 32 cores.
  CHECK(r.cases[0].tiling->tiling_key == 1);
  CHECK(r.cases[0].tiling->block_dim == 32);
  CHECK(r.cases[1].tiling->tiling_key == 2);
  CHECK(r.cases[2].tiling->tiling_key == 2);
  CHECK(r.cases[2].tiling->block_dim == 48);
}

TEST_CASE("operator_eval, the_tiling_key_drives_the_kernel") {
  // Always key 1 (no scaling): right where alpha == 1, wrong elsewhere.
  const EvalResult r =
      operator_evaluator().evaluate(operator_task(), variant("SetTilingKey(alpha == 1.0f ? 1 : 2)", "SetTilingKey(1)"));
  CHECK(r.status == "wrong_answer");
  CHECK(r.cases[0].status == "pass");
  CHECK(r.cases[1].status == "wrong_answer");
}

TEST_CASE("operator_eval, tiling_errors_are_results") {
  CHECK(tiling_failure(variant("  return ge::GRAPH_SUCCESS;\n}\n}  // namespace optiling", "  return ge::GRAPH_FAILED;\n}\n}"),
                       "tiling_failed")
            .find("returned GRAPH_FAILED") != std::string::npos);
  CHECK(tiling_failure(variant("context->SetBlockDim(static_cast<uint32_t>((total + blockLength - 1) / blockLength));",
                               "context->SetBlockDim(coreNum * 2);"),
                       "tiling_block_dim")
            .find("set block dim 96, above the 48 vector cores of Ascend910B2") != std::string::npos);
  std::string throwing = variant("  const float alpha = ", "  if (total > 0) throw std::invalid_argument(\"no alpha\");\n  const float alpha = ");
  throwing = throwing.replace(throwing.find("#include \"add_custom_tiling.h\""), 0, "#include <stdexcept>\n");
  CHECK(tiling_failure(throwing, "tiling_exception").find("threw: no alpha") != std::string::npos);
  std::string unregistered = variant("OP_ADD(AddCustom);", "OP_ADD(AddCustomV2);");
  unregistered = unregistered.replace(unregistered.find("class AddCustom "), 16, "class AddCustomV2 ");
  unregistered = unregistered.replace(unregistered.find("explicit AddCustom("), 19, "explicit AddCustomV2(");
  CHECK(tiling_failure(unregistered, "tiling_not_registered").find("(registered: [AddCustomV2])") != std::string::npos);
}

TEST_CASE("operator_eval, the_form_must_match_the_task") {
  const auto parse_error = [](const EvalResult& r) {
    CHECK(r.status == "parse_error");
    CHECK_FALSE(r.compiled);
    REQUIRE(r.diagnostics.size() == 1);
    return r.diagnostics.front().message;
  };
  // A kernel-only source for an operator task.
  const std::string kernel_file = split_operator_source(solution()).back().text;
  CHECK(parse_error(operator_evaluator().evaluate(operator_task(), kernel_file))
            .starts_with("task 'add_operator' takes a full operator"));
  // An operator without its kernel file.
  std::vector<SourceFile> files = split_operator_source(solution());
  files.pop_back();
  CHECK(parse_error(operator_evaluator().evaluate(operator_task(), join_operator_source(files))) ==
        "a full operator needs exactly one op_kernel/<op>.cpp file, this one has 0");
  // The kernel file must still define the entry.
  const EvalResult wrong_entry = operator_evaluator().evaluate(operator_task(), variant("void add_custom(", "void add_kernel("));
  CHECK(wrong_entry.status == "parse_error");
  REQUIRE(wrong_entry.diagnostics.size() == 1);
  CHECK(wrong_entry.diagnostics.front().file == "op_kernel/add_custom.cpp");
  CHECK(wrong_entry.diagnostics.front().category == "missing_entry");
}
