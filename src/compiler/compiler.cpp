#include "ascendgen/compiler/compiler.h"

#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <exception>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <stdexcept>

#include <fmt/format.h>

#include "../core/parallel_for.h"
#include "../core/temp_dir.h"
#include "ascendgen/core/files.h"
#include "ascendgen/task/operator_source.h"
#include "ascendgen/task/records.h"
#include "dialect.h"
#include "operator_build.h"
#include "sha256.h"

namespace ascendgen {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const char* to_string(CompileStatus status) {
  switch (status) {
    case CompileStatus::Ok: return "ok";
    case CompileStatus::ParseError: return "parse_error";
    case CompileStatus::CompileError: return "compile_error";
    case CompileStatus::Timeout: return "timeout";
  }
  return "unknown";
}

namespace {

// Bump when the flags or the meaning of cached files change, so old entries are not reused.
constexpr std::string_view kCacheFormat = "ascendgen-kernel-cache/2";

bool is_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

fs::path default_cache_dir() {
  if (const char* xdg = getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "ascendgen" / "kernels";
  if (const char* home = getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "ascendgen" / "kernels";
  return fs::temp_directory_path() / "ascendgen-kernels";
}

// "path size mtime": changes when the file is rebuilt or replaced.
std::string file_identity(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  const auto mtime = fs::last_write_time(path, ec).time_since_epoch().count();
  return fmt::format("{} {} {}\n", path.string(), size, mtime);
}

// What a compiled kernel depends on besides its own source: the compiler binary, the runtime it
// links and every kernel header.
std::string toolchain_identity(const sim::KernelToolchain& toolchain) {
  std::error_code ec;
  const fs::path compiler = fs::canonical(toolchain.compiler, ec);
  std::string identity = toolchain.compiler + "\n" + file_identity(ec ? fs::path(toolchain.compiler) : compiler) +
                         file_identity(toolchain.sim_library);
  std::vector<std::string> headers;
  for (auto it = fs::recursive_directory_iterator(toolchain.include_dir, ec); !ec && it != fs::end(it);
       it.increment(ec))
    if (it->is_regular_file()) headers.push_back(file_identity(it->path()));
  std::sort(headers.begin(), headers.end());
  for (const auto& h : headers) identity += h;
  return identity;
}

// Each field as "<size>:<bytes>", so different field splits never hash alike.
void hash_field(detail::Sha256& hash, std::string_view field) {
  hash.update(fmt::format("{}:", field.size()));
  hash.update(field);
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// Diagnostics of a failed compile; a failure that printed none (the compiler could not run)
// still gets one, carrying the first line of the log.
std::vector<Diagnostic> failure_diagnostics(const std::string& log) {
  std::vector<Diagnostic> diagnostics = parse_gcc_diagnostics(log);
  if (diagnostics.empty())
    diagnostics.push_back({"", 0, 0, "error", log.substr(0, log.find('\n')), "other", {}});
  return diagnostics;
}

}  // namespace

struct Compiler::State {
  CompilerOptions options;
  sim::KernelToolchain toolchain;
  std::string toolchain_identity;
  std::mutex mutex;
  std::map<std::string, std::shared_future<CompileResult>> in_flight;  // by cache key

  std::string cache_key(const CompileRequest& request) const {
    detail::Sha256 hash;
    hash_field(hash, kCacheFormat);
    hash_field(hash, toolchain_identity);
    hash_field(hash, request.entry);
    for (const auto& [name, value] : request.defines) {
      hash_field(hash, name);
      hash_field(hash, value);
    }
    hash_field(hash, request.source);
    hash_field(hash, request.op);
    return hash.hex_digest();
  }

  std::optional<CompileResult> lookup(const std::string& key) const {
    const fs::path artifact = options.cache_dir / (key + ".so");
    if (fs::exists(artifact)) return CompileResult{CompileStatus::Ok, artifact, {}, "", 0, true};
    const fs::path failure = options.cache_dir / (key + ".log");
    if (!fs::exists(failure)) return std::nullopt;
    std::string log = try_read_file(failure).value_or("");
    return CompileResult{CompileStatus::CompileError, {}, failure_diagnostics(log), std::move(log), 0, true};
  }

  CompileResult run_compiler(const CompileRequest& request, const std::string& key) const {
    // Inside the cache (same file system, so the rename of the artifact is atomic).
    const detail::TempDir build(options.cache_dir, ".build-");
    fs::path source = build.path() / std::string(kCandidateFile);
    const fs::path output = build.path() / "kernel.so";
    std::vector<fs::path> more_sources;  // a full operator's op_host/*.cpp
    const std::string text = detail::rewrite_dialect(request.source);
    if (is_operator_source(request.source)) {
      more_sources = detail::write_operator_tree(build.path(), text, request.op);
      source = more_sources.front();
      more_sources.erase(more_sources.begin());
    } else {
      std::ofstream out(source, std::ios::binary);
      out << text;
      if (!out.flush()) throw std::runtime_error(fmt::format("cannot write '{}'", source.string()));
    }
    sim::KernelBuildOptions build_options;
    // Plain output: one diagnostic per line, no caret lines, no colours (g++ and clang spell it
    // differently). The error cap bounds the time and log a badly broken candidate costs. The
    // prefix maps make __FILE__ (and so the file:line of runtime errors) read "kernel.cpp" rather
    // than the temporary directory.
    build_options.extra_flags = toolchain.is_clang()
                                    ? std::vector<std::string>{"-fno-color-diagnostics", "-fno-caret-diagnostics",
                                                               "-fno-diagnostics-fixit-info", "-ferror-limit=20"}
                                    : std::vector<std::string>{"-fdiagnostics-plain-output", "-fmax-errors=20"};
    build_options.extra_flags.insert(build_options.extra_flags.end(),
                                     {"-ffile-prefix-map=" + build.path().string() + "/=",
                                      "-ffile-prefix-map=" + toolchain.include_dir + "/="});
    for (const auto& [name, value] : request.defines) build_options.extra_flags.push_back("-D" + name + "=" + value);
    for (const fs::path& more : more_sources) build_options.extra_flags.push_back(more.string());
    build_options.timeout_s = std::max(options.timeout_s, 0.0);
    build_options.max_output_bytes = options.max_log_bytes;
    build_options.memory_limit_bytes = options.memory_limit_bytes;
    sim::KernelBuildResult built = sim::build_kernel(source.string(), output.string(), build_options, toolchain);

    CompileResult result;
    result.log = std::move(built.output);
    replace_all(result.log, build.path().string() + "/", "");
    replace_all(result.log, toolchain.include_dir + "/", "");
    if (built.timed_out) {
      result.status = CompileStatus::Timeout;
      result.diagnostics.push_back({std::string(kCandidateFile), 0, 0, "error",
                                    fmt::format("the compiler did not finish within {} s", options.timeout_s),
                                    "other", {}});
    } else if (built.ok) {
      result.status = CompileStatus::Ok;
      result.artifact = options.cache_dir / (key + ".so");
      fs::rename(output, result.artifact);
      result.diagnostics = parse_gcc_diagnostics(result.log);
    } else {
      result.status = CompileStatus::CompileError;
      result.diagnostics = failure_diagnostics(result.log);
      // Exit status 1 is the compiler reporting errors in the source; anything else (a crash, a
      // kill, a missing compiler) may not happen again, so it is not remembered.
      if (built.exit_code == 1) write_file_atomic(options.cache_dir / (key + ".log"), result.log);
    }
    return result;
  }
};

Compiler::Compiler(CompilerOptions options) : state_(std::make_unique<State>()) {
  if (options.cache_dir.empty()) options.cache_dir = default_cache_dir();
  std::error_code ec;
  fs::create_directories(options.cache_dir, ec);
  if (ec || !fs::is_directory(options.cache_dir))
    throw std::runtime_error(fmt::format("cannot create the kernel cache directory '{}': {}",
                                         options.cache_dir.string(), ec ? ec.message() : "not a directory"));
  state_->toolchain = options.toolchain ? *options.toolchain : sim::KernelToolchain::detect();
  state_->toolchain_identity = toolchain_identity(state_->toolchain);
  state_->options = std::move(options);
}

Compiler::~Compiler() = default;

const fs::path& Compiler::cache_dir() const { return state_->options.cache_dir; }

CompileResult Compiler::compile(const CompileRequest& request) {
  if (!is_identifier(request.entry))
    throw std::invalid_argument(fmt::format("kernel entry '{}' is not a C identifier", request.entry));
  for (const auto& [name, value] : request.defines)
    if (!is_identifier(name)) throw std::invalid_argument(fmt::format("define name '{}' is not a C identifier", name));
  const auto start = Clock::now();
  const auto finish = [&](CompileResult result) {
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
  };
  const bool full_operator = is_operator_source(request.source);
  if (full_operator && !is_identifier(request.op))
    throw std::invalid_argument(fmt::format("operator type '{}' is not a C identifier", request.op));
  if (auto problem = full_operator ? detail::check_operator_source(request.source, request.entry)
                                   : check_candidate_source(request.source, request.entry)) {
    std::string log = problem->message;
    return finish({CompileStatus::ParseError, {}, {std::move(*problem)}, std::move(log), 0, false});
  }

  // One compile per key at a time in this process: the others wait for its result.
  const std::string key = state_->cache_key(request);
  std::promise<CompileResult> promise;
  std::shared_future<CompileResult> shared;
  {
    std::lock_guard lock(state_->mutex);
    auto [it, inserted] = state_->in_flight.try_emplace(key);
    if (inserted) it->second = promise.get_future().share();
    else shared = it->second;
  }
  if (shared.valid()) {
    CompileResult result = shared.get();
    result.cache_hit = true;
    return finish(std::move(result));
  }
  const auto done = [&] {
    std::lock_guard lock(state_->mutex);
    state_->in_flight.erase(key);
  };
  try {
    std::optional<CompileResult> result = state_->lookup(key);
    if (!result) result = state_->run_compiler(request, key);
    promise.set_value(*result);
    done();
    return finish(std::move(*result));
  } catch (...) {
    promise.set_exception(std::current_exception());
    done();
    throw;
  }
}

std::vector<CompileResult> Compiler::compile_all(const std::vector<CompileRequest>& requests) {
  std::vector<CompileResult> results(requests.size());
  detail::parallel_for(requests.size(), state_->options.jobs, [&](size_t i) { results[i] = compile(requests[i]); });
  return results;
}

}  // namespace ascendgen
