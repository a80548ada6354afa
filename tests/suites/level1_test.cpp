// The built-in Level-1 suite: every task loads, and the Evaluator passes its reference solution on
// every case (compiled once per DTYPE_ macro set, run in confined workers, judged against the
// task's TorchScript reference by the task's tolerance).
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "ascendgen/evaluator/evaluator.h"
#include "ascendgen/task/suite.h"

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const ascendgen::Suite& level1() {
  static const ascendgen::Suite suite = ascendgen::Suite::load(ASCENDGEN_SUITE_DIR);
  return suite;
}

}  // namespace

TEST_CASE("the Level-1 suite covers NPUKernelBench's Level-1 categories with 35+ tasks, each with a baseline") {
  const auto& suite = level1();
  CHECK(suite.tasks().size() >= 35);
  std::set<std::string> categories;
  for (const auto& task : suite.tasks()) {
    CAPTURE(task.name());
    CHECK(task.level() == 1);
    CHECK(task.solution_path());
    CHECK(task.baseline_path());
    CHECK(task.cases().size() >= 2);
    categories.insert(task.category());
  }
  for (const char* category : {"math", "activation", "comparison", "condition", "cast", "creation", "reduction", "index"})
    CHECK_MESSAGE(categories.count(category), category);
}

TEST_CASE("the Evaluator passes every Level-1 reference solution on every case") {
  const auto& suite = level1();
  std::vector<std::string> sources;
  for (const auto& task : suite.tasks()) sources.push_back(read_file(*task.solution_path()));
  std::vector<ascendgen::Candidate> candidates;
  for (size_t i = 0; i < sources.size(); ++i) candidates.push_back({&suite.tasks()[i], sources[i]});

  ascendgen::Evaluator evaluator({.workers = 2});
  const auto results = evaluator.evaluate_many(candidates);
  REQUIRE(results.size() == candidates.size());
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    CAPTURE(r.task);
    CHECK(r.status == "pass");
    for (const auto& d : r.diagnostics) CHECK_MESSAGE(d.severity != "error", d.file << ":" << d.line << ": " << d.message);
    CHECK(r.cases.size() == suite.tasks()[i].cases().size());
    for (const auto& c : r.cases) CHECK_MESSAGE(c.status == "pass", c.id << ": " << c.error_kind << " " << c.message);
  }
}

TEST_CASE("every Level-1 baseline passes every case, and its solution is predicted faster on each") {
  const auto& suite = level1();
  std::vector<std::string> sources;
  for (const auto& task : suite.tasks()) {
    sources.push_back(read_file(*task.baseline_path()));
    sources.push_back(read_file(*task.solution_path()));
  }
  std::vector<ascendgen::Candidate> candidates;
  for (size_t i = 0; i < sources.size(); ++i) candidates.push_back({&suite.tasks()[i / 2], sources[i]});

  ascendgen::Evaluator evaluator({.workers = 2});
  const auto results = evaluator.evaluate_many(candidates);
  REQUIRE(results.size() == candidates.size());
  for (size_t i = 0; i < results.size(); i += 2) {
    const auto& baseline = results[i];
    const auto& solution = results[i + 1];
    CAPTURE(baseline.task);
    REQUIRE(baseline.status == "pass");
    REQUIRE(solution.status == "pass");
    for (size_t c = 0; c < baseline.cases.size(); ++c) {
      CAPTURE(baseline.cases[c].id);
      CHECK(solution.cases[c].predicted_us > 0);
      CHECK(solution.cases[c].predicted_us < baseline.cases[c].predicted_us);
    }
  }
}
