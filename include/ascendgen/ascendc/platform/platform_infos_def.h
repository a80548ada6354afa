// fe::PlatFormInfos: the hardware facts of the SoC an operator is tiled for, as the emulator
// fills them from its SoC description. PlatformAscendC (tiling/platform/platform_ascendc.h) reads
// them; GetPlatformRes answers CANN's label/key queries ("SoCInfo"/"ai_core_cnt", ...) and
// GetLocalMemSize the memory sizes by fe::LocalMemType.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "operator/host_std.h"

namespace fe {

enum class LocalMemType { L0_A = 0, L0_B = 1, L0_C = 2, L1 = 3, L2 = 4, UB = 5, HBM = 6, RESERVED };

class PlatFormInfos {
 public:
  std::string soc_name;            // "Ascend910B2"
  std::string short_soc_version;   // "Ascend910B"
  uint32_t aic_num = 0, aiv_num = 0;
  uint64_t ub_bytes = 0, l1_bytes = 0, l0a_bytes = 0, l0b_bytes = 0, l0c_bytes = 0, l2_bytes = 0, hbm_bytes = 0;
  uint32_t system_workspace_bytes = 0;  // what GetLibApiWorkSpaceSize reports
  bool mix = false;                      // the kernel runs 1 AIC + 2 AIV per block

  // The cores a kernel of this launch spreads over: the AIVs for vector kernels, the AICs
  // (blocks of 1 AIC + 2 AIV) for mixed ones.
  uint32_t GetCoreNum() const { return mix ? aic_num : aiv_num; }

  // CANN's string table: label "SoCInfo" keys ai_core_cnt, cube_core_cnt, vector_core_cnt;
  // "AICoreSpec" keys ub_size, l1_size, l0_a_size, l0_b_size, l0_c_size; "version" key
  // Short_SoC_version. False (value untouched) for an unknown label or key.
  bool GetPlatformRes(const std::string& label, const std::string& key, std::string& value) const {
    const std::map<std::string, std::map<std::string, std::string>> table = {
        {"SoCInfo",
         {{"ai_core_cnt", std::to_string(aic_num)}, {"cube_core_cnt", std::to_string(aic_num)},
          {"vector_core_cnt", std::to_string(aiv_num)}}},
        {"AICoreSpec",
         {{"ub_size", std::to_string(ub_bytes)}, {"l1_size", std::to_string(l1_bytes)},
          {"l0_a_size", std::to_string(l0a_bytes)}, {"l0_b_size", std::to_string(l0b_bytes)},
          {"l0_c_size", std::to_string(l0c_bytes)}}},
        {"version", {{"Short_SoC_version", short_soc_version}, {"SoC_version", soc_name}}}};
    const auto section = table.find(label);
    if (section == table.end()) return false;
    const auto entry = section->second.find(key);
    if (entry == section->second.end()) return false;
    value = entry->second;
    return true;
  }
  // The size in bytes of `type`; 0 for RESERVED.
  void GetLocalMemSize(const LocalMemType& type, uint64_t& size) const {
    switch (type) {
      case LocalMemType::L0_A: size = l0a_bytes; return;
      case LocalMemType::L0_B: size = l0b_bytes; return;
      case LocalMemType::L0_C: size = l0c_bytes; return;
      case LocalMemType::L1: size = l1_bytes; return;
      case LocalMemType::L2: size = l2_bytes; return;
      case LocalMemType::UB: size = ub_bytes; return;
      case LocalMemType::HBM: size = hbm_bytes; return;
      default: size = 0; return;
    }
  }
  bool GetPlatformResWithLock(const std::string& label, const std::string& key, std::string& value) const {
    return GetPlatformRes(label, key, value);
  }
};

}  // namespace fe
