// optiling::TilingBaseClass (tiling/tiling_base.h) and TilingRegistry
// (tiling/tiling_templates_registry.h) run by the worker: the steps in CANN's order, a step's
// failure stopping the rest, and the registry falling through templates that are not capable.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "operator_tiling.h"
#include "register/op_def_registry.h"
#include "tiling/tiling_templates_registry.h"

using ascendgen::OperatorLaunch;
using ascendgen::worker::run_operator_tiling;
using ascendgen::worker::TilingRun;

namespace {

std::vector<std::string> steps;  // the steps of the last DoTiling, in order

// Records its steps; capable when x has at least `min_rows` rows; `failing` names a step that
// answers GRAPH_FAILED.
template <int64_t min_rows, uint64_t key> class RecordingTiling : public optiling::TilingBaseClass {
 public:
  explicit RecordingTiling(gert::TilingContext* context, std::string failing = "")
      : TilingBaseClass(context), failing_(std::move(failing)) {}

 protected:
  ge::graphStatus GetShapeAttrsInfo() override { return step("GetShapeAttrsInfo"); }
  ge::graphStatus GetPlatformInfo() override {
    aicoreParams_.blockDim = platform_ascendc::PlatformAscendC(context_->GetPlatformInfo()).GetCoreNumAiv();
    return step("GetPlatformInfo");
  }
  bool IsCapable() override {
    steps.push_back("IsCapable");
    return context_->GetInputShape(0)->GetStorageShape().GetDim(0) >= min_rows;
  }
  ge::graphStatus DoOpTiling() override {
    context_->SetBlockDim(static_cast<uint32_t>(aicoreParams_.blockDim / 4));
    return step("DoOpTiling");
  }
  ge::graphStatus DoLibApiTiling() override { return step("DoLibApiTiling"); }
  uint64_t GetTilingKey() const override { return key; }
  ge::graphStatus GetWorkspaceSize() override { return step("GetWorkspaceSize"); }
  ge::graphStatus PostTiling() override { return step("PostTiling"); }

 private:
  ge::graphStatus step(const char* name) {
    steps.push_back(name);
    return failing_ == name ? ge::GRAPH_FAILED : ge::GRAPH_SUCCESS;
  }
  std::string failing_;
};

using BigRowsTiling = RecordingTiling<100, 2>;
using AnyRowsTiling = RecordingTiling<0, 1>;
class FailingWorkspaceTiling : public RecordingTiling<0, 3> {
 public:
  explicit FailingWorkspaceTiling(gert::TilingContext* context) : RecordingTiling(context, "GetWorkspaceSize") {}
};

ge::graphStatus TemplatedTiling(gert::TilingContext* context) {
  return optiling::TilingRegistry::GetInstance().DoTilingImpl(context);
}
ge::graphStatus FailingFirstTiling(gert::TilingContext* context) {
  return optiling::TilingRegistry::GetInstance().DoTilingImpl(context, {5, 1});
}

}  // namespace

namespace optiling {
REGISTER_TILING_TEMPLATE("TemplatedOp", AnyRowsTiling, 20);
REGISTER_TILING_TEMPLATE("TemplatedOp", BigRowsTiling, 10);
REGISTER_TILING_TEMPLATE("UncapableOp", BigRowsTiling, 0);
REGISTER_TILING_TEMPLATE("FailingFirstOp", AnyRowsTiling, 1);
REGISTER_TILING_TEMPLATE("FailingFirstOp", FailingWorkspaceTiling, 5);
}  // namespace optiling

namespace ops {
#define ASCENDGEN_TEMPLATE_TEST_OP(name, tiling)    \
  class name : public OpDef {                       \
   public:                                          \
    explicit name(const char* type) : OpDef(type) { \
      this->Input("x");                             \
      this->Output("z");                            \
      this->AICore().SetTiling(tiling);             \
    }                                               \
  };                                                \
  OP_ADD(name)
ASCENDGEN_TEMPLATE_TEST_OP(TemplatedOp, TemplatedTiling);
ASCENDGEN_TEMPLATE_TEST_OP(UncapableOp, TemplatedTiling);
ASCENDGEN_TEMPLATE_TEST_OP(FailingFirstOp, FailingFirstTiling);
}  // namespace ops

namespace {

TilingRun run(const std::string& op, int64_t rows) {
  OperatorLaunch l;
  l.op_type = op;
  l.inputs = {{"x", "float32", {rows, 4}, 0}};
  l.outputs = {{"z", "float32", {rows, 4}, 1}};
  l.platform = {"Ascend910B2", "Ascend910B", 24, 48, 196608, 524288, 65536, 65536, 131072, 16u << 20, false};
  static std::vector<float> x(1024), z(1024);
  steps.clear();
  return run_operator_tiling(l, {reinterpret_cast<uint8_t*>(x.data()), reinterpret_cast<uint8_t*>(z.data())},
                             {4096, 4096});
}

}  // namespace

TEST_CASE("tiling_base, do_tiling_runs_the_steps_in_order_and_sets_the_key") {
  const TilingRun r = run("TemplatedOp", 200);  // BigRowsTiling (priority 10) is capable
  REQUIRE(r.error_kind.empty());
  CHECK(steps == std::vector<std::string>{"GetShapeAttrsInfo", "GetPlatformInfo", "IsCapable", "DoOpTiling",
                                          "DoLibApiTiling", "GetWorkspaceSize", "PostTiling"});
  CHECK(r.outcome.tiling_key == 2);
  CHECK(r.outcome.block_dim == 12);  // 48 AIVs / 4, read in GetPlatformInfo
}

TEST_CASE("tiling_base, the_registry_falls_through_templates_that_are_not_capable") {
  const TilingRun r = run("TemplatedOp", 8);  // BigRowsTiling is not capable, AnyRowsTiling is
  REQUIRE(r.error_kind.empty());
  CHECK(r.outcome.tiling_key == 1);
  CHECK(steps == std::vector<std::string>{"GetShapeAttrsInfo", "GetPlatformInfo", "IsCapable", "GetShapeAttrsInfo",
                                          "GetPlatformInfo", "IsCapable", "DoOpTiling", "DoLibApiTiling",
                                          "GetWorkspaceSize", "PostTiling"});
}

TEST_CASE("tiling_base, no_capable_template_or_a_failing_step_fails_the_tiling") {
  CHECK(run("UncapableOp", 8).error_kind == "tiling_failed");
  const TilingRun r = run("FailingFirstOp", 8);  // priorities {5, 1}: the failing one decides
  CHECK(r.error_kind == "tiling_failed");
  CHECK(steps.back() == "GetWorkspaceSize");  // PostTiling never ran
}
