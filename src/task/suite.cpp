#include "ascendgen/task/suite.h"

#include <algorithm>

#include <fmt/format.h>

namespace ascendgen {
namespace fs = std::filesystem;

Suite Suite::load(const fs::path& dir) {
  if (!fs::is_directory(dir)) throw std::runtime_error(fmt::format("suite {}: not a directory", dir.string()));
  std::vector<fs::path> task_dirs;
  for (const fs::directory_entry& e : fs::directory_iterator(dir))
    if (e.is_directory() && fs::is_regular_file(e.path() / "task.yaml")) task_dirs.push_back(e.path());
  if (task_dirs.empty())
    throw std::runtime_error(fmt::format("suite {}: no subdirectory holds a task.yaml", dir.string()));
  std::sort(task_dirs.begin(), task_dirs.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
  Suite suite;
  suite.dir_ = fs::absolute(dir).lexically_normal();
  for (const fs::path& d : task_dirs) {
    Task task = Task::load(d);
    // Names are unique in a suite because each equals its directory's.
    if (task.name() != d.filename().string())
      throw TaskError(d / "task.yaml", 0, "name",
                      fmt::format("'{}' differs from the directory name '{}'", task.name(), d.filename().string()));
    suite.tasks_.push_back(std::move(task));
  }
  return suite;
}

const Task& Suite::find(std::string_view name) const {
  for (const Task& t : tasks_)
    if (t.name() == name) return t;
  throw std::out_of_range(fmt::format("suite {} has no task '{}'", dir_.string(), name));
}

Suite Suite::filter(std::optional<int> level, std::optional<std::string> category) const {
  Suite out;
  out.dir_ = dir_;
  for (const Task& t : tasks_)
    if ((!level || t.level() == *level) && (!category || t.category() == *category)) out.tasks_.push_back(t);
  return out;
}

}  // namespace ascendgen
