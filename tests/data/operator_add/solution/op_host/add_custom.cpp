// AddCustom: z = x + alpha * y. The tiling function splits the elements over the vector cores in
// 32-byte units, sizes the UB tile from the UB capacity (two inputs and one output, double
// buffered), and picks tiling key 1 (alpha == 1: a plain Add) or 2 (scale y first).
#include "add_custom_tiling.h"
#include "graph/utils/type_utils.h"
#include "register/op_def_registry.h"
#include "tiling/platform/platform_ascendc.h"

namespace optiling {
static ge::graphStatus TilingFunc(gert::TilingContext* context) {
  const auto platform = platform_ascendc::PlatformAscendC(context->GetPlatformInfo());
  uint64_t ubSize = 0;
  platform.GetCoreMemSize(platform_ascendc::CoreMemType::UB, ubSize);
  const uint32_t coreNum = platform.GetCoreNumAiv();

  const gert::Shape& shape = context->GetInputShape(0)->GetStorageShape();
  const int64_t total = shape.GetShapeSize();
  const ge::DataType dtype = context->GetInputDesc(0)->GetDataType();
  uint32_t typeSize = 0;
  if (!ge::TypeUtils::GetDataTypeLength(dtype, typeSize) || total <= 0 || coreNum == 0) return ge::GRAPH_FAILED;
  const float alpha = *context->GetAttrs()->GetFloat(0);

  const int64_t alignElems = 32 / typeSize;
  const int64_t blocks = (total + alignElems - 1) / alignElems;
  const int64_t usedCores = blocks < coreNum ? blocks : coreNum;
  const int64_t blockLength = (blocks + usedCores - 1) / usedCores * alignElems;
  // 3 queues x 2 buffers of one tile each, in 256-byte units.
  const uint64_t tileBytes = ubSize / 6 / 256 * 256;

  AddCustomTilingData tiling;
  tiling.set_totalLength(static_cast<uint32_t>(total));
  tiling.set_tileLength(static_cast<uint32_t>(tileBytes / typeSize));
  tiling.set_alpha(alpha);
  tiling.set_blockLength(blockLength);
  context->SetBlockDim(static_cast<uint32_t>((total + blockLength - 1) / blockLength));
  context->SetTilingKey(alpha == 1.0f ? 1 : 2);
  tiling.SaveToBuffer(context->GetRawTilingData()->GetData(), context->GetRawTilingData()->GetCapacity());
  context->GetRawTilingData()->SetDataSize(tiling.GetDataSize());
  size_t* workspaces = context->GetWorkspaceSizes(1);
  workspaces[0] = platform.GetLibApiWorkSpaceSize();
  return ge::GRAPH_SUCCESS;
}
}  // namespace optiling

namespace ge {
static graphStatus InferShape(gert::InferShapeContext* context) {
  *context->GetOutputShape(0) = *context->GetInputShape(0);
  return GRAPH_SUCCESS;
}
static graphStatus InferDataType(gert::InferDataTypeContext* context) {
  context->SetOutputDataType(0, context->GetInputDataType(0));
  return GRAPH_SUCCESS;
}
}  // namespace ge

namespace ops {
class AddCustom : public OpDef {
 public:
  explicit AddCustom(const char* name) : OpDef(name) {
    this->Input("x").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("y").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("z").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->Attr("alpha").AttrType(OPTIONAL).Float(1.0f);
    this->SetInferShape(ge::InferShape).SetInferDataType(ge::InferDataType);
    this->AICore().SetTiling(optiling::TilingFunc).AddConfig("ascend910b");
  }
};
OP_ADD(AddCustom);
}  // namespace ops
