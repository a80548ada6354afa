// L1LossCustom: l1_loss as a full operator. The tiling function passes the element count and the
// attributes to the kernel and launches up to every vector core (the kernel splits the elements itself); the workspace
// holds a 32-byte slot per core for the partial sums.
#include <algorithm>

#include "l1_loss_custom_tiling.h"
#include "register/op_def_registry.h"
#include "tiling/platform/platform_ascendc.h"

namespace optiling {
constexpr int64_t kMinElementsPerCore = 2048;

static ge::graphStatus TilingFunc(gert::TilingContext* context) {
  const auto platform = platform_ascendc::PlatformAscendC(context->GetPlatformInfo());
  L1LossCustomTilingData tiling;
  tiling.set_totalLength(context->GetInputShape(0)->GetStorageShape().GetShapeSize());
  tiling.set_reduction(*context->GetAttrs()->GetInt(0));
  if (tiling.get_totalLength() <= 0) return ge::GRAPH_FAILED;
  // One core per 2048 elements (a tile) at most: below that, the cores' SyncAll costs more than
  // splitting saves, and one core needs no partial sums at all.
  const int64_t tiles = (tiling.get_totalLength() + kMinElementsPerCore - 1) / kMinElementsPerCore;
  context->SetBlockDim(static_cast<uint32_t>(std::min<int64_t>(platform.GetCoreNumAiv(), tiles)));
  tiling.SaveToBuffer(context->GetRawTilingData()->GetData(), context->GetRawTilingData()->GetCapacity());
  context->GetRawTilingData()->SetDataSize(tiling.GetDataSize());
  context->GetWorkspaceSizes(1)[0] = 2048;
  return ge::GRAPH_SUCCESS;
}
}  // namespace optiling

namespace ops {
class L1LossCustom : public OpDef {
 public:
  explicit L1LossCustom(const char* name) : OpDef(name) {
    this->Input("input").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("target").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("y").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT, ge::DT_BF16}).Format({ge::FORMAT_ND, ge::FORMAT_ND, ge::FORMAT_ND});
    this->Attr("reduction").AttrType(OPTIONAL).Int(1);
    this->AICore().SetTiling(optiling::TilingFunc).AddConfig("ascend910b");
  }
};
OP_ADD(L1LossCustom);
}  // namespace ops
