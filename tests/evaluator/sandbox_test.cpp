// The worker sandbox: hostile kernels cost one result each, map to the right status, and the test
// process (the caller) survives all of them.
#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "ascendgen/evaluator/worker.h"
#include "ascendgen/sim/kernel_build.h"

namespace fs = std::filesystem;
using namespace ascendgen;

namespace {

// One kernel library, one entry per behaviour. `good` copies 256 floats x -> z adding 1, on the
// cores the launch gives it; the others misbehave in one way each.
constexpr const char* kKernels = R"cpp(
#include "kernel_operator.h"
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <signal.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

constexpr int32_t N = 256;

__aicore__ inline void add_one(GM_ADDR x, GM_ADDR z) {
  const int32_t per_core = N / AscendC::GetBlockNum();
  const int32_t offset = per_core * AscendC::GetBlockIdx();
  AscendC::GlobalTensor<float> xGm, zGm;
  xGm.SetGlobalBuffer((__gm__ float*)x + offset, per_core);
  zGm.SetGlobalBuffer((__gm__ float*)z + offset, per_core);
  AscendC::TPipe pipe;
  AscendC::TBuf<AscendC::TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, per_core * sizeof(float));
  AscendC::LocalTensor<float> t = buf.Get<float>();
  AscendC::DataCopy(t, xGm, per_core);
  AscendC::PipeBarrier<PIPE_ALL>();
  AscendC::Adds(t, t, 1.0f, per_core);
  AscendC::PipeBarrier<PIPE_ALL>();
  AscendC::DataCopy(zGm, t, per_core);
}

extern "C" __global__ __aicore__ void good(GM_ADDR x, GM_ADDR z) { add_one(x, z); }

extern "C" __global__ __aicore__ void segfault(GM_ADDR, GM_ADDR) {
  volatile uintptr_t address = 16;
  *reinterpret_cast<volatile int*>(address) = 1;
}

extern "C" __global__ __aicore__ void loop_forever(GM_ADDR, GM_ADDR) {
  for (;;) asm volatile("");
}

extern "C" __global__ __aicore__ void huge_allocation(GM_ADDR, GM_ADDR z) {
  std::vector<char> v(size_t(64) << 30);
  z[0] = v[12345];
}

extern "C" __global__ __aicore__ void calls_fork(GM_ADDR, GM_ADDR) { fork(); }

extern "C" __global__ __aicore__ void calls_execve(GM_ADDR, GM_ADDR) {
  char* argv[] = {const_cast<char*>("true"), nullptr};
  execve("/bin/true", argv, nullptr);
}

extern "C" __global__ __aicore__ void calls_system(GM_ADDR, GM_ADDR) { (void)system("echo escaped"); }

extern "C" __global__ __aicore__ void opens_socket(GM_ADDR, GM_ADDR) { socket(AF_INET, SOCK_STREAM, 0); }

extern "C" __global__ __aicore__ void kills_parent(GM_ADDR, GM_ADDR) { kill(getppid(), SIGKILL); }

extern "C" __global__ __aicore__ void floods_stdout(GM_ADDR x, GM_ADDR z) {
  std::vector<char> line(1024, 'y');
  line.back() = '\n';
  for (int i = 0; i < 8 * 1024; ++i) fwrite(line.data(), 1, line.size(), stdout);
  add_one(x, z);
}

extern "C" __global__ __aicore__ void aborts(GM_ADDR, GM_ADDR) { abort(); }

extern "C" __global__ __aicore__ void throws(GM_ADDR, GM_ADDR) { throw std::runtime_error("kernel gave up"); }

extern "C" __global__ __aicore__ void exits(GM_ADDR, GM_ADDR) { exit(0); }

extern "C" __global__ __aicore__ void reads_past_gm(GM_ADDR x, GM_ADDR z) {
  AscendC::GlobalTensor<float> xGm;
  xGm.SetGlobalBuffer((__gm__ float*)x, N);
  AscendC::TPipe pipe;
  AscendC::TBuf<AscendC::TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 2 * N * sizeof(float));
  AscendC::LocalTensor<float> t = buf.Get<float>();
  AscendC::DataCopy(t, xGm, 2 * N);
}
)cpp";

constexpr int kN = 256;

// The kernels, built once per test program into a directory removed at exit.
struct HostileKernels {
  HostileKernels() : dir(fs::temp_directory_path() / ("ascendgen-sandbox-test-" + std::to_string(getpid()))) {
    fs::create_directories(dir);
    std::ofstream(dir / "hostile.cpp") << kKernels;
    const auto result = sim::build_kernel((dir / "hostile.cpp").string(), (dir / "hostile.so").string());
    if (!result.ok) FAIL("the test kernels do not compile:\n" << result.output);
  }
  ~HostileKernels() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  fs::path dir;
};

fs::path kernel_library() {
  static const HostileKernels library;
  return library.dir / "hostile.so";
}

std::vector<uint8_t> bytes_of(const std::vector<float>& v) {
  std::vector<uint8_t> b(v.size() * sizeof(float));
  std::memcpy(b.data(), v.data(), b.size());
  return b;
}

WorkerResult run_entry(const std::string& entry, WorkerOptions options = {}, int block_dim = 1) {
  std::vector<float> x(kN);
  for (int i = 0; i < kN; ++i) x[i] = static_cast<float>(i) * 0.5f;
  WorkerRequest request;
  request.artifact = kernel_library();
  request.entry = entry;
  request.block_dim = block_dim;
  request.buffers = {{"x", kN * sizeof(float), bytes_of(x), false}, {"z", kN * sizeof(float), {}, true}};
  return WorkerClient(options).run(request);
}

void check_good_output(const WorkerResult& r) {
  REQUIRE(r.outputs.size() == 2);
  CHECK(r.outputs[0].empty());
  REQUIRE(r.outputs[1].size() == kN * sizeof(float));
  std::vector<float> z(kN);
  std::memcpy(z.data(), r.outputs[1].data(), r.outputs[1].size());
  for (int i = 0; i < kN; ++i) REQUIRE(z[i] == static_cast<float>(i) * 0.5f + 1.0f);
}

}  // namespace

TEST_CASE("sandbox: a well-behaved kernel runs on several cores and returns its outputs and counters") {
  const WorkerResult r = run_entry("good", {}, 4);
  INFO(r.message << r.output);
  REQUIRE(r.ok());
  check_good_output(r);
  REQUIRE(r.record.cores.size() == 4);
  CHECK(r.record.cores[2].api_calls.at("Adds") == 1);
  CHECK(r.record.cores[2].gm_read_bytes == kN / 4 * sizeof(float));
}

TEST_CASE("sandbox: a raw-pointer segfault is a crash naming SIGSEGV") {
  const WorkerResult r = run_entry("segfault");
  CHECK(r.error_kind == "crash");
  CHECK(r.message.find("SIGSEGV") != std::string::npos);
}

TEST_CASE("sandbox: an endless loop is a timeout after the wall-clock limit") {
  WorkerOptions options;
  options.wall_timeout_s = 1;
  const WorkerResult r = run_entry("loop_forever", options);
  CHECK(r.error_kind == "timeout");
  CHECK(r.seconds >= 1.0);
  CHECK(r.seconds < 5.0);
}

TEST_CASE("sandbox: an allocation beyond the address-space limit is memory_limit") {
  WorkerOptions options;
  options.memory_limit_bytes = 1ull << 30;
  const WorkerResult r = run_entry("huge_allocation", options);
  CHECK(r.error_kind == "memory_limit");
}

TEST_CASE("sandbox: new processes, sockets and signals to others are forbidden system calls") {
  for (const auto& [entry, call] : std::vector<std::pair<std::string, std::string>>{{"calls_fork", "clone"},
                                                                                    {"calls_execve", "execve"},
                                                                                    {"calls_system", ""},
                                                                                    {"opens_socket", "socket"},
                                                                                    {"kills_parent", "kill"}}) {
    CAPTURE(entry);
    const WorkerResult r = run_entry(entry);
    CHECK(r.error_kind == "forbidden_syscall");
    INFO(r.message);
    // system() blocks every signal around its clone, so the kernel kills the worker before the
    // handler can name the call.
    if (!call.empty()) CHECK(r.message.find("'" + call + "'") != std::string::npos);
    CHECK(r.output.find("escaped") == std::string::npos);
  }
}

TEST_CASE("sandbox: megabytes on stdout are cut at the output bound and the kernel still completes") {
  WorkerOptions options;
  options.max_output_bytes = 4096;
  const WorkerResult r = run_entry("floods_stdout", options);
  REQUIRE(r.ok());
  check_good_output(r);
  CHECK(r.output.size() == 4096);
  CHECK(r.output_truncated);
}

TEST_CASE("sandbox: abort, an escaping exception and exit are crashes") {
  const WorkerResult aborted = run_entry("aborts");
  CHECK(aborted.error_kind == "crash");
  CHECK(aborted.message.find("SIGABRT") != std::string::npos);
  const WorkerResult thrown = run_entry("throws");
  CHECK(thrown.error_kind == "crash");
  CHECK(thrown.message.find("kernel gave up") != std::string::npos);
  const WorkerResult exited = run_entry("exits");
  CHECK(exited.error_kind == "crash");
  CHECK(exited.message.find("exit status 0") != std::string::npos);
}

TEST_CASE("sandbox: a misuse the emulator catches comes back with its ErrorKind name") {
  const WorkerResult r = run_entry("reads_past_gm");
  CHECK(r.error_kind == "gm_out_of_bounds");
  CHECK(r.message.find("DataCopy") != std::string::npos);
}

TEST_CASE("sandbox: a missing entry point is a load_error") {
  const WorkerResult r = run_entry("no_such_entry");
  CHECK(r.error_kind == "load_error");
  CHECK(r.message.find("no_such_entry") != std::string::npos);
}

TEST_CASE("sandbox: the worker cannot be found or started -> the caller gets an exception, not a verdict") {
  WorkerOptions options;
  options.executable = "/nonexistent/ascendgen-worker";
  CHECK_THROWS_WITH_AS(run_entry("good", options), doctest::Contains("/nonexistent/ascendgen-worker"),
                       std::runtime_error);
}
