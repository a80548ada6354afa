// SocDescription: the numbers of one Ascend SoC, read from a YAML data file (data/soc/*.yaml) so
// users can recalibrate; the emulator's limits come from here.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ascendgen/sim/launcher.h"
#include "ascendgen/timing/cost_table.h"

namespace ascendgen {

struct SocDescription {
  std::string name;           // "Ascend910B2"
  int cube_cores = 0;         // AIC
  int vector_cores = 0;       // AIV
  double clock_ghz = 0;
  uint32_t ub_bytes = 0;      // per AIV
  uint32_t l1_bytes = 0;      // per AIC
  uint32_t l0a_bytes = 0, l0b_bytes = 0, l0c_bytes = 0;
  uint32_t max_buffers = 64;  // TQue/TBuf buffers per TPipe
  timing::CostTable costs;    // the optional `timing:` section, for the timing model

  // The limits the emulator enforces for this SoC.
  sim::CoreLimits core_limits() const;
};

// Loads a description by SoC name ("Ascend910B2", looked up in the installed data directory or
// $ASCENDGEN_SOC_DIR) or by a path to a .yaml file. Throws std::runtime_error naming the file and
// field at fault.
SocDescription load_soc(const std::string& name_or_path);

// Names of the SoC descriptions shipped with ascendgen.
std::vector<std::string> builtin_socs();

}  // namespace ascendgen
