// The only translation unit of libascendgen that includes libtorch (it compiles slowly).
#include "ascendgen/evaluator/reference.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/csrc/jit/serialization/import.h>
#include <torch/jit.h>
#include <torch/version.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>

#include "ascendgen/task/records.h"

namespace ascendgen {
namespace {

// 64-bit FNV-1a over parts separated by a NUL byte, so ("ab", "c") and ("a", "bc") differ.
uint64_t fnv1a(std::initializer_list<std::string_view> parts) {
  uint64_t h = 14695981039346656037ull;
  auto mix = [&h](unsigned char byte) { h = (h ^ byte) * 1099511628211ull; };
  for (const std::string_view* part = parts.begin(); part != parts.end(); ++part) {
    if (part != parts.begin()) mix('\0');
    for (unsigned char c : *part) mix(c);
  }
  return h;
}

// Bump when the way inputs are drawn or the cache file layout changes.
constexpr std::string_view kCacheFormat = "ascendgen-reference 1";

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
    throw ReferenceError(fmt::format("{}: input '{}': cannot read {} bytes from '{}'", context, input.name,
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
  std::vector<c10::IValue> args;
  for (size_t i : task.reference_module()->inputs) args.emplace_back(inputs.at(i).clone());
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

// The reference's arguments: the inputs, then the attributes typed as its signature declares.
std::vector<c10::IValue> reference_arguments(const CompiledReference& reference, const TestCase& test_case,
                                             const std::vector<at::Tensor>& inputs, const std::string& context) {
  const auto& params = reference.function->getSchema().arguments();
  const size_t expected = test_case.inputs.size() + test_case.attributes.size();
  if (params.size() != expected)
    throw ReferenceError(fmt::format("{}: reference takes {} arguments but the task has {} inputs and {} attributes",
                                     context, params.size(), test_case.inputs.size(), test_case.attributes.size()));
  std::vector<c10::IValue> args;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (params[i].type()->kind() != c10::TypeKind::TensorType)
      throw ReferenceError(fmt::format("{}: reference argument '{}' receives input '{}' but is declared {}, not Tensor",
                                       context, params[i].name(), test_case.inputs[i].name, params[i].type()->str()));
    args.emplace_back(inputs[i].clone());  // the reference may write to its arguments
  }
  for (size_t j = 0; j < test_case.attributes.size(); ++j) {
    const auto& param = params[inputs.size() + j];
    const auto& [name, value] = test_case.attributes[j];
    switch (param.type()->kind()) {
      case c10::TypeKind::FloatType: args.emplace_back(value); break;
      case c10::TypeKind::BoolType: args.emplace_back(value != 0); break;
      case c10::TypeKind::IntType:
        if (std::nearbyint(value) != value)
          throw ReferenceError(fmt::format("{}: attribute '{}' = {} is passed to int argument '{}'", context, name,
                                           value, param.name()));
        args.emplace_back(static_cast<int64_t>(value));
        break;
      default:
        throw ReferenceError(fmt::format("{}: reference argument '{}' receives attribute '{}' but is declared {}, "
                                         "not float, int or bool",
                                         context, param.name(), name, param.type()->str()));
    }
  }
  return args;
}

std::vector<at::Tensor> returned_tensors(const c10::IValue& result, const std::string& context) {
  if (result.isTensor()) return {result.toTensor()};
  if (result.isTensorList()) return result.toTensorVector();
  if (result.isTuple()) {
    std::vector<at::Tensor> tensors;
    for (const c10::IValue& element : result.toTupleRef().elements()) {
      if (!element.isTensor())
        throw ReferenceError(fmt::format("{}: reference returned a tuple holding a {}, not only tensors", context,
                                         element.tagKind()));
      tensors.push_back(element.toTensor());
    }
    return tensors;
  }
  throw ReferenceError(fmt::format("{}: reference returned a {}, not a Tensor or a tuple of tensors", context,
                                   result.tagKind()));
}

// --- disk cache: one file per case; any file that does not match the case is recomputed ---

void put_u64(std::string& out, uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }

void put_tensor(std::string& out, const HostTensor& t) {
  put_u64(out, t.name.size());
  out += t.name;
  put_u64(out, static_cast<uint64_t>(t.dtype));
  put_u64(out, t.shape.size());
  for (int64_t d : t.shape) put_u64(out, static_cast<uint64_t>(d));
  put_u64(out, t.data.size());
  out.append(reinterpret_cast<const char*>(t.data.data()), t.data.size());
}

std::string serialise(const CaseData& data) {
  std::string out(kCacheFormat);
  out += '\n';
  for (const auto* tensors : {&data.inputs, &data.expected}) {
    put_u64(out, tensors->size());
    for (const HostTensor& t : *tensors) put_tensor(out, t);
  }
  return out;
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}
  bool u64(uint64_t& v) {
    if (rest_.size() < sizeof v) return false;
    std::memcpy(&v, rest_.data(), sizeof v);
    rest_.remove_prefix(sizeof v);
    return true;
  }
  bool bytes(size_t n, std::string_view& v) {
    if (rest_.size() < n) return false;
    v = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return true;
  }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

// Reads tensors that must match `specs` in count, name, dtype and shape.
bool read_tensors(Reader& in, const std::vector<TensorInstance>& specs, std::vector<HostTensor>& out) {
  uint64_t count;
  if (!in.u64(count) || count != specs.size()) return false;
  for (const TensorInstance& spec : specs) {
    uint64_t name_size, dtype, ndim, data_size;
    std::string_view name, data;
    if (!in.u64(name_size) || !in.bytes(name_size, name) || name != spec.name) return false;
    if (!in.u64(dtype) || dtype != static_cast<uint64_t>(spec.dtype)) return false;
    if (!in.u64(ndim) || ndim != spec.shape.size()) return false;
    for (int64_t d : spec.shape) {
      uint64_t dim;
      if (!in.u64(dim) || dim != static_cast<uint64_t>(d)) return false;
    }
    if (!in.u64(data_size) || data_size != spec.bytes() || !in.bytes(data_size, data)) return false;
    out.push_back({spec.name, spec.dtype, spec.shape, std::vector<uint8_t>(data.begin(), data.end())});
  }
  return true;
}

std::optional<CaseData> load_cached(const std::filesystem::path& path, const TestCase& test_case) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  std::stringstream buffer;
  buffer << file.rdbuf();
  const std::string bytes = buffer.str();
  const std::string header = std::string(kCacheFormat) + '\n';
  if (!bytes.starts_with(header)) return std::nullopt;
  Reader in(std::string_view(bytes).substr(header.size()));
  CaseData data;
  if (!read_tensors(in, test_case.inputs, data.inputs) || !read_tensors(in, test_case.outputs, data.expected) ||
      !in.done())
    return std::nullopt;
  return data;
}

// A file named by the task (recorded data, a reference module), identified by size and mtime.
std::string file_identity(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  const auto mtime = std::filesystem::last_write_time(path, error).time_since_epoch().count();
  return fmt::format("{} {} {}", path.string(), error ? 0 : size, error ? 0 : mtime);
}

// Everything a case's inputs and expected outputs depend on, hashed: editing any of it in
// task.yaml (or a file it names) gives a new key, while edits elsewhere (description,
// tolerance) keep the cache.
uint64_t case_key(const Task& task, const TestCase& test_case) {
  std::string text = fmt::format("{}\ntorch {}\ntask {}\ncase {}\n", kCacheFormat, TORCH_VERSION, task.name(),
                                 test_case.id);
  for (const TensorInstance& t : test_case.inputs)
    text += fmt::format("input {} {} [{}] {} {:a} {:a}\n", t.name, dtype_name(t.dtype), fmt::join(t.shape, ","),
                        t.distribution.kind, t.distribution.a, t.distribution.b) +
            (t.data.empty() ? "" : fmt::format("data {}\n", file_identity(t.data)));
  if (const auto& module = task.reference_module())
    text += fmt::format("module {}\n", file_identity(module->path_for(task.dir(), test_case.id)));
  for (const TensorInstance& t : test_case.outputs)
    text += fmt::format("output {} {} [{}]\n", t.name, dtype_name(t.dtype), fmt::join(t.shape, ","));
  for (const auto& [name, value] : test_case.attributes) text += fmt::format("attribute {} {:a}\n", name, value);
  return fnv1a({text, task.reference_source()});
}

}  // namespace

uint64_t input_seed(std::string_view task, std::string_view case_id, size_t input_index) {
  return fnv1a({task, case_id, std::to_string(input_index)});
}

struct ReferenceRunner::Impl {
  std::filesystem::path cache_dir;
  std::mutex mutex;
  std::map<uint64_t, CompiledReference> compiled;  // by hash of the TorchScript source
  std::map<uint64_t, CaseData> cases;              // by case_key

  // `reference` is null when the task's reference is a saved module.
  CaseData compute(const Task& task, const TestCase& test_case, const CompiledReference* reference,
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
                                         context, i, fmt::join(outputs[i].sizes(), ", "), spec.name,
                                         fmt::join(spec.shape, ", ")));
      data.expected.push_back(to_host(spec, outputs[i]));
    }
    return data;
  }
};

ReferenceRunner::ReferenceRunner(std::filesystem::path cache_dir) : impl_(std::make_unique<Impl>()) {
  impl_->cache_dir = std::move(cache_dir);
}
ReferenceRunner::~ReferenceRunner() = default;

const CaseData& ReferenceRunner::materialise(const Task& task, const TestCase& test_case) {
  const std::string task_context = fmt::format("task '{}' ({})", task.name(), (task.dir() / "task.yaml").string());
  const std::string context = fmt::format("{} case '{}'", task_context, test_case.id);
  const uint64_t key = case_key(task, test_case);

  std::lock_guard lock(impl_->mutex);
  if (auto it = impl_->cases.find(key); it != impl_->cases.end()) return it->second;

  const std::filesystem::path cache_file =
      impl_->cache_dir.empty() ? std::filesystem::path() : impl_->cache_dir / fmt::format("{:016x}.ref", key);
  if (!cache_file.empty())
    if (std::optional<CaseData> cached = load_cached(cache_file, test_case))
      return impl_->cases.emplace(key, std::move(*cached)).first->second;

  const CompiledReference* reference = nullptr;
  if (!task.reference_module()) {
    const uint64_t source_key = fnv1a({task.reference_source()});
    auto compiled = impl_->compiled.find(source_key);
    if (compiled == impl_->compiled.end())
      compiled = impl_->compiled.emplace(source_key, compile_reference(task, task_context)).first;
    reference = &compiled->second;
  }
  CaseData data = impl_->compute(task, test_case, reference, context);
  if (!cache_file.empty()) {
    std::filesystem::create_directories(impl_->cache_dir);
    write_file_atomic(cache_file, serialise(data));
  }
  return impl_->cases.emplace(key, std::move(data)).first->second;
}

}  // namespace ascendgen
