// Evaluator end to end on a tiny task written here: a correct, a wrong, a misbehaving, a crashing,
// a non-compiling and a non-C++ candidate each get their status; the JSON form carries it.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "ascendgen/evaluator/evaluator.h"
#include "ascendgen/evaluator/result_json.h"
#include "ascendgen/task/task.h"

namespace fs = std::filesystem;
using namespace ascendgen;

namespace {

constexpr const char* kTaskYaml = R"yaml(
name: tiny_add
level: 1
category: math
description: z = x + y
kernel:
  entry: tiny_add
  params: [x, y, z, tiling]
  block_dim: 2
inputs:
  - name: x
    dtype: $dtype
    shape: $shape
    distribution: {kind: uniform, low: -1.0, high: 1.0}
  - name: y
    dtype: $dtype
    shape: $shape
    distribution: {kind: normal, mean: 0.0, std: 1.0}
outputs:
  - {name: z, dtype: $dtype, shape: $shape}
tiling:
  - {name: totalLength, value: numel(x)}
reference: |
  def reference(x: Tensor, y: Tensor) -> Tensor:
      return x.float() + y.float()
cases:
  - {id: f32, shape: [512], dtype: float32}
  - {id: f16, shape: [4, 256], dtype: float16}
  - {id: f32_big, shape: [2048], dtype: float32}
)yaml";

// The candidate template: OP is the vector instruction applied to x and y, BEFORE runs first.
std::string kernel(const std::string& op, const std::string& before = "") {
  return R"cpp(
#include "kernel_operator.h"
#include <cstdint>
using namespace AscendC;

extern "C" __global__ __aicore__ void tiny_add(GM_ADDR x, GM_ADDR y, GM_ADDR z, GM_ADDR tiling) {
  )cpp" + before + R"cpp(
  using T = DTYPE_X;
  GlobalTensor<int64_t> tilingGm;
  tilingGm.SetGlobalBuffer((__gm__ int64_t*)tiling, 1);
  const int64_t n = tilingGm.GetValue(0) / GetBlockNum();
  GlobalTensor<T> xGm, yGm, zGm;
  xGm.SetGlobalBuffer((__gm__ T*)x + n * GetBlockIdx(), n);
  yGm.SetGlobalBuffer((__gm__ T*)y + n * GetBlockIdx(), n);
  zGm.SetGlobalBuffer((__gm__ T*)z + n * GetBlockIdx(), n);
  TPipe pipe;
  TBuf<TPosition::VECCALC> bx, by;
  pipe.InitBuffer(bx, n * sizeof(T));
  pipe.InitBuffer(by, n * sizeof(T));
  LocalTensor<T> tx = bx.Get<T>(), ty = by.Get<T>();
  DataCopy(tx, xGm, n);
  DataCopy(ty, yGm, n);
  PipeBarrier<PIPE_ALL>();
  )cpp" + op + R"cpp((tx, tx, ty, n);
  PipeBarrier<PIPE_ALL>();
  DataCopy(zGm, tx, n);
}
)cpp";
}

struct Fixture {
  Fixture() : dir(fs::temp_directory_path() / ("ascendgen-evaluator-test-" + std::to_string(getpid()))) {
    fs::create_directories(dir / "tiny_add");
    std::ofstream(dir / "tiny_add" / "task.yaml") << kTaskYaml;
  }
  ~Fixture() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  fs::path dir;
};

// One task and one Evaluator for the whole program: the compiler and reference caches carry over.
Fixture& fixture() {
  static Fixture f;
  return f;
}
const Task& task() {
  static const Task t = Task::load(fixture().dir / "tiny_add");
  return t;
}
Evaluator& evaluator() {
  static Evaluator e([] {
    EvaluatorOptions o;
    // Shared by the test processes ctest starts (the cache is safe across processes).
    o.compiler.cache_dir = fs::temp_directory_path() / "ascendgen-evaluator-test-kernels";
    o.case_timeout_s = 5;
    o.workers = 2;
    return o;
  }());
  return e;
}

const CaseResult& case_named(const EvalResult& r, const std::string& id) {
  for (const auto& c : r.cases)
    if (c.id == id) return c;
  FAIL("no case " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("evaluator: a correct candidate passes every case, compiled once per dtype") {
  const EvalResult r = evaluator().evaluate(task(), kernel("Add"));
  INFO(to_json(r).dump(2));
  CHECK(r.status == "pass");
  CHECK(r.compiled);
  CHECK(r.correct);
  REQUIRE(r.cases.size() == 3);
  CHECK(r.cases[0].id == "f32");
  CHECK(r.cases[1].id == "f16");
  for (const auto& c : r.cases) {
    CHECK(c.status == "pass");
    CHECK(c.error_kind.empty());
    CHECK(c.comparison.mismatches == 0);
    CHECK(c.launch.cores.size() == 2);
    // The worker predicts the NPU time from the trace it holds (docs/timing.md).
    CHECK(c.predicted_us > 0);
    CHECK(nlohmann::json::parse(c.profile).at("cores").size() == 2);
  }
  CHECK(r.predicted_us > 0);
  CHECK(case_named(r, "f32_big").comparison.elements == 2048);
  CHECK(r.seconds > 0);
}

TEST_CASE("evaluator: a candidate computing the wrong thing is wrong_answer with its errors") {
  const EvalResult r = evaluator().evaluate(task(), kernel("Sub"));
  CHECK(r.status == "wrong_answer");
  CHECK(r.compiled);
  CHECK_FALSE(r.correct);
  const CaseResult& c = case_named(r, "f32");
  CHECK(c.status == "wrong_answer");
  CHECK(c.comparison.mismatches > 400);
  CHECK(c.comparison.first_mismatch >= 0);
  CHECK(c.comparison.max_abs_err > 0.01);
  CHECK(c.message.find("output 'z'") != std::string::npos);
}

TEST_CASE("evaluator: one case can be run alone; an unknown case id throws") {
  const EvalResult r = evaluator().evaluate(task(), kernel("Add"), "f16");
  REQUIRE(r.cases.size() == 1);
  CHECK(r.cases[0].id == "f16");
  CHECK(r.status == "pass");
  CHECK_THROWS(evaluator().evaluate(task(), kernel("Add"), "no_such_case"));
}

// The candidate reading `extra` elements past its share of x on every core (past x's end on the last).
std::string overreading_kernel(const std::string& extra) {
  std::string source = kernel("Add");
  source.replace(source.find("DataCopy(tx, xGm, n);"), 21,
                 "xGm.SetGlobalBuffer((__gm__ T*)x + n * GetBlockIdx(), n + " + extra + "); DataCopy(tx, xGm, n + " +
                     extra + ");");
  source.replace(source.find("pipe.InitBuffer(bx, n * sizeof(T));"), 35,
                 "pipe.InitBuffer(bx, (n + " + extra + ") * sizeof(T));");
  return source;
}

TEST_CASE("evaluator: an emulator-detected misuse is runtime_error with the ErrorKind name") {
  // Past the 512-byte-rounded allocation the device reserves for x.
  const EvalResult r = evaluator().evaluate(task(), overreading_kernel("1024"));
  CHECK(r.status == "runtime_error");
  const CaseResult& c = case_named(r, "f32");
  CHECK(c.status == "runtime_error");
  CHECK(c.error_kind == "gm_out_of_bounds");
  CHECK(c.message.find("DataCopy") != std::string::npos);
}

TEST_CASE("evaluator: a misuse the NPU computes right through passes, its warning in the result and the JSON") {
  // 64 floats past x's 2048 bytes stay inside the 2560 the allocator reserves; the extra elements
  // are never used.
  const EvalResult r = evaluator().evaluate(task(), overreading_kernel("64"), "f32");
  CHECK(r.status == "pass");
  const CaseResult& c = case_named(r, "f32");
  REQUIRE(c.launch.warnings.size() == 1);
  CHECK(c.launch.warnings[0].find("[gm_out_of_bounds] DataCopy at kernel.cpp:") == 0);
  CHECK(c.launch.warnings[0].find("the device allocator reserves") != std::string::npos);
  const nlohmann::json j = to_json(r);
  CHECK(j.at("cases")[0].at("warnings") == nlohmann::json(c.launch.warnings));
}

TEST_CASE("evaluator: a crashing candidate costs a result, not the caller") {
  const EvalResult r =
      evaluator().evaluate(task(), kernel("Add", "volatile uintptr_t bad = 8; *reinterpret_cast<volatile int*>(bad) = 1;"));
  CHECK(r.status == "runtime_error");
  for (const auto& c : r.cases) {
    CHECK(c.error_kind == "crash");
    CHECK(c.message.find("SIGSEGV") != std::string::npos);
  }
}

TEST_CASE("evaluator: a candidate that does not compile is compile_error with structured diagnostics") {
  const EvalResult r = evaluator().evaluate(task(), kernel("Add", "undeclared_thing = 1;"));
  CHECK(r.status == "compile_error");
  CHECK_FALSE(r.compiled);
  CHECK(r.cases.empty());
  REQUIRE_FALSE(r.diagnostics.empty());
  const Diagnostic& d = r.diagnostics.front();
  CHECK(d.severity == "error");
  CHECK(d.category == "undeclared_identifier");
  CHECK(d.line > 0);
}

TEST_CASE("evaluator: prose instead of C++ is parse_error") {
  const EvalResult r = evaluator().evaluate(task(), "Here is a kernel that adds two tensors, as requested.");
  CHECK(r.status == "parse_error");
  CHECK_FALSE(r.compiled);
  CHECK_FALSE(r.diagnostics.empty());
}

TEST_CASE("evaluator: evaluate_many keeps input order and reports progress") {
  std::vector<Candidate> candidates = {{&task(), kernel("Add")}, {&task(), kernel("Mul")}, {&task(), "not C++"}};
  std::vector<size_t> seen;
  const auto results = evaluator().evaluate_many(candidates, [&](size_t done, size_t total) {
    CHECK(total == 3);
    seen.push_back(done);
  });
  REQUIRE(results.size() == 3);
  CHECK(results[0].status == "pass");
  CHECK(results[1].status == "wrong_answer");
  CHECK(results[2].status == "parse_error");
  CHECK(seen == std::vector<size_t>{1, 2, 3});
}

TEST_CASE("evaluator: the JSON form has the fields `ascendgen eval --json` promises") {
  const nlohmann::json j = to_json(evaluator().evaluate(task(), kernel("Sub"), "f16"));
  CHECK(j.at("task") == "tiny_add");
  CHECK(j.at("status") == "wrong_answer");
  CHECK(j.at("compiled") == true);
  CHECK(j.at("correct") == false);
  CHECK(j.at("seconds").is_number());
  CHECK(j.at("diagnostics").is_array());
  REQUIRE(j.at("cases").size() == 1);
  const auto& c = j.at("cases")[0];
  for (const char* key : {"id", "status", "error_kind", "message", "warnings", "max_abs_err", "max_rel_err",
                          "mismatches", "first_mismatch", "predicted_us", "profile"})
    CHECK_MESSAGE(c.contains(key), key);
  CHECK(j.at("predicted_us").get<double>() > 0);
  CHECK(c.at("profile").at("bound").is_string());
  CHECK(c.at("mismatches").get<int64_t>() > 0);
  const nlohmann::json bad = to_json(evaluator().evaluate(task(), kernel("Add", "undeclared_thing = 1;")));
  const auto& d = bad.at("diagnostics").at(0);
  for (const char* key : {"file", "line", "column", "severity", "category", "message"}) CHECK_MESSAGE(d.contains(key), key);
}

TEST_CASE("evaluator: trace_dir receives each case's predicted timeline as a Chrome trace") {
  EvaluatorOptions o = evaluator().options();
  o.trace_dir = fixture().dir / "traces";
  Evaluator traced(o);
  const EvalResult r = traced.evaluate(task(), kernel("Add"), "f16");
  REQUIRE(r.status == "pass");
  std::ifstream in(o.trace_dir / "tiny_add.f16.trace.json");
  REQUIRE(in);
  const nlohmann::json trace = nlohmann::json::parse(in);
  const auto& events = trace.at("traceEvents");
  CHECK(std::any_of(events.begin(), events.end(), [](const nlohmann::json& e) { return e.at("ph") == "X"; }));
}
