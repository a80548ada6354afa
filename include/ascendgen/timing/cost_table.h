// The cost numbers of one SoC that the timing model reads: per-pipe rates and latencies, scalar
// costs and a per-API table of vector throughput, all from the `timing:` section of the SoC's
// YAML file (data/soc/*.yaml), where each number names its public source.
#pragma once
#include <map>
#include <string>
#include <string_view>

namespace ascendgen::timing {

// Throughput and latency of one vector API: bytes of the operand dtype per cycle (256 = one
// repeat per cycle), overridden per dtype where the unit is slower, and cycles until the result
// can be read.
struct VectorCost {
  double bytes_per_cycle = 256;
  double latency_cycles = 7;
  std::map<std::string, double, std::less<>> bytes_per_cycle_by_dtype;  // "half" -> 64
  double rate(std::string_view dtype) const;
};

// The cube core's pipes (M, MTE1, FIX) and the cross-core flags of mixed kernels.
struct CubeCosts {
  bool present = false;                 // false when the SoC file has no timing.cube section
  double mmad_fixed_cycles = 0;         // per Mmad, on top of its 16x16xC0 blocks
  double mmad_cycles_per_block = 1;     // one 16 x 16 x C0 block per cycle (C0 = 32 bytes of input)
  std::map<std::string, double, std::less<>> mmad_cycles_per_block_by_dtype;  // "float" -> 2
  double load_l0a_bytes_per_cycle = 0;  // LoadData L1 -> L0A
  double load_l0b_bytes_per_cycle = 0;  // LoadData L1 -> L0B
  double load_fixed_cycles = 0;         // per LoadData
  double cross_core_flag_cycles = 0;    // CrossCoreSetFlag until the other core's wait can pass
  // Cycles per 16 x 16 x C0 block for inputs of kernel type `dtype` ("half", "int8_t", "float").
  double block_cycles(std::string_view dtype) const;
};

struct CostTable {
  bool present = false;                // false when the SoC file has no timing section
  double launch_overhead_us = 0;       // host-side launch, added once per kernel
  double gm_peak_gbps = 0;             // aggregate GM (HBM) bandwidth shared by all cores, GB/s
  double gm_read_bytes_per_cycle = 0;  // one core's MTE2 rate GM -> UB
  double gm_write_bytes_per_cycle = 0; // one core's MTE3 rate UB -> GM
  double gm_read_latency_cycles = 0;
  double gm_write_latency_cycles = 0;
  double ub_copy_bytes_per_cycle = 0;  // UB -> UB DataCopy
  double vector_issue_cycles = 0;      // fixed cost of each vector instruction
  double scalar_issue_cycles = 0;      // scalar work to issue any API call
  double scalar_ub_load_cycles = 0;    // LocalTensor::GetValue
  double scalar_ub_store_cycles = 0;   // LocalTensor::SetValue
  double scalar_gm_load_cycles = 0;    // GlobalTensor::GetValue
  double scalar_gm_store_cycles = 0;   // GlobalTensor::SetValue
  double sync_all_cycles = 0;          // a SyncAll barrier across cores, after the last arrives
  std::map<std::string, VectorCost, std::less<>> vector;  // by API name; "default" for the rest
  CubeCosts cube;                      // Fixpipe uses the GM write figures above

  // The cost of vector API `api` ("Add", "Exp"), or the default entry.
  const VectorCost& vector_cost(std::string_view api) const;
};

}  // namespace ascendgen::timing
