#include "operator_ports.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace ascendgen::worker {
namespace {

struct TaskTensor {
  std::string name;
  bool list = false;
  IrPort port;
};

// The task's tensors, a list's consecutive elements as one.
std::vector<TaskTensor> task_tensors(const std::vector<OperatorTensor>& tensors) {
  std::vector<TaskTensor> out;
  for (const OperatorTensor& t : tensors) {
    if (t.list_index <= 0) out.push_back({t.name, t.list_index == 0, {}});
    out.back().port.instances.push_back(&t);
  }
  return out;
}

}  // namespace

std::vector<IrPort> match_ports(const std::deque<ops::OpParamDef>& declared, const std::vector<OperatorTensor>& tensors,
                                const char* what, std::string& error) {
  const std::vector<TaskTensor> given = task_tensors(tensors);
  std::vector<std::string> task_names;
  for (const TaskTensor& t : given) task_names.push_back(t.name);
  std::vector<const TaskTensor*> ordered;
  if (declared.empty()) {
    for (const TaskTensor& t : given) ordered.push_back(&t);
  } else {
    const auto by_name = [&](const ops::OpParamDef& d) {
      const auto it = std::find(task_names.begin(), task_names.end(), d.GetParamName());
      return it == task_names.end() ? nullptr : &given[static_cast<size_t>(it - task_names.begin())];
    };
    if (std::all_of(declared.begin(), declared.end(), by_name)) {
      for (const ops::OpParamDef& d : declared) ordered.push_back(by_name(d));
    } else if (declared.size() == given.size()) {
      for (const TaskTensor& t : given) ordered.push_back(&t);
    } else {
      std::vector<std::string> names;
      for (const ops::OpParamDef& d : declared) names.push_back(d.GetParamName());
      error = fmt::format("the OpDef declares {} [{}] but the task has [{}]", what, fmt::join(names, ", "),
                          fmt::join(task_names, ", "));
      return {};
    }
  }
  std::vector<IrPort> ports;
  for (size_t i = 0; i < ordered.size(); ++i) {
    if (i < declared.size() && (declared[i].GetParamType() == ops::DYNAMIC) != ordered[i]->list) {
      error = ordered[i]->list
                  ? fmt::format("the task gives a tensor list for '{}' but the OpDef's {} '{}' is not ParamType(DYNAMIC)",
                                ordered[i]->name, what, declared[i].GetParamName())
                  : fmt::format("the OpDef's {} '{}' is ParamType(DYNAMIC), a tensor list, but the task gives one tensor "
                                "'{}' (task.yaml: list: true)",
                                what, declared[i].GetParamName(), ordered[i]->name);
      return {};
    }
    ports.push_back(ordered[i]->port);
  }
  return ports;
}

}  // namespace ascendgen::worker
