#include "operator_build.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "ascendgen/compiler/compiler.h"

namespace ascendgen::detail {
namespace fs = std::filesystem;

namespace {

bool in_dir_with_extension(const SourceFile& f, std::string_view dir, std::string_view extension) {
  return f.path.starts_with(dir) && f.path.ends_with(extension);
}

std::vector<const SourceFile*> select(const std::vector<SourceFile>& files, std::string_view dir, std::string_view extension) {
  std::vector<const SourceFile*> chosen;
  for (const SourceFile& f : files)
    if (in_dir_with_extension(f, dir, extension)) chosen.push_back(&f);
  return chosen;
}

Diagnostic layout_error(std::string message) {
  return {std::string(kCandidateFile), 0, 0, "error", std::move(message), "missing_entry", {}};
}

// True when `text` holds REGISTER_TILING_DATA_CLASS(op_type, ...), spaces allowed.
bool registers_tiling_class(std::string_view text, std::string_view op_type) {
  constexpr std::string_view kMacro = "REGISTER_TILING_DATA_CLASS";
  for (size_t at = text.find(kMacro); at != std::string_view::npos; at = text.find(kMacro, at + 1)) {
    size_t i = at + kMacro.size();
    const auto skip = [&] {
      while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    };
    skip();
    if (i >= text.size() || text[i] != '(') continue;
    ++i;
    skip();
    if (text.substr(i, op_type.size()) != op_type) continue;
    i += op_type.size();
    skip();
    if (i < text.size() && text[i] == ',') return true;
  }
  return false;
}

// True when an op_host header may rely on the standard headers CANN's host headers pull in.
bool mentions_standard_library(std::string_view text) {
  for (std::string_view word : {"std::", "namespace std", "printf", "cout", "endl", "vector<", "map<", "string "})
    if (text.find(word) != std::string_view::npos) return true;
  return false;
}

void write_text(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out.flush()) throw std::runtime_error(fmt::format("cannot write '{}'", path.string()));
}

}  // namespace

std::optional<Diagnostic> check_operator_source(std::string_view source, std::string_view entry) {
  std::vector<SourceFile> files;
  try {
    files = split_operator_source(source);
  } catch (const OperatorSourceError& e) {
    return Diagnostic{std::string(kCandidateFile), 0, 0, "error", e.what(), "syntax", {}};
  }
  const std::vector<const SourceFile*> kernels = select(files, "op_kernel/", ".cpp");
  if (kernels.size() != 1)
    return layout_error(fmt::format("a full operator needs exactly one op_kernel/<op>.cpp file, this one has {}", kernels.size()));
  if (select(files, "op_host/", ".cpp").empty())
    return layout_error("a full operator needs an op_host/<op>.cpp file (the OpDef and its tiling function)");
  if (std::optional<Diagnostic> problem = check_candidate_source(kernels.front()->text, entry)) {
    problem->file = kernels.front()->path;
    return problem;
  }
  return std::nullopt;
}

std::vector<fs::path> write_operator_tree(const fs::path& dir, std::string_view source, std::string_view op_type) {
  const std::vector<SourceFile> files = split_operator_source(source);
  for (const SourceFile& f : files) write_text(dir / f.path, f.text);

  // The kernel unit: tiling headers as plain structs in a namespace of their own (so the host's
  // optiling classes and the kernel's structs never share a name), then the kernel.
  std::string unit = "#define ASCENDGEN_TILING_KERNEL_SIDE 1\n#define optiling ascendgen_kernel_optiling\n";
  std::string headers;
  bool registered = false, uses_std = false;
  for (const SourceFile* h : select(files, "op_host/", ".h")) {
    uses_std = uses_std || mentions_standard_library(h->text);  // also headers the tiling headers include
    if (h->text.find("BEGIN_TILING_DATA_DEF") == std::string::npos) continue;
    headers += fmt::format("#include \"{}\"\n", h->path);
    registered = registered || registers_tiling_class(h->text, op_type);
  }
  if (registered) unit += fmt::format("#define ASCENDGEN_OP_TILING_DATA ascendgen_tiling_data_{}\n", op_type);
  if (uses_std) unit += "#define ASCENDGEN_TILING_HEADERS_USE_STD 1\n";
  unit += headers;
  unit += "namespace optiling {}\nusing namespace optiling;\n";
  unit += fmt::format("#include \"{}\"\n", select(files, "op_kernel/", ".cpp").front()->path);
  const fs::path unit_path = dir / std::string(kKernelUnitFile);
  write_text(unit_path, unit);

  std::vector<fs::path> sources = {unit_path};
  for (const SourceFile* host : select(files, "op_host/", ".cpp")) sources.push_back(dir / host->path);
  return sources;
}

}  // namespace ascendgen::detail
