// The worker's tiling runner on operators defined here: what the tiling function sees (shapes,
// dtypes, attributes by the OpDef's order, platform, input data) and each failure's error kind.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "operator_tiling.h"
#include "register/op_def_registry.h"

using ascendgen::OperatorLaunch;
using ascendgen::worker::run_operator_tiling;
using ascendgen::worker::TilingRun;

namespace optiling {
BEGIN_TILING_DATA_DEF(SeenTiling)
  TILING_DATA_FIELD_DEF(int64_t, rows);
  TILING_DATA_FIELD_DEF(float, scale);
END_TILING_DATA_DEF;
REGISTER_TILING_DATA_CLASS(SeeingOp, SeenTiling)
}  // namespace optiling

namespace {

// What SeeingOp's tiling function read.
struct Seen {
  size_t dims = 0;
  int64_t rows = 0, size = 0, y_elements = 0;
  ge::DataType x_type = ge::DT_UNDEFINED, z_type = ge::DT_UNDEFINED;
  ge::Format x_format = ge::FORMAT_RESERVED;
  float scale = 0, first_x = 0;
  int64_t steps = 0;
  bool flag = false;
  uint32_t cores = 0, aic = 0, aiv = 0;
  uint64_t ub = 0, l1 = 0;
  platform_ascendc::SocVersion soc = platform_ascendc::SocVersion::RESERVED_VERSION;
  const gert::StorageShape* missing = nullptr;
} seen;

ge::graphStatus SeeingTiling(gert::TilingContext* context) {
  const gert::Shape& x = context->GetInputShape(0)->GetStorageShape();
  seen.dims = x.GetDimNum();
  seen.rows = x.GetDim(0);
  seen.size = context->GetInputShape(0)->GetOriginShape().GetShapeSize();
  seen.y_elements = context->GetInputShape(1)->GetStorageShape().GetShapeSize();
  seen.missing = context->GetInputShape(2);
  seen.x_type = context->GetInputDesc(0)->GetDataType();
  seen.x_format = context->GetInputDesc(0)->GetStorageFormat();
  seen.z_type = context->GetOutputDesc(0)->GetDataType();
  seen.first_x = context->GetInputTensor(0)->GetData<float>()[0];
  seen.scale = *context->GetAttrs()->GetFloat(0);
  seen.steps = *context->GetAttrs()->GetInt(1);
  seen.flag = *context->GetAttrs()->GetAttrPointer<bool>(2);
  const platform_ascendc::PlatformAscendC platform(context->GetPlatformInfo());
  seen.cores = platform.GetCoreNum();
  seen.aic = platform.GetCoreNumAic();
  seen.aiv = platform.GetCoreNumAiv();
  platform.GetCoreMemSize(platform_ascendc::CoreMemType::UB, seen.ub);
  platform.GetCoreMemSize(platform_ascendc::CoreMemType::L1, seen.l1);
  seen.soc = platform.GetSocVersion();

  optiling::SeenTiling tiling;
  tiling.set_rows(seen.rows);
  tiling.set_scale(seen.scale);
  tiling.SaveToBuffer(context->GetRawTilingData()->GetData(), context->GetRawTilingData()->GetCapacity());
  context->GetRawTilingData()->SetDataSize(tiling.GetDataSize());
  context->SetBlockDim(4);
  context->SetTilingKey(7);
  context->GetWorkspaceSizes(1)[0] = 1024 + platform.GetLibApiWorkSpaceSize();
  return ge::GRAPH_SUCCESS;
}

// Each of these fails in one way.
ge::graphStatus FailingTiling(gert::TilingContext*) { return ge::GRAPH_FAILED; }
ge::graphStatus NoBlockDimTiling(gert::TilingContext*) { return ge::GRAPH_SUCCESS; }
ge::graphStatus WideTiling(gert::TilingContext* context) {
  context->SetBlockDim(49);
  return ge::GRAPH_SUCCESS;
}
ge::graphStatus ThrowingTiling(gert::TilingContext*) { throw std::out_of_range("shape index 3"); }
ge::graphStatus OverflowTiling(gert::TilingContext* context) {
  optiling::SeenTiling tiling;
  tiling.SaveToBuffer(context->GetRawTilingData()->GetData(), context->GetRawTilingData()->GetCapacity());
  context->SetBlockDim(1);
  return ge::GRAPH_SUCCESS;
}
ge::graphStatus OversizeTiling(gert::TilingContext* context) {
  context->GetRawTilingData()->SetDataSize(context->GetRawTilingData()->GetCapacity() + 1);
  context->SetBlockDim(1);
  return ge::GRAPH_SUCCESS;
}

}  // namespace

namespace ops {
// Declares its inputs in another order than the task (y before x) and its attributes by name.
class SeeingOp : public OpDef {
 public:
  explicit SeeingOp(const char* name) : OpDef(name) {
    this->Input("x").ParamType(REQUIRED).DataType({ge::DT_FLOAT}).Format({ge::FORMAT_ND});
    this->Input("y").ParamType(REQUIRED).DataType({ge::DT_FLOAT}).Format({ge::FORMAT_ND});
    this->Output("z").ParamType(REQUIRED).DataType({ge::DT_FLOAT16}).Format({ge::FORMAT_ND});
    this->Attr("scale").AttrType(REQUIRED).Float();
    this->Attr("steps").AttrType(OPTIONAL).Int(3);
    this->Attr("flag").Bool();
    this->AICore().SetTiling(SeeingTiling).AddConfig("ascend910b");
  }
};
OP_ADD(SeeingOp);

#define ASCENDGEN_TEST_OP(name, tiling)                        \
  class name : public OpDef {                                  \
   public:                                                     \
    explicit name(const char* type) : OpDef(type) {            \
      this->Input("x");                                        \
      this->Output("z");                                       \
      this->AICore().SetTiling(tiling);                        \
    }                                                          \
  };                                                           \
  OP_ADD(name)
ASCENDGEN_TEST_OP(FailingOp, FailingTiling);
ASCENDGEN_TEST_OP(NoBlockDimOp, NoBlockDimTiling);
ASCENDGEN_TEST_OP(WideOp, WideTiling);
ASCENDGEN_TEST_OP(ThrowingOp, ThrowingTiling);
ASCENDGEN_TEST_OP(OverflowOp, OverflowTiling);
ASCENDGEN_TEST_OP(OversizeOp, OversizeTiling);

class NoTilingOp : public OpDef {
 public:
  explicit NoTilingOp(const char* name) : OpDef(name) { this->Input("x"); }
};
OP_ADD(NoTilingOp);
}  // namespace ops

namespace {

OperatorLaunch launch_of(const std::string& op) {
  OperatorLaunch l;
  l.op_type = op;
  l.inputs = {{"y", "float32", {6}, 1}, {"x", "float32", {3, 5}, 0}};
  l.outputs = {{"z", "float16", {3, 5}, 2}};
  l.attributes = {{"flag", "bool", 1.0}, {"scale", "float", 0.25}};
  l.platform = {"Ascend910B2", "Ascend910B", 24, 48, 196608, 524288, 65536, 65536, 131072, 16u << 20, false};
  return l;
}

TilingRun run(const OperatorLaunch& launch) {
  static std::vector<float> x(15, 2.5f), y(6, 1.0f);
  static std::vector<uint8_t> z(30);
  const std::vector<uint8_t*> buffers = {reinterpret_cast<uint8_t*>(x.data()), reinterpret_cast<uint8_t*>(y.data()), z.data()};
  return run_operator_tiling(launch, buffers, {60, 24, 30});
}

}  // namespace

TEST_CASE("run_tiling, the_context_carries_the_case_in_op_def_order") {
  const TilingRun r = run(launch_of("SeeingOp"));
  REQUIRE(r.error_kind.empty());
  CHECK(seen.dims == 2);
  CHECK(seen.rows == 3);
  CHECK(seen.size == 15);
  CHECK(seen.y_elements == 6);
  CHECK(seen.missing == nullptr);
  CHECK(seen.x_type == ge::DT_FLOAT);
  CHECK(seen.x_format == ge::FORMAT_ND);
  CHECK(seen.z_type == ge::DT_FLOAT16);
  CHECK(seen.first_x == 2.5f);
  CHECK(seen.scale == 0.25f);
  CHECK(seen.steps == 3);  // not a task attribute: the OpDef's default
  CHECK(seen.flag);
  CHECK(seen.cores == 48);
  CHECK(seen.aic == 24);
  CHECK(seen.aiv == 48);
  CHECK(seen.ub == 196608);
  CHECK(seen.l1 == 524288);
  CHECK(seen.soc == platform_ascendc::SocVersion::ASCEND910B);
  CHECK(r.outcome.block_dim == 4);
  CHECK(r.outcome.tiling_key == 7);
  CHECK(r.outcome.workspace_bytes == 1024 + (16u << 20));
  REQUIRE(r.outcome.tiling_bytes == 16);
  REQUIRE(r.tiling_data.size() == 16);
  int64_t rows = 0;
  float scale = 0;
  std::memcpy(&rows, r.tiling_data.data(), 8);
  std::memcpy(&scale, r.tiling_data.data() + 8, 4);
  CHECK(rows == 3);
  CHECK(scale == 0.25f);
}

TEST_CASE("run_tiling, mixed_kernels_count_cube_cores") {
  OperatorLaunch l = launch_of("SeeingOp");
  l.platform.mix = true;
  REQUIRE(run(l).error_kind.empty());
  CHECK(seen.cores == 24);
}

TEST_CASE("run_tiling, each_failure_has_its_kind") {
  const auto kind_and_message = [](const std::string& op) {
    const TilingRun r = run(launch_of(op));
    return r.error_kind + ": " + r.message;
  };
  CHECK(kind_and_message("NoSuchOp").starts_with("tiling_not_registered: no operator 'NoSuchOp' is registered"));
  CHECK(kind_and_message("NoTilingOp").starts_with("tiling_not_registered: OpDef 'NoTilingOp' registers no tiling function"));
  CHECK(kind_and_message("FailingOp") ==
        "tiling_failed: the tiling function of 'FailingOp' returned GRAPH_FAILED (0xffffffff), not GRAPH_SUCCESS");
  CHECK(kind_and_message("NoBlockDimOp").starts_with("tiling_block_dim: the tiling function of 'NoBlockDimOp' set block dim 0"));
  CHECK(kind_and_message("WideOp") ==
        "tiling_block_dim: the tiling function of 'WideOp' set block dim 49, above the 48 vector cores of Ascend910B2");
  CHECK(kind_and_message("ThrowingOp") == "tiling_exception: the tiling function of 'ThrowingOp' threw: shape index 3");
  CHECK(kind_and_message("OversizeOp").starts_with("tiling_data_overflow: SetDataSize(65537) of 'OversizeOp' exceeds"));
  OperatorLaunch small = launch_of("OverflowOp");
  small.tiling_capacity_bytes = 8;
  const TilingRun overflow = run(small);
  CHECK(overflow.error_kind == "tiling_data_overflow");
  CHECK(overflow.message == "SaveToBuffer: the tiling data of 'OverflowOp' needs 16 bytes but the buffer holds 8 (GetCapacity)");
}

TEST_CASE("run_tiling, op_def_and_task_must_agree") {
  OperatorLaunch l = launch_of("SeeingOp");
  l.inputs.pop_back();  // the OpDef's x is gone, and the counts differ
  TilingRun r = run(l);
  CHECK(r.error_kind == "op_def_mismatch");
  CHECK(r.message == "operator 'SeeingOp': the OpDef declares inputs [x, y] but the task has [y]");
  l = launch_of("SeeingOp");
  l.attributes.pop_back();  // scale has no default
  r = run(l);
  CHECK(r.error_kind == "op_def_mismatch");
  CHECK(r.message == "operator 'SeeingOp': attribute 'scale' of the OpDef is not a task attribute ([flag]) and has no default");
}
