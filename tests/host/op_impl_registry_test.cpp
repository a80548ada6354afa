// IMPL_OP registration (register/op_impl_registry.h) run by the worker's tiling runner: the
// TilingParse function first, with the launch's platform, then the tiling function reading the
// compile info it filled; PlatformAscendCManager and fe::PlatformInfoManager answering with the
// launch's SoC only while it is tiled.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "operator_tiling.h"
#include "platform/platform_info.h"
#include "register/op_def_registry.h"

using ascendgen::OperatorLaunch;
using ascendgen::worker::run_operator_tiling;
using ascendgen::worker::TilingRun;

namespace {

struct CoresInfo {
  uint32_t aiv = 0;
  uint64_t ub = 0;
  int parsed = 0;  // how often TilingParse filled this object
};

// What the tiling functions saw.
struct Seen {
  const CoresInfo* info = nullptr;
  const void* untyped = nullptr;
  uint32_t manager_aiv = 0;
  uint64_t manager_ub = 0;
  uint32_t info_manager_status = 99;
  std::string info_manager_soc;
} seen;

ge::graphStatus ParseCores(gert::TilingParseContext* context) {
  CoresInfo* info = context->GetCompiledInfo<CoresInfo>();
  const platform_ascendc::PlatformAscendC platform(context->GetPlatformInfo());
  info->aiv = platform.GetCoreNumAiv();
  platform.GetCoreMemSize(platform_ascendc::CoreMemType::UB, info->ub);
  ++info->parsed;
  return ge::GRAPH_SUCCESS;
}

ge::graphStatus TileByCompileInfo(gert::TilingContext* context) {
  seen.info = context->GetCompileInfo<CoresInfo>();
  seen.untyped = context->GetCompileInfo();
  context->SetBlockDim(seen.info->aiv / 2);
  context->SetTilingKey(seen.info->ub / 1024);
  return ge::GRAPH_SUCCESS;
}

ge::graphStatus TileByManager(gert::TilingContext* context) {
  platform_ascendc::PlatformAscendC* platform = platform_ascendc::PlatformAscendCManager::GetInstance();
  seen.manager_aiv = platform->GetCoreNumAiv();
  platform->GetCoreMemSize(platform_ascendc::CoreMemType::UB, seen.manager_ub);
  fe::PlatFormInfos infos;
  fe::OptionalInfos optional;
  seen.info_manager_status = fe::PlatformInfoManager::Instance().GetPlatformInfoWithOutSocVersion(infos, optional);
  seen.info_manager_soc = optional.GetSocVersion();
  context->SetBlockDim(1);
  return ge::GRAPH_SUCCESS;
}

ge::graphStatus FailingParse(gert::TilingParseContext*) { return ge::GRAPH_FAILED; }
ge::graphStatus ThrowingParse(gert::TilingParseContext*) { throw std::invalid_argument("no ub_size"); }
ge::graphStatus OneBlock(gert::TilingContext* context) {
  context->SetBlockDim(1);
  context->SetTilingKey(1);
  return ge::GRAPH_SUCCESS;
}
ge::graphStatus TwoBlocks(gert::TilingContext* context) {
  context->SetBlockDim(2);
  context->SetTilingKey(2);
  return ge::GRAPH_SUCCESS;
}
ge::graphStatus InferSame(gert::InferShapeContext*) { return ge::GRAPH_SUCCESS; }

}  // namespace

namespace ops {
#define ASCENDGEN_IMPL_TEST_OP(name)                \
  class name : public OpDef {                       \
   public:                                          \
    explicit name(const char* type) : OpDef(type) { \
      this->Input("x");                             \
      this->Output("z");                            \
    }                                               \
  };                                                \
  OP_ADD(name)
ASCENDGEN_IMPL_TEST_OP(ParsedOp);
ASCENDGEN_IMPL_TEST_OP(ManagerOp);
ASCENDGEN_IMPL_TEST_OP(FailingParseOp);
ASCENDGEN_IMPL_TEST_OP(ThrowingParseOp);
ASCENDGEN_IMPL_TEST_OP(ShapeOnlyOp);

// Both an OpDef tiling function and an IMPL_OP one: the OpDef's runs.
class BothOp : public OpDef {
 public:
  explicit BothOp(const char* type) : OpDef(type) {
    this->Input("x");
    this->Output("z");
    this->AICore().SetTiling(OneBlock);
  }
};
OP_ADD(BothOp);
}  // namespace ops

// The forms operators use: in namespace optiling, chained, and split across registrations.
namespace optiling {
IMPL_OP_OPTILING(ParsedOp).Tiling(TileByCompileInfo).TilingParse<CoresInfo>(ParseCores);
IMPL_OP_OPTILING(ManagerOp).Tiling(TileByManager);
IMPL_OP_OPTILING(FailingParseOp).Tiling(OneBlock).TilingParse<CoresInfo>(FailingParse);
IMPL_OP_OPTILING(ThrowingParseOp).Tiling(OneBlock).TilingParse<CoresInfo>(ThrowingParse);
IMPL_OP_OPTILING(BothOp).Tiling(TwoBlocks);
}  // namespace optiling
IMPL_OP_INFERSHAPE(ShapeOnlyOp).InferShape(InferSame);
IMPL_OP(ParsedOp).InferShape(InferSame);

namespace {

OperatorLaunch launch_of(const std::string& op) {
  OperatorLaunch l;
  l.op_type = op;
  l.inputs = {{"x", "float32", {8}, 0}};
  l.outputs = {{"z", "float32", {8}, 1}};
  l.platform = {"Ascend910B2", "Ascend910B", 24, 48, 196608, 524288, 65536, 65536, 131072, 16u << 20, false};
  return l;
}

TilingRun run(const OperatorLaunch& launch) {
  static std::vector<float> x(8, 1.0f), z(8);
  const std::vector<uint8_t*> buffers = {reinterpret_cast<uint8_t*>(x.data()), reinterpret_cast<uint8_t*>(z.data())};
  return run_operator_tiling(launch, buffers, {32, 32});
}

}  // namespace

TEST_CASE("op_impl, tiling_parse_fills_the_compile_info_the_tiling_function_reads") {
  const TilingRun r = run(launch_of("ParsedOp"));
  REQUIRE(r.error_kind.empty());
  CHECK(r.outcome.block_dim == 24);     // 48 AIVs / 2
  CHECK(r.outcome.tiling_key == 192);   // 196608 bytes of UB / 1024
  CHECK(seen.untyped == seen.info);     // both GetCompileInfo forms give the same object
  OperatorLaunch other = launch_of("ParsedOp");
  other.platform.vector_cores = 40;
  REQUIRE(run(other).error_kind.empty());
  CHECK(run(other).outcome.block_dim == 20);  // the platform of this launch, parsed afresh
}

TEST_CASE("op_impl, registrations_of_one_type_add_up_and_op_def_tiling_wins") {
  const ascendgen::host::OpImplFunctions parsed = ascendgen::host::find_op_impl("ParsedOp");
  // Double parentheses: doctest cannot print function pointers.
  CHECK((parsed.tiling == &TileByCompileInfo));
  CHECK((parsed.tiling_parse == &ParseCores));
  CHECK((parsed.infer_shape == &InferSame));
  CHECK((ascendgen::host::find_op_impl("ShapeOnlyOp").tiling == nullptr));
  CHECK((ascendgen::host::find_op_impl("NoSuchOp").infer_shape == nullptr));
  const TilingRun both = run(launch_of("BothOp"));
  REQUIRE(both.error_kind.empty());
  CHECK(both.outcome.tiling_key == 1);
}

TEST_CASE("op_impl, failures_name_the_function") {
  TilingRun r = run(launch_of("FailingParseOp"));
  CHECK(r.error_kind == "tiling_failed");
  CHECK(r.message == "the TilingParse function of 'FailingParseOp' returned GRAPH_FAILED (0xffffffff), not GRAPH_SUCCESS");
  r = run(launch_of("ThrowingParseOp"));
  CHECK(r.error_kind == "tiling_exception");
  CHECK(r.message == "the TilingParse function of 'ThrowingParseOp' threw: no ub_size");
  r = run(launch_of("ShapeOnlyOp"));
  CHECK(r.error_kind == "tiling_not_registered");
  CHECK(r.message.find("IMPL_OP_OPTILING(ShapeOnlyOp).Tiling(TilingFunc)") != std::string::npos);
}

TEST_CASE("op_impl, platform_managers_answer_with_the_launch_soc_only_while_it_is_tiled") {
  OperatorLaunch l = launch_of("ManagerOp");
  l.platform.vector_cores = 40;
  l.platform.ub_bytes = 131072;
  REQUIRE(run(l).error_kind.empty());
  CHECK(seen.manager_aiv == 40);
  CHECK(seen.manager_ub == 131072);
  CHECK(seen.info_manager_status == 0);
  CHECK(seen.info_manager_soc == "Ascend910B2");

  CHECK_THROWS_WITH_AS(platform_ascendc::PlatformAscendCManager::GetInstance(),
                       doctest::Contains("only available while the emulator runs an operator's tiling"),
                       std::runtime_error);
  fe::PlatFormInfos infos;
  fe::OptionalInfos optional;
  CHECK(fe::PlatformInfoManager::Instance().GetPlatformInfoWithOutSocVersion(infos, optional) == 1);
}

TEST_CASE("op_impl, platform_infos_give_memory_sizes_by_type") {
  fe::PlatFormInfos info;
  info.ub_bytes = 196608;
  info.l0c_bytes = 131072;
  uint64_t size = 7;
  info.GetLocalMemSize(fe::LocalMemType::UB, size);
  CHECK(size == 196608);
  info.GetLocalMemSize(fe::LocalMemType::L0_C, size);
  CHECK(size == 131072);
  info.GetLocalMemSize(fe::LocalMemType::RESERVED, size);
  CHECK(size == 0);
}

TEST_CASE("op_impl, ge_shape_follows_graph_semantics") {
  ge::Shape shape(std::vector<int64_t>{4, 3, 2});
  CHECK(shape.GetDimNum() == 3);
  CHECK(shape.GetShapeSize() == 24);
  CHECK(shape.GetDim(5) == 0);
  CHECK(shape.SetDim(3, 1) == ge::GRAPH_FAILED);
  CHECK(shape.SetDim(2, 5) == ge::GRAPH_SUCCESS);
  CHECK(shape.GetDims() == std::vector<int64_t>{4, 3, 5});
  CHECK(ge::Shape().GetShapeSize() == 0);
  CHECK(ge::Shape(std::vector<int64_t>{4, ge::UNKNOWN_DIM}).GetShapeSize() == ge::UNKNOWN_DIM_SIZE);
  CHECK(ge::Shape(std::vector<int64_t>{ge::UNKNOWN_DIM_NUM}).GetDimNum() == 0);
  CHECK(ge::Shape(std::vector<int64_t>{INT64_MAX, 2}).GetShapeSize() == 0);  // overflow
}
