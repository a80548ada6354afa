// String and list attributes reaching a tiling function: GetStr, GetListInt and GetListFloat see
// the case's values in the OpDef's order, an OpDef default fills a string the task leaves out,
// and a value of the wrong kind is an error naming the attribute.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "operator_tiling.h"
#include "register/op_def_registry.h"

using ascendgen::OperatorLaunch;
using ascendgen::worker::run_operator_tiling;
using ascendgen::worker::TilingRun;

namespace {

struct SeenAttributes {
  std::string reduction, mode;
  std::vector<int64_t> shape;
  std::vector<float> weights;
} seen_attributes;

ge::graphStatus ListTiling(gert::TilingContext* context) {
  const gert::RuntimeAttrs* attrs = context->GetAttrs();
  seen_attributes.reduction = attrs->GetStr(0);
  const gert::TypedContinuousVector<int64_t>* shape = attrs->GetListInt(1);
  seen_attributes.shape.assign(shape->GetData(), shape->GetData() + shape->GetSize());
  const gert::TypedContinuousVector<float>* weights = attrs->GetListFloat(2);
  seen_attributes.weights.assign(weights->GetData(), weights->GetData() + weights->GetSize());
  seen_attributes.mode = attrs->GetAttrPointer<char>(3);
  context->SetBlockDim(1);
  return ge::GRAPH_SUCCESS;
}

}  // namespace

namespace ops {
class ListAttrOp : public OpDef {
 public:
  explicit ListAttrOp(const char* name) : OpDef(name) {
    this->Input("x");
    this->Output("z");
    this->Attr("reduction").AttrType(OPTIONAL).String("mean");
    this->Attr("shape").ListInt();
    this->Attr("weights").ListFloat();
    this->Attr("mode").AttrType(OPTIONAL).String("static");
    this->AICore().SetTiling(ListTiling).AddConfig("ascend910b");
  }
};
OP_ADD(ListAttrOp);
}  // namespace ops

namespace {

OperatorLaunch list_launch(std::vector<ascendgen::OperatorAttribute> attributes) {
  OperatorLaunch l;
  l.op_type = "ListAttrOp";
  l.inputs = {{"x", "float32", {4}, 0}};
  l.outputs = {{"z", "float32", {4}, 1}};
  l.attributes = std::move(attributes);
  l.platform = {"Ascend910B2", "Ascend910B", 24, 48, 196608, 524288, 65536, 65536, 131072, 16u << 20, false};
  return l;
}

TilingRun run_list(const OperatorLaunch& launch) {
  static std::vector<float> x(4), z(4);
  return run_operator_tiling(launch, {reinterpret_cast<uint8_t*>(x.data()), reinterpret_cast<uint8_t*>(z.data())},
                             {16, 16});
}

}  // namespace

TEST_CASE("attributes, string and list values reach GetStr, GetListInt and GetListFloat") {
  const TilingRun r = run_list(list_launch({{"weights", "list_float", std::vector<double>{0.5, -2}},
                                            {"shape", "list_int", std::vector<double>{2, 1, 4}},
                                            {"reduction", "string", std::string("sum")}}));
  REQUIRE_MESSAGE(r.error_kind.empty(), r.message);
  CHECK(seen_attributes.reduction == "sum");
  CHECK(seen_attributes.shape == std::vector<int64_t>{2, 1, 4});
  CHECK(seen_attributes.weights == std::vector<float>{0.5f, -2.0f});
  CHECK(seen_attributes.mode == "static");  // not a task attribute: the OpDef's default
}

TEST_CASE("attributes, a value of the wrong kind or a list without a value is an error naming the attribute") {
  const TilingRun wrong = run_list(list_launch({{"weights", "list_float", std::vector<double>{1}},
                                                {"shape", "list_int", std::vector<double>{2.5}}}));
  CHECK(wrong.message.find("attribute 'shape' of the OpDef does not take the task's list_int value [2.5]") !=
        std::string::npos);
  const TilingRun string_for_list = run_list(list_launch({{"weights", "string", std::string("1")},
                                                          {"shape", "list_int", std::vector<double>{2}}}));
  CHECK(string_for_list.message.find("attribute 'weights'") != std::string::npos);
  const TilingRun missing = run_list(list_launch({{"shape", "list_int", std::vector<double>{2}}}));
  CHECK(missing.message.find("attribute 'weights' of the OpDef is not a task attribute") != std::string::npos);
}
