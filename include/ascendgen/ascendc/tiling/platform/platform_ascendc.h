// platform_ascendc::PlatformAscendC: what a host tiling function asks about the hardware (core
// counts, memory sizes, SoC version, system workspace), answered from the SoC description the
// emulator runs (fe::PlatFormInfos). GetCoreNum is the AIV count for vector kernels and the AIC
// count (blocks of 1 AIC + 2 AIV) for mixed ones.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

#include "operator/host_runtime.h"
#include "platform/platform_infos_def.h"

namespace platform_ascendc {

enum class CoreMemType { L0_A = 0, L0_B = 1, L0_C = 2, L1 = 3, L2 = 4, UB = 5, HBM = 6, RESERVED };
// GetCoreMemSize asks fe::PlatFormInfos::GetLocalMemSize: CANN numbers both enums alike.
static_assert(static_cast<int>(CoreMemType::RESERVED) == static_cast<int>(fe::LocalMemType::RESERVED) &&
              static_cast<int>(CoreMemType::UB) == static_cast<int>(fe::LocalMemType::UB));

enum class SocVersion {
  ASCEND910 = 0,
  ASCEND910B,
  ASCEND910_93,
  ASCEND310P,
  ASCEND310B,
  ASCEND910_95,
  RESERVED_VERSION = 99999
};

class PlatformAscendC {
 public:
  PlatformAscendC() = delete;
  explicit PlatformAscendC(fe::PlatFormInfos* platformInfo) : info_(platformInfo) {}

  uint32_t GetCoreNum() const { return info_->GetCoreNum(); }
  uint32_t GetCoreNumAic() const { return info_->aic_num; }
  uint32_t GetCoreNumAiv() const { return info_->aiv_num; }
  uint32_t GetCoreNumVector() const { return 0; }  // separate vector cores exist on 310P only
  // Blocks to launch for `sliceNum` pieces of work: with both core kinds used, one block is one
  // AIC and aiv/aic AIVs, so the AIV slices are grouped by that ratio.
  uint32_t CalcTschBlockDim(uint32_t sliceNum, uint32_t aicCoreNum, uint32_t aivCoreNum) const {
    if (aicCoreNum == 0 || aivCoreNum == 0 || aicCoreNum > aivCoreNum) return sliceNum;
    const uint32_t ratio = aivCoreNum / aicCoreNum;
    return (sliceNum + ratio - 1) / ratio;
  }
  uint32_t CalcTschNumBlocks(uint32_t sliceNum, uint32_t aicCoreNum, uint32_t aivCoreNum) const {
    return CalcTschBlockDim(sliceNum, aicCoreNum, aivCoreNum);
  }
  uint32_t GetLibApiWorkSpaceSize() const { return info_->system_workspace_bytes; }
  uint32_t GetResCubeGroupWorkSpaceSize() const { return 0; }
  uint32_t GetResGroupBarrierWorkSpaceSize() const { return 0; }
  void GetCoreMemSize(const CoreMemType& memType, uint64_t& size) const {
    info_->GetLocalMemSize(static_cast<fe::LocalMemType>(memType), size);
  }
  // Bandwidths are not modelled here (the timing model has its own tables): 0.
  void GetCoreMemBw(const CoreMemType&, uint64_t& bwSize) const { bwSize = 0; }
  SocVersion GetSocVersion() const {
    const std::string& v = info_->short_soc_version;
    if (v == "Ascend910B") return SocVersion::ASCEND910B;
    if (v == "Ascend910_93") return SocVersion::ASCEND910_93;
    if (v == "Ascend910") return SocVersion::ASCEND910;
    if (v == "Ascend310P") return SocVersion::ASCEND310P;
    if (v == "Ascend310B") return SocVersion::ASCEND310B;
    return SocVersion::RESERVED_VERSION;
  }

 private:
  fe::PlatFormInfos* info_;
};

// The platform outside a tiling context (aclnn code, helpers that take no context): in the
// emulator, the SoC of the launch being tiled. Called outside a tiling run, or for another SoC
// than the launch's, it throws std::runtime_error saying so.
class PlatformAscendCManager {
 public:
  static PlatformAscendC* GetInstance() {
    fe::PlatFormInfos* info = ::ascendgen::host::current_platform();
    if (!info)
      throw std::runtime_error(
          "PlatformAscendCManager::GetInstance() is only available while the emulator runs an operator's tiling "
          "(it answers with the launch's SoC)");
    static PlatformAscendC instance(info);
    instance = PlatformAscendC(info);
    return &instance;
  }
  static PlatformAscendC* GetInstance(const char* customSocVersion) {
    PlatformAscendC* platform = GetInstance();
    const fe::PlatFormInfos& info = *::ascendgen::host::current_platform();
    const std::string wanted = customSocVersion ? customSocVersion : "";
    if (!wanted.empty() && wanted != info.soc_name && wanted != info.short_soc_version)
      throw std::runtime_error("PlatformAscendCManager::GetInstance(\"" + wanted +
                               "\"): the emulator only knows the launch's SoC, " + info.soc_name);
    return platform;
  }
};

}  // namespace platform_ascendc
