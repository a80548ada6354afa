// SgdMomentumCustom: sgd_momentum as a full operator. The tiling function passes the element count and the
// attributes to the kernel and launches one core (the naive baseline).
#include "sgd_momentum_custom_tiling.h"
#include "register/op_def_registry.h"
#include "tiling/platform/platform_ascendc.h"

namespace optiling {
static ge::graphStatus TilingFunc(gert::TilingContext* context) {
  SgdMomentumCustomTilingData tiling;
  tiling.set_totalLength(context->GetInputShape(0)->GetStorageShape().GetShapeSize());
  tiling.set_lr(*context->GetAttrs()->GetFloat(0));
  tiling.set_momentum(*context->GetAttrs()->GetFloat(1));
  tiling.set_dampening(*context->GetAttrs()->GetFloat(2));
  tiling.set_weight_decay(*context->GetAttrs()->GetFloat(3));
  tiling.set_nesterov(*context->GetAttrs()->GetBool(4));
  if (tiling.get_totalLength() <= 0) return ge::GRAPH_FAILED;
  context->SetBlockDim(1);
  tiling.SaveToBuffer(context->GetRawTilingData()->GetData(), context->GetRawTilingData()->GetCapacity());
  context->GetRawTilingData()->SetDataSize(tiling.GetDataSize());
  context->GetWorkspaceSizes(1)[0] = 0;
  return ge::GRAPH_SUCCESS;
}
}  // namespace optiling

namespace ops {
class SgdMomentumCustom : public OpDef {
 public:
  explicit SgdMomentumCustom(const char* name) : OpDef(name) {
    this->Input("param").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("grad").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("momentum_buffer").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("param_out").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("momentum_buffer_out").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Attr("lr").AttrType(OPTIONAL).Float(0.01f);
    this->Attr("momentum").AttrType(OPTIONAL).Float(0.9f);
    this->Attr("dampening").AttrType(OPTIONAL).Float(0.0f);
    this->Attr("weight_decay").AttrType(OPTIONAL).Float(0.0f);
    this->Attr("nesterov").AttrType(OPTIONAL).Bool(false);
    this->AICore().SetTiling(optiling::TilingFunc).AddConfig("ascend910b");
  }
};
OP_ADD(SgdMomentumCustom);
}  // namespace ops
