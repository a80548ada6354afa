// What the built-in suites hold: every suite under suites/ loads, its tasks carry the suite's level,
// and Levels 1, 2 and 3 cover their NPUKernelBench categories with enough tasks, each with a
// reference solution, a baseline and at least two cases. (task_cases_test.cpp runs the solutions.)
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "builtin_suites.h"

namespace {
using ascendgen::testing::builtin_suite;
using ascendgen::testing::builtin_suites;

void check_coverage(const std::string& name, int level, size_t min_tasks, std::initializer_list<const char*> categories) {
  const ascendgen::Suite* suite = builtin_suite(name);
  REQUIRE_MESSAGE(suite, "suites/" << name << " is missing or does not load");
  CHECK(suite->tasks().size() >= min_tasks);
  std::set<std::string> seen;
  for (const auto& task : suite->tasks()) {
    CAPTURE(task.name());
    CHECK(task.level() == level);
    CHECK(task.solution_path());
    CHECK(task.baseline_path());
    CHECK(task.cases().size() >= 2);
    seen.insert(task.category());
  }
  for (const char* category : categories) CHECK_MESSAGE(seen.count(category), category);
}

}  // namespace

TEST_CASE("every suite under suites/ loads, and its tasks carry the level its name gives") {
  REQUIRE(!builtin_suites().empty());
  for (const auto& s : builtin_suites()) {
    CAPTURE(s.name);
    CHECK_MESSAGE(s.suite, s.load_error);
    if (!s.suite || s.name.rfind("level", 0) != 0) continue;
    const int level = std::stoi(s.name.substr(5));
    for (const auto& task : s.suite->tasks()) CHECK_MESSAGE(task.level() == level, task.name());
  }
}

TEST_CASE("the Level-1 suite covers NPUKernelBench's Level-1 categories with 35+ tasks, each with a baseline") {
  check_coverage("level1", 1, 35, {"math", "activation", "comparison", "condition", "cast", "creation", "reduction", "index"});
}

TEST_CASE("the Level-2 suite covers norms, softmax variants, activations and their gradients with 22+ tasks") {
  check_coverage("level2", 2, 22, {"norm", "softmax", "activation"});
}

TEST_CASE("the Level-3 suite covers matmul, batched and grouped GEMM, fused epilogues, quantised matmul and attention") {
  check_coverage("level3", 3, 12, {"matmul", "matmul_epilogue", "quant_matmul", "attention"});
}
