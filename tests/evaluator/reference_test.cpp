#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ascendgen/ascendc/kernel/types.h"  // half/bf16 conversions for the scalar references
#include "ascendgen/evaluator/compare.h"
#include "ascendgen/evaluator/reference.h"

using namespace ascendgen;
namespace fs = std::filesystem;
namespace abi = ascendgen::sim::abi;

namespace {

// A scratch directory of task folders, removed afterwards.
struct Scratch {
  fs::path root = fs::temp_directory_path() / ("ascendgen-reference-test-" + std::to_string(::getpid()));
  Scratch() {
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~Scratch() { fs::remove_all(root); }

  // Writes root/name/task.yaml with the common header and `body`; loads it.
  Task task(const std::string& name, const std::string& body) const {
    fs::create_directories(root / name);
    std::ofstream(root / name / "task.yaml")
        << "name: " << name << "\nlevel: 1\ncategory: test\ndescription: a task written by the test\n"
        << body;
    return Task::load(root / name);
  }
};

const char* const kAdd = R"(
kernel: {entry: add_custom, params: [x, y, z]}
inputs:
  - {name: x, dtype: $dtype, shape: $shape, distribution: {kind: uniform, low: -1.0, high: 1.0}}
  - {name: y, dtype: $dtype, shape: $shape, distribution: {kind: normal, mean: 0.0, std: 1.0}}
attributes:
  - {name: alpha, type: float, default: 1.0}
outputs:
  - {name: z, dtype: $dtype, shape: $shape}
reference: |
  def reference(x: Tensor, y: Tensor, alpha: float) -> Tensor:
      return x + alpha * y
cases:
  - {id: small_fp16, shape: [1024], dtype: float16}
  - {id: tail_fp32, shape: [4, 33], dtype: float32, alpha: 0.5}
  - {id: other_fp32, shape: [4, 33], dtype: float32, alpha: 0.5}
  - {id: small_bf16, shape: [64], dtype: bfloat16, alpha: -2.0}
)";

// Per-row sum (scaled, shifted, maybe negated) in fp16, per-row max and the total: a tuple of
// reductions with float, int and bool attributes.
const char* const kRowStats = R"(
kernel: {entry: row_stats, params: [x, sums, peaks, total]}
inputs:
  - {name: x, dtype: float32, shape: $shape, distribution: {kind: normal, mean: 1.0, std: 2.0}}
attributes:
  - {name: scale, type: float, default: 1.0}
  - {name: shift, type: int, default: 0}
  - {name: negate, type: bool, default: false}
outputs:
  - {name: sums, dtype: float16, shape: $shape}
  - {name: peaks, dtype: float32, shape: $shape}
  - {name: total, dtype: float32, shape: []}
reference: |
  def reference(x: Tensor, scale: float, shift: int, negate: bool):
      s = x.sum(dim=1) * scale + shift
      if negate:
          s = -s
      return s, x.amax(dim=1), x.sum()
cases:
  - {id: r8, shape: [8, 100], shapes: {sums: [8], peaks: [8]}, scale: 0.5, shift: 3, negate: true}
  - {id: r3, shape: [3, 7], shapes: {sums: [3], peaks: [3]}}
)";

// Integer, bool, arange and constant inputs; bool and int32 outputs.
const char* const kMasks = R"(
kernel: {entry: masks, params: [a, b, c, m, keep, next]}
inputs:
  - {name: a, dtype: int32, shape: [256], distribution: {kind: randint, low: -5, high: 5}}
  - {name: b, dtype: float32, shape: [256], distribution: {kind: arange, start: 2.0, step: 0.5}}
  - {name: c, dtype: float16, shape: [256], distribution: {kind: constant, value: 3.0}}
  - {name: m, dtype: bool, shape: [256], distribution: {kind: bernoulli, p: 0.25}}
outputs:
  - {name: keep, dtype: bool, shape: [256]}
  - {name: next, dtype: int32, shape: [256]}
reference: |
  def reference(a: Tensor, b: Tensor, c: Tensor, m: Tensor):
      return (a > 0) & m, a + 1
cases:
  - {id: only}
)";

// NaN, +inf and -inf among normal values in each floating dtype; the reference sees them as drawn.
const char* const kSpecial = R"(
kernel: {entry: isnan_custom, params: [x, y]}
inputs:
  - {name: x, dtype: $dtype, shape: [3000], distribution: {kind: special, p: 0.3}}
outputs:
  - {name: y, dtype: bool, shape: [3000]}
reference: |
  def reference(x: Tensor) -> Tensor:
      return torch.isnan(x)
cases:
  - {id: fp32, dtype: float32}
  - {id: fp16, dtype: float16}
  - {id: bf16, dtype: bfloat16}
)";

template <typename T>
std::vector<T> values_of(const HostTensor& t) {
  std::vector<T> v(t.data.size() / sizeof(T));
  std::memcpy(v.data(), t.data.data(), t.data.size());
  return v;
}

// The elements of a floating tensor as doubles.
std::vector<double> decoded(const HostTensor& t) {
  std::vector<double> out;
  if (t.dtype == DType::Float32)
    for (float f : values_of<float>(t)) out.push_back(f);
  else
    for (uint16_t b : values_of<uint16_t>(t))
      out.push_back(t.dtype == DType::Float16 ? abi::half_to_float(b) : abi::bf16_to_float(b));
  return out;
}

HostTensor encoded(const std::string& name, DType dtype, std::vector<int64_t> shape, const std::vector<float>& v) {
  HostTensor t{name, dtype, std::move(shape), {}};
  if (dtype == DType::Float32) {
    t.data.resize(v.size() * 4);
    std::memcpy(t.data.data(), v.data(), t.data.size());
    return t;
  }
  std::vector<uint16_t> bits;
  for (float f : v) bits.push_back(dtype == DType::Float16 ? abi::half_from_float(f) : abi::bf16_from_float(f));
  t.data.resize(bits.size() * 2);
  std::memcpy(t.data.data(), bits.data(), t.data.size());
  return t;
}

}  // namespace

TEST_CASE("input seeds are FNV-1a over task, case and index, stable across builds") {
  CHECK(input_seed("add", "tail_fp32", 0) == 0xab4295c120518db8ull);
  CHECK(input_seed("add", "tail_fp32", 1) == 0xab4296c120518f6bull);
  CHECK(input_seed("ad", "dtail_fp32", 0) != input_seed("add", "tail_fp32", 0));
}

TEST_CASE("reference: elementwise add with a float attribute, in fp16, fp32 and bf16") {
  Scratch scratch;
  const Task task = scratch.task("add", kAdd);
  ReferenceRunner runner;
  for (const TestCase& c : task.cases()) {
    CAPTURE(c.id);
    const CaseData& data = runner.materialise(task, c);
    REQUIRE(data.inputs.size() == 2);
    REQUIRE(data.expected.size() == 1);
    const HostTensor &x = data.inputs[0], &y = data.inputs[1], &z = data.expected[0];
    CHECK(x.name == "x");
    CHECK(z.name == "z");
    CHECK(x.dtype == c.inputs[0].dtype);
    CHECK(z.dtype == c.outputs[0].dtype);
    CHECK(x.shape == c.inputs[0].shape);
    CHECK(z.shape == c.outputs[0].shape);
    CHECK(z.data.size() == c.outputs[0].bytes());

    // The distributions: x uniform in [-1, 1], y standard normal.
    const std::vector<double> xs = decoded(x), ys = decoded(y);
    double mean = 0, square = 0;
    for (double v : xs) CHECK((v >= -1.0 && v <= 1.0));
    for (double v : ys) mean += v / ys.size(), square += v * v / ys.size();
    if (ys.size() >= 1024) {
      CHECK(std::abs(mean) < 0.15);
      CHECK(std::sqrt(square - mean * mean) == doctest::Approx(1.0).epsilon(0.15));
    }

    // The same sum computed here, rounded to the dtype once per operation as torch does.
    const float alpha = static_cast<float>(std::get<double>(c.attributes.at(0).second));
    const auto round = [&](float v) {
      return static_cast<float>(decoded(encoded("r", z.dtype, {1}, {v}))[0]);
    };
    std::vector<float> expect;
    for (size_t i = 0; i < xs.size(); ++i)
      expect.push_back(round(static_cast<float>(xs[i]) + round(alpha * static_cast<float>(ys[i]))));
    const Comparison cmp = compare(z, encoded("z", z.dtype, z.shape, expect), Tolerance{0, 0});
    CHECK(cmp.passed);
    CHECK(cmp.elements == c.outputs[0].numel());
  }
}

TEST_CASE("reference: a tuple of reductions with float, int and bool attributes") {
  Scratch scratch;
  const Task task = scratch.task("row_stats", kRowStats);
  ReferenceRunner runner;
  for (const TestCase& c : task.cases()) {
    CAPTURE(c.id);
    const CaseData& data = runner.materialise(task, c);
    REQUIRE(data.expected.size() == 3);
    const HostTensor &sums = data.expected[0], &peaks = data.expected[1], &total = data.expected[2];
    CHECK(sums.dtype == DType::Float16);
    CHECK(total.shape.empty());
    const int64_t rows = data.inputs[0].shape[0], cols = data.inputs[0].shape[1];
    const double scale = std::get<double>(c.attributes[0].second), shift = std::get<double>(c.attributes[1].second);
    const bool negate = std::get<double>(c.attributes[2].second) != 0;
    const std::vector<double> x = decoded(data.inputs[0]);
    std::vector<float> want_sums, want_peaks;
    double all = 0;
    for (int64_t r = 0; r < rows; ++r) {
      double s = 0, peak = -INFINITY;
      for (int64_t k = 0; k < cols; ++k) s += x[r * cols + k], peak = std::max(peak, x[r * cols + k]);
      all += s;
      want_sums.push_back(static_cast<float>((negate ? -1 : 1) * (s * scale + shift)));
      want_peaks.push_back(static_cast<float>(peak));
    }
    CHECK(compare(sums, encoded("sums", DType::Float16, {rows}, want_sums), Tolerance{1e-3, 1e-3}).passed);
    CHECK(compare(peaks, encoded("peaks", DType::Float32, {rows}, want_peaks), Tolerance{0, 0}).passed);
    CHECK(decoded(total)[0] == doctest::Approx(all).epsilon(1e-5));
  }
}

TEST_CASE("reference: integer, bool, arange and constant inputs; bool and int outputs") {
  Scratch scratch;
  const Task task = scratch.task("masks", kMasks);
  ReferenceRunner runner;
  const CaseData& data = runner.materialise(task, task.cases()[0]);
  const std::vector<int32_t> a = values_of<int32_t>(data.inputs[0]);
  const std::vector<float> b = values_of<float>(data.inputs[1]);
  const std::vector<double> c = decoded(data.inputs[2]);
  const std::vector<uint8_t> m = values_of<uint8_t>(data.inputs[3]);
  const std::vector<uint8_t> keep = values_of<uint8_t>(data.expected[0]);
  const std::vector<int32_t> next = values_of<int32_t>(data.expected[1]);
  int set = 0, positive = 0;
  for (size_t i = 0; i < 256; ++i) {
    CHECK((a[i] >= -5 && a[i] < 5));
    CHECK(b[i] == 2.0f + 0.5f * static_cast<float>(i));
    CHECK(c[i] == 3.0);
    CHECK(m[i] <= 1);
    CHECK(keep[i] == (a[i] > 0 && m[i] ? 1 : 0));
    CHECK(next[i] == a[i] + 1);
    set += m[i];
    positive += a[i] > 0;
  }
  CHECK((set > 32 && set < 96));  // p = 0.25 of 256
  CHECK((positive > 60 && positive < 150));
}

TEST_CASE("reference: the special distribution draws NaN, +inf and -inf with p/3 each, else normal(0, 1)") {
  Scratch scratch;
  const Task task = scratch.task("isnan", kSpecial);
  ReferenceRunner runner;
  for (const TestCase& c : task.cases()) {
    CAPTURE(c.id);
    const CaseData& data = runner.materialise(task, c);
    const std::vector<double> x = decoded(data.inputs[0]);
    const std::vector<uint8_t> y = values_of<uint8_t>(data.expected[0]);
    REQUIRE(x.size() == 3000);
    int nan = 0, pos_inf = 0, neg_inf = 0, finite = 0;
    double sum = 0, sum_sq = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      CHECK(y[i] == (std::isnan(x[i]) ? 1 : 0));
      if (std::isnan(x[i])) ++nan;
      else if (std::isinf(x[i])) ++(x[i] > 0 ? pos_inf : neg_inf);
      else ++finite, sum += x[i], sum_sq += x[i] * x[i];
    }
    // 3000 draws at p/3 = 0.1: 300 expected, standard deviation about 16.
    for (int count : {nan, pos_inf, neg_inf}) CHECK((count > 230 && count < 370));
    const double mean = sum / finite, var = sum_sq / finite - mean * mean;
    CHECK(std::abs(mean) < 0.15);
    CHECK((var > 0.85 && var < 1.15));
  }
}

TEST_CASE("reference: the same seed gives the same bytes; another case gives other inputs") {
  Scratch scratch;
  const Task task = scratch.task("add", kAdd);
  ReferenceRunner first, second;
  const TestCase& tail = task.find_case("tail_fp32");
  const CaseData& a = first.materialise(task, tail);
  const CaseData& b = second.materialise(task, tail);
  CHECK(&a != &b);
  for (size_t i = 0; i < 2; ++i) CHECK(a.inputs[i].data == b.inputs[i].data);
  CHECK(a.expected[0].data == b.expected[0].data);
  CHECK(&first.materialise(task, tail) == &a);  // cached in memory

  const CaseData& other = first.materialise(task, task.find_case("other_fp32"));
  CHECK(other.inputs[0].shape == a.inputs[0].shape);
  CHECK(other.inputs[0].data != a.inputs[0].data);
  CHECK(other.expected[0].data != a.expected[0].data);
}

TEST_CASE("reference: the disk cache is read back, repaired when damaged and keyed by the task content") {
  Scratch scratch;
  const fs::path cache = scratch.root / "cache";
  const Task task = scratch.task("add", kAdd);
  const TestCase& tail = task.find_case("tail_fp32");
  const std::vector<uint8_t> computed = ReferenceRunner(cache).materialise(task, tail).expected[0].data;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(cache)) files.push_back(e.path());
  REQUIRE(files.size() == 1);
  CHECK(files[0].extension() == ".ref");

  // A changed last byte (the end of the expected output) shows the file is what a new runner reads.
  {
    std::fstream f(files[0], std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-1, std::ios::end);
    f.put(static_cast<char>(computed.back() ^ 0x5a));
  }
  std::vector<uint8_t> tampered = computed;
  tampered.back() ^= 0x5a;
  CHECK(ReferenceRunner(cache).materialise(task, tail).expected[0].data == tampered);

  // A truncated file is recomputed and rewritten.
  fs::resize_file(files[0], fs::file_size(files[0]) / 2);
  CHECK(ReferenceRunner(cache).materialise(task, tail).expected[0].data == computed);
  CHECK(ReferenceRunner(cache).materialise(task, tail).expected[0].data == computed);
  CHECK(fs::file_size(files[0]) > 2 * computed.size());

  // An edit that leaves the case alone keeps the entry; a changed attribute is a new key.
  const auto entries = [&] { return std::distance(fs::directory_iterator(cache), fs::directory_iterator()); };
  const Task commented = scratch.task("add", std::string(kAdd) + "# a comment\n");
  CHECK(ReferenceRunner(cache).materialise(commented, commented.find_case("tail_fp32")).expected[0].data == computed);
  CHECK(entries() == 1);
  std::string changed = kAdd;
  changed.replace(changed.find("alpha: 0.5"), 10, "alpha: 0.25");
  const Task edited = scratch.task("add", changed);
  CHECK(ReferenceRunner(cache).materialise(edited, edited.find_case("tail_fp32")).expected[0].data != computed);
  CHECK(entries() == 2);
}

TEST_CASE("reference: broken TorchScript and mismatched outputs name the task and the case") {
  Scratch scratch;
  const auto broken = [&](const std::string& name, const std::string& reference, const std::string& extra = "") {
    return scratch.task(name, R"(
kernel: {entry: k, params: [x, y, z]}
inputs:
  - {name: x, dtype: float32, shape: [16]}
  - {name: y, dtype: float32, shape: [16]}
outputs:
  - {name: z, dtype: float32, shape: [16]}
)" + extra + "reference: |\n" + reference + "cases:\n  - {id: c1}\n");
  };
  const auto error_of = [](const Task& task) {
    ReferenceRunner runner;
    try {
      runner.materialise(task, task.cases()[0]);
    } catch (const ReferenceError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };

  const std::string syntax = error_of(broken("syntax", "  def reference(x: Tensor, y: Tensor) -> Tensor:\n      return x +\n"));
  CHECK(syntax.find("task 'syntax'") != std::string::npos);
  CHECK(syntax.find("task.yaml") != std::string::npos);
  CHECK(syntax.find("does not compile as TorchScript") != std::string::npos);
  CHECK(syntax.find("frame #") == std::string::npos);  // no C++ backtrace

  const std::string arity = error_of(broken("arity", "  def reference(x: Tensor) -> Tensor:\n      return x\n"));
  CHECK(arity.find("task 'arity'") != std::string::npos);
  CHECK(arity.find("takes 1 arguments but the task has 2 inputs and 0 attributes") != std::string::npos);

  CHECK(error_of(broken("count", "  def reference(x: Tensor, y: Tensor):\n      return x, y\n"))
            .find("case 'c1': reference returned 2 tensors but the task declares 1 outputs") != std::string::npos);
  CHECK(error_of(broken("shape", "  def reference(x: Tensor, y: Tensor):\n      return x.sum()\n"))
            .find("has shape [] but output 'z' is declared [16]") != std::string::npos);
  CHECK(error_of(broken("runtime", "  def reference(x: Tensor, y: Tensor):\n      return x.view(3, 5) + y\n"))
            .find("reference failed") != std::string::npos);
  CHECK(error_of(broken("scalar", "  def reference(x: Tensor, y: Tensor) -> float:\n      return 1.0\n"))
            .find("returned a Double, not a Tensor") != std::string::npos);
  CHECK(error_of(broken("tensor_type", "  def reference(x: Tensor, y: float):\n      return x\n"))
            .find("argument 'y' receives input 'y' but is declared float") != std::string::npos);
  CHECK(error_of(broken("attr_type", "  def reference(x: Tensor, y: Tensor, a: str):\n      return x\n",
                        "attributes:\n  - {name: a, type: float, default: 1.0}\n"))
            .find("attribute 'a' = 1 is passed to str argument 'a'") != std::string::npos);
  CHECK(error_of(broken("int_attr", "  def reference(x: Tensor, y: Tensor, n: int):\n      return x * n\n",
                        "attributes:\n  - {name: n, type: float, default: 2.5}\n"))
            .find("attribute 'n' = 2.5 is passed to int argument 'n'") != std::string::npos);
  CHECK(error_of(broken("no_function", "  # def reference(x, y) is spelled ref here\n"
                                       "  def ref(x: Tensor, y: Tensor):\n      return x\n"))
            .find("defines no function named 'reference'") != std::string::npos);
}
