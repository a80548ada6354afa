// `ascendgen`: the command-line face of the library. Errors print one line naming the file,
// field or API at fault and exit non-zero.
#include <exception>

#include <fmt/format.h>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"ascendgen: Ascend C kernels generated, compiled, emulated and judged without an NPU"};
  app.require_subcommand(1);
  int exit_code = 0;
  ascendgen::cli::add_soc_command(app, exit_code);
  ascendgen::cli::add_eval_command(app, exit_code);
  ascendgen::cli::add_tasks_command(app, exit_code);
  ascendgen::cli::add_bench_command(app, exit_code);
  ascendgen::cli::add_generate_command(app, exit_code);
  ascendgen::cli::add_route_command(app, exit_code);
  ascendgen::cli::add_import_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    fmt::print(stderr, "ascendgen: {}\n", e.what());
    return 1;
  }
  return exit_code;
}
