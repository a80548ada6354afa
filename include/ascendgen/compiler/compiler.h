// Compiler: candidate Ascend C source to a shared object the emulator loads, with structured
// diagnostics, a content-hash cache shared safely between processes, a per-compile timeout and a
// pool of compiler processes.
//
//   ascendgen::Compiler compiler({.timeout_s = 20, .jobs = 2});
//   auto result = compiler.compile({source, "add_custom", {{"DTYPE_X", "half"}}});
//   if (result.status == ascendgen::CompileStatus::Ok)
//     ascendgen::sim::KernelLibrary library(result.artifact.string());
//
// Cache layout (cache_dir): <key>.so for a compiled kernel, <key>.log for a compile that failed
// with ordinary errors (g++ exit status 1), so resubmitting the same bad candidate costs no g++
// run either. The key hashes the source, entry, defines and the toolchain (compiler path and
// file identity, libascendgen_sim and every kernel header by size and mtime). Files are written to a
// temporary name and renamed, so processes may share one cache directory. Parse errors and
// timeouts are not cached (cheap, or dependent on machine load). Nothing is ever evicted.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ascendgen/compiler/diagnostics.h"
#include "ascendgen/sim/kernel_build.h"

namespace ascendgen {

struct CompileRequest {
  // The candidate's kernel.cpp, or a full operator's files joined with `// === FILE: PATH ===`
  // headers (task/operator_source.h; built as docs/operators.md says).
  std::string source;
  std::string entry;   // the extern "C" function it must define
  std::vector<std::pair<std::string, std::string>> defines;  // {"DTYPE_X", "half"} -> -DDTYPE_X=half
  std::string op;      // a full operator's type (OP_ADD's class name): GET_TILING_DATA reads the
                       // class REGISTER_TILING_DATA_CLASS(op, ...) names; ignored for kernel-only sources
};

enum class CompileStatus { Ok, ParseError, CompileError, Timeout };
const char* to_string(CompileStatus);  // "ok", "parse_error", "compile_error", "timeout"

struct CompileResult {
  CompileStatus status = CompileStatus::CompileError;
  std::filesystem::path artifact;        // the shared object, when Ok
  std::vector<Diagnostic> diagnostics;   // errors and warnings (a parse error gives one)
  std::string log;                       // the compiler's output, paths shortened, capped
  double seconds = 0;                    // wall time of this call
  bool cache_hit = false;                // no compiler ran for this call
};

struct CompilerOptions {
  std::filesystem::path cache_dir;  // empty: $XDG_CACHE_HOME/ascendgen/kernels (~/.cache/...)
  double timeout_s = 30;            // per compile; the compiler's process group is killed after it
  int jobs = 1;                     // compiler processes compile_all runs at once
  size_t max_log_bytes = 64 << 10;  // compiler output kept per compile
  uint64_t memory_limit_bytes = 4ull << 30;  // address space of each compiler process; 0: none
  std::optional<sim::KernelToolchain> toolchain;  // empty: KernelToolchain::detect()
};

class Compiler {
 public:
  // Creates the cache directory; throws std::runtime_error naming it when that fails.
  explicit Compiler(CompilerOptions options = {});
  ~Compiler();
  Compiler(const Compiler&) = delete;
  Compiler& operator=(const Compiler&) = delete;

  // Compiles one candidate. Thread-safe; concurrent requests with the same key share one compile.
  // Throws std::invalid_argument when the entry or a define name is not an identifier (a task
  // error, not a candidate's); everything a candidate can get wrong is in the result.
  CompileResult compile(const CompileRequest& request);
  // Compiles every request on `jobs` threads; results in request order.
  std::vector<CompileResult> compile_all(const std::vector<CompileRequest>& requests);

  const std::filesystem::path& cache_dir() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Why `source` cannot be a kernel defining `entry`, checked without a compiler in time linear in
// its size: it is empty or over 1 MiB, it holds a markdown code fence, it has no C++ in it
// (prose), or no extern "C" function `entry` is defined (the message says which). nullopt when
// the source passes. An entry produced only by a macro is not recognised.
std::optional<Diagnostic> check_candidate_source(std::string_view source, std::string_view entry);

}  // namespace ascendgen
