// ForeachScaledAdd host side (fixture): x1, x2 and y are dynamic (tensor-list) ports. The tiling
// reads the list's length and shapes through the dynamic-input accessors and gives each core one
// tensor at a time.
#include "foreach_scaled_add_tiling.h"
#include "register/op_def_registry.h"
#include "tiling/platform/platform_ascendc.h"

namespace optiling {
constexpr uint32_t MAX_TENSORS = 8;

static ge::graphStatus TilingFunc(gert::TilingContext* context) {
  const gert::AnchorInstanceInfo* x1 = context->GetComputeNodeInfo()->GetInputInstanceInfo(0);
  const uint32_t count = x1->GetInstanceNum();
  if (count == 0 || count > MAX_TENSORS) return ge::GRAPH_FAILED;
  ForeachScaledAddTilingData tiling;
  uint32_t lengths[MAX_TENSORS] = {0};
  for (uint32_t i = 0; i < count; ++i) {
    const gert::StorageShape* x1Shape = context->GetDynamicInputShape(0, i);
    const gert::StorageShape* x2Shape = context->GetDynamicInputShape(1, i);
    if (x1Shape == nullptr || x2Shape == nullptr) return ge::GRAPH_FAILED;
    lengths[i] = static_cast<uint32_t>(x1Shape->GetStorageShape().GetShapeSize());
  }
  // alpha is instance 2 * count (after the tensors of x1 and x2): a float32 scalar.
  if (context->GetComputeNodeInputNum() != 2 * count + 1 || context->GetInputDesc(2 * count)->GetDataType() != ge::DT_FLOAT)
    return ge::GRAPH_FAILED;
  tiling.set_tensorCount(count);
  tiling.set_lengths(lengths);
  const auto platform = platform_ascendc::PlatformAscendC(context->GetPlatformInfo());
  context->SetBlockDim(count < platform.GetCoreNumAiv() ? count : platform.GetCoreNumAiv());
  tiling.SaveToBuffer(context->GetRawTilingData()->GetData(), context->GetRawTilingData()->GetCapacity());
  context->GetRawTilingData()->SetDataSize(tiling.GetDataSize());
  context->GetWorkspaceSizes(1)[0] = 0;
  return ge::GRAPH_SUCCESS;
}
}  // namespace optiling

namespace ops {
class ForeachScaledAdd : public OpDef {
 public:
  explicit ForeachScaledAdd(const char* name) : OpDef(name) {
    this->Input("x1").ParamType(DYNAMIC).DataType({ge::DT_FLOAT16, ge::DT_FLOAT}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("x2").ParamType(DYNAMIC).DataType({ge::DT_FLOAT16, ge::DT_FLOAT}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("alpha").ParamType(REQUIRED).DataType({ge::DT_FLOAT, ge::DT_FLOAT}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("y").ParamType(DYNAMIC).DataType({ge::DT_FLOAT16, ge::DT_FLOAT}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->AICore().SetTiling(optiling::TilingFunc);
    this->AICore().AddConfig("ascend910b");
  }
};
OP_ADD(ForeachScaledAdd);
}  // namespace ops
