#include "operator_launch.h"

#include <algorithm>

#include <fmt/format.h>

#include "ascendgen/task/operator_source.h"
#include "case_buffers.h"

namespace ascendgen::detail {
namespace {

// What GetLibApiWorkSpaceSize reports on the 910B family: CANN reserves 16 MiB of each launch's
// workspace for its library APIs (the matmul and SyncAll helpers).
constexpr uint32_t kSystemWorkspaceBytes = 16u << 20;

int parameter_index(const Task& task, const std::string& name) {
  const auto& params = task.kernel().params;
  const auto it = std::find(params.begin(), params.end(), name);
  return it == params.end() ? -1 : static_cast<int>(it - params.begin());
}

std::vector<OperatorTensor> tensors(const std::vector<TensorInstance>& list, const std::vector<int>& buffers) {
  std::vector<OperatorTensor> out;
  for (size_t i = 0; i < list.size(); ++i)
    out.push_back({list[i].name, std::string(dtype_name(list[i].dtype)), list[i].shape, buffers[i], list[i].list_index});
  return out;
}

}  // namespace

std::optional<Diagnostic> check_candidate_form(const Task& task, const std::string& source) {
  const bool operator_task = task.kernel().form == KernelForm::Operator;
  if (operator_task == is_operator_source(source)) return std::nullopt;
  const std::string message =
      operator_task
          ? fmt::format("task '{}' takes a full operator: op_host/<op>.cpp, op_host/<op>_tiling.h and op_kernel/<op>.cpp, "
                        "each after a '// === FILE: PATH ===' line (docs/operators.md); this candidate is one kernel source",
                        task.name())
          : fmt::format("task '{}' takes a kernel-only source; this candidate is a full operator ('// === FILE: PATH ===' "
                        "lines)",
                        task.name());
  return Diagnostic{std::string(kCandidateFile), 0, 0, "error", message, "syntax", {}};
}

OperatorPlatform operator_platform(const SocDescription& soc) {
  OperatorPlatform p;
  p.soc_name = soc.name;
  // CANN's short SoC version names the family: Ascend910B1..B4 are all "Ascend910B".
  p.short_soc_version = soc.name.starts_with("Ascend910B") ? "Ascend910B" : soc.name;
  p.cube_cores = static_cast<uint32_t>(soc.cube_cores);
  p.vector_cores = static_cast<uint32_t>(soc.vector_cores);
  p.ub_bytes = soc.ub_bytes;
  p.l1_bytes = soc.l1_bytes;
  p.l0a_bytes = soc.l0a_bytes;
  p.l0b_bytes = soc.l0b_bytes;
  p.l0c_bytes = soc.l0c_bytes;
  p.system_workspace_bytes = kSystemWorkspaceBytes;
  return p;
}

OperatorLaunch operator_launch(const Task& task, const TestCase& test_case, const SocDescription& soc) {
  OperatorLaunch launch;
  launch.op_type = task.kernel().op;
  const CaseBuffers placed = case_buffers(task, test_case);
  launch.inputs = tensors(test_case.inputs, placed.inputs);
  launch.outputs = tensors(test_case.outputs, placed.outputs);
  const auto& types = task.attribute_types();
  for (size_t i = 0; i < test_case.attributes.size() && i < types.size(); ++i)
    launch.attributes.push_back({test_case.attributes[i].first, types[i].second, test_case.attributes[i].second});
  launch.platform = operator_platform(soc);
  launch.platform.mix = task.kernel().core_type == sim::CoreType::Mix;
  launch.workspace_buffer = parameter_index(task, "workspace");
  launch.tiling_buffer = parameter_index(task, "tiling");
  return launch;
}

}  // namespace ascendgen::detail
