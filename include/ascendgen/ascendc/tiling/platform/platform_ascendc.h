// platform_ascendc::PlatformAscendC: what a host tiling function asks about the hardware (core
// counts, memory sizes, SoC version, system workspace), answered from the SoC description the
// emulator runs (fe::PlatFormInfos). GetCoreNum is the AIV count for vector kernels and the AIC
// count (blocks of 1 AIC + 2 AIV) for mixed ones.
#pragma once
#include <cstdint>

#include "platform/platform_infos_def.h"

namespace platform_ascendc {

enum class CoreMemType { L0_A = 0, L0_B = 1, L0_C = 2, L1 = 3, L2 = 4, UB = 5, HBM = 6, RESERVED };

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

  uint32_t GetCoreNum() const { return info_->mix ? info_->aic_num : info_->aiv_num; }
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
    switch (memType) {
      case CoreMemType::L0_A: size = info_->l0a_bytes; return;
      case CoreMemType::L0_B: size = info_->l0b_bytes; return;
      case CoreMemType::L0_C: size = info_->l0c_bytes; return;
      case CoreMemType::L1: size = info_->l1_bytes; return;
      case CoreMemType::L2: size = info_->l2_bytes; return;
      case CoreMemType::UB: size = info_->ub_bytes; return;
      case CoreMemType::HBM: size = info_->hbm_bytes; return;
      default: size = 0; return;
    }
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

}  // namespace platform_ascendc
