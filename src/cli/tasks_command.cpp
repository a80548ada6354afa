// `ascendgen tasks list|show`: the tasks of a suite, and one task as a prompt would present it.
#include <fmt/format.h>

#include "ascendgen/core/dtype.h"
#include "ascendgen/task/suite.h"
#include "commands.h"

namespace ascendgen::cli {
namespace {

std::string shape_text(const std::vector<int64_t>& shape) { return fmt::format("[{}]", fmt::join(shape, ", ")); }

void print_task(const Task& t) {
  fmt::print("{} (level {}, {})\n\n{}\n", t.name(), t.level(), t.category(), t.description());
  fmt::print("entry: {}({})", t.kernel().entry, fmt::join(t.kernel().params, ", "));
  if (t.kernel().block_dim) fmt::print(" on {} cores", t.kernel().block_dim);
  fmt::print("\n\ncases:\n");
  for (const TestCase& c : t.cases()) {
    std::vector<std::string> tensors;
    for (const auto& [list, arrow] : {std::pair{&c.inputs, ""}, std::pair{&c.outputs, "-> "}})
      for (const TensorGroup& g : group_tensors(*list))
        tensors.push_back(fmt::format("{}{}: {} {}", arrow, g.name, dtype_name((*list)[g.instances.front()].dtype),
                                      group_shapes_text(g, *list, shape_text)));
    std::vector<std::string> attrs;
    for (const auto& [name, value] : c.attributes) attrs.push_back(fmt::format("{}={}", name, value));
    fmt::print("  {:<16} {}{}{}\n", c.id, fmt::join(tensors, ", "), attrs.empty() ? "" : "; ", fmt::join(attrs, ", "));
  }
  fmt::print("\nsolution: {}\n", t.solution_path() ? t.solution_path()->string() : "none");
}

}  // namespace

void add_tasks_command(CLI::App& app, int& exit_code) {
  CLI::App* tasks = app.add_subcommand("tasks", "List the tasks of a suite or show one task");
  tasks->require_subcommand(1);
  auto suite_dir = std::make_shared<std::string>("suites/level1");

  CLI::App* list = tasks->add_subcommand("list", "One line per task: name, level, category, cases");
  list->add_option("--suite", *suite_dir, "Suite directory")->check(CLI::ExistingDirectory);
  list->callback([suite_dir, &exit_code] {
    const Suite suite = Suite::load(*suite_dir);
    fmt::print("{:<24} {:>5}  {:<12} {:>5}  {}\n", "task", "level", "category", "cases", "solution");
    for (const Task& t : suite.tasks())
      fmt::print("{:<24} {:>5}  {:<12} {:>5}  {}\n", t.name(), t.level(), t.category(), t.cases().size(),
                 t.solution_path() ? "yes" : "no");
    fmt::print("{} tasks\n", suite.tasks().size());
    exit_code = 0;
  });

  CLI::App* show = tasks->add_subcommand("show", "A task's description, kernel signature and cases");
  auto name = std::make_shared<std::string>();
  show->add_option("task", *name, "A task name in the suite, or a task directory")->required();
  show->add_option("--suite", *suite_dir, "Suite directory")->check(CLI::ExistingDirectory);
  show->callback([suite_dir, name, &exit_code] {
    if (std::filesystem::exists(std::filesystem::path(*name) / "task.yaml"))
      print_task(Task::load(*name));
    else
      print_task(Suite::load(*suite_dir).find(*name));
    exit_code = 0;
  });
}

}  // namespace ascendgen::cli
