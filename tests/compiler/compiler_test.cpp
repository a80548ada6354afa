// The Compiler end to end: real g++ runs against the kernel headers, the cache, the timeout and
// the pool.
#include <doctest/doctest.h>

#include <signal.h>
#include <stdlib.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "ascendgen/compiler/compiler.h"
#include "ascendgen/sim/kernel_library.h"
#include "harness.h"

namespace fs = std::filesystem;
using ascendgen::CompileRequest;
using ascendgen::CompileResult;
using ascendgen::CompileStatus;
using ascendgen::Compiler;
using ascendgen::CompilerOptions;

namespace {

// A fresh directory (the cache of one test), removed afterwards.
struct ScratchDir {
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "ascendgen_compiler_XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~ScratchDir() { fs::remove_all(path); }
  fs::path path;
};

CompilerOptions options_in(const ScratchDir& dir) {
  CompilerOptions options;
  options.cache_dir = dir.path / "cache";
  return options;
}

// y = x * SCALE over 64 floats per core; SCALE comes from a define, as DTYPE_X does in tasks.
constexpr const char* kScaleKernel = R"(#include "kernel_operator.h"
extern "C" __global__ __aicore__ void scale_custom(GM_ADDR x, GM_ADDR y) {
  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 1> queue;
  AscendC::GlobalTensor<DTYPE_X> xGm, yGm;
  xGm.SetGlobalBuffer((__gm__ DTYPE_X*)x + 64 * AscendC::GetBlockIdx(), 64);
  yGm.SetGlobalBuffer((__gm__ DTYPE_X*)y + 64 * AscendC::GetBlockIdx(), 64);
  pipe.InitBuffer(queue, 1, 64 * sizeof(DTYPE_X));
  AscendC::LocalTensor<DTYPE_X> t = queue.AllocTensor<DTYPE_X>();
  AscendC::DataCopy(t, xGm, 64);
  AscendC::Muls(t, t, (DTYPE_X)SCALE, 64);
  AscendC::DataCopy(yGm, t, 64);
  queue.FreeTensor(t);
}
)";

CompileRequest scale_request(const std::string& scale) {
  return {kScaleKernel, "scale_custom", {{"DTYPE_X", "float"}, {"SCALE", scale}}};
}

// Runs the compiled scale kernel on two cores over x = 0.5 i + 1 (128 floats) and returns y.
std::vector<float> run_scale(const fs::path& artifact) {
  std::vector<float> x(128);
  for (size_t i = 0; i < x.size(); ++i) x[i] = 0.5f * static_cast<float>(i) + 1.0f;
  ascendgen::sim::KernelLibrary library(artifact.string());
  ascendgen::test::Harness h;
  uint8_t* xp = h.input(x, "x");
  uint8_t* yp = h.output<float>(x.size(), "y");
  ascendgen::sim::LaunchOptions launch;
  launch.block_dim = 2;
  ascendgen::sim::launch(library.entry("scale_custom"), {xp, yp}, launch, h.gm);
  std::vector<float> y = h.read<float>(yp, x.size());
  for (size_t i = 0; i < x.size(); ++i) y[i] /= x[i];  // the scale each element was multiplied by
  return y;
}

size_t files_in(const fs::path& dir) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}));
}

// A kernel with one mistake on line 3 (after the include and the entry's first line).
CompileRequest broken(const std::string& line3, const std::string& prelude = "") {
  return {"#include \"kernel_operator.h\"\n" + prelude + "extern \"C\" __global__ __aicore__ void k(GM_ADDR x) {\n" +
              line3 + "\n}\n",
          "k",
          {}};
}

}  // namespace

TEST_CASE("a good kernel compiles into an artifact that KernelLibrary loads and the emulator runs") {
  ScratchDir dir;
  Compiler compiler(options_in(dir));
  const CompileResult result = compiler.compile(scale_request("3"));
  INFO(result.log);
  REQUIRE(result.status == CompileStatus::Ok);
  CHECK_FALSE(result.cache_hit);
  CHECK(result.diagnostics.empty());
  CHECK(result.artifact.parent_path() == dir.path / "cache");
  CHECK(result.artifact.extension() == ".so");
  CHECK(result.seconds > 0);
  for (float scale : run_scale(result.artifact)) CHECK(scale == 3);
  // Runtime errors name the candidate's file, not the directory it was compiled in.
  ascendgen::sim::KernelLibrary library(result.artifact.string());
  ascendgen::test::Harness h;
  uint8_t* short_x = h.input(std::vector<float>(8), "x");
  uint8_t* y = h.output<float>(128, "y");
  // Core 2 reads x's floats [128, 192), past the 512 bytes reserved for it (docs/emulator.md).
  ascendgen::sim::LaunchOptions three_cores;
  three_cores.block_dim = 3;
  const auto error = ascendgen::test::expect_kernel_error(
      [&] { ascendgen::sim::launch(library.entry("scale_custom"), {short_x, y}, three_cores, h.gm); });
  CHECK(std::string(error.what()).find("DataCopy at kernel.cpp:10 ") != std::string::npos);
  // Only the artifact is left: the build directory is gone.
  CHECK(files_in(dir.path / "cache") == 1);
}

TEST_CASE("each diagnostic category comes from a small bad kernel, located in kernel.cpp") {
  ScratchDir dir;
  CompilerOptions options = options_in(dir);
  options.jobs = 2;
  Compiler compiler(options);
  struct Case {
    const char* category;
    CompileRequest request;
  };
  const std::vector<Case> cases = {
      {"syntax", broken("  int32_t n = 3 +;")},
      {"undeclared_identifier", broken("  tileLength = 4;")},
      {"type_mismatch", broken("  int* p = 3.5f;")},
      {"no_matching_overload", broken("  AscendC::LocalTensor<float> t;\n  AscendC::Add(t, 1.0f);")},
      {"unsupported_api", broken("  AscendC::LocalTensor<float> t;\n  AscendC::NoSuchApi(t, t, 64);")},
      // A runtime entry point the headers declare but libascendgen_sim does not define.
      {"unsupported_api",
       broken("  ascendgen::sim::abi::no_such_runtime_call();",
              "namespace ascendgen::sim::abi { void no_such_runtime_call(); }\n")},
      {"link", broken("  helper();", "void helper();\n")},
      {"other", broken("#error this kernel needs a newer CANN")},
  };
  std::vector<CompileRequest> requests;
  for (const auto& c : cases) requests.push_back(c.request);
  const auto results = compiler.compile_all(requests);
  REQUIRE(results.size() == cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    CAPTURE(cases[i].category);
    INFO(results[i].log);
    REQUIRE(results[i].status == CompileStatus::CompileError);
    REQUIRE_FALSE(results[i].diagnostics.empty());
    const auto& first = results[i].diagnostics.front();
    CHECK(first.category == cases[i].category);
    CHECK(first.severity == "error");
    CHECK(first.file == "kernel.cpp");
    if (first.message.find("undefined reference") == std::string::npos) CHECK(first.line >= 3);
    // The temporary directory the source was compiled in never shows.
    CHECK(results[i].log.find(".build-") == std::string::npos);
    CHECK(results[i].log.find(dir.path.string()) == std::string::npos);
  }
  CHECK(results[0].diagnostics.front().line == 3);
  CHECK(results[0].diagnostics.front().column == 18);
}

TEST_CASE("parse errors are reported before any compiler runs") {
  ScratchDir dir;
  CompilerOptions options = options_in(dir);
  auto toolchain = ascendgen::sim::KernelToolchain::detect();
  toolchain.compiler = "ascendgen-no-such-compiler";  // would fail loudly if it were run
  options.toolchain = toolchain;
  Compiler compiler(options);
  for (const auto& [source, category] : std::vector<std::pair<std::string, std::string>>{
           {"", "syntax"},
           {"Sorry, I cannot implement this operator on the NPU.", "syntax"},
           {"extern \"C\" __global__ __aicore__ void other(GM_ADDR x) {}", "missing_entry"}}) {
    CAPTURE(source);
    const CompileResult result = compiler.compile({source, "add_custom", {}});
    CHECK(result.status == CompileStatus::ParseError);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].category == category);
    CHECK(result.log == result.diagnostics[0].message);
  }
  CHECK(files_in(dir.path / "cache") == 0);
  CHECK(std::string(ascendgen::to_string(CompileStatus::ParseError)) == "parse_error");
}

TEST_CASE("the cache serves a repeated compile without g++, keyed by source, defines and entry") {
  ScratchDir dir;
  Compiler compiler(options_in(dir));
  const CompileResult first = compiler.compile(scale_request("2"));
  REQUIRE(first.status == CompileStatus::Ok);
  const CompileResult again = compiler.compile(scale_request("2"));
  CHECK(again.status == CompileStatus::Ok);
  CHECK(again.cache_hit);
  CHECK(again.artifact == first.artifact);

  const CompileResult other = compiler.compile(scale_request("5"));
  REQUIRE(other.status == CompileStatus::Ok);
  CHECK_FALSE(other.cache_hit);
  CHECK(other.artifact != first.artifact);
  CHECK(run_scale(other.artifact)[1] == 5);
  CHECK(run_scale(first.artifact)[1] == 2);

  // Another Compiler (another process, in practice) on the same directory shares the cache.
  Compiler second(options_in(dir));
  CHECK(second.compile(scale_request("2")).cache_hit);

  // A source failing with ordinary errors is remembered with its diagnostics.
  const CompileResult bad = compiler.compile(broken("  int32_t n = 3 +;"));
  REQUIRE(bad.status == CompileStatus::CompileError);
  CHECK_FALSE(bad.cache_hit);
  const CompileResult bad_again = compiler.compile(broken("  int32_t n = 3 +;"));
  CHECK(bad_again.status == CompileStatus::CompileError);
  CHECK(bad_again.cache_hit);
  CHECK(bad_again.log == bad.log);
  REQUIRE(bad_again.diagnostics.size() == bad.diagnostics.size());
  CHECK(bad_again.diagnostics[0].message == bad.diagnostics[0].message);
}

TEST_CASE("a hung compiler is killed with its children after the timeout") {
  ScratchDir dir;
  // A "compiler" that starts a child holding the output pipe open, then waits for it.
  const fs::path script = dir.path / "hung-compiler.sh";
  const fs::path child_pid = dir.path / "child.pid";
  std::ofstream(script) << "#!/bin/sh\nsleep 60 &\necho $! > " << child_pid.string() << "\nwait\n";
  fs::permissions(script, fs::perms::owner_all);
  CompilerOptions options = options_in(dir);
  options.timeout_s = 0.5;
  auto toolchain = ascendgen::sim::KernelToolchain::detect();
  toolchain.compiler = script.string();
  options.toolchain = toolchain;
  Compiler compiler(options);

  const auto start = std::chrono::steady_clock::now();
  const CompileResult result = compiler.compile(scale_request("2"));
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(result.status == CompileStatus::Timeout);
  CHECK(waited < 3.0);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].message.find("did not finish within 0.5 s") != std::string::npos);
  CHECK_FALSE(result.cache_hit);

  // The grandchild went down with the process group (allow a moment for it to be reaped).
  int pid = 0;
  std::ifstream(child_pid) >> pid;
  REQUIRE(pid > 0);
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    gone = kill(pid, 0) != 0 && errno == ESRCH;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(gone);
  // Timeouts are not cached: the next attempt runs the compiler again.
  CHECK_FALSE(compiler.compile(scale_request("2")).cache_hit);
}

TEST_CASE("compile_all keeps request order with 2 jobs, and concurrent identical requests compile once") {
  ScratchDir dir;
  CompilerOptions options = options_in(dir);
  options.jobs = 2;
  Compiler compiler(options);
  const auto results = compiler.compile_all({scale_request("2"), broken("  int32_t n = 3 +;"),
                                             {"no kernel here", "k", {}}, scale_request("7")});
  REQUIRE(results.size() == 4);
  CHECK(results[0].status == CompileStatus::Ok);
  CHECK(results[1].status == CompileStatus::CompileError);
  CHECK(results[2].status == CompileStatus::ParseError);
  REQUIRE(results[3].status == CompileStatus::Ok);
  CHECK(run_scale(results[0].artifact)[0] == 2);
  CHECK(run_scale(results[3].artifact)[0] == 7);

  CompilerOptions wide = options_in(dir);
  wide.jobs = 4;
  wide.cache_dir = dir.path / "fresh";
  Compiler pool(wide);
  const auto same = pool.compile_all(std::vector<CompileRequest>(4, scale_request("3")));
  int compiled = 0;
  for (const auto& r : same) {
    CHECK(r.status == CompileStatus::Ok);
    CHECK(r.artifact == same[0].artifact);
    compiled += r.cache_hit ? 0 : 1;
  }
  CHECK(compiled == 1);
}

TEST_CASE("the log of a candidate with many errors is capped") {
  ScratchDir dir;
  CompilerOptions options = options_in(dir);
  options.max_log_bytes = 600;
  Compiler compiler(options);
  std::string body;
  for (int i = 0; i < 50; ++i) body += "  undeclared_" + std::to_string(i) + " = 1;\n";
  const CompileResult result = compiler.compile(broken(body));
  REQUIRE(result.status == CompileStatus::CompileError);
  CHECK(result.log.size() < 700);
  CHECK(result.log.find("[output truncated to 600 bytes]") != std::string::npos);
  CHECK(result.diagnostics.front().category == "undeclared_identifier");
}

TEST_CASE("a compiler over its memory limit fails the compile instead of the machine") {
  ScratchDir dir;
  CompilerOptions options = options_in(dir);
  options.memory_limit_bytes = 32 << 20;
  Compiler compiler(options);
  const CompileResult result = compiler.compile(scale_request("2"));
  CHECK(result.status == CompileStatus::CompileError);
  CHECK_FALSE(result.diagnostics.empty());
  CHECK(files_in(dir.path / "cache") <= 1);  // at most the remembered failure
}

TEST_CASE("bad task inputs throw; a cache directory that cannot be made throws naming it") {
  ScratchDir dir;
  Compiler compiler(options_in(dir));
  CHECK_THROWS_AS(compiler.compile({"extern \"C\" void k() {}", "not an identifier", {}}), std::invalid_argument);
  CHECK_THROWS_AS(compiler.compile({"extern \"C\" void k() {}", "k", {{"-o/tmp/x", "1"}}}), std::invalid_argument);
  std::ofstream(dir.path / "file") << "x";
  CompilerOptions options;
  options.cache_dir = dir.path / "file" / "cache";
  CHECK_THROWS_WITH_AS(Compiler{options}, doctest::Contains((dir.path / "file" / "cache").string().c_str()),
                       std::runtime_error);
}
