// Building a full-operator candidate (docs/operators.md): the joined source is split into its
// files, which are written under the build directory as they are named, and compiled into one
// shared object from two kinds of translation unit. Each op_host/*.cpp is compiled as it is (the
// OpDef, OP_ADD and the TilingFunc, with the host expansion of the tiling headers); the kernel is
// compiled through a generated unit that first includes the op_host tiling headers with the
// kernel-side expansion (plain structs) and then op_kernel/<op>.cpp.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ascendgen/compiler/diagnostics.h"
#include "ascendgen/task/operator_source.h"

namespace ascendgen::detail {

// The file the generated kernel unit is written to (it appears in diagnostics).
inline constexpr std::string_view kKernelUnitFile = "ascendgen_kernel_unit.cpp";

// Why `source` cannot be built as an operator whose kernel defines `entry`: not splittable, no
// or several op_kernel/*.cpp, no op_host/*.cpp, or the kernel file fails check_candidate_source
// (its diagnostic then names that file). nullopt when it passes.
std::optional<Diagnostic> check_operator_source(std::string_view source, std::string_view entry);

// Writes the operator's files and the kernel unit under `dir`. Returns the sources to compile:
// the kernel unit first, then each op_host/*.cpp. `op_type` selects the tiling data class of
// GET_TILING_DATA (REGISTER_TILING_DATA_CLASS(op_type, ...)). The source must have passed
// check_operator_source. Throws std::runtime_error when a file cannot be written.
std::vector<std::filesystem::path> write_operator_tree(const std::filesystem::path& dir, std::string_view source,
                                                       std::string_view op_type);

}  // namespace ascendgen::detail
