// The only translation unit of the examples that includes libtorch (it compiles slowly).
#include "catalog.h"

#include <torch/torch.h>

#include <chrono>
#include <cstring>
#include <functional>
#include <stdexcept>

#include "ascendgen/sim/errors.h"

#define ASCENDGEN_EXAMPLE_ENTRY(name) extern "C" void name();
ASCENDGEN_EXAMPLE_ENTRY(add_custom)
ASCENDGEN_EXAMPLE_ENTRY(silu_cast)
ASCENDGEN_EXAMPLE_ENTRY(row_softmax)
ASCENDGEN_EXAMPLE_ENTRY(layer_norm)
ASCENDGEN_EXAMPLE_ENTRY(reduce_rows)
ASCENDGEN_EXAMPLE_ENTRY(brcb_row_scale)
ASCENDGEN_EXAMPLE_ENTRY(elementwise_max)
ASCENDGEN_EXAMPLE_ENTRY(axpy_big_small)
ASCENDGEN_EXAMPLE_ENTRY(global_sum_atomic)
ASCENDGEN_EXAMPLE_ENTRY(normalize_by_max)
ASCENDGEN_EXAMPLE_ENTRY(leaky_relu_counter)
ASCENDGEN_EXAMPLE_ENTRY(rms_norm)
ASCENDGEN_EXAMPLE_ENTRY(gelu_sigmoid_library)
#undef ASCENDGEN_EXAMPLE_ENTRY

namespace ascendgen::examples {
namespace {

// Inputs and expected outputs of one run; kernel arguments are inputs, then outputs, then the
// workspace when workspace_bytes > 0.
struct Case {
  std::vector<torch::Tensor> inputs;
  std::vector<torch::Tensor> expected;
  size_t workspace_bytes = 0;
};

struct Example {
  ExampleInfo info;
  sim::KernelEntry entry;
  std::function<Case(at::Generator&)> make;
  double atol = 1e-3, rtol = 1e-3;
};

torch::Tensor uniform(at::Generator& g, std::vector<int64_t> shape, double lo, double hi,
                      torch::ScalarType dtype = torch::kFloat) {
  return (torch::rand(shape, g, torch::kFloat) * (hi - lo) + lo).to(dtype);
}
torch::Tensor normal(at::Generator& g, std::vector<int64_t> shape, double scale = 1.0,
                     torch::ScalarType dtype = torch::kFloat) {
  return (torch::randn(shape, g, torch::kFloat) * scale).to(dtype);
}

const std::vector<Example>& catalog() {
  static const std::vector<Example> all = [] {
    std::vector<Example> v;
    auto add = [&](std::string name, std::string summary, int cores, void (*entry)(),
                   std::function<Case(at::Generator&)> make, double atol = 1e-3, double rtol = 1e-3) {
      v.push_back({{std::move(name), std::move(summary), cores}, entry, std::move(make), atol, rtol});
    };
    add("add_custom", "fp16 add, double-buffered queues, 48 cores", 48, add_custom, [](at::Generator& g) {
      auto x = normal(g, {48 * 128 * 512}, 2, torch::kHalf), y = normal(g, {48 * 128 * 512}, 2, torch::kHalf);
      return Case{{x, y}, {(x.to(torch::kFloat) + y.to(torch::kFloat)).to(torch::kHalf)}};
    });
    add("silu_cast", "fp16 SiLU computed in fp32 (Cast up and down)", 8, silu_cast, [](at::Generator& g) {
      auto x = uniform(g, {8 * 8192}, -8, 8, torch::kHalf);
      return Case{{x}, {torch::silu(x.to(torch::kFloat)).to(torch::kHalf)}};
    });
    add("row_softmax", "softmax per row with ReduceMax/ReduceSum and a work buffer", 8, row_softmax,
        [](at::Generator& g) {
          auto x = normal(g, {64, 256}, 3);
          return Case{{x}, {torch::softmax(x, 1)}};
        });
    add("layer_norm", "LayerNorm with gamma/beta, Rsqrt through the vector unit", 8, layer_norm, [](at::Generator& g) {
      auto x = normal(g, {32, 512}, 2), gamma = uniform(g, {512}, 0.5, 1.5), beta = normal(g, {512}, 0.1);
      return Case{{x, gamma, beta}, {torch::layer_norm(x, {512}, gamma, beta, 1e-5)}};
    });
    add("reduce_rows", "row sums of an unaligned fp16 matrix (DataCopyPad, Cast, ReduceSum)", 8, reduce_rows,
        [](at::Generator& g) {
          auto x = uniform(g, {64, 1000}, -1, 1, torch::kHalf);
          return Case{{x}, {x.to(torch::kFloat).sum(1)}};
        });
    add("brcb_row_scale", "per-row scale broadcast with Brcb, Mul with block stride 0", 8, brcb_row_scale,
        [](at::Generator& g) {
          auto x = normal(g, {64, 64}), s = uniform(g, {64}, -2, 2);
          return Case{{x, s}, {x * s.unsqueeze(1)}};
        });
    add("elementwise_max", "where(x > y, x, y) with Compare + Select", 4, elementwise_max, [](at::Generator& g) {
      auto x = normal(g, {4 * 4096}), y = normal(g, {4 * 4096});
      return Case{{x, y}, {torch::where(x > y, x, y)}};
    });
    add("axpy_big_small", "a*x+y over 100003 floats, big and small cores, DataCopyPad tails", 48, axpy_big_small,
        [](at::Generator& g) {
          auto x = normal(g, {100003}), y = normal(g, {100003});
          return Case{{x, y}, {2.5f * x + y}};
        });
    add("global_sum_atomic", "sum of all elements: per-core ReduceSum, SetAtomicAdd into one float", 48,
        global_sum_atomic, [](at::Generator& g) {
          auto x = uniform(g, {48 * 4096}, -1, 1);
          return Case{{x}, {x.to(torch::kDouble).sum().to(torch::kFloat).reshape({1})}};
        });
    add("normalize_by_max", "x / max(x): per-core maxima in the GM workspace, SyncAll, second phase", 16,
        normalize_by_max, [](at::Generator& g) {
          auto x = uniform(g, {16 * 2048}, 0.1, 10);
          return Case{{x}, {x / x.max()}, 16 * 8 * sizeof(float)};
        });
    add("leaky_relu_counter", "fp16 LeakyRelu over 3000 of 3008 elements in counter mode", 2, leaky_relu_counter,
        [](at::Generator& g) {
          auto x = normal(g, {2, 3008}, 3, torch::kHalf);
          auto y = torch::leaky_relu(x.to(torch::kFloat), 0.01);
          y.index_put_({torch::indexing::Slice(), torch::indexing::Slice(3000, torch::indexing::None)}, 0);
          return Case{{x.reshape({-1})}, {y.to(torch::kHalf).reshape({-1})}};
        });
    add("rms_norm", "fp16 RMSNorm computed in fp32", 8, rms_norm, [](at::Generator& g) {
      auto x = normal(g, {16, 1024}, 1, torch::kHalf), gamma = uniform(g, {1024}, 0.5, 1.5, torch::kHalf);
      auto xf = x.to(torch::kFloat);
      auto y = xf * torch::rsqrt(xf.pow(2).mean(1, true) + 1e-6) * gamma.to(torch::kFloat);
      return Case{{x, gamma}, {y.to(torch::kHalf)}};
    });
    // Sigmoid and Gelu each round to half before the Mul, as the kernel does.
    add("gelu_sigmoid_library", "high-level Sigmoid and Gelu (tanh form) with a shared temp buffer", 4,
        gelu_sigmoid_library, [](at::Generator& g) {
          auto x = uniform(g, {4 * 4096}, -6, 6, torch::kHalf);
          auto xf = x.to(torch::kFloat);
          auto s = torch::sigmoid(xf).to(torch::kHalf).to(torch::kFloat);
          auto ge = torch::gelu(xf, "tanh").to(torch::kHalf).to(torch::kFloat);
          return Case{{x}, {(ge * s).to(torch::kHalf)}};
        });
    return v;
  }();
  return all;
}

// Compares with NPUKernelBench's rule; fills the error fields of `r`.
void compare(const torch::Tensor& out, const torch::Tensor& ref, double atol, double rtol, ExampleResult& r) {
  auto o = out.to(torch::kDouble).reshape({-1}), e = ref.to(torch::kDouble).reshape({-1});
  auto diff = (o - e).abs();
  auto bad = (diff > atol).logical_and(diff / (e.abs() + 1e-7) > rtol);
  bad = bad.logical_or(torch::isfinite(e).logical_and(torch::isfinite(o).logical_not()));
  r.elements += e.numel();
  r.mismatches += bad.sum().item<int64_t>();
  const auto finite = torch::where(torch::isfinite(diff), diff, torch::zeros_like(diff));
  r.max_abs_error = std::max(r.max_abs_error, finite.numel() ? finite.max().item<double>() : 0.0);
}

}  // namespace

std::vector<ExampleInfo> list_examples() {
  std::vector<ExampleInfo> v;
  for (const auto& e : catalog()) v.push_back(e.info);
  return v;
}

ExampleResult run_example(const std::string& name, uint64_t seed, bool record_trace) {
  const Example* ex = nullptr;
  for (const auto& e : catalog())
    if (e.info.name == name) ex = &e;
  if (!ex) throw std::invalid_argument("no example named '" + name + "'");
  at::Generator gen = at::detail::createCPUGenerator(seed);
  const Case c = ex->make(gen);

  sim::GlobalMemory gm;
  std::vector<uint8_t*> args;
  for (size_t i = 0; i < c.inputs.size(); ++i) {
    const auto t = c.inputs[i].contiguous();
    uint8_t* p = gm.allocate(t.nbytes(), "input" + std::to_string(i));
    std::memcpy(p, t.data_ptr(), t.nbytes());
    args.push_back(p);
  }
  std::vector<uint8_t*> outs;
  for (size_t i = 0; i < c.expected.size(); ++i) {
    outs.push_back(gm.allocate(c.expected[i].nbytes(), "output" + std::to_string(i)));
    args.push_back(outs.back());
  }
  if (c.workspace_bytes) args.push_back(gm.allocate(c.workspace_bytes, "workspace"));

  ExampleResult r;
  sim::LaunchOptions options;
  options.block_dim = ex->info.block_dim;
  options.record_trace = record_trace;
  const auto start = std::chrono::steady_clock::now();
  try {
    r.record = sim::launch(ex->entry, args, options, gm);
  } catch (const sim::KernelError& e) {
    r.error = e.what();
    return r;
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (size_t i = 0; i < c.expected.size(); ++i) {
    auto out = torch::empty_like(c.expected[i]);
    std::memcpy(out.data_ptr(), outs[i], out.nbytes());
    compare(out, c.expected[i], ex->atol, ex->rtol, r);
  }
  r.passed = r.mismatches == 0;
  if (!r.passed) r.error = std::to_string(r.mismatches) + " of " + std::to_string(r.elements) + " elements mismatch";
  return r;
}

}  // namespace ascendgen::examples
