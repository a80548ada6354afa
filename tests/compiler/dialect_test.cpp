// Bisheng's dialect in candidates: __forceinline__, [aicore] and [host, aicore] attribute lists,
// in-class explicit specialisations and template-id operator() declarations, and the <<<>>>
// launch stubs answers carry; each compiles unchanged and runs on the emulator.
#include <doctest/doctest.h>

#include <stdlib.h>

#include <filesystem>

#include "ascendgen/compiler/compiler.h"
#include "ascendgen/sim/kernel_library.h"
#include "harness.h"

namespace fs = std::filesystem;
using ascendgen::CompileResult;
using ascendgen::CompileStatus;
using ascendgen::Compiler;
using ascendgen::CompilerOptions;

namespace {

struct ScratchDir {
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "ascendgen_dialect_XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~ScratchDir() { fs::remove_all(path); }
  fs::path path;
};

// y = x + 1 over 64 floats, written the way catlass-style answers are: bisheng attribute lists,
// a policy class with an in-class explicit specialisation of its operator() template, and the
// host launch stub that CANN's build compiles for the CPU side. The strings and the comment hold
// the same spellings, which must survive untouched.
constexpr const char* kBishengKernel = R"(#include "kernel_operator.h"
#define ASCENDGEN_TEST_DEVICE __forceinline__ [host, aicore]
constexpr const char* kAttribute = "[aicore]";  // [aicore] stays in comments
static_assert(kAttribute[1] == 'a', "literals are left alone");
struct AddOne {
  template <int32_t KIND = 0> __forceinline__ [aicore] void operator()(AscendC::LocalTensor<float>& t) {}
  template <> __forceinline__ [aicore] void operator()<0>(AscendC::LocalTensor<float>& t) {
    AscendC::Adds(t, t, 1.0f, 64);
  }
};
ASCENDGEN_TEST_DEVICE int32_t Count() { return 64; }
extern "C" __global__ [aicore] void add_one(GM_ADDR x, GM_ADDR y) {
  AscendC::TPipe pipe;
  AscendC::TBuf<AscendC::TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 256);
  AscendC::GlobalTensor<float> xg, yg;
  xg.SetGlobalBuffer((__gm__ float*)x, Count());
  yg.SetGlobalBuffer((__gm__ float*)y, Count());
  AscendC::LocalTensor<float> t = buf.Get<float>();
  AscendC::DataCopy(t, xg, Count());
  AddOne{}(t);
  AscendC::DataCopy(yg, t, Count());
}
#ifndef ASCENDC_CPU_DEBUG
extern "C" void add_one_do(uint32_t blockDim, void* l2ctrl, void* stream, uint8_t* x, uint8_t* y) {
  add_one<<<blockDim, l2ctrl,
            stream>>>(x, y);
}
#endif
extern "C" __global__ __aicore__ void fails_on_line_38(GM_ADDR x) {
  AscendC::GlobalTensor<float> xg;
  xg.SetGlobalBuffer((__gm__ float*)x, 8);
  AscendC::LocalTensor<float> t;
  AscendC::TPipe pipe;
  AscendC::TBuf<AscendC::TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 256);
  t = buf.Get<float>();
  AscendC::DataCopy(t, xg, 64);
}
)";

}  // namespace

TEST_CASE("a kernel in bisheng's dialect compiles unchanged, runs, and keeps its line numbers") {
  ScratchDir dir;
  CompilerOptions options;
  options.cache_dir = dir.path / "cache";
  Compiler compiler(options);
  const CompileResult result = compiler.compile({kBishengKernel, "add_one", {}});
  INFO(result.log);
  REQUIRE(result.status == CompileStatus::Ok);

  ascendgen::sim::KernelLibrary library(result.artifact.string());
  ascendgen::test::Harness h;
  std::vector<float> xs(64);
  for (int i = 0; i < 64; ++i) xs[i] = static_cast<float>(i);
  uint8_t* x = h.input(xs, "x");
  uint8_t* y = h.output<float>(64, "y");
  ascendgen::sim::launch(library.entry("add_one"), {x, y}, {}, h.gm);
  const auto v = h.read<float>(y, 64);
  for (int i = 0; i < 64; ++i) CHECK(v[i] == static_cast<float>(i + 1));

  // The launch stub compiled; calling it says why the emulator cannot run it.
  using Stub = void (*)(uint32_t, void*, void*, uint8_t*, uint8_t*);
  const auto stub = reinterpret_cast<Stub>(library.entry("add_one_do"));
  const auto stub_error = ascendgen::test::expect_kernel_error([&] { stub(1, nullptr, nullptr, x, y); });
  CHECK(stub_error.kind() == ascendgen::sim::ErrorKind::Unsupported);
  CHECK(std::string(stub_error.what()).find("'add_one<<<...>>>(...)' launches a kernel from host code") !=
        std::string::npos);

  // The rewrite moved no line: an error on line 38 is reported there.
  const auto line_error = ascendgen::test::expect_kernel_error(
      [&] { ascendgen::sim::launch(library.entry("fails_on_line_38"), {x}, {}, h.gm); });
  CHECK(std::string(line_error.what()).find("DataCopy at kernel.cpp:38 ") != std::string::npos);
}
