// The prior of the task level nearest to `level` (the lower on ties), or nullptr when there is
// none. Internal to the router module: the length and quality priors share it.
#pragma once
#include <cstdlib>
#include <map>

namespace ascendgen::router::detail {

template <typename V> const V* nearest_level(const std::map<int, V>& by_level, int level) {
  const V* best = nullptr;
  int best_distance = 0;
  for (const auto& [l, value] : by_level)
    if (!best || std::abs(l - level) < best_distance) {
      best = &value;
      best_distance = std::abs(l - level);
    }
  return best;
}

}  // namespace ascendgen::router::detail
