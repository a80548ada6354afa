// `ascendgen import npukernelbench|kernelbench PATH --out DIR`: converts another benchmark's tasks into
// ascendgen tasks (docs/npukernelbench.md, docs/kernelbench.md). The conversion needs Python and torch (it
// runs the benchmark's PyTorch model and input generator), so it is a Python program this command
// starts; the command then loads every task it wrote, and a converted task that does not load fails here
// and is removed.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ascendgen/task/task.h"
#include "commands.h"

extern char** environ;

namespace ascendgen::cli {
namespace {
namespace fs = std::filesystem;

// An importer script: beside the sources in a build tree, under share/ in an install.
fs::path importer_script(const std::string& name) {
  const fs::path exe = fs::read_symlink("/proc/self/exe");
  const fs::path installed = exe.parent_path().parent_path() / "share/ascendgen/importers" / name;
  if (fs::is_regular_file(installed)) return installed;
  const fs::path source = fs::path(ASCENDGEN_IMPORTERS_BUILD) / name;
  if (fs::is_regular_file(source)) return source;
  throw std::runtime_error(fmt::format("import: the importer script is missing (looked for {} and {})",
                                       installed.string(), source.string()));
}

// Runs argv with this process's stderr (the importer's progress shows as it goes) and returns its
// exit status and stdout.
std::pair<int, std::string> run_capturing_stdout(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("import: cannot create a pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  pid_t pid = 0;
  const int error = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (error) {
    close(pipe_fds[0]);
    throw std::runtime_error(fmt::format("import: cannot start '{}': {}", argv[0], std::strerror(error)));
  }
  std::string out;
  char buffer[4096];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
    if (n > 0) out.append(buffer, static_cast<size_t>(n));
    else if (errno != EINTR) break;
  }
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error(fmt::format("import: waiting for '{}' failed", argv[0]));
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), out};
}

// Runs an importer script (argv after the interpreter) and prints one table row per task from its
// JSON lines; what it wrote must load as a task. Returns the command's exit code.
int run_importer(const std::string& python_option, const std::string& script, std::vector<std::string> args) {
  std::string python = python_option;
  if (python.empty()) python = std::getenv("ASCENDGEN_PYTHON") ? std::getenv("ASCENDGEN_PYTHON") : ASCENDGEN_IMPORT_PYTHON;
  if (run_capturing_stdout({python, "-c", "import torch"}).first != 0)
    throw std::runtime_error(fmt::format("import: '{}' cannot import torch; pass --python PATH (or set "
                                         "ASCENDGEN_PYTHON) to an interpreter that can", python));
  args.insert(args.begin(), {python, importer_script(script).string()});
  const auto [status, report] = run_capturing_stdout(args);

  std::vector<std::string> errors;
  fmt::print("{:<24} {:<24} {:>5}  {:<8} {}\n", "source", "task", "cases", "solution", "status");
  std::istringstream lines(report);
  for (std::string line; std::getline(lines, line);) {
    const nlohmann::json r = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!r.is_object() || !r.contains("status")) continue;
    const std::string source = fs::path(r.value("source", "")).filename().string();
    if (r["status"] != "imported") {
      fmt::print("{:<24} {:<24} {:>5}  {:<8} {}\n", source, "-", "-", "-", "failed");
      errors.push_back(r.value("error", "unknown error"));
      continue;
    }
    std::string verdict = "imported";
    const fs::path dir = r.at("dir").get<std::string>();
    try {
      Task::load(dir);
    } catch (const TaskError& e) {
      // Like a task that fails to convert, it leaves nothing behind: a suite holding it would not load.
      verdict = "does not load";
      errors.push_back(fmt::format("{}: the converted task does not load: {}", r.value("source", ""), e.what()));
      fs::remove_all(dir);
    }
    fmt::print("{:<24} {:<24} {:>5}  {:<8} {}\n", source, r.value("task", ""), r.value("cases", 0),
               r.value("solution", false) ? "yes" : "no", verdict);
    for (const auto& note : r.value("notes", std::vector<std::string>{})) fmt::print("  note: {}\n", note);
  }
  std::fflush(stdout);  // the table, then the errors under it
  for (const std::string& e : errors) fmt::print(stderr, "ascendgen: import: {}\n", e);
  // 3: some tasks failed, each reported above; anything else means the importer itself stopped.
  if (status != 0 && status != 3)
    throw std::runtime_error(fmt::format("import: the importer stopped (exit status {}); its error is above", status));
  return errors.empty() ? 0 : 1;
}

// What every importer takes: the source, --out, --level, --force, --python.
struct ImportOptions {
  std::string source, out, python;
  int level = 0;
  bool force = false;
  std::vector<std::string> argv() const {
    std::vector<std::string> args{source, out};
    if (level) args.insert(args.end(), {"--level", std::to_string(level)});
    if (force) args.push_back("--force");
    return args;
  }
};

void add_common_options(CLI::App* command, ImportOptions& o, const std::string& source_help) {
  command->add_option("path", o.source, source_help)->required()->check(CLI::ExistingPath);
  command->add_option("--out", o.out, "Suite directory to write the tasks into")->required();
  command->add_option("--level", o.level, "Level of every task (default: from a levelN directory in the path)")
      ->check(CLI::Range(1, 3));
  command->add_flag("--force", o.force, "Replace tasks that already exist in --out");
  command->add_option("--python", o.python,
                      "Python interpreter with torch (default: $ASCENDGEN_PYTHON, else " ASCENDGEN_IMPORT_PYTHON ")");
}

}  // namespace

void add_import_command(CLI::App& app, int& exit_code) {
  CLI::App* import = app.add_subcommand("import", "Convert another benchmark's tasks into ascendgen tasks");
  import->require_subcommand(1);

  CLI::App* nkb = import->add_subcommand(
      "npukernelbench", "NPUKernelBench task directories (api_desc.md, validation/, answer/) to task.yaml tasks");
  auto nkb_options = std::make_shared<ImportOptions>();
  add_common_options(nkb, *nkb_options, "A task directory or a tree of them");
  nkb->callback([nkb_options, &exit_code] {
    exit_code = run_importer(nkb_options->python, "npukernelbench.py", nkb_options->argv());
  });

  CLI::App* kb = import->add_subcommand(
      "kernelbench", "KernelBench-layout problems (Python files with Model, get_inputs, get_init_inputs) to tasks");
  struct KernelBenchOptions : ImportOptions {
    std::string form = "operator";
    std::vector<std::string> overrides;
    double max_case_mib = 64;
  };
  auto kb_options = std::make_shared<KernelBenchOptions>();
  add_common_options(kb, *kb_options, "A problem file or a tree of them");
  kb->add_option("--form", kb_options->form, "What candidates are: operator (op_host + op_kernel) or kernel")
      ->check(CLI::IsMember({"operator", "kernel"}))->capture_default_str();
  kb->add_option("--set", kb_options->overrides, "NAME=VALUE: override a module global (a shape) before drawing inputs");
  kb->add_option("--max-case-mib", kb_options->max_case_mib, "Largest inputs recorded per task (MiB)")
      ->check(CLI::PositiveNumber)->capture_default_str();
  kb->callback([kb_options, &exit_code] {
    std::vector<std::string> args = kb_options->argv();
    args.insert(args.end(), {"--form", kb_options->form, "--max-case-mib", fmt::format("{}", kb_options->max_case_mib)});
    for (const std::string& o : kb_options->overrides) args.insert(args.end(), {"--set", o});
    exit_code = run_importer(kb_options->python, "kernelbench.py", std::move(args));
  });
}

}  // namespace ascendgen::cli
