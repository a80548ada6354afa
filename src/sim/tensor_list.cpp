#include "ascendgen/sim/tensor_list.h"

#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace ascendgen::sim {

std::vector<uint64_t> tensor_list_words(const std::vector<TensorListElement>& elements) {
  if (elements.empty()) throw std::invalid_argument("a tensor list needs at least one tensor");
  std::vector<uint64_t> words{0};
  for (size_t i = 0; i < elements.size(); ++i) {
    const auto& shape = elements[i].shape;
    words.push_back(static_cast<uint64_t>(i) << 32 | static_cast<uint64_t>(shape.size()));
    for (int64_t d : shape) {
      if (d < 0) throw std::invalid_argument(fmt::format("tensor {} of the list has a negative dimension {}", i, d));
      words.push_back(static_cast<uint64_t>(d));
    }
  }
  words[0] = words.size() * sizeof(uint64_t);
  for (const TensorListElement& e : elements) words.push_back(reinterpret_cast<uint64_t>(e.data));
  return words;
}

uint8_t* write_tensor_list(GlobalMemory& gm, const std::vector<TensorListElement>& elements, std::string name) {
  const std::vector<uint64_t> words = tensor_list_words(elements);
  uint8_t* descriptor = gm.allocate(words.size() * sizeof(uint64_t), std::move(name));
  std::memcpy(descriptor, words.data(), words.size() * sizeof(uint64_t));
  return descriptor;
}

}  // namespace ascendgen::sim
