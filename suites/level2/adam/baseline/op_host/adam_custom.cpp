// AdamCustom: adam as a full operator. The tiling function passes the element count and the
// attributes to the kernel and launches one core (the naive baseline).
#include "adam_custom_tiling.h"
#include "register/op_def_registry.h"
#include "tiling/platform/platform_ascendc.h"

namespace optiling {
static ge::graphStatus TilingFunc(gert::TilingContext* context) {
  AdamCustomTilingData tiling;
  tiling.set_totalLength(context->GetInputShape(0)->GetStorageShape().GetShapeSize());
  tiling.set_lr(*context->GetAttrs()->GetFloat(0));
  tiling.set_beta1(*context->GetAttrs()->GetFloat(1));
  tiling.set_beta2(*context->GetAttrs()->GetFloat(2));
  tiling.set_eps(*context->GetAttrs()->GetFloat(3));
  tiling.set_weight_decay(*context->GetAttrs()->GetFloat(4));
  tiling.set_step(*context->GetAttrs()->GetInt(5));
  if (tiling.get_totalLength() <= 0) return ge::GRAPH_FAILED;
  context->SetBlockDim(1);
  tiling.SaveToBuffer(context->GetRawTilingData()->GetData(), context->GetRawTilingData()->GetCapacity());
  context->GetRawTilingData()->SetDataSize(tiling.GetDataSize());
  context->GetWorkspaceSizes(1)[0] = 0;
  return ge::GRAPH_SUCCESS;
}
}  // namespace optiling

namespace ops {
class AdamCustom : public OpDef {
 public:
  explicit AdamCustom(const char* name) : OpDef(name) {
    this->Input("param").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("grad").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("exp_avg").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("exp_avg_sq").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("param_out").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("exp_avg_out").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("exp_avg_sq_out").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Attr("lr").AttrType(OPTIONAL).Float(0.001f);
    this->Attr("beta1").AttrType(OPTIONAL).Float(0.9f);
    this->Attr("beta2").AttrType(OPTIONAL).Float(0.999f);
    this->Attr("eps").AttrType(OPTIONAL).Float(1e-08f);
    this->Attr("weight_decay").AttrType(OPTIONAL).Float(0.0f);
    this->Attr("step").AttrType(OPTIONAL).Int(1);
    this->AICore().SetTiling(optiling::TilingFunc).AddConfig("ascend910b");
  }
};
OP_ADD(AdamCustom);
}  // namespace ops
