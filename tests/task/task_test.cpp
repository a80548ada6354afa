#include <doctest/doctest.h>

#include <bit>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "ascendgen/task/task.h"
#include "temp_dir.h"

using namespace ascendgen;

namespace {
// A task exercising every section; tests below change one line of it at a time.
const std::string kValidTask = R"yaml(name: add
level: 1
category: math
description: |
  Element-wise sum.
kernel:
  entry: add_custom
  params: [x, y, z, workspace, tiling]
  block_dim: 8
  workspace: bytes(x) + 32
inputs:
  - name: x
    dtype: $dtype
    shape: $shape
    distribution: {kind: uniform, low: -2.0, high: 2.0}
  - name: y
    dtype: $dtype
    shape: $shape
    rank: 2
    distribution: {kind: normal, mean: 0.0, std: 1.0}
attributes:
  - {name: alpha, type: float, default: 1.5}
  - {name: axis, type: int, default: -1}
  - {name: keep, type: bool, default: false}
outputs:
  - {name: z, dtype: $dtype, shape: $shape}
tiling:
  - {name: totalLength, value: numel(x)}
  - {name: alpha, value: alpha}
  - {name: rows, value: 'dim(x, 0)'}
  - {name: cols, value: 'dim(x, -1) * 2 + axis'}
  - {name: rank, value: ndim(z) + keep}
  - {name: fixed, value: 7}
reference: |
  def reference(x: Tensor, y: Tensor, alpha: float, axis: int, keep: bool) -> Tensor:
      return x + alpha * y
tolerance:
  atol: 1.0e-2
  per_dtype:
    float16: {rtol: 5.0e-3}
cases:
  - {id: small_fp16, shape: [4, 8], dtype: float16}
  - {id: tail_fp32, shape: [3, 5], dtype: float32, alpha: 0.5, axis: 1, keep: true}
  - {id: mixed, shape: [2, 3], dtype: float32, dtypes: {z: bfloat16}, shapes: {x: [6, 1]}}
solution: solution.cpp
)yaml";

// kValidTask with the one occurrence of `from` replaced by `to`.
std::string edited(const std::string& from, const std::string& to) {
  const size_t at = kValidTask.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  REQUIRE_MESSAGE(kValidTask.find(from, at + 1) == std::string::npos, from);
  std::string s = kValidTask;
  return s.replace(at, from.size(), to);
}

// Loads `yaml` as a task (with its solution file present) and returns the error message.
std::string load_error(const std::string& yaml) {
  TempDir dir;
  dir.write("add/task.yaml", yaml);
  dir.write("add/solution.cpp", "// solution\n");
  try {
    Task::load(dir.path() / "add");
  } catch (const TaskError& e) {
    return e.what();
  }
  FAIL("the task loaded");
  return {};
}

int64_t float_bits(float f) { return std::bit_cast<uint32_t>(f); }
}  // namespace

TEST_CASE("Task::load reads every section of a valid task") {
  TempDir dir;
  dir.write("add/task.yaml", kValidTask);
  dir.write("add/solution.cpp", "// solution\n");
  const Task task = Task::load(dir.path() / "add");
  CHECK(task.name() == "add");
  CHECK(task.level() == 1);
  CHECK(task.category() == "math");
  CHECK(task.description() == "Element-wise sum.\n");
  CHECK(task.kernel().entry == "add_custom");
  CHECK(task.kernel().params == std::vector<std::string>{"x", "y", "z", "workspace", "tiling"});
  CHECK(task.kernel().block_dim == 8);
  CHECK(task.reference_source().find("def reference(x: Tensor") == 0);
  CHECK(task.dir() == (dir.path() / "add").lexically_normal());
  REQUIRE(task.solution_path());
  CHECK(*task.solution_path() == dir.path() / "add" / "solution.cpp");
  CHECK_FALSE(task.baseline_path());
  REQUIRE(task.cases().size() == 3);
  CHECK(&task.find_case("mixed") == &task.cases()[2]);
  CHECK_THROWS_WITH_AS(task.find_case("nope"), "task 'add' has no case 'nope'", std::out_of_range);
}

TEST_CASE("Task::load resolves a case: tensors, attributes with defaults, tiling, workspace, DTYPE macros") {
  TempDir dir;
  dir.write("add/task.yaml", kValidTask);
  dir.write("add/solution.cpp", "");
  const Task task = Task::load(dir.path() / "add");

  const TestCase& small = task.find_case("small_fp16");
  REQUIRE(small.inputs.size() == 2);
  REQUIRE(small.outputs.size() == 1);
  CHECK(small.inputs[0].name == "x");
  CHECK(small.inputs[0].dtype == DType::Float16);
  CHECK(small.inputs[0].shape == std::vector<int64_t>{4, 8});
  CHECK(small.inputs[0].numel() == 32);
  CHECK(small.inputs[0].bytes() == 64);
  CHECK(small.inputs[0].distribution.kind == "uniform");
  CHECK(small.inputs[0].distribution.a == -2.0);
  CHECK(small.inputs[0].distribution.b == 2.0);
  CHECK(small.inputs[1].distribution.kind == "normal");
  CHECK(small.inputs[1].distribution.b == 1.0);
  CHECK(small.outputs[0].name == "z");
  CHECK(small.outputs[0].dtype == DType::Float16);
  CHECK(small.attributes == std::vector<std::pair<std::string, AttributeValue>>{{"alpha", 1.5}, {"axis", -1.0}, {"keep", 0.0}});
  CHECK(small.tiling == std::vector<int64_t>{32, float_bits(1.5f), 4, 8 * 2 - 1, 2 + 0, 7});
  CHECK(small.workspace_bytes == 32 * 2 + 32);
  CHECK(small.dtype_macros ==
        std::vector<std::pair<std::string, std::string>>{{"DTYPE_X", "half"}, {"DTYPE_Y", "half"}, {"DTYPE_Z", "half"}});

  const TestCase& tail = task.find_case("tail_fp32");
  CHECK(tail.attributes == std::vector<std::pair<std::string, AttributeValue>>{{"alpha", 0.5}, {"axis", 1.0}, {"keep", 1.0}});
  CHECK(tail.tiling == std::vector<int64_t>{15, float_bits(0.5f), 3, 5 * 2 + 1, 2 + 1, 7});
  CHECK(tail.workspace_bytes == 15 * 4 + 32);
  CHECK(tail.dtype_macros[0].second == "float");

  // Per-tensor dtypes and shapes win over the case's dtype and shape.
  const TestCase& mixed = task.find_case("mixed");
  CHECK(mixed.inputs[0].shape == std::vector<int64_t>{6, 1});
  CHECK(mixed.inputs[1].shape == std::vector<int64_t>{2, 3});
  CHECK(mixed.outputs[0].dtype == DType::BFloat16);
  CHECK(mixed.outputs[0].shape == std::vector<int64_t>{2, 3});
  CHECK(mixed.dtype_macros[2] == std::pair<std::string, std::string>{"DTYPE_Z", "bfloat16_t"});
  CHECK(mixed.tiling[0] == 6);
  CHECK(mixed.tiling[3] == 1 * 2 - 1);
}

TEST_CASE("Task::tolerance_for: per-dtype override, task default, exact for integers and bool") {
  TempDir dir;
  dir.write("add/task.yaml", kValidTask);
  dir.write("add/solution.cpp", "");
  const Task task = Task::load(dir.path() / "add");
  CHECK(task.tolerance_for(DType::Float16).atol == 1e-2);  // inherited from the task's atol
  CHECK(task.tolerance_for(DType::Float16).rtol == 5e-3);
  CHECK(task.tolerance_for(DType::Float32).atol == 1e-2);
  CHECK(task.tolerance_for(DType::Float32).rtol == 1e-3);  // the default
  CHECK(task.tolerance_for(DType::Int32).atol == 0);
  CHECK(task.tolerance_for(DType::Bool).rtol == 0);
}

TEST_CASE("Task::load applies the defaults of optional fields") {
  TempDir dir;
  dir.write("fill/task.yaml", R"yaml(name: fill
level: 2
category: creation
description: Fills z with a value.
kernel:
  entry: fill_custom
  params: [z]
outputs:
  - {name: z, dtype: int32, shape: [16, 16]}
reference: |
  def reference() -> Tensor:
      return torch.full([16, 16], 3, dtype=torch.int32)
cases:
  - {id: only}
)yaml");
  const Task task = Task::load(dir.path() / "fill");
  CHECK(task.kernel().block_dim == 0);
  CHECK(task.tolerance_for(DType::Float32).atol == 1e-3);
  CHECK(task.tolerance_for(DType::Float32).rtol == 1e-3);
  const TestCase& c = task.cases().at(0);
  CHECK(c.inputs.empty());
  CHECK(c.outputs.at(0).shape == std::vector<int64_t>{16, 16});
  CHECK(c.tiling.empty());
  CHECK(c.workspace_bytes == 0);
  CHECK(c.dtype_macros == std::vector<std::pair<std::string, std::string>>{{"DTYPE_Z", "int32_t"}});
}

TEST_CASE("Tiling expressions: precedence, parentheses, negative literals, every function") {
  const auto tiling = [](const std::string& expression) {
    TempDir dir;
    dir.write("add/task.yaml", edited("value: 7}", "value: '" + expression + "'}"));
    dir.write("add/solution.cpp", "");
    return Task::load(dir.path() / "add").find_case("small_fp16").tiling.back();  // x: float16 [4, 8]
  };
  CHECK(tiling("2 + 3 * 4") == 14);
  CHECK(tiling("(2 + 3) * 4") == 20);
  CHECK(tiling("-3 + 1") == -2);
  CHECK(tiling("numel(x)") == 32);
  CHECK(tiling("bytes(x)") == 64);
  CHECK(tiling("ndim(y)") == 2);
  CHECK(tiling("dim(x, 1)") == 8);
  CHECK(tiling("dim(x,-2)") == 4);
  CHECK(tiling("  dim( x , 0 )*dim(z,1) + axis*keep  ") == 32);
  CHECK(tiling("9223372036854775807") == INT64_MAX);
  CHECK(load_error(edited("value: 7}", "value: '4611686018427387904 * 2'}")).find("int64 overflow") != std::string::npos);
  CHECK(load_error(edited("value: 7}", "value: '99999999999999999999'}")).find("integer out of range") != std::string::npos);
}

// The `reference` field of kValidTask, whole.
const std::string kReferenceBlock =
    "reference: |\n  def reference(x: Tensor, y: Tensor, alpha: float, axis: int, keep: bool) -> Tensor:\n"
    "      return x + alpha * y\n";

TEST_CASE("Task::load names file, line and field of each bad input") {
  struct Bad {
    const char* what;
    std::string yaml;
    const char* message;
  };
  const Bad bad[] = {
      {"unknown dtype", edited("dtype: float16}", "dtype: float17}"),
       "task.yaml:42: cases[small_fp16].dtype: unknown dtype 'float17'"},
      {"unknown dtype in a tensor", edited("  - {name: z, dtype: $dtype", "  - {name: z, dtype: half"),
       "task.yaml:26: outputs[0].dtype: unknown dtype 'half'"},
      {"missing field", edited("category: math\n", ""), "task.yaml:1: category: missing field"},
      {"missing nested field", edited("  entry: add_custom\n", ""), "task.yaml:7: kernel.entry: missing field"},
      {"unknown field", edited("block_dim: 8", "blockdim: 8"), "task.yaml:9: kernel.blockdim: unknown field"},
      {"case shape against a declared rank", edited("shape: [4, 8], dtype: float16", "shape: [4, 8, 2], dtype: float16"),
       "task.yaml:42: cases[small_fp16].shape: shape [4, 8, 2] of 'y' has rank 3, but the task declares rank 2"},
      {"per-tensor shape against a declared rank", edited("shapes: {x: [6, 1]}", "shapes: {y: [6]}"),
       "task.yaml:44: cases[mixed].shapes.y: shape [6] of 'y' has rank 1, but the task declares rank 2"},
      {"per-tensor shape of an unknown tensor", edited("shapes: {x: [6, 1]}", "shapes: {w: [6, 1]}"),
       "task.yaml:44: cases[mixed].shapes.w: not an input or output of the task"},
      {"per-tensor dtype of an attribute", edited("dtypes: {z: bfloat16}", "dtypes: {alpha: bfloat16}"),
       "cases[mixed].dtypes.alpha: not an input or output of the task"},
      {"a dimension below 1", edited("shape: [3, 5]", "shape: [3, 0]"), "task.yaml:43: cases[tail_fp32].shape[1]: dimension 0"},
      {"params naming an unknown tensor", edited("params: [x, y, z,", "params: [x, q, y, z,"),
       "task.yaml:8: kernel.params[1]: 'q' is not an input, an output, workspace or tiling"},
      {"params leaving out a tensor", edited("params: [x, y, z,", "params: [x, z,"),
       "task.yaml:8: kernel.params: 'y' is not passed to the kernel"},
      {"entry that is not a C identifier", edited("entry: add_custom", "entry: add-custom"),
       "task.yaml:7: kernel.entry: 'add-custom' is not a C identifier"},
      {"tensor name that is not a C identifier", edited("- name: y\n", "- name: 2y\n"),
       "task.yaml:16: inputs[1].name: '2y' is not a C identifier"},
      {"level above 3", edited("level: 1", "level: 4"), "task.yaml:2: level: 4 is outside 1..3"},
      {"level that is not an integer", edited("level: 1", "level: one"), "task.yaml:2: level: expected an integer"},
      {"duplicate case ids", edited("{id: mixed", "{id: small_fp16"),
       "task.yaml:44: cases[small_fp16].id: duplicate case id 'small_fp16'"},
      {"tiling expression that does not parse", edited("value: numel(x)}", "value: numel(x) +}"),
       "task.yaml:28: tiling[0].value: expression 'numel(x) +': expected a value at column 11"},
      {"tiling expression naming an unknown tensor", edited("value: numel(x)}", "value: numel(w)}"),
       "task.yaml:28: tiling[0].value: expression 'numel(w)': unknown tensor 'w'"},
      {"tiling expression naming an unknown attribute", edited("value: alpha}", "value: beta}"),
       "task.yaml:29: tiling[1].value: expression 'beta': unknown attribute 'beta'"},
      {"tiling expression with an unknown function", edited("value: numel(x)}", "value: size(x)}"),
       "expression 'size(x)': unknown function 'size'"},
      {"float attribute in arithmetic", edited("ndim(z) + keep", "ndim(z) + alpha"),
       "tiling[4].value: expression 'ndim(z) + alpha': float attribute 'alpha' can only stand alone"},
      {"workspace expression naming an unknown tensor", edited("bytes(x) + 32", "bytes(q) + 32"),
       "task.yaml:10: kernel.workspace: expression 'bytes(q) + 32': unknown tensor 'q'"},
      {"workspace without a workspace parameter", edited("z, workspace, tiling]", "z, tiling]"),
       "task.yaml:42: cases[small_fp16]: workspace 'bytes(x) + 32' is 96 bytes but kernel.params has no 'workspace'"},
      {"negative workspace", edited("bytes(x) + 32", "bytes(x) + -100"),
       "task.yaml:42: cases[small_fp16]: workspace 'bytes(x) + -100' is negative (-36)"},
      {"dim() out of range for a case", edited("dim(x, 0)", "dim(x, 2)"),
       "task.yaml:42: cases[small_fp16]: tiling field 'rows': expression 'dim(x, 2)': dim(x, 2) is out of range for shape [4, 8]"},
      {"tiling fields without a tiling parameter", edited("workspace, tiling]", "workspace]"),
       "tiling: the task has tiling fields but kernel.params has no 'tiling'"},
      {"missing attribute without default", edited("{name: axis, type: int, default: -1}", "{name: axis, type: int}"),
       "task.yaml:42: cases[small_fp16]: missing attribute 'axis' (it has no default)"},
      {"attribute of the wrong type", edited("axis: 1,", "axis: 1.5,"), "task.yaml:43: cases[tail_fp32].axis: expected an integer"},
      {"unknown case field", edited("keep: true}", "keep: true, colour: red}"),
       "task.yaml:43: cases[tail_fp32].colour: unknown field (expected id, shape, dtype, shapes, dtypes, data, alpha, axis, keep)"},
      {"case without a dtype", edited("shape: [4, 8], dtype: float16}", "shape: [4, 8]}"),
       "task.yaml:42: cases[small_fp16]: no dtype for 'x'"},
      {"unknown distribution", edited("kind: uniform", "kind: gaussian"),
       "task.yaml:15: inputs[0].distribution.kind: unknown distribution 'gaussian'"},
      {"bad distribution parameters", edited("low: -2.0, high: 2.0", "low: 2.0, high: -2.0"),
       "inputs[0].distribution: uniform distribution needs low < high"},
      {"reference without `def reference`", edited("def reference(", "def ref("),
       "task.yaml:34: reference: the TorchScript source must define"},
      {"recorded data of the wrong size", edited("dtype: float16}", "dtype: float16, data: {x: solution.cpp}}"),
       "task.yaml:42: cases[small_fp16].data.x: '"},
      {"recorded data for an output", edited("dtype: float16}", "dtype: float16, data: {z: solution.cpp}}"),
       "task.yaml:42: cases[small_fp16].data.z: only inputs have recorded data"},
      {"both reference forms", edited("reference: |", "reference_module: {path: 'ref/{case}.pt'}\nreference: |"),
       "reference_module: give either 'reference' or 'reference_module', not both"},
      {"reference module of an unknown input", edited(kReferenceBlock, "reference_module: {path: 'r.pt', inputs: [w]}\n"),
       "reference_module.inputs[0]: 'w' is not an input of the task"},
      {"reference module file missing", edited(kReferenceBlock, "reference_module: {path: 'ref/{case}.pt', inputs: [x]}\n"),
       "task.yaml:40: cases[small_fp16]: reference module '"},
      {"per-dtype tolerance for an integer dtype", edited("float16: {rtol", "int32: {rtol"),
       "task.yaml:40: tolerance.per_dtype.int32: integer and bool outputs compare exactly"},
      {"negative tolerance", edited("atol: 1.0e-2", "atol: -1"), "task.yaml:38: tolerance.atol: must be a finite number >= 0"},
      {"duplicate case field", edited("dtype: float16}", "dtype: float16, dtype: float32}"),
       "task.yaml:42: cases[small_fp16].dtype: duplicate field"},
      {"case shape of the wrong kind", edited("shape: [3, 5]", "shape: 15"), "task.yaml:43: cases[tail_fp32].shape: expected a list"},
      {"duplicate field", edited("level: 1\n", "level: 1\nlevel: 2\n"), "task.yaml:3: level: duplicate field"},
      {"unquoted expression with a comma in a flow mapping", edited("value: 'dim(x, 0)'", "value: dim(x, 0)"),
       "task.yaml:30: tiling[2].0): unknown field (inside {...}, quote an expression holding a comma"},
      {"malformed YAML", edited("kernel:\n", "kernel: [\n"), "YAML syntax error"},
      {"a document that is not a mapping", "- just\n- a list\n", "task.yaml:1: expected a mapping of task fields"},
  };
  for (const Bad& b : bad) {
    CAPTURE(b.what);
    const std::string message = load_error(b.yaml);
    CHECK_MESSAGE(message.find(b.message) != std::string::npos, message);
  }
}

TEST_CASE("Task::load accepts the special distribution (NaN, +-inf) for floating inputs only") {
  const std::string special = edited("kind: uniform, low: -2.0, high: 2.0", "kind: special, p: 0.3");
  TempDir dir;
  dir.write("add/task.yaml", special);
  dir.write("add/solution.cpp", "");
  const Task task = Task::load(dir.path() / "add");
  for (const TestCase& c : task.cases()) {
    CAPTURE(c.id);
    CHECK(c.inputs[0].distribution.kind == "special");
    CHECK(c.inputs[0].distribution.a == 0.3);
  }

  CHECK(load_error(edited("kind: uniform, low: -2.0, high: 2.0", "kind: special, p: 1.5"))
            .find("task.yaml:15: inputs[0].distribution: special distribution needs 0 <= p <= 1") != std::string::npos);
  CHECK(load_error(edited("kind: uniform, low: -2.0, high: 2.0", "kind: special, p: 0.3, std: 2.0"))
            .find("inputs[0].distribution.std: unknown field") != std::string::npos);
  std::string on_int = special;
  on_int.replace(on_int.find("dtypes: {z: bfloat16}"), 21, "dtypes: {x: int32, z: bfloat16}");
  CHECK(load_error(on_int).find("task.yaml:44: cases[mixed]: input 'x' has a special distribution (NaN, +-inf) but dtype int32") !=
        std::string::npos);
}

TEST_CASE("Task::load reports a missing solution file and a missing task.yaml") {
  TempDir dir;
  dir.write("add/task.yaml", kValidTask);
  try {
    Task::load(dir.path() / "add");
    FAIL("the task loaded");
  } catch (const TaskError& e) {
    CHECK(e.line() == 45);
    CHECK(e.field() == "solution");
    CHECK(e.file() == dir.path() / "add" / "task.yaml");
    CHECK(std::string(e.what()).find("solution.cpp' not found") != std::string::npos);
  }
  CHECK_THROWS_WITH_AS(Task::load(dir.path() / "missing"), doctest::Contains("missing/task.yaml: no such file"), TaskError);
}

TEST_CASE("The example task of docs/tasks.md loads") {
  std::ifstream doc(ASCENDGEN_DOCS_DIR "/tasks.md");
  std::stringstream text;
  text << doc.rdbuf();
  const std::string md = text.str();
  const size_t begin = md.find("```yaml\n");
  REQUIRE(begin != std::string::npos);
  const size_t end = md.find("```", begin + 8);
  TempDir dir;
  dir.write("add/task.yaml", md.substr(begin + 8, end - begin - 8));
  dir.write("add/solution.cpp", "");
  dir.write("add/baseline.cpp", "");
  const Task task = Task::load(dir.path() / "add");
  CHECK(task.find_case("tail_fp32").inputs.at(0).shape == std::vector<int64_t>{48, 4099});
  CHECK(task.find_case("tail_fp32").tiling == std::vector<int64_t>{48 * 4099, float_bits(0.5f), 4099});
}

TEST_CASE("dtype names round-trip and unknown names are rejected") {
  for (DType d : {DType::Float16, DType::BFloat16, DType::Float32, DType::Int8, DType::UInt8, DType::Int16, DType::Int32,
                  DType::Int64, DType::Bool, DType::Float64, DType::Complex64})
    CHECK(parse_dtype(dtype_name(d)) == d);
  CHECK(dtype_size(DType::Complex64) == 8);
  CHECK(kernel_type_name(DType::Float64) == "double");
  CHECK(is_complex(DType::Complex64));
  CHECK_FALSE(is_complex(DType::Float32));
  CHECK(is_floating_point(DType::Float64));
  CHECK(kernel_type_name(DType::Float16) == "half");
  CHECK(kernel_type_name(DType::BFloat16) == "bfloat16_t");
  CHECK(kernel_type_name(DType::UInt8) == "uint8_t");
  CHECK(dtype_size(DType::BFloat16) == 2);
  CHECK(dtype_size(DType::Int64) == 8);
  CHECK(dtype_size(DType::Bool) == 1);
  CHECK(is_floating_point(DType::BFloat16));
  CHECK_FALSE(is_floating_point(DType::Int8));
  CHECK_THROWS_WITH(parse_dtype("fp16"), doctest::Contains("unknown dtype 'fp16'"));
}

TEST_CASE("Task::load reads recorded inputs and a reference module per case (imported benchmarks)") {
  TempDir dir;
  std::string yaml = edited(kReferenceBlock, "reference_module: {path: 'reference/{case}.pt', inputs: [y, x]}\n");
  const std::string plain = "{id: small_fp16, shape: [4, 8], dtype: float16}";
  yaml.replace(yaml.find(plain), plain.size(), "{id: small_fp16, shape: [4, 8], dtype: float16, data: {x: data/x.bin}}");
  dir.write("add/task.yaml", yaml);
  dir.write("add/solution.cpp", "");
  dir.write("add/data/x.bin", std::string(4 * 8 * 2, '\1'));  // float16 [4, 8]
  for (const char* id : {"small_fp16", "tail_fp32", "mixed"}) dir.write(std::string("add/reference/") + id + ".pt", "");

  const Task task = Task::load(dir.path() / "add");
  CHECK(task.reference_source().empty());
  REQUIRE(task.reference_module());
  CHECK(task.reference_module()->inputs == std::vector<size_t>{1, 0});
  CHECK(task.reference_module()->path_for(task.dir(), "tail_fp32") == task.dir() / "reference/tail_fp32.pt");
  const TestCase& small = task.find_case("small_fp16");
  CHECK(small.inputs[0].data == task.dir() / "data/x.bin");
  CHECK(small.inputs[1].data.empty());  // y is drawn from its distribution
  CHECK(task.find_case("tail_fp32").inputs[0].data.empty());
}

TEST_CASE("Task::load reads string and list attributes; they have no value in an expression") {
  const std::string yaml = edited("  - {name: keep, type: bool, default: false}\n",
                                  "  - {name: keep, type: bool, default: false}\n"
                                  "  - {name: reduction, type: string, default: mean}\n"
                                  "  - {name: dims, type: list_int, default: [2, -1]}\n"
                                  "  - {name: weights, type: list_float}\n");
  const std::string with_weights = [&] {
    std::string s = yaml;
    for (const char* id : {"small_fp16, ", "tail_fp32, ", "mixed, "}) {
      const size_t at = s.find(id);
      REQUIRE(at != std::string::npos);
      s.insert(at + std::string(id).size(), "weights: [0.5, 1], ");
    }
    return s;
  }();
  TempDir dir;
  dir.write("add/task.yaml", with_weights);
  dir.write("add/solution.cpp", "// solution\n");
  const Task task = Task::load(dir.path() / "add");
  CHECK(task.attribute_types().back() == std::pair<std::string, std::string>{"weights", "list_float"});
  const TestCase& c = task.cases()[0];
  CHECK(std::get<std::string>(c.attributes[3].second) == "mean");
  CHECK(std::get<std::vector<double>>(c.attributes[4].second) == std::vector<double>{2, -1});
  CHECK(std::get<std::vector<double>>(c.attributes[5].second) == std::vector<double>{0.5, 1});

  CHECK(load_error(edited("type: int, default: -1}", "type: list_int, default: [1.5]}"))
            .find("attributes[1].default[0]: expected an integer") != std::string::npos);
  CHECK(load_error(edited("type: int, default: -1}", "type: list_int, default: 3}"))
            .find("attributes[1].default") != std::string::npos);
  CHECK(load_error(edited("type: int, default: -1}", "type: tuple, default: -1}"))
            .find("unknown attribute type 'tuple' (float, int, bool, string, list_int, list_float)") != std::string::npos);
  CHECK(load_error(edited("type: int, default: -1}", "type: string, default: last}"))
            .find("attribute 'axis' is a string or a list, which has no value in an expression") != std::string::npos);
}
