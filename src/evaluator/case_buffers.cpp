#include "case_buffers.h"

#include <algorithm>

namespace ascendgen::detail {

CaseBuffers case_buffers(const Task& task, const TestCase& test_case) {
  const std::vector<std::string>& params = task.kernel().params;
  CaseBuffers placed;
  placed.inputs.assign(test_case.inputs.size(), -1);
  placed.outputs.assign(test_case.outputs.size(), -1);
  placed.lists.resize(params.size());
  placed.count = params.size();
  for (const auto& [tensors, buffers] : {std::pair{&test_case.inputs, &placed.inputs}, std::pair{&test_case.outputs, &placed.outputs}})
    for (const TensorGroup& group : group_tensors(*tensors)) {
      const auto param = std::find(params.begin(), params.end(), group.name);
      if (param == params.end()) continue;
      const size_t p = static_cast<size_t>(param - params.begin());
      for (size_t i : group.instances) {
        if (!group.list) {
          (*buffers)[i] = static_cast<int>(p);
          continue;
        }
        (*buffers)[i] = static_cast<int>(placed.count);
        placed.lists[p].push_back(placed.count++);
      }
    }
  placed.aliases.assign(placed.count, -1);
  for (size_t j = 0; j < test_case.outputs.size(); ++j) {
    const std::string& updated = test_case.outputs[j].inplace;
    if (updated.empty()) continue;
    const auto input = std::find_if(test_case.inputs.begin(), test_case.inputs.end(), [&](const TensorInstance& t) { return t.name == updated; });
    const int memory = placed.inputs[static_cast<size_t>(input - test_case.inputs.begin())];
    if (placed.outputs[j] >= 0) placed.aliases[static_cast<size_t>(placed.outputs[j])] = memory;
    placed.outputs[j] = memory;
  }
  return placed;
}

}  // namespace ascendgen::detail
