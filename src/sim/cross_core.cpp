// Core kinds as the kernel sees them (g_coreType, GetSubBlockIdx, GetTaskRation) and the
// cross-core flags of mixed kernels: CrossCoreSetFlag raises per-core counters, CrossCoreWaitFlag
// takes one or hands the baton on until another core raises it.
#include <vector>

#include "ascendgen/ascendc/kernel/cube.h"
#include "launch.h"

namespace ascendgen::sim::abi {
using sim::Core;
using sim::CoreKind;
using sim::current;
using sim::ErrorKind;

namespace {
constexpr uint16_t kMaxFlag = 10;   // flag ids 0..10 on the 910B
constexpr uint8_t kMaxCount = 15;   // a counter holds at most 15 pending sets

bool mixed(Core& c) { return c.launch().options().core_type == sim::CoreType::Mix; }

void check_flag(Core& c, uint16_t flag) {
  if (flag > kMaxFlag) c.fail(ErrorKind::SyncMisuse, "flag id {} is outside 0..{}", flag, kMaxFlag);
}

// The cores a set by `c` in `mode` raises now, or none while the mode's quorum is incomplete
// (counting this set when `arrive`).
std::vector<Core*> targets(Core& c, uint8_t mode, uint16_t flag, bool arrive) {
  sim::Launch& l = c.launch();
  const int group = c.place().group;
  auto quorum = [&](std::array<int, 3> key, int needed) {
    int& count = l.cross_arrivals()[key];
    const bool full = count + 1 == needed;
    if (arrive) count = full ? 0 : count + 1;
    return full;
  };
  std::vector<Core*> out;
  if (mode == 0) {
    std::vector<Core*> same;
    for (auto& other : l.cores())
      if (other->place().kind == c.place().kind) same.push_back(other.get());
    if (quorum({0, static_cast<int>(c.place().kind), flag}, static_cast<int>(same.size()))) out = same;
  } else if (mode == 1) {
    if (quorum({1, group, flag}, 2))
      out = {&l.core_in_group(group, CoreKind::Aiv, 0), &l.core_in_group(group, CoreKind::Aiv, 1)};
  } else if (c.is_aic()) {
    out = {&l.core_in_group(group, CoreKind::Aiv, 0), &l.core_in_group(group, CoreKind::Aiv, 1)};
  } else if (quorum({2, group, flag}, 2)) {
    out = {&l.core_in_group(group, CoreKind::Aic, 0)};
  }
  return out;
}

void note(Core& c, sim::InstrKind kind, uint8_t mode, uint8_t pipe, uint16_t flag) {
  Instr& in = c.instr();
  in.kind = kind;
  in.pipe = static_cast<Pipe>(pipe);
  in.id = static_cast<int16_t>(flag);
  in.slot = mode;
}
}  // namespace

int32_t core_kind() { return current().is_aic() ? AscendC::AIC : AscendC::AIV; }

int64_t sub_block_idx() {
  Core& c = current();
  return mixed(c) && !c.is_aic() ? c.place().sub : 0;
}

int64_t task_ration() {
  Core& c = current();
  return mixed(c) && !c.is_aic() ? 2 : 1;
}

void cross_core_set_flag(uint8_t mode, uint8_t pipe, uint16_t flag, Site site) {
  Core& c = current();
  c.enter("CrossCoreSetFlag", site);
  check_flag(c, flag);
  if (mode > 2) c.fail(ErrorKind::SyncMisuse, "mode {} is not one of the 910B's cross-core modes 0, 1, 2", mode);
  if (pipe == PIPE_S || pipe == PIPE_ALL)
    c.fail(ErrorKind::SyncMisuse, "CrossCoreSetFlag runs on a pipe other than PIPE_S and PIPE_ALL");
  if (mode != 0 && !mixed(c))
    c.fail(ErrorKind::SyncMisuse, "mode {} synchronises the cores of one AI Core group and needs a mixed launch "
           "(task.yaml kernel.core_type: mix)", mode);
  if (mode == 1 && c.is_aic()) c.fail(ErrorKind::SyncMisuse, "mode 1 synchronises the two AIVs of a group; this is an AIC");
  note(c, sim::InstrKind::CrossCoreSetFlag, mode, pipe, flag);
  // A full counter stalls the setter until its owner waits, as the hardware's 4-bit counter would.
  c.launch().block_until(c,
      [&] {
        for (Core* t : targets(c, mode, flag, false))
          if (t->cross_flags[flag] >= kMaxCount) return false;
        return true;
      },
      fmt::format("CrossCoreSetFlag({}) waits for a counter already holding {} sets to be taken", flag, kMaxCount));
  for (Core* t : targets(c, mode, flag, true)) ++t->cross_flags[flag];
}

void cross_core_wait_flag(uint8_t mode, uint8_t pipe, uint16_t flag, Site site) {
  Core& c = current();
  c.enter("CrossCoreWaitFlag", site);
  check_flag(c, flag);
  note(c, sim::InstrKind::CrossCoreWaitFlag, mode, pipe, flag);
  c.launch().block_until(c, [&] { return c.cross_flags[flag] > 0; },
                         fmt::format("CrossCoreWaitFlag({}) waits for a CrossCoreSetFlag that never comes", flag));
  --c.cross_flags[flag];
}

}  // namespace ascendgen::sim::abi
