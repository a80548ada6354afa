// CANN's platform/platform_info.h: fe::PlatformInfoManager, which hands out the platform
// description (fe::PlatFormInfos) of the SoC the process runs on. In the emulator that is the SoC
// of the launch being tiled, the same description TilingContext::GetPlatformInfo gives; asked
// outside a tiling run, it answers a failure code (non-zero), as CANN does when uninitialised.
#pragma once
#include <cstdint>
#include <string>

#include "operator/host_runtime.h"
#include "platform/platform_infos_def.h"

// CANN's platform_info_def.h, which platform_info.h includes, declares these at global scope;
// host code written against it uses them unqualified.
using std::map;
using std::string;
using std::vector;

namespace fe {

// Options beside the SoC description: which SoC (CANN's short version names it).
class OptionalInfos {
 public:
  void SetSocVersion(std::string soc_version) { soc_version_ = std::move(soc_version); }
  const std::string& GetSocVersion() const { return soc_version_; }

 private:
  std::string soc_version_;
};

class PlatformInfoManager {
 public:
  static PlatformInfoManager& Instance() {
    static PlatformInfoManager manager;
    return manager;
  }
  static PlatformInfoManager& GeInstance() { return Instance(); }
  // 0: the descriptions are available (in a tiling run); else 1.
  uint32_t InitializePlatformInfo() { return ::ascendgen::host::current_platform() ? 0 : 1; }
  uint32_t Finalize() { return 0; }
  // The launch's SoC; 1 (and `infos` untouched) outside a tiling run.
  uint32_t GetPlatformInfoWithOutSocVersion(PlatFormInfos& infos, OptionalInfos& optional) const {
    const PlatFormInfos* current = ::ascendgen::host::current_platform();
    if (!current) return 1;
    infos = *current;
    optional.SetSocVersion(current->soc_name);
    return 0;
  }
  // As above for `soc_version`, which must name the launch's SoC (its full or short name); 1
  // otherwise: the emulator describes no other SoC.
  uint32_t GetPlatformInfos(const std::string& soc_version, PlatFormInfos& infos, OptionalInfos& optional) const {
    const PlatFormInfos* current = ::ascendgen::host::current_platform();
    if (!current || (soc_version != current->soc_name && soc_version != current->short_soc_version)) return 1;
    return GetPlatformInfoWithOutSocVersion(infos, optional);
  }
};

}  // namespace fe
