// Task: one benchmark operator loaded from a task directory (docs/tasks.md): its description, the
// kernel signature a candidate implements, the TorchScript reference and the table of test cases,
// each resolved to concrete tensors, attributes, tiling fields and DTYPE_ macros.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ascendgen/core/dtype.h"
#include "ascendgen/task/attribute.h"
#include "ascendgen/sim/launcher.h"

namespace ascendgen {

// A malformed task: what() reads "FILE:LINE: FIELD: problem" (":LINE" when the line is known).
class TaskError : public std::runtime_error {
 public:
  TaskError(std::filesystem::path file, int line, std::string field, const std::string& problem);
  const std::filesystem::path& file() const { return file_; }
  int line() const { return line_; }                    // 1-based; 0 when unknown
  const std::string& field() const { return field_; }   // e.g. "inputs[1].dtype", "cases[2].shape"

 private:
  std::filesystem::path file_;
  int line_;
  std::string field_;
};

// How an input's values are drawn. Parameters by kind: uniform(a = low, b = high),
// normal(a = mean, b = std), randint(a = low, b = high, high exclusive), bernoulli(a = p),
// arange(a = start, b = step), constant(a = value), special(a = p: NaN, +inf, -inf with p/3 each,
// else normal(0, 1); floating dtypes only).
struct Distribution {
  std::string kind = "uniform";
  double a = -1, b = 1;
};

// One input or output tensor of a test case, fully resolved.
struct TensorInstance {
  std::string name;
  DType dtype = DType::Float32;
  std::vector<int64_t> shape;      // [] is a scalar (one element)
  Distribution distribution;       // inputs only; outputs keep the default
  // Inputs only: a file of recorded values (raw little-endian elements of dtype and shape, e.g.
  // an imported benchmark's input generator output) used instead of `distribution`; empty: drawn.
  std::filesystem::path data;
  // An element of a tensor list (a dynamic input or output: `list: true`): its index in the list;
  // -1 for a plain tensor. A list's elements share its name and follow each other in the case.
  int list_index = -1;
  // Outputs only: the input this output updates in place (task.yaml `inplace`; CANN's ref output,
  // placed in the input's memory): the kernel's parameter for it, if any, gets the input's GM
  // address and the result is read back from the input's buffer. Empty: an output of its own.
  std::string inplace;
  int64_t numel() const;
  std::string label() const;       // "x" for a plain tensor, "x[1]" for element 1 of list x
  std::size_t bytes() const;       // numel() * dtype_size(dtype)
};

// The instances of one declared input or output in a case: a plain tensor's one, or a list's
// elements in order (at least one).
struct TensorGroup {
  std::string name;
  bool list = false;
  std::vector<size_t> instances;   // indices into TestCase::inputs or outputs
};
// `tensors` (a case's inputs or outputs) grouped by declared tensor, in declaration order.
std::vector<TensorGroup> group_tensors(const std::vector<TensorInstance>& tensors);
// A declared tensor's shapes as text, each written by `shape_text`: a plain tensor's one shape, a
// list's "list of 2: [3], [5]" (prompts and `tasks show`).
std::string group_shapes_text(const TensorGroup& group, const std::vector<TensorInstance>& tensors,
                              std::string (*shape_text)(const std::vector<int64_t>&));

// Element check for floating outputs: fails when |out - ref| > atol AND
// |out - ref| / (|ref| + 1e-7) > rtol. Integer and bool outputs use {0, 0} (exact).
struct Tolerance {
  double atol = 1e-3, rtol = 1e-3;
};

// One row of the case table, fully resolved.
struct TestCase {
  std::string id;
  std::vector<TensorInstance> inputs, outputs;                     // in task order
  std::vector<std::pair<std::string, AttributeValue>> attributes;  // in task order (bool/int as double)
  std::vector<int64_t> tiling;          // the int64 fields of the tiling buffer, in order; a float
                                        // attribute is its float32 bits in the low 4 bytes
  uint64_t workspace_bytes = 0;
  std::vector<std::pair<std::string, std::string>> dtype_macros;  // {"DTYPE_X", "half"}, inputs then outputs
};

// What a candidate is (kernel.form): one kernel source whose tiling the task computes, or a full
// operator (op_host/<op>.cpp with its OpDef and TilingFunc, op_host/<op>_tiling.h, op_kernel/<op>.cpp)
// whose host tiling function decides the tiling, block dim and workspace (docs/operators.md).
enum class KernelForm { Kernel, Operator };

// The extern "C" entry point a candidate defines.
struct KernelSignature {
  std::string entry;                // a C identifier
  std::vector<std::string> params;  // GM_ADDR parameters in order: input/output names, "workspace", "tiling"
  // kernel.core_type: vector (default: block_dim AIVs), cube (AICs) or mix (groups of 1 AIC + 2 AIV).
  sim::CoreType core_type = sim::CoreType::Vector;
  int block_dim = 0;                // cores to launch; 0 = all vector cores of the SoC (kernel form)
  KernelForm form = KernelForm::Kernel;
  std::string op;                   // operator form: the OpDef class name (the operator type)
};

// A reference given as TorchScript modules saved by torch.jit.save, one per case (an imported
// benchmark's PyTorch model with that case's constructor arguments baked in). Its forward takes
// the inputs listed in `inputs` (indices into the task's inputs), in that order, and no attributes.
struct ReferenceModule {
  std::string path;             // relative to the task directory; "{case}" stands for the case id
  std::vector<size_t> inputs;
  std::filesystem::path path_for(const std::filesystem::path& task_dir, std::string_view case_id) const;
};

class Task {
 public:
  // Reads dir/task.yaml and validates every field; throws TaskError naming the file, line and field.
  static Task load(const std::filesystem::path& dir);

  const std::string& name() const { return name_; }
  int level() const { return level_; }                          // 1..3
  const std::string& category() const { return category_; }
  const std::string& description() const { return description_; }
  const KernelSignature& kernel() const { return kernel_; }
  const std::string& reference_source() const { return reference_; }  // TorchScript defining `reference`; empty
                                                                       // when the reference is a module
  const std::optional<ReferenceModule>& reference_module() const { return reference_module_; }
  const std::vector<TestCase>& cases() const { return cases_; }
  // Each attribute's name and type ("float", "int", "bool", "string", "list_int" or "list_float"), in task order.
  const std::vector<std::pair<std::string, std::string>>& attribute_types() const { return attribute_types_; }
  // The case with this id; throws std::out_of_range naming the task and the id.
  const TestCase& find_case(std::string_view id) const;
  // The tolerance for an output of this dtype: per_dtype override, else the task's, else the
  // default; {0, 0} for integer and bool dtypes.
  Tolerance tolerance_for(DType output_dtype) const;
  // Absolute; an operator-form task's may be a directory of op_host/ and op_kernel/ files
  // (read_candidate_source in task/operator_source.h reads either).
  const std::optional<std::filesystem::path>& solution_path() const { return solution_; }  // absolute
  const std::optional<std::filesystem::path>& baseline_path() const { return baseline_; }  // absolute
  const std::filesystem::path& dir() const { return dir_; }

 private:
  friend class TaskLoader;
  std::filesystem::path dir_;
  std::string name_;
  int level_ = 1;
  std::string category_, description_;
  KernelSignature kernel_;
  std::string reference_;
  std::optional<ReferenceModule> reference_module_;
  std::vector<TestCase> cases_;
  std::vector<std::pair<std::string, std::string>> attribute_types_;
  Tolerance tolerance_;
  std::vector<std::pair<DType, Tolerance>> per_dtype_tolerance_;
  std::optional<std::filesystem::path> solution_, baseline_;
};

}  // namespace ascendgen
