// RotaryEmbeddingCustom: rotary_embedding as a full operator. The tiling function computes the kernel's tiling data from the
// shapes and attributes and launches every vector core (the kernel splits the work itself).
#include "rotary_embedding_custom_tiling.h"
#include "register/op_def_registry.h"
#include "tiling/platform/platform_ascendc.h"

namespace optiling {
static ge::graphStatus TilingFunc(gert::TilingContext* context) {
  const auto platform = platform_ascendc::PlatformAscendC(context->GetPlatformInfo());
  RotaryEmbeddingCustomTilingData tiling;
  const int64_t total = context->GetInputShape(0)->GetStorageShape().GetShapeSize();
  if (total <= 0) return ge::GRAPH_FAILED;
  tiling.set_tokens(context->GetInputShape(0)->GetStorageShape().GetDim(0) * context->GetInputShape(0)->GetStorageShape().GetDim(1));
  tiling.set_seqLen(context->GetInputShape(0)->GetStorageShape().GetDim(1));
  tiling.set_heads(context->GetInputShape(0)->GetStorageShape().GetDim(2));
  tiling.set_headDim(context->GetInputShape(0)->GetStorageShape().GetDim(3));
  context->SetBlockDim(platform.GetCoreNumAiv());
  tiling.SaveToBuffer(context->GetRawTilingData()->GetData(), context->GetRawTilingData()->GetCapacity());
  context->GetRawTilingData()->SetDataSize(tiling.GetDataSize());
  context->GetWorkspaceSizes(1)[0] = 0;
  return ge::GRAPH_SUCCESS;
}
}  // namespace optiling

namespace ops {
class RotaryEmbeddingCustom : public OpDef {
 public:
  explicit RotaryEmbeddingCustom(const char* name) : OpDef(name) {
    this->Input("x").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("cos").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("sin").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("out").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->AICore().SetTiling(optiling::TilingFunc).AddConfig("ascend910b");
  }
};
OP_ADD(RotaryEmbeddingCustom);
}  // namespace ops
