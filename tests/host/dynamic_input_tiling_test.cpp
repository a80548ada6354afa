// The tiling context of an operator with dynamic (tensor-list) inputs: instance indices across
// all inputs, GetDynamicInput* and ComputeNodeInfo by IR index, and the OpDef/task agreement on
// which ports are lists.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "operator_tiling.h"
#include "register/op_def_registry.h"

using ascendgen::OperatorLaunch;
using ascendgen::worker::run_operator_tiling;
using ascendgen::worker::TilingRun;

namespace {

// What ListSeeingOp's tiling function read.
struct SeenLists {
  size_t inputs = 0, outputs = 0, ir_inputs = 0;
  uint32_t x2_start = 0, x2_num = 0;
  int64_t x1_second_dim0 = 0;
  std::vector<int64_t> x2_sizes;
  ge::DataType instance2_type = ge::DT_UNDEFINED;
  float x2_first = 0;
  bool past_end_is_null = false;
} seen;

ge::graphStatus ListSeeingTiling(gert::TilingContext* context) {
  seen.inputs = context->GetComputeNodeInputNum();
  seen.outputs = context->GetComputeNodeOutputNum();
  const gert::ComputeNodeInfo* node = context->GetComputeNodeInfo();
  seen.ir_inputs = node->GetIrInputsNum();
  seen.x2_start = node->GetInputInstanceInfo(2)->GetInstanceStart();
  seen.x2_num = node->GetInputInstanceInfo(2)->GetInstanceNum();
  seen.x1_second_dim0 = context->GetDynamicInputShape(0, 1)->GetStorageShape().GetDim(0);
  seen.x2_sizes.clear();
  for (size_t k = 0; const gert::Tensor* t = context->GetDynamicInputTensor(2, k); ++k) seen.x2_sizes.push_back(t->GetShapeSize());
  seen.instance2_type = context->GetInputDesc(2)->GetDataType();  // instance 2 is alpha, after x1's two tensors
  seen.x2_first = context->GetDynamicInputTensor(2, 0)->GetData<float>()[0];
  seen.past_end_is_null = context->GetDynamicInputShape(0, 2) == nullptr && context->GetDynamicInputShape(3, 0) == nullptr;
  context->SetBlockDim(1);
  return ge::GRAPH_SUCCESS;
}

}  // namespace

namespace ops {
class ListSeeingOp : public OpDef {
 public:
  explicit ListSeeingOp(const char* name) : OpDef(name) {
    this->Input("x1").ParamType(DYNAMIC);
    this->Input("alpha").ParamType(REQUIRED);
    this->Input("x2").ParamType(DYNAMIC);
    this->Output("y").ParamType(DYNAMIC);
    this->AICore().SetTiling(ListSeeingTiling);
  }
};
OP_ADD(ListSeeingOp);
}  // namespace ops

namespace {

OperatorLaunch list_launch() {
  OperatorLaunch l;
  l.op_type = "ListSeeingOp";
  l.inputs = {{"x1", "float32", {2}, 0, 0}, {"x1", "float32", {7, 2}, 1, 1}, {"alpha", "float16", {}, 2},
              {"x2", "float32", {3}, 3, 0},  {"x2", "float32", {4}, 4, 1},     {"x2", "float32", {1}, 5, 2}};
  l.outputs = {{"y", "float32", {2}, 6, 0}, {"y", "float32", {7, 2}, 7, 1}};
  l.platform = {"Ascend910B2", "Ascend910B", 24, 48, 196608, 524288, 65536, 65536, 131072, 16u << 20, false};
  return l;
}

TilingRun run(const OperatorLaunch& launch) {
  static std::vector<float> x2_first{6.5f, 0, 0};
  std::vector<uint8_t*> buffers(8, nullptr);
  buffers[3] = reinterpret_cast<uint8_t*>(x2_first.data());
  return run_operator_tiling(launch, buffers, {8, 56, 2, 12, 16, 4, 8, 56});
}

}  // namespace

TEST_CASE("dynamic_inputs, instances count each list element and IR indices reach each list") {
  const TilingRun r = run(list_launch());
  REQUIRE(r.error_kind.empty());
  CHECK(seen.inputs == 6);
  CHECK(seen.outputs == 2);
  CHECK(seen.ir_inputs == 3);
  CHECK(seen.x2_start == 3);
  CHECK(seen.x2_num == 3);
  CHECK(seen.x1_second_dim0 == 7);
  CHECK(seen.x2_sizes == std::vector<int64_t>{3, 4, 1});
  CHECK(seen.instance2_type == ge::DT_FLOAT16);
  CHECK(seen.x2_first == 6.5f);
  CHECK(seen.past_end_is_null);
}

TEST_CASE("dynamic_inputs, a DYNAMIC port takes a tensor list and only a DYNAMIC port does") {
  OperatorLaunch plain = list_launch();
  plain.inputs.erase(plain.inputs.begin() + 1);
  plain.inputs[0].list_index = -1;  // x1 as one plain tensor
  TilingRun r = run(plain);
  CHECK(r.error_kind == "op_def_mismatch");
  CHECK(r.message.find("'x1' is ParamType(DYNAMIC)") != std::string::npos);

  OperatorLaunch listed = list_launch();
  listed.inputs[2].list_index = 0;  // alpha as a list of one
  r = run(listed);
  CHECK(r.error_kind == "op_def_mismatch");
  CHECK(r.message.find("tensor list for 'alpha'") != std::string::npos);
}
