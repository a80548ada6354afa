// `ascendgen soc list|show NAME`: the SoC descriptions the emulator can model.
#include <fmt/format.h>

#include "ascendgen/core/soc.h"
#include "commands.h"

namespace ascendgen::cli {

void add_soc_command(CLI::App& app, int& exit_code) {
  CLI::App* soc = app.add_subcommand("soc", "List or show SoC descriptions");
  soc->require_subcommand(1);
  soc->add_subcommand("list", "Names of the shipped SoC descriptions")->callback([&exit_code] {
    for (const auto& name : builtin_socs()) fmt::print("{}\n", name);
    exit_code = 0;
  });
  auto* show = soc->add_subcommand("show", "The numbers of one SoC (a name or a .yaml path)");
  auto name = std::make_shared<std::string>();
  show->add_option("name", *name, "SoC name or path")->required();
  show->callback([name, &exit_code] {
    const SocDescription s = load_soc(*name);
    fmt::print("{}: {} AIC, {} AIV, {} GHz, UB {} bytes, L1 {} bytes\n", s.name, s.cube_cores, s.vector_cores,
               s.clock_ghz, s.ub_bytes, s.l1_bytes);
    exit_code = 0;
  });
}

}  // namespace ascendgen::cli
