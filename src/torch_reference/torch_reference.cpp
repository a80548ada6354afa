// libascendgen_torch.so: the only translation unit that includes libtorch (it compiles slowly,
// and its start-up is slow): draws the inputs, runs the TorchScript reference or saved module, and
// checks what it returns. libascendgen loads it on first use (reference_engine.h).
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/csrc/jit/serialization/import.h>
#include <torch/jit.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "reference_engine.h"

namespace ascendgen {
namespace {

at::ScalarType scalar_type(DType dtype) {
  switch (dtype) {
    case DType::Float16: return at::kHalf;
    case DType::BFloat16: return at::kBFloat16;
    case DType::Float32: return at::kFloat;
    case DType::Int8: return at::kChar;
    case DType::UInt8: return at::kByte;
    case DType::Int16: return at::kShort;
    case DType::Int32: return at::kInt;
    case DType::Int64: return at::kLong;
    case DType::Bool: return at::kBool;
    case DType::Float64: return at::kDouble;
    case DType::Complex64: return at::kComplexFloat;
  }
  throw std::logic_error("scalar_type: unknown DType");
}

// c10::Error's what() carries a C++ backtrace that means nothing to a task author.
std::string describe(const std::exception& e) {
  if (const auto* c10_error = dynamic_cast<const c10::Error*>(&e)) return c10_error->what_without_backtrace();
  return e.what();
}

// Draws in float64 (docs/tasks.md) and rounds to the input's dtype.
at::Tensor draw(const TensorInstance& input, uint64_t seed, const std::string& context) {
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  const auto f64 = at::TensorOptions().dtype(at::kDouble);
  const at::IntArrayRef shape(input.shape);
  const Distribution& d = input.distribution;
  at::Tensor values;
  if (d.kind == "uniform")
    values = at::empty(shape, f64).uniform_(d.a, d.b, gen);
  else if (d.kind == "normal")
    values = at::empty(shape, f64).normal_(d.a, d.b, gen);
  else if (d.kind == "randint")
    values = at::randint(static_cast<int64_t>(d.a), static_cast<int64_t>(d.b), shape, gen, f64);
  else if (d.kind == "bernoulli")
    values = at::empty(shape, f64).bernoulli_(d.a, gen);
  else if (d.kind == "arange")
    values = (at::arange(input.numel(), f64) * d.b + d.a).reshape(shape);
  else if (d.kind == "constant")
    values = at::full(shape, d.a, f64);
  else if (d.kind == "special") {
    // u < p/3: NaN, p/3 <= u < 2p/3: +inf, 2p/3 <= u < p: -inf; each fill overwrites the wider one before it.
    values = at::empty(shape, f64).normal_(0, 1, gen);
    const at::Tensor u = at::empty(shape, f64).uniform_(0, 1, gen);
    values.masked_fill_(u < d.a, -std::numeric_limits<double>::infinity());
    values.masked_fill_(u < d.a * 2 / 3, std::numeric_limits<double>::infinity());
    values.masked_fill_(u < d.a / 3, std::numeric_limits<double>::quiet_NaN());
  }
  else
    throw ReferenceError(fmt::format("{}: input '{}' has unknown distribution '{}'", context, input.name, d.kind));
  return values.to(scalar_type(input.dtype));
}

// Recorded values (docs/tasks.md, `data`): the file's bytes are the tensor's elements.
at::Tensor load_recorded(const TensorInstance& input, const std::string& context) {
  std::ifstream file(input.data, std::ios::binary);
  std::vector<char> bytes(input.bytes());
  if (!file.read(bytes.data(), static_cast<std::streamsize>(bytes.size())) || file.peek() != EOF)
    throw ReferenceError(fmt::format("{}: input '{}': cannot read {} bytes from '{}'", context, input.label(),
                                     input.bytes(), input.data.string()));
  return at::from_blob(bytes.data(), at::IntArrayRef(input.shape), at::TensorOptions().dtype(scalar_type(input.dtype)))
      .clone();
}

HostTensor to_host(const TensorInstance& spec, const at::Tensor& t) {
  const at::Tensor dense = t.to(scalar_type(spec.dtype)).contiguous();
  HostTensor host{spec.name, spec.dtype, spec.shape, std::vector<uint8_t>(dense.nbytes())};
  std::memcpy(host.data.data(), dense.data_ptr(), dense.nbytes());
  return host;
}

// The compiled TorchScript of one task version.
struct CompiledReference {
  std::shared_ptr<torch::jit::CompilationUnit> unit;
  torch::jit::Function* function = nullptr;
};

// The argument for one declared input: its tensor, or a list of its elements' tensors (cloned: the
// reference may write to its arguments).
c10::IValue argument(const TensorGroup& group, const std::vector<at::Tensor>& inputs) {
  if (!group.list) return inputs.at(group.instances.front()).clone();
  c10::List<at::Tensor> list;
  for (size_t i : group.instances) list.push_back(inputs.at(i).clone());
  return list;
}

// A case's saved module (Task::reference_module) called on its inputs.
c10::IValue run_module(const Task& task, const TestCase& test_case, const std::vector<at::Tensor>& inputs,
                       const std::string& context) {
  const std::filesystem::path path = task.reference_module()->path_for(task.dir(), test_case.id);
  torch::jit::Module module;
  try {
    module = torch::jit::load(path.string());
  } catch (const std::exception& e) {
    throw ReferenceError(fmt::format("{}: reference module '{}' cannot be loaded: {}", context, path.string(), describe(e)));
  }
  module.eval();
  const std::vector<TensorGroup> groups = group_tensors(test_case.inputs);
  std::vector<c10::IValue> args;
  for (size_t i : task.reference_module()->inputs) args.push_back(argument(groups.at(i), inputs));
  try {
    return module.forward(std::move(args));
  } catch (const std::exception& e) {
    throw ReferenceError(fmt::format("{}: reference module '{}' failed: {}", context, path.string(), describe(e)));
  }
}

CompiledReference compile_reference(const Task& task, const std::string& context) {
  CompiledReference compiled;
  try {
    compiled.unit = torch::jit::compile(task.reference_source());
  } catch (const std::exception& e) {
    throw ReferenceError(fmt::format("{}: field 'reference' does not compile as TorchScript: {}", context, describe(e)));
  }
  compiled.function = compiled.unit->find_function("reference");
  if (!compiled.function)
    throw ReferenceError(fmt::format("{}: field 'reference' defines no function named 'reference'", context));
  return compiled;
}

bool is_integer(double v) { return std::nearbyint(v) == v; }

// An attribute as an argument of `type`, or nullopt when the types do not fit (an int argument
// takes whole numbers only).
std::optional<c10::IValue> attribute_argument(const c10::Type& type, const AttributeValue& value) {
  if (const double* number = std::get_if<double>(&value)) {
    switch (type.kind()) {
      case c10::TypeKind::FloatType: return c10::IValue(*number);
      case c10::TypeKind::BoolType: return c10::IValue(*number != 0);
      case c10::TypeKind::IntType:
        if (is_integer(*number)) return c10::IValue(static_cast<int64_t>(*number));
        return std::nullopt;
      default: return std::nullopt;
    }
  }
  if (const std::string* text = std::get_if<std::string>(&value))
    return type.kind() == c10::TypeKind::StringType ? std::optional<c10::IValue>(c10::IValue(*text)) : std::nullopt;
  const auto& list = std::get<std::vector<double>>(value);
  if (type.kind() != c10::TypeKind::ListType) return std::nullopt;
  const c10::TypeKind element = type.containedType(0)->kind();
  if (element == c10::TypeKind::FloatType) return c10::IValue(std::vector<double>(list));
  if (element != c10::TypeKind::IntType || !std::all_of(list.begin(), list.end(), is_integer)) return std::nullopt;
  return c10::IValue(std::vector<int64_t>(list.begin(), list.end()));
}

// The reference's arguments: the inputs, then the attributes typed as its signature declares.
std::vector<c10::IValue> reference_arguments(const CompiledReference& reference, const TestCase& test_case,
                                             const std::vector<at::Tensor>& inputs, const std::string& context) {
  const auto& params = reference.function->getSchema().arguments();
  const std::vector<TensorGroup> groups = group_tensors(test_case.inputs);
  const size_t expected = groups.size() + test_case.attributes.size();
  if (params.size() != expected)
    throw ReferenceError(fmt::format("{}: reference takes {} arguments but the task has {} inputs and {} attributes",
                                     context, params.size(), groups.size(), test_case.attributes.size()));
  std::vector<c10::IValue> args;
  for (size_t i = 0; i < groups.size(); ++i) {
    const c10::TypePtr& declared = params[i].type();
    const bool ok = groups[i].list ? declared->isSubtypeOf(*c10::ListType::ofTensors())
                                   : declared->kind() == c10::TypeKind::TensorType;
    if (!ok)
      throw ReferenceError(fmt::format("{}: reference argument '{}' receives input '{}' but is declared {}, not {}", context,
                                       params[i].name(), groups[i].name, declared->str(),
                                       groups[i].list ? "List[Tensor]" : "Tensor"));
    args.push_back(argument(groups[i], inputs));
  }
  for (size_t j = 0; j < test_case.attributes.size(); ++j) {
    const auto& param = params[groups.size() + j];
    const auto& [name, value] = test_case.attributes[j];
    std::optional<c10::IValue> argument = attribute_argument(*param.type(), value);
    if (!argument)
      throw ReferenceError(fmt::format("{}: attribute '{}' = {} is passed to {} argument '{}' (float, int and bool "
                                       "take numbers, str a string, List[int] and List[float] lists)",
                                       context, name, value, param.type()->str(), param.name()));
    args.push_back(std::move(*argument));
  }
  return args;
}

std::vector<at::Tensor> returned_tensors(const c10::IValue& result, const std::string& context) {
  if (result.isTensor()) return {result.toTensor()};
  if (result.isTensorList()) return result.toTensorVector();
  if (result.isTuple()) {
    std::vector<at::Tensor> tensors;
    for (const c10::IValue& element : result.toTupleRef().elements()) {
      if (element.isTensorList()) {  // a tensor-list output: its elements in order
        for (const at::Tensor& t : element.toTensorVector()) tensors.push_back(t);
        continue;
      }
      if (!element.isTensor())
        throw ReferenceError(fmt::format("{}: reference returned a tuple holding a {}, not only tensors and lists of tensors",
                                         context, element.tagKind()));
      tensors.push_back(element.toTensor());
    }
    return tensors;
  }
  throw ReferenceError(fmt::format("{}: reference returned a {}, not a Tensor or a tuple of tensors", context,
                                   result.tagKind()));
}

class TorchReferenceEngine final : public detail::ReferenceEngine {
 public:
  CaseData compute(const Task& task, const TestCase& test_case, const std::string& task_context,
                   const std::string& context) override {
    std::lock_guard lock(mutex_);
    const CompiledReference* reference = nullptr;
    if (!task.reference_module()) {
      auto compiled = compiled_.find(task.reference_source());
      if (compiled == compiled_.end())
        compiled = compiled_.emplace(task.reference_source(), compile_reference(task, task_context)).first;
      reference = &compiled->second;
    }
    return run(task, test_case, reference, context);
  }

 private:
  // `reference` is null when the task's reference is a saved module.
  CaseData run(const Task& task, const TestCase& test_case, const CompiledReference* reference,
              const std::string& context) {
    c10::InferenceMode inference;
    CaseData data;
    std::vector<at::Tensor> inputs;
    for (size_t i = 0; i < test_case.inputs.size(); ++i) {
      const TensorInstance& spec = test_case.inputs[i];
      inputs.push_back(spec.data.empty() ? draw(spec, input_seed(task.name(), test_case.id, i), context)
                                         : load_recorded(spec, context));
      data.inputs.push_back(to_host(spec, inputs.back()));
    }
    c10::IValue result;
    // A reference runs once per case: profiling and re-optimising its graph costs more than it saves.
    torch::jit::GraphOptimizerEnabledGuard unoptimised(false);
    if (!reference) {
      result = run_module(task, test_case, inputs, context);
    } else {
      std::vector<c10::IValue> args = reference_arguments(*reference, test_case, inputs, context);
      try {
        result = (*reference->function)(std::move(args));
      } catch (const std::exception& e) {
        throw ReferenceError(fmt::format("{}: reference failed: {}", context, describe(e)));
      }
    }
    const std::vector<at::Tensor> outputs = returned_tensors(result, context);
    if (outputs.size() != test_case.outputs.size())
      throw ReferenceError(fmt::format("{}: reference returned {} tensors but the task declares {} outputs", context,
                                       outputs.size(), test_case.outputs.size()));
    for (size_t i = 0; i < outputs.size(); ++i) {
      const TensorInstance& spec = test_case.outputs[i];
      if (outputs[i].sizes().vec() != spec.shape)
        throw ReferenceError(fmt::format("{}: reference output {} has shape [{}] but output '{}' is declared [{}]",
                                         context, i, fmt::join(outputs[i].sizes(), ", "), spec.label(),
                                         fmt::join(spec.shape, ", ")));
      data.expected.push_back(to_host(spec, outputs[i]));
    }
    return data;
  }

  std::mutex mutex_;
  std::map<std::string, CompiledReference> compiled_;  // by TorchScript source
};

}  // namespace
}  // namespace ascendgen

extern "C" ascendgen::detail::ReferenceEngine* ascendgen_make_reference_engine() {
  return new ascendgen::TorchReferenceEngine();
}
