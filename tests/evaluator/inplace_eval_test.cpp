// An in-place output end to end (task.yaml `inplace`): the kernel's var and var_ref parameters are
// one GM allocation, as CANN passes a ref output, and the result is read from var's buffer.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "ascendgen/evaluator/evaluator.h"
#include "ascendgen/evaluator/result_json.h"
#include "ascendgen/task/task.h"

namespace fs = std::filesystem;
using namespace ascendgen;

namespace {

// PARAMS: the kernel's parameters (with or without var_ref).
std::string task_yaml(const std::string& params) {
  return R"yaml(
name: double_inplace
level: 1
category: inplace
description: var = 2 * var, in place
kernel:
  entry: double_inplace
  params: [)yaml" + params + R"yaml(]
  block_dim: 1
inputs:
  - {name: var, dtype: float32, shape: [256]}
outputs:
  - {name: var_ref, dtype: float32, shape: [256], inplace: var}
reference: |
  def reference(var: Tensor) -> Tensor:
      return var * 2
cases:
  - {id: a}
)yaml";
}

// Reads FROM, doubles it and writes it to TO.
std::string kernel(const std::string& params, const std::string& to) {
  return R"cpp(
#include "kernel_operator.h"
using namespace AscendC;
extern "C" __global__ __aicore__ void double_inplace()cpp" + params + R"cpp() {
  GlobalTensor<float> in, out;
  in.SetGlobalBuffer((__gm__ float*)var, 256);
  out.SetGlobalBuffer((__gm__ float*))cpp" + to + R"cpp(, 256);
  TPipe pipe;
  TBuf<TPosition::VECCALC> b;
  pipe.InitBuffer(b, 256 * sizeof(float));
  LocalTensor<float> t = b.Get<float>();
  DataCopy(t, in, 256);
  PipeBarrier<PIPE_ALL>();
  Add(t, t, t, 256);
  PipeBarrier<PIPE_ALL>();
  DataCopy(out, t, 256);
}
)cpp";
}

EvalResult evaluate(const std::string& params, const std::string& source) {
  const fs::path dir = fs::temp_directory_path() / ("ascendgen-inplace-test-" + std::to_string(getpid()));
  fs::create_directories(dir / "double_inplace");
  std::ofstream(dir / "double_inplace" / "task.yaml") << task_yaml(params);
  const Task task = Task::load(dir / "double_inplace");
  EvaluatorOptions o;
  o.compiler.cache_dir = fs::temp_directory_path() / "ascendgen-evaluator-test-kernels";
  o.case_timeout_s = 10;
  o.workers = 1;
  EvalResult r = Evaluator(o).evaluate(task, source);
  fs::remove_all(dir);
  return r;
}

}  // namespace

TEST_CASE("inplace_eval, writing through the ref parameter updates the input's memory") {
  const EvalResult r = evaluate("var, var_ref", kernel("GM_ADDR var, GM_ADDR var_ref", "var_ref"));
  INFO(to_json(r).dump(2));
  CHECK(r.status == "pass");
}

TEST_CASE("inplace_eval, a kernel given only the input's address writes it back there") {
  const EvalResult r = evaluate("var", kernel("GM_ADDR var", "var"));
  INFO(to_json(r).dump(2));
  CHECK(r.status == "pass");
}

TEST_CASE("inplace_eval, a kernel that leaves the input unchanged is wrong") {
  // Writing the doubled values nowhere but a scratch copy: var keeps its values, which the
  // comparison catches (the ref parameter is not a buffer of its own that is read back).
  std::string source = kernel("GM_ADDR var, GM_ADDR var_ref", "var_ref");
  source.replace(source.find("DataCopy(out, t, 256);"), 22, "");
  const EvalResult r = evaluate("var, var_ref", source);
  INFO(to_json(r).dump(2));
  CHECK(r.status == "wrong_answer");
}
