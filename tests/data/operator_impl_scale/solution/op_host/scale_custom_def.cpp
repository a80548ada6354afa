// ScaleCustom's definition: inputs, outputs and the attribute. The tiling and shape functions are
// registered apart (IMPL_OP_OPTILING in scale_custom_tiling.cpp, IMPL_OP_INFERSHAPE here).
#include "register/op_def_registry.h"

namespace ge {
static graphStatus InferShapeForScale(gert::InferShapeContext* context) {
  *context->GetOutputShape(0) = *context->GetInputShape(0);
  return GRAPH_SUCCESS;
}
static graphStatus InferDataTypeForScale(gert::InferDataTypeContext* context) {
  context->SetOutputDataType(0, context->GetInputDataType(0));
  return GRAPH_SUCCESS;
}
IMPL_OP_INFERSHAPE(ScaleCustom).InferShape(InferShapeForScale).InferDataType(InferDataTypeForScale);
}  // namespace ge

namespace ops {
class ScaleCustom : public OpDef {
 public:
  explicit ScaleCustom(const char* name) : OpDef(name) {
    this->Input("x").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("z").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->Attr("scale").AttrType(OPTIONAL).Float(2.0f);
    this->AICore().AddConfig("ascend910b");
  }
};
OP_ADD(ScaleCustom);
}  // namespace ops
