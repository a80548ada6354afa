// Test harness: GM buffers from vectors, launching a kernel function, reading results back, and
// asserting on KernelError. Kernels in tests are ordinary functions taking GM_ADDR arguments.
#pragma once
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "ascendgen/sim/errors.h"
#include "ascendgen/sim/launcher.h"
#include "kernel_operator.h"

namespace ascendgen::test {

class Harness {
 public:
  // A GM buffer holding `data`; its name appears in error messages.
  template <typename T> uint8_t* input(const std::vector<T>& data, const std::string& name = "input") {
    uint8_t* p = gm.allocate(data.size() * sizeof(T), name);
    std::memcpy(p, data.data(), data.size() * sizeof(T));
    return p;
  }
  // A zero-filled GM buffer of `count` elements of T.
  template <typename T> uint8_t* output(size_t count, const std::string& name = "output") {
    return gm.allocate(count * sizeof(T), name);
  }
  template <typename T> std::vector<T> read(const uint8_t* p, size_t count) const {
    std::vector<T> v(count);
    std::memcpy(v.data(), p, count * sizeof(T));
    return v;
  }
  template <typename... Args>
  sim::LaunchRecord run(void (*kernel)(Args...), std::vector<uint8_t*> args, int block_dim = 1) {
    sim::LaunchOptions o;
    o.block_dim = block_dim;
    o.core_type = core_type;
    o.limits = limits;
    return sim::launch(reinterpret_cast<sim::KernelEntry>(kernel), args, o, gm);
  }

  sim::GlobalMemory gm;
  sim::CoreLimits limits{};
  sim::CoreType core_type = sim::CoreType::Vector;  // Cube or Mix for cube-unit kernels
};

// Runs `body` and returns the KernelError it throws; fails the test when it throws none.
inline sim::KernelError expect_kernel_error(const std::function<void()>& body) {
  try {
    body();
  } catch (const sim::KernelError& e) {
    return e;
  }
  FAIL("expected a KernelError");
  throw std::logic_error("unreachable");
}

inline std::vector<half> to_half(const std::vector<float>& v) {
  std::vector<half> out(v.size());
  for (size_t i = 0; i < v.size(); ++i) out[i] = half(v[i]);
  return out;
}

}  // namespace ascendgen::test
