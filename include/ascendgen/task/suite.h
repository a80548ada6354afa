// Suite: a directory of task directories (suites/level1/), loaded, iterated and filtered.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ascendgen/task/task.h"

namespace ascendgen {

class Suite {
 public:
  // Loads every subdirectory of `dir` that holds a task.yaml, sorted by directory name. Each task's
  // name must equal its directory name. Throws TaskError for a bad task, std::runtime_error when
  // `dir` is not a directory or holds no task.
  static Suite load(const std::filesystem::path& dir);

  const std::vector<Task>& tasks() const { return tasks_; }
  const std::filesystem::path& dir() const { return dir_; }
  // The task named `name`; throws std::out_of_range naming the suite and the name.
  const Task& find(std::string_view name) const;
  // The tasks of this level and category (each filter applies when given); may be empty.
  Suite filter(std::optional<int> level, std::optional<std::string> category) const;

 private:
  std::filesystem::path dir_;
  std::vector<Task> tasks_;
};

}  // namespace ascendgen
