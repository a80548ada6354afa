// MatmulBiasCustom host side: the operator definition and a tiling function that splits C over the vector
// cores with matmul_tiling::MultiCoreMatmulTiling; each vector core drives one Matmul object and
// the cube cores serve them (block dim = groups of 1 cube + 2 vector cores).
#include "matmul_bias_custom_tiling.h"
#include "register/op_def_registry.h"
#include "tiling/platform/platform_ascendc.h"
#include "tiling/tiling_api.h"

namespace optiling {
static ge::graphStatus TilingFunc(gert::TilingContext* context) {
  const auto platform = platform_ascendc::PlatformAscendC(context->GetPlatformInfo());
  const gert::Shape& a = context->GetInputShape(0)->GetStorageShape();
  const gert::Shape& b = context->GetInputShape(1)->GetStorageShape();
  const int32_t M = int32_t(a.GetDim(0)), K = int32_t(a.GetDim(1)), N = int32_t(b.GetDim(1));
  matmul_tiling::MultiCoreMatmulTiling mm(platform);
  mm.SetDim(platform.GetCoreNumAiv());  // the vector cores hold the Matmul objects
  mm.SetAType(matmul_tiling::TPosition::GM, matmul_tiling::CubeFormat::ND, matmul_tiling::DataType::DT_FLOAT16, false);
  mm.SetBType(matmul_tiling::TPosition::GM, matmul_tiling::CubeFormat::ND, matmul_tiling::DataType::DT_FLOAT16, false);
  mm.SetCType(matmul_tiling::TPosition::GM, matmul_tiling::CubeFormat::ND,
              context->GetOutputDesc(0)->GetDataType() == ge::DT_FLOAT ? matmul_tiling::DataType::DT_FLOAT
                                                                   : matmul_tiling::DataType::DT_FLOAT16);
  mm.SetBiasType(matmul_tiling::TPosition::GM, matmul_tiling::CubeFormat::ND, matmul_tiling::DataType::DT_FLOAT);
  mm.SetShape(M, N, K);
  mm.SetOrgShape(M, N, K);
  mm.SetBias(true);
  MatmulBiasCustomTilingData tiling;
  if (mm.GetTiling(tiling.cubeTilingData) == -1) return ge::GRAPH_FAILED;
  context->SetBlockDim((tiling.cubeTilingData.get_usedCoreNum() + 1) / 2);
  tiling.SaveToBuffer(context->GetRawTilingData()->GetData(), context->GetRawTilingData()->GetCapacity());
  context->GetRawTilingData()->SetDataSize(tiling.GetDataSize());
  size_t* workspaces = context->GetWorkspaceSizes(1);
  workspaces[0] = platform.GetLibApiWorkSpaceSize();
  return ge::GRAPH_SUCCESS;
}
}  // namespace optiling

namespace ops {
class MatmulBiasCustom : public OpDef {
 public:
  explicit MatmulBiasCustom(const char* name) : OpDef(name) {
    this->Input("a").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT16}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("b").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT16}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("bias").ParamType(REQUIRED).DataType({ge::DT_FLOAT, ge::DT_FLOAT}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("c").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->AICore().SetTiling(optiling::TilingFunc);
    this->AICore().AddConfig("ascend910b");
  }
};
OP_ADD(MatmulBiasCustom);
}  // namespace ops
