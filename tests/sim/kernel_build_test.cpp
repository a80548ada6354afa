#include <doctest/doctest.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "ascendgen/sim/kernel_build.h"
#include "ascendgen/sim/kernel_library.h"
#include "harness.h"

namespace fs = std::filesystem;
using ascendgen::sim::build_kernel;

namespace {
// A fresh directory for one test's sources and shared objects, removed afterwards.
struct ScratchDir {
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "ascendgen_kernel_build_XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~ScratchDir() { fs::remove_all(path); }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return path / name;
  }
  fs::path path;
};

constexpr const char* kScaleKernel = R"(#include "kernel_operator.h"
extern "C" __global__ __aicore__ void scale_by_two(GM_ADDR x, GM_ADDR y) {
  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 1> queue;
  AscendC::GlobalTensor<float> xGm, yGm;
  xGm.SetGlobalBuffer((__gm__ float*)x + 64 * AscendC::GetBlockIdx(), 64);
  yGm.SetGlobalBuffer((__gm__ float*)y + 64 * AscendC::GetBlockIdx(), 64);
  pipe.InitBuffer(queue, 1, 64 * sizeof(float));
  AscendC::LocalTensor<float> t = queue.AllocTensor<float>();
  AscendC::DataCopy(t, xGm, 64);
  AscendC::Add(t, t, t, 64);
  AscendC::DataCopy(yGm, t, 64);
  queue.FreeTensor(t);
}
)";
}  // namespace

TEST_CASE("build_kernel compiles a kernel that KernelLibrary loads and the emulator runs") {
  ScratchDir dir;
  const fs::path source = dir.write("scale.cpp", kScaleKernel);
  const auto result = build_kernel(source.string(), (dir.path / "scale.so").string());
  INFO(result.output);
  REQUIRE(result.ok);
  CHECK(result.seconds > 0);

  ascendgen::sim::KernelLibrary library((dir.path / "scale.so").string());
  ascendgen::test::Harness h;
  std::vector<float> x(128);
  for (size_t i = 0; i < x.size(); ++i) x[i] = 0.25f * static_cast<float>(i) - 7.0f;
  uint8_t* xp = h.input(x, "x");
  uint8_t* yp = h.output<float>(x.size(), "y");
  ascendgen::sim::LaunchOptions options;
  options.block_dim = 2;
  ascendgen::sim::launch(library.entry("scale_by_two"), {xp, yp}, options, h.gm);
  const auto y = h.read<float>(yp, x.size());
  for (size_t i = 0; i < x.size(); ++i) CHECK(y[i] == 2 * x[i]);
}

TEST_CASE("build_kernel reports a syntax error with the kernel's file and line") {
  ScratchDir dir;
  const fs::path source = dir.write("broken.cpp", "#include \"kernel_operator.h\"\n"
                                                  "extern \"C\" void broken(GM_ADDR x) {\n"
                                                  "  int32_t n = 3 +;\n"
                                                  "}\n");
  const auto result = build_kernel(source.string(), (dir.path / "broken.so").string());
  CHECK_FALSE(result.ok);
  CHECK(result.output.find("broken.cpp:3:") != std::string::npos);
  CHECK(result.output.find("error") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path / "broken.so"));
}

TEST_CASE("build_kernel rejects a call into an API the runtime does not define at link time") {
  ScratchDir dir;
  const fs::path source = dir.write("undefined.cpp", "#include \"kernel_operator.h\"\n"
                                                     "void missing_api();\n"
                                                     "extern \"C\" void calls_missing(GM_ADDR) { missing_api(); }\n");
  const auto result = build_kernel(source.string(), (dir.path / "undefined.so").string());
  CHECK_FALSE(result.ok);
  CHECK(result.output.find("missing_api") != std::string::npos);
}

TEST_CASE("build_kernel passes extra flags to the compiler") {
  ScratchDir dir;
  const fs::path source = dir.write("flag.cpp", "#ifndef REQUIRED_FLAG\n#error REQUIRED_FLAG missing\n#endif\n"
                                                "extern \"C\" void flagged() {}\n");
  CHECK_FALSE(build_kernel(source.string(), (dir.path / "a.so").string()).ok);
  ascendgen::sim::KernelBuildOptions options;
  options.extra_flags = {"-DREQUIRED_FLAG"};
  CHECK(build_kernel(source.string(), (dir.path / "b.so").string(), options).ok);
}

TEST_CASE("build_kernel says why when the compiler cannot be run") {
  ScratchDir dir;
  const fs::path source = dir.write("any.cpp", "extern \"C\" void any() {}\n");
  auto toolchain = ascendgen::sim::KernelToolchain::detect();
  toolchain.compiler = "ascendgen-no-such-compiler";
  const auto result = build_kernel(source.string(), (dir.path / "any.so").string(), {}, toolchain);
  CHECK_FALSE(result.ok);
  CHECK(result.output.find("cannot run 'ascendgen-no-such-compiler'") != std::string::npos);
}

TEST_CASE("KernelToolchain finds the kernel headers and the loaded runtime library") {
  const auto toolchain = ascendgen::sim::KernelToolchain::detect();
  CHECK(fs::exists(fs::path(toolchain.include_dir) / "kernel_operator.h"));
  CHECK(fs::path(toolchain.sim_library).filename().string().rfind("libascendgen_sim.so", 0) == 0);
  CHECK(fs::exists(toolchain.sim_library));
}
