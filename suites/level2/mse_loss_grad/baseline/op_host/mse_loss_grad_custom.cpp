// MseLossGradCustom: mse_loss_grad as a full operator. The tiling function passes the element count and the
// attributes to the kernel and launches one core (the naive baseline).
#include "mse_loss_grad_custom_tiling.h"
#include "register/op_def_registry.h"
#include "tiling/platform/platform_ascendc.h"

namespace optiling {
static ge::graphStatus TilingFunc(gert::TilingContext* context) {
  MseLossGradCustomTilingData tiling;
  tiling.set_totalLength(context->GetInputShape(1)->GetStorageShape().GetShapeSize());
  tiling.set_reduction(*context->GetAttrs()->GetInt(0));
  if (tiling.get_totalLength() <= 0) return ge::GRAPH_FAILED;
  context->SetBlockDim(1);
  tiling.SaveToBuffer(context->GetRawTilingData()->GetData(), context->GetRawTilingData()->GetCapacity());
  context->GetRawTilingData()->SetDataSize(tiling.GetDataSize());
  context->GetWorkspaceSizes(1)[0] = 0;
  return ge::GRAPH_SUCCESS;
}
}  // namespace optiling

namespace ops {
class MseLossGradCustom : public OpDef {
 public:
  explicit MseLossGradCustom(const char* name) : OpDef(name) {
    this->Input("grad_output").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("input").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("target").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("grad_input").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Attr("reduction").AttrType(OPTIONAL).Int(1);
    this->AICore().SetTiling(optiling::TilingFunc).AddConfig("ascend910b");
  }
};
OP_ADD(MseLossGradCustom);
}  // namespace ops
