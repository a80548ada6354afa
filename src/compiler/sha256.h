// SHA-256 for cache keys: a candidate's artifact must never be served for another source, so the
// key is a cryptographic hash rather than a fast 64-bit one.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ascendgen::detail {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  std::string hex_digest();  // finishes the hash; the object is spent afterwards

 private:
  void block(const uint8_t* data);
  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t length_ = 0;
};

}  // namespace ascendgen::detail
