// OperatorLaunch: what ascendgen-worker needs to run a full operator's host tiling function before
// the kernel launch (docs/operators.md): the operator type OP_ADD registered, the case's tensors
// and attributes, and the platform the tiling function may ask about. TilingOutcome is what the
// function set, and what drove the launch.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ascendgen/task/attribute.h"

namespace ascendgen {

// One input or output of the case, by its task name.
struct OperatorTensor {
  std::string name;
  std::string dtype;           // task dtype name: "float16", "float32", ...
  std::vector<int64_t> shape;
  int buffer = -1;             // its index among the launch's buffers (inputs: data for GetInputTensor)
  int list_index = -1;         // an element of a tensor list (a dynamic input or output): its index; -1: plain
};

// One attribute value of the case. The tiling context presents it with the type the OpDef's Attr
// declares (Float, Int, Bool, String, ListInt, ListFloat), else with this type.
struct OperatorAttribute {
  std::string name;
  std::string type;            // "float", "int", "bool", "string", "list_int", "list_float"
  AttributeValue value;
};

// The platform facts PlatformAscendC reports.
struct OperatorPlatform {
  std::string soc_name;                  // "Ascend910B2"
  std::string short_soc_version;         // "Ascend910B"
  uint32_t cube_cores = 0, vector_cores = 0;
  uint64_t ub_bytes = 0, l1_bytes = 0, l0a_bytes = 0, l0b_bytes = 0, l0c_bytes = 0;
  uint32_t system_workspace_bytes = 0;   // GetLibApiWorkSpaceSize
  bool mix = false;                      // blocks of 1 AIC + 2 AIV: block dim counts AICs
};

// Bytes of the tiling buffer a tiling function gets (gert::TilingData capacity).
inline constexpr uint64_t kDefaultTilingCapacity = 64 * 1024;

struct OperatorLaunch {
  std::string op_type;                         // the OpDef class name given to OP_ADD
  std::vector<OperatorTensor> inputs, outputs;  // task order; a tensor list's elements follow each other
  std::vector<OperatorAttribute> attributes;    // task order
  OperatorPlatform platform;
  int workspace_buffer = -1;                   // index of the `workspace` buffer, -1: none
  int tiling_buffer = -1;                      // index of the `tiling` buffer, -1: none
  uint64_t tiling_capacity_bytes = kDefaultTilingCapacity;
};

// What the tiling function set.
struct TilingOutcome {
  uint32_t block_dim = 0;
  uint64_t tiling_key = 0;
  uint64_t tiling_bytes = 0;     // SetDataSize
  uint64_t workspace_bytes = 0;  // GetWorkspaceSizes(1)[0]
};

}  // namespace ascendgen
