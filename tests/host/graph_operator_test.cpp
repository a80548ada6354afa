// ge::Operator and ge::TensorDesc (graph/operator.h), which check-support functions read: they
// answer from what was set, and an unknown name gives an empty description or GRAPH_FAILED.
#include <doctest/doctest.h>

#include "register/op_def_registry.h"

TEST_CASE("graph_operator, descriptions_and_attributes_by_name") {
  ge::Operator op("ReverseSequence");
  op.UpdateInputDesc("x", ge::TensorDesc(ge::Shape(std::vector<int64_t>{4, 8}), ge::FORMAT_ND, ge::DT_FLOAT16));
  op.SetAttr("seq_dim", 1);
  CHECK(op.GetInputDescByName("x").GetShape().GetShapeSize() == 32);
  CHECK(op.GetInputDescByName("x").GetDataType() == ge::DT_FLOAT16);
  CHECK(op.GetInputDescByName("seq_lengths").GetShape().GetDimNum() == 0);
  CHECK(op.GetOutputDescByName("y").GetShape().GetShapeSize() == 0);
  int64_t value = -7;
  CHECK(op.GetAttr("seq_dim", value) == ge::GRAPH_SUCCESS);
  CHECK(value == 1);
  CHECK(op.GetAttr("batch_dim", value) == ge::GRAPH_FAILED);
  CHECK(value == 1);
  ge::AscendString type;
  CHECK(op.GetOpType(type) == ge::GRAPH_SUCCESS);
  CHECK(std::string(type.GetString()) == "ReverseSequence");
}
