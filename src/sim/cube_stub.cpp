// Temporary: the cube-unit entry points exist so kernels link; each fails as not implemented yet.
#include "ascendgen/ascendc/kernel/cube.h"
#include "core.h"

namespace ascendgen::sim::abi {
namespace {
[[noreturn]] void not_yet(const char* api, Site site) {
  sim::Core& c = sim::current();
  c.enter(api, site);
  c.fail(sim::ErrorKind::Unsupported, "{} is not implemented yet in the emulator", api);
}
}  // namespace
int32_t core_kind() { return AscendC::AIV; }
int64_t sub_block_idx() { return 0; }
int64_t task_ration() { return 1; }
void copy_gm_to_l1_nd2nz(TensorRef, GmRef, const Nd2NzShape&, Site site) { not_yet("DataCopy", site); }
void load_data_2d(TensorRef, TensorRef, const Load2DShape&, Site site) { not_yet("LoadData", site); }
void mmad(TensorRef, TensorRef, TensorRef, const TensorRef*, const MmadShape&, Site site) { not_yet("Mmad", site); }
void fixpipe_to_gm(GmRef, DType, TensorRef, const TensorRef*, const FixpipeShape&, Site site) {
  not_yet("Fixpipe", site);
}
void init_const_value(TensorRef, uint32_t, uint32_t, uint32_t, uint64_t, Site site) { not_yet("InitConstValue", site); }
void cross_core_set_flag(uint8_t, uint8_t, uint16_t, Site site) { not_yet("CrossCoreSetFlag", site); }
void cross_core_wait_flag(uint8_t, uint8_t, uint16_t, Site site) { not_yet("CrossCoreWaitFlag", site); }
}  // namespace ascendgen::sim::abi
