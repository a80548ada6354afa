// ScaleCustom's host functions, registered with IMPL_OP_OPTILING: TilingParse reads the platform
// into the compile info, the tiling function splits the elements over compileInfo->coreNum cores.
// std::cout comes with register/op_def_registry.h, as with CANN's headers.
#include "register/op_def_registry.h"
#include "scale_custom_tiling.h"

namespace optiling {
static ge::graphStatus TilingPrepareForScale(gert::TilingParseContext* context) {
  ScaleCompileInfo* compileInfo = context->GetCompiledInfo<ScaleCompileInfo>();
  const auto platform = platform_ascendc::PlatformAscendC(context->GetPlatformInfo());
  compileInfo->coreNum = platform.GetCoreNumAiv();
  platform.GetCoreMemSize(platform_ascendc::CoreMemType::UB, compileInfo->ubSize);
  return compileInfo->coreNum > 0 ? ge::GRAPH_SUCCESS : ge::GRAPH_FAILED;
}

static ge::graphStatus TilingForScale(gert::TilingContext* context) {
  const auto* compileInfo = reinterpret_cast<const ScaleCompileInfo*>(context->GetCompileInfo());
  if (compileInfo == nullptr) {
    std::cout << "ScaleCustom: no compile info" << std::endl;
    return ge::GRAPH_FAILED;
  }
  const int64_t total = context->GetInputShape(0)->GetStorageShape().GetShapeSize();
  const uint32_t typeSize = context->GetInputDesc(0)->GetDataType() == ge::DT_FLOAT ? 4 : 2;
  const int64_t alignElems = 32 / typeSize;
  const int64_t blocks = (total + alignElems - 1) / alignElems;
  const int64_t usedCores = std::min<int64_t>(blocks, compileInfo->coreNum);
  const int64_t blockLength = (blocks + usedCores - 1) / usedCores * alignElems;

  ScaleCustomTilingData tiling;
  tiling.set_totalLength(static_cast<uint32_t>(total));
  tiling.set_tileLength(TileElements(compileInfo->ubSize, typeSize));
  tiling.set_blockLength(static_cast<uint32_t>(blockLength));
  tiling.set_scale(*context->GetAttrs()->GetFloat(0));
  context->SetBlockDim(static_cast<uint32_t>((total + blockLength - 1) / blockLength));
  tiling.SaveToBuffer(context->GetRawTilingData()->GetData(), context->GetRawTilingData()->GetCapacity());
  context->GetRawTilingData()->SetDataSize(tiling.GetDataSize());
  context->GetWorkspaceSizes(1)[0] = platform_ascendc::PlatformAscendCManager::GetInstance()->GetLibApiWorkSpaceSize();
  return ge::GRAPH_SUCCESS;
}

IMPL_OP_OPTILING(ScaleCustom).Tiling(TilingForScale).TilingParse<ScaleCompileInfo>(TilingPrepareForScale);
}  // namespace optiling
