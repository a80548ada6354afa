// One test case per task of every built-in suite, named "<suite>/<task>" (e.g. level2/layer_norm),
// registered at start-up from the suite directories so that a failure names the task: the task's
// reference solution passes every case (compiled once per DTYPE_ macro set, run in confined workers,
// judged against its TorchScript reference by its tolerance); so does its baseline when it has one,
// and the solution is predicted faster than the baseline on each case. A suite that does not load
// gets one failing case, "<suite> loads", carrying the error.
#include <doctest/doctest.h>

#include <deque>
#include <filesystem>

#include "ascendgen/core/files.h"
#include "ascendgen/evaluator/evaluator.h"
#include "ascendgen/task/operator_source.h"
#include "builtin_suites.h"

namespace {
using ascendgen::testing::builtin_suites;

// A registered case: the task it checks, or the load error of its suite.
struct SuiteCase {
  std::string name;
  const ascendgen::Task* task = nullptr;
  std::string load_error;
};

std::deque<SuiteCase>& suite_cases() {  // a deque: doctest keeps pointers to the names
  static std::deque<SuiteCase> cases;
  return cases;
}

// A solution or baseline: one kernel file, or an operator directory read as its joined source.
std::string read_candidate(const std::filesystem::path& path) {
  return std::filesystem::is_directory(path) ? ascendgen::read_operator_directory(path)
                                             : ascendgen::read_file(path);
}

void check_task(const ascendgen::Task& task) {
  REQUIRE_MESSAGE(task.solution_path(), "the task names no reference solution");
  std::vector<std::string> sources{read_candidate(*task.solution_path())};
  if (task.baseline_path()) sources.push_back(read_candidate(*task.baseline_path()));
  std::vector<ascendgen::Candidate> candidates;
  for (const auto& source : sources) candidates.push_back({&task, source});

  ascendgen::Evaluator evaluator({.workers = 2});
  const auto results = evaluator.evaluate_many(candidates);
  REQUIRE(results.size() == candidates.size());
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    CAPTURE(i == 0 ? "solution" : "baseline");
    for (const auto& d : r.diagnostics) CHECK_MESSAGE(d.severity != "error", d.file << ":" << d.line << ": " << d.message);
    CHECK(r.status == "pass");
    REQUIRE(r.cases.size() == task.cases().size());
    for (const auto& c : r.cases) CHECK_MESSAGE(c.status == "pass", c.id << ": " << c.error_kind << " " << c.message);
  }
  if (results.size() < 2 || results[0].status != "pass" || results[1].status != "pass") return;
  for (size_t c = 0; c < task.cases().size(); ++c) {
    CAPTURE(results[0].cases[c].id);
    CHECK(results[0].cases[c].predicted_us > 0);
    CHECK(results[0].cases[c].predicted_us < results[1].cases[c].predicted_us);
  }
}

// The body of every registered case: finds its entry by the running test case's name.
void run_suite_case() {
  const std::string name = doctest::getContextOptions()->currentTest->m_name;
  for (const auto& c : suite_cases()) {
    if (c.name != name) continue;
    if (!c.task) FAIL(c.load_error);
    check_task(*c.task);
    return;
  }
  FAIL("no registered suite case is named " << name);
}

void register_case(SuiteCase c) {
  auto& stored = suite_cases().emplace_back(std::move(c));
  doctest::detail::regTest(doctest::detail::TestCase(run_suite_case, __FILE__, __LINE__,
                                                     doctest_detail_test_suite_ns::getCurrentTestSuite()) *
                           stored.name.c_str());
}

[[maybe_unused]] const bool registered = [] {
  for (const auto& s : builtin_suites()) {
    if (!s.suite) {
      register_case({s.name + " loads", nullptr, s.load_error});
      continue;
    }
    for (const auto& task : s.suite->tasks()) register_case({s.name + "/" + task.name(), &task, ""});
  }
  return true;
}();

}  // namespace
