// CausalMaskFillCustom: causal_mask_fill as a full operator. The tiling function computes the kernel's tiling data from the
// shapes and attributes and launches every vector core (the kernel splits the work itself).
#include "causal_mask_fill_custom_tiling.h"
#include "register/op_def_registry.h"
#include "tiling/platform/platform_ascendc.h"

namespace optiling {
static ge::graphStatus TilingFunc(gert::TilingContext* context) {
  const auto platform = platform_ascendc::PlatformAscendC(context->GetPlatformInfo());
  CausalMaskFillCustomTilingData tiling;
  const int64_t total = context->GetInputShape(0)->GetStorageShape().GetShapeSize();
  if (total <= 0) return ge::GRAPH_FAILED;
  tiling.set_batch(context->GetInputShape(0)->GetStorageShape().GetDim(0));
  tiling.set_queries(context->GetInputShape(0)->GetStorageShape().GetDim(1));
  tiling.set_keys(context->GetInputShape(0)->GetStorageShape().GetDim(2));
  tiling.set_scale(*context->GetAttrs()->GetFloat(0));
  tiling.set_fillValue(*context->GetAttrs()->GetFloat(1));
  context->SetBlockDim(platform.GetCoreNumAiv());
  tiling.SaveToBuffer(context->GetRawTilingData()->GetData(), context->GetRawTilingData()->GetCapacity());
  context->GetRawTilingData()->SetDataSize(tiling.GetDataSize());
  context->GetWorkspaceSizes(1)[0] = 0;
  return ge::GRAPH_SUCCESS;
}
}  // namespace optiling

namespace ops {
class CausalMaskFillCustom : public OpDef {
 public:
  explicit CausalMaskFillCustom(const char* name) : OpDef(name) {
    this->Input("x").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("y").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Attr("scale").AttrType(OPTIONAL).Float(1.0f);
    this->Attr("fill_value").AttrType(OPTIONAL).Float(-10000.0f);
    this->AICore().SetTiling(optiling::TilingFunc).AddConfig("ascend910b");
  }
};
OP_ADD(CausalMaskFillCustom);
}  // namespace ops
