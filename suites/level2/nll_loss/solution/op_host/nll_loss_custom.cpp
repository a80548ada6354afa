// NllLossCustom: nll_loss as a full operator. The tiling function computes the kernel's tiling data from the
// shapes and attributes and launches every vector core (the kernel splits the work itself).
#include "nll_loss_custom_tiling.h"
#include "register/op_def_registry.h"
#include "tiling/platform/platform_ascendc.h"

namespace optiling {
static ge::graphStatus TilingFunc(gert::TilingContext* context) {
  const auto platform = platform_ascendc::PlatformAscendC(context->GetPlatformInfo());
  NllLossCustomTilingData tiling;
  const int64_t total = context->GetInputShape(0)->GetStorageShape().GetShapeSize();
  if (total <= 0) return ge::GRAPH_FAILED;
  tiling.set_rows(context->GetInputShape(0)->GetStorageShape().GetDim(0));
  tiling.set_cols(context->GetInputShape(0)->GetStorageShape().GetDim(1));
  tiling.set_reduction(*context->GetAttrs()->GetInt(0));
  tiling.set_ignoreIndex(*context->GetAttrs()->GetInt(1));
  context->SetBlockDim(platform.GetCoreNumAiv());
  tiling.SaveToBuffer(context->GetRawTilingData()->GetData(), context->GetRawTilingData()->GetCapacity());
  context->GetRawTilingData()->SetDataSize(tiling.GetDataSize());
  context->GetWorkspaceSizes(1)[0] = 2048;
  return ge::GRAPH_SUCCESS;
}
}  // namespace optiling

namespace ops {
class NllLossCustom : public OpDef {
 public:
  explicit NllLossCustom(const char* name) : OpDef(name) {
    this->Input("input").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("target").ParamType(REQUIRED).DataType({ge::DT_INT32, ge::DT_INT32, ge::DT_INT32}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("weight").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("y").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Attr("reduction").AttrType(OPTIONAL).Int(1);
    this->Attr("ignore_index").AttrType(OPTIONAL).Int(-100);
    this->AICore().SetTiling(optiling::TilingFunc).AddConfig("ascend910b");
  }
};
OP_ADD(NllLossCustom);
}  // namespace ops
