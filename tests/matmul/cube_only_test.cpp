// ASCENDC_CUBE_ONLY (a per-kernel macro, so the kernels are built as their own shared objects): the
// Matmul objects live on the cube cores of a mixed launch, and a vector core using one is told to
// guard it with ASCEND_IS_AIC.
#include <doctest/doctest.h>

#include <stdlib.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "ascendgen/sim/errors.h"
#include "ascendgen/sim/kernel_build.h"
#include "ascendgen/sim/kernel_library.h"
#include "ascendgen/sim/launcher.h"
#include "kernel_operator.h"

namespace fs = std::filesystem;

namespace {
struct ScratchDir {
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "ascendgen_cube_only_XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~ScratchDir() { fs::remove_all(path); }
  fs::path path;
};

// C (32 x 32, float) = A x B (half), computed by the cube core's Matmul; the vector cores add 1
// to C afterwards when `guarded`, else they (wrongly) use the Matmul too.
std::string kernel_source(bool guarded) {
  return std::string(R"(#define ASCENDC_CUBE_ONLY
#include "kernel_operator.h"
#include "lib/matmul_intf.h"
using namespace AscendC;
extern "C" __global__ __aicore__ void cube_only(GM_ADDR a, GM_ADDR b, GM_ADDR c) {
  TCubeTiling t;
  t.usedCoreNum = 1; t.M = t.N = t.Ka = t.Kb = 32; t.singleCoreM = t.singleCoreN = t.singleCoreK = 32;
  t.baseM = t.baseN = 32; t.baseK = 16; t.depthA1 = t.depthB1 = 2; t.stepKa = t.stepKb = 1;
  GlobalTensor<half> ag, bg;
  GlobalTensor<float> cg;
  ag.SetGlobalBuffer((__gm__ half*)a, 1024);
  bg.SetGlobalBuffer((__gm__ half*)b, 1024);
  cg.SetGlobalBuffer((__gm__ float*)c, 1024);
  TPipe pipe;
  Matmul<MatmulType<TPosition::GM, CubeFormat::ND, half>, MatmulType<TPosition::GM, CubeFormat::ND, half>,
         MatmulType<TPosition::GM, CubeFormat::ND, float>> mm;
)") + (guarded ? "  if ASCEND_IS_AIC {\n" : "  {\n") + R"(    REGIST_MATMUL_OBJ(&pipe, GetSysWorkSpacePtr(), mm, &t);
    mm.SetTensorA(ag);
    mm.SetTensorB(bg);
    mm.IterateAll(cg);
    mm.End();
  }
}
)";
}

struct Built {
  ScratchDir dir;
  std::unique_ptr<ascendgen::sim::KernelLibrary> library;
};

std::unique_ptr<Built> build(bool guarded) {
  auto b = std::make_unique<Built>();
  const fs::path source = b->dir.path / "cube_only.cpp", object = b->dir.path / "cube_only.so";
  std::ofstream(source) << kernel_source(guarded);
  const auto result = ascendgen::sim::build_kernel(source.string(), object.string());
  INFO(result.output);
  REQUIRE(result.ok);
  b->library = std::make_unique<ascendgen::sim::KernelLibrary>(object.string());
  return b;
}

void run(const Built& b, ascendgen::sim::GlobalMemory& gm, std::vector<uint8_t*> args) {
  ascendgen::sim::LaunchOptions o;
  o.block_dim = 1;
  o.core_type = ascendgen::sim::CoreType::Mix;
  ascendgen::sim::launch(b.library->entry("cube_only"), args, o, gm);
}
}  // namespace

TEST_CASE("ASCENDC_CUBE_ONLY: the cube core's Matmul computes C in a mixed launch") {
  const auto built = build(true);
  ascendgen::sim::GlobalMemory gm;
  std::vector<half> a(1024), b(1024);
  for (int i = 0; i < 1024; ++i) a[i] = half(float(i % 7) - 3), b[i] = half(float(i % 5) - 2);
  uint8_t* ap = gm.allocate(2048, "a");
  uint8_t* bp = gm.allocate(2048, "b");
  uint8_t* cp = gm.allocate(4096, "c");
  std::memcpy(ap, a.data(), 2048);
  std::memcpy(bp, b.data(), 2048);
  run(*built, gm, {ap, bp, cp});
  for (int i = 0; i < 32; ++i)
    for (int j = 0; j < 32; ++j) {
      float want = 0;
      for (int k = 0; k < 32; ++k) want += float(a[i * 32 + k]) * float(b[k * 32 + j]);
      REQUIRE(reinterpret_cast<float*>(cp)[i * 32 + j] == want);  // small integers: exact
    }
}

TEST_CASE("ASCENDC_CUBE_ONLY: a Matmul used on a vector core is a wrong_core_kind error") {
  const auto built = build(false);
  ascendgen::sim::GlobalMemory gm;
  uint8_t* ap = gm.allocate(2048, "a");
  uint8_t* bp = gm.allocate(2048, "b");
  uint8_t* cp = gm.allocate(4096, "c");
  try {
    run(*built, gm, {ap, bp, cp});
    FAIL("expected a KernelError");
  } catch (const ascendgen::sim::KernelError& e) {
    CHECK(e.kind() == ascendgen::sim::ErrorKind::WrongCoreKind);
    CHECK(std::string(e.what()).find("ASCEND_IS_AIC") != std::string::npos);
  }
}
