#include "element.h"

#include <memory>

namespace ascendgen::sim {

const float* half_table() {
  static const std::unique_ptr<float[]> table = [] {
    auto t = std::make_unique<float[]>(65536);
    for (uint32_t i = 0; i < 65536; ++i) t[i] = abi::half_to_float(static_cast<uint16_t>(i));
    return t;
  }();
  return table.get();
}

}  // namespace ascendgen::sim
