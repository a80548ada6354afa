// TaskDifficulty: what the outcomes of a task's earlier samples say about that task, shared by all
// models. A task is harder or easier than its features predict by one offset d (logit units) for
// every model (item response theory; tasks hard for one model are hard for the others):
//   P(model m passes) = sigmoid(logit(p_m) + d),  p_m the model's feature-based prediction.
// d is the maximum a posteriori estimate under a standard normal prior from the task's outcomes on
// any model. Internal to the router module.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

namespace ascendgen::router::detail {

class TaskDifficulty {
 public:
  // Records one outcome of `task` whose feature-based pass probability was `predicted`.
  void add(const std::string& task, double predicted, bool passed);
  // The offset of `task` (0 for a task not seen).
  double offset(const std::string& task) const;
  // sigmoid(logit(predicted) + offset(task)).
  double adjust(const std::string& task, double predicted) const;

 private:
  struct Task {
    std::vector<std::pair<double, bool>> outcomes;  // (logit of the prediction, passed); newest kept
    double offset = 0;
  };
  std::unordered_map<std::string, Task> tasks_;
};

}  // namespace ascendgen::router::detail
