// Counter-based random numbers: a value is a pure function of (seed, indices), so a workload's
// outcome for (request, model, sample) does not depend on the order anyone asks. Internal to the
// router module.
#pragma once
#include <cmath>
#include <cstdint>
#include <initializer_list>

namespace ascendgen::router::detail {

inline uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

inline uint64_t seeded_hash(uint64_t seed, std::initializer_list<uint64_t> indices) {
  uint64_t h = splitmix64(seed);
  for (const uint64_t i : indices) h = splitmix64(h ^ i);
  return h;
}

// Uniform in (0, 1).
inline double seeded_uniform(uint64_t seed, std::initializer_list<uint64_t> indices) {
  return (double(seeded_hash(seed, indices) >> 11) + 0.5) * 0x1.0p-53;
}

// Standard normal (Box-Muller on two counter-based uniforms).
inline double seeded_normal(uint64_t seed, std::initializer_list<uint64_t> indices) {
  const uint64_t h = seeded_hash(seed, indices);
  const double u1 = (double(splitmix64(h) >> 11) + 0.5) * 0x1.0p-53;
  const double u2 = (double(splitmix64(h + 1) >> 11) + 0.5) * 0x1.0p-53;
  return std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

}  // namespace ascendgen::router::detail
