// Every task of the built-in Level-1 suite: its reference solution compiles with the case's DTYPE_*
// macros, runs on the emulator and matches the task's TorchScript reference on every case.
//
// Interim harness until the Evaluator lands: ReferenceRunner materialises each case (seeded inputs,
// libtorch reference), the solution runs in-process with sim::launch, compare() judges it.
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>

#include "ascendgen/evaluator/compare.h"
#include "ascendgen/evaluator/reference.h"
#include "ascendgen/sim/errors.h"
#include "ascendgen/sim/kernel_build.h"
#include "ascendgen/sim/kernel_library.h"
#include "ascendgen/sim/launcher.h"
#include "ascendgen/task/suite.h"

namespace fs = std::filesystem;

namespace {

// Compiles the task's solution once per distinct set of DTYPE_ macros.
class SolutionBuilds {
 public:
  explicit SolutionBuilds(const ascendgen::Task& task) : task_(task) {}
  const ascendgen::sim::KernelLibrary& library(const ascendgen::TestCase& c) {
    std::vector<std::string> defines;
    for (const auto& [macro, type] : c.dtype_macros) defines.push_back("-D" + macro + "=" + type);
    auto& lib = builds_[defines];
    if (!lib) {
      const fs::path so = fs::temp_directory_path() / "ascendgen-suite-test" /
                          (task_.name() + "_" + std::to_string(builds_.size()) + ".so");
      fs::create_directories(so.parent_path());
      const auto built = ascendgen::sim::build_kernel(task_.solution_path()->string(), so.string(), {defines});
      if (!built.ok) throw std::runtime_error("solution does not compile:\n" + built.output);
      lib = std::make_unique<ascendgen::sim::KernelLibrary>(so.string());
    }
    return *lib;
  }

 private:
  const ascendgen::Task& task_;
  std::map<std::vector<std::string>, std::unique_ptr<ascendgen::sim::KernelLibrary>> builds_;
};

void check_case(const ascendgen::Task& task, const ascendgen::TestCase& c, const ascendgen::CaseData& data,
                const ascendgen::sim::KernelLibrary& lib) {
  ascendgen::sim::GlobalMemory gm;
  std::vector<uint8_t*> args;
  std::vector<uint8_t*> outputs(c.outputs.size());
  for (const auto& p : task.kernel().params) {
    if (p == "tiling") {
      args.push_back(gm.allocate(c.tiling.size() * sizeof(int64_t), "tiling"));
      std::memcpy(args.back(), c.tiling.data(), c.tiling.size() * sizeof(int64_t));
    } else if (p == "workspace") {
      args.push_back(c.workspace_bytes ? gm.allocate(c.workspace_bytes, "workspace") : nullptr);
    }
    for (size_t i = 0; i < c.inputs.size(); ++i) {
      if (c.inputs[i].name != p) continue;
      args.push_back(gm.allocate(data.inputs[i].data.size(), p));
      std::memcpy(args.back(), data.inputs[i].data.data(), data.inputs[i].data.size());
    }
    for (size_t i = 0; i < c.outputs.size(); ++i)
      if (c.outputs[i].name == p) args.push_back(outputs[i] = gm.allocate(c.outputs[i].bytes(), p));
  }
  ascendgen::sim::launch(lib.entry(task.kernel().entry), args, {.block_dim = task.kernel().block_dim}, gm);
  for (size_t i = 0; i < c.outputs.size(); ++i) {
    ascendgen::HostTensor out = data.expected[i];
    std::memcpy(out.data.data(), outputs[i], out.data.size());
    const auto result = ascendgen::compare(out, data.expected[i], task.tolerance_for(c.outputs[i].dtype));
    CHECK_MESSAGE(result.passed, c.outputs[i].name << ": " << result.mismatches << " of " << result.elements
                                                   << " mismatch, first at " << result.first_mismatch
                                                   << ", max abs error " << result.max_abs_err);
  }
}

}  // namespace

TEST_CASE("every Level-1 task's reference solution passes every case") {
  const auto suite = ascendgen::Suite::load(ASCENDGEN_SUITE_DIR);
  CHECK(suite.tasks().size() >= 35);
  ascendgen::ReferenceRunner references;
  const char* only = std::getenv("ASCENDGEN_SUITE_TASK");  // run one task while developing it
  for (const auto& task : suite.tasks()) {
    if (only && task.name() != only) continue;
    CAPTURE(task.name());
    REQUIRE(task.solution_path());
    CHECK(task.cases().size() >= 2);
    SolutionBuilds builds(task);
    for (const auto& c : task.cases()) {
      CAPTURE(c.id);
      try {
        check_case(task, c, references.materialise(task, c), builds.library(c));
      } catch (const std::exception& e) {
        FAIL_CHECK(std::string(e.what()));
      }
    }
  }
}
