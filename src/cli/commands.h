// The subcommands of `ascendgen`. Each add_*_command registers itself on the app; its callback
// stores the process exit code in `exit_code`.
#pragma once
#include <CLI/CLI.hpp>

namespace ascendgen::cli {

void add_soc_command(CLI::App& app, int& exit_code);
void add_eval_command(CLI::App& app, int& exit_code);
void add_tasks_command(CLI::App& app, int& exit_code);
void add_bench_command(CLI::App& app, int& exit_code);
void add_generate_command(CLI::App& app, int& exit_code);
void add_route_command(CLI::App& app, int& exit_code);
void add_import_command(CLI::App& app, int& exit_code);

}  // namespace ascendgen::cli
