// ReferenceRunner without libtorch: the case cache (in memory and on disk) and its keys. Cases
// not cached are computed by the libtorch engine (reference_engine.h), loaded on first use.
#include "ascendgen/evaluator/reference.h"

#include <dlfcn.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "../core/library_dir.h"
#include "ascendgen/task/records.h"
#include "reference_engine.h"

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
  std::string text = fmt::format("{}\ntorch {}\ntask {}\ncase {}\n", kCacheFormat, ASCENDGEN_TORCH_VERSION, task.name(),
                                 test_case.id);
  for (const TensorInstance& t : test_case.inputs)
    text += fmt::format("input {} {} [{}] {} {:a} {:a}\n", t.label(), dtype_name(t.dtype), fmt::join(t.shape, ","),
                        t.distribution.kind, t.distribution.a, t.distribution.b) +
            (t.data.empty() ? "" : fmt::format("data {}\n", file_identity(t.data)));
  if (const auto& module = task.reference_module())
    text += fmt::format("module {}\n", file_identity(module->path_for(task.dir(), test_case.id)));
  for (const TensorInstance& t : test_case.outputs)
    text += fmt::format("output {} {} [{}]\n", t.label(), dtype_name(t.dtype), fmt::join(t.shape, ","));
  for (const auto& [name, value] : test_case.attributes) text += fmt::format("attribute {} {}\n", name, value);  // shortest round-trip text
  return fnv1a({text, task.reference_source()});
}

}  // namespace

uint64_t input_seed(std::string_view task, std::string_view case_id, size_t input_index) {
  return fnv1a({task, case_id, std::to_string(input_index)});
}

namespace detail {
ReferenceEngine& reference_engine() {
  // Loaded once and never unloaded: its TorchScript functions live as long as the process.
  static ReferenceEngine* const engine = [] {
    const std::filesystem::path dir = library_dir();
    const std::string path = (dir.empty() ? std::filesystem::path(kReferenceEngineLibrary)
                                          : dir / kReferenceEngineLibrary).string();
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
      throw ReferenceError(fmt::format("cannot load the libtorch reference engine {}: {}", path, dlerror()));
    const auto make = reinterpret_cast<MakeReferenceEngine>(dlsym(handle, kMakeReferenceEngine));
    if (!make) throw ReferenceError(fmt::format("{} does not define {}", path, kMakeReferenceEngine));
    return make();
  }();
  return *engine;
}
}  // namespace detail

struct ReferenceRunner::Impl {
  std::filesystem::path cache_dir;
  std::mutex mutex;
  std::map<uint64_t, CaseData> cases;  // by case_key
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

  CaseData data = detail::reference_engine().compute(task, test_case, task_context, context);
  if (!cache_file.empty()) {
    std::filesystem::create_directories(impl_->cache_dir);
    write_file_atomic(cache_file, serialise(data));
  }
  return impl_->cases.emplace(key, std::move(data)).first->second;
}

}  // namespace ascendgen
