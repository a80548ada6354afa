// Matches a case's tensors to an OpDef's declared inputs or outputs (its IR ports) for the tiling
// context: by name when every declared name is a task tensor, else by position when the counts
// agree (an OpDef declaring none takes the task's order). A DYNAMIC port takes a tensor list, any
// other port one tensor; a tensor list counts once, however many tensors it holds.
#pragma once
#include <deque>
#include <string>
#include <vector>

#include "ascendgen/evaluator/operator_launch.h"
#include "register/op_def.h"

namespace ascendgen::worker {

struct IrPort {
  std::vector<const OperatorTensor*> instances;  // one, or a list's elements in order
};

// The ports in IR order, or the mismatch in `error` (`what`: "inputs" or "outputs").
std::vector<IrPort> match_ports(const std::deque<ops::OpParamDef>& declared, const std::vector<OperatorTensor>& tensors,
                                const char* what, std::string& error);

}  // namespace ascendgen::worker
