// optiling::TilingBaseClass: the template-method base of CANN operator tilings. DoTiling runs
// the steps in CANN's order and stops at the first that does not succeed:
//   GetShapeAttrsInfo, GetPlatformInfo, IsCapable (false: GRAPH_PARAM_INVALID, "not this
//   implementation, try the next"), DoOpTiling, DoLibApiTiling, GetWorkspaceSize, PostTiling,
// then sets the tiling key GetTilingKey answers. tiling/tiling_templates_registry.h picks among
// several such classes by priority.
#pragma once
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "exe_graph/runtime/tiling_context.h"
#include "graph/types.h"
#include "operator/host_std.h"
#include "tiling/platform/platform_ascendc.h"

// Marks tiling entry points; extern "C" only in CANN's operator unit-test builds (ASCENDC_OP_TEST).
#ifdef ASCENDC_OP_TEST
#define ASCENDC_EXTERN_C extern "C"
#else
#define ASCENDC_EXTERN_C
#endif

namespace optiling {

// The core resources a tiling reads from the platform (GetPlatformInfo fills them).
struct AiCoreParams {
  uint64_t ubSize = 0;
  uint64_t blockDim = 0;
  uint64_t aicNum = 0;
  uint64_t l1Size = 0;
  uint64_t l0aSize = 0;
  uint64_t l0bSize = 0;
  uint64_t l0cSize = 0;
};

class TilingBaseClass {
 public:
  TilingBaseClass() = default;
  explicit TilingBaseClass(gert::TilingContext* context) : context_(context) {}
  virtual ~TilingBaseClass() = default;

  ge::graphStatus DoTiling() {
    ge::graphStatus status = GetShapeAttrsInfo();
    if (status != ge::GRAPH_SUCCESS) return status;
    if ((status = GetPlatformInfo()) != ge::GRAPH_SUCCESS) return status;
    if (!IsCapable()) return ge::GRAPH_PARAM_INVALID;
    for (ge::graphStatus (TilingBaseClass::*step)() :
         {&TilingBaseClass::DoOpTiling, &TilingBaseClass::DoLibApiTiling, &TilingBaseClass::GetWorkspaceSize,
          &TilingBaseClass::PostTiling})
      if ((status = (this->*step)()) != ge::GRAPH_SUCCESS) return status;
    context_->SetTilingKey(GetTilingKey());
    DumpTilingInfo();
    return ge::GRAPH_SUCCESS;
  }
  virtual void Reset(gert::TilingContext* context) { context_ = context; }

 protected:
  virtual bool IsCapable() = 0;
  virtual ge::graphStatus GetPlatformInfo() = 0;
  virtual ge::graphStatus GetShapeAttrsInfo() = 0;
  virtual ge::graphStatus DoOpTiling() = 0;
  virtual ge::graphStatus DoLibApiTiling() = 0;
  virtual uint64_t GetTilingKey() const = 0;
  virtual ge::graphStatus GetWorkspaceSize() = 0;
  virtual ge::graphStatus PostTiling() = 0;
  // CANN dumps the tiling data at debug log level only, which is off: nothing by default.
  virtual void DumpTilingInfo() {}

  // Blocks for `sliceNum` AIV slices when a block is 1 AIC + aiv/aic AIVs.
  static uint32_t CalcTschBlockDim(uint32_t sliceNum, uint32_t aicCoreNum, uint32_t aivCoreNum) {
    if (aicCoreNum == 0 || aivCoreNum == 0 || aicCoreNum > aivCoreNum) return sliceNum;
    const uint32_t ratio = aivCoreNum / aicCoreNum;
    return (sliceNum + ratio - 1) / ratio;
  }
  // "[d0, d1, ...]" of a gert::Shape or ge::Shape.
  template <typename T> std::string GetShapeDebugStr(const T& shape) const {
    std::ostringstream out;
    out << "[";
    for (size_t i = 0; i < shape.GetDimNum(); ++i) out << (i ? ", " : "") << shape.GetDim(i);
    out << "]";
    return out.str();
  }
  // The tiling data written so far, as int32 words.
  std::string GetTilingDataDebugStr() const {
    const gert::TilingData* data = context_->GetRawTilingData();
    const auto* words = static_cast<const int32_t*>(data->GetData());
    std::ostringstream out;
    for (size_t i = 0; i < data->GetDataSize() / sizeof(int32_t); ++i) out << words[i] << ", ";
    return out.str();
  }

  gert::TilingContext* context_ = nullptr;
  std::unique_ptr<platform_ascendc::PlatformAscendC> ascendcPlatform_;
  uint32_t blockDim_ = 0;
  uint64_t workspaceSize_ = 0;
  uint64_t tilingKey_ = 0;
  AiCoreParams aicoreParams_;
};

}  // namespace optiling
