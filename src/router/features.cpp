#include "ascendgen/router/features.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include <fmt/format.h>

namespace ascendgen::router {

namespace {
constexpr size_t kLevels = 3;
constexpr size_t kCategoryBuckets = 16;
constexpr size_t kNumeric = 3;  // log prompt tokens, log inputs, log case size

// FNV-1a: a category hashes to the same bucket on every machine (std::hash does not promise it).
size_t category_bucket(const std::string& category) {
  uint64_t h = 1469598103934665603ull;
  for (const unsigned char c : category) h = (h ^ c) * 1099511628211ull;
  return size_t(h % kCategoryBuckets);
}

template <typename T> T field(const nlohmann::json& object, const char* key, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end()) throw std::runtime_error(fmt::format("{}: missing field '{}'", where, key));
  try {
    return it->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error(fmt::format("{}: field '{}' has the wrong type", where, key));
  }
}

template <typename T> void optional_field(const nlohmann::json& object, const char* key, const std::string& where, T& out) {
  if (object.contains(key)) out = field<T>(object, key, where);
}
}  // namespace

size_t feature_count(size_t embedding_dims) { return 1 + kLevels + kCategoryBuckets + kNumeric + embedding_dims; }

std::vector<double> feature_vector(const RequestFeatures& request, size_t embedding_dims) {
  std::vector<double> x(feature_count(embedding_dims), 0.0);
  size_t i = 0;
  x[i++] = 1.0;
  x[i + size_t(std::clamp(request.level, 1, int(kLevels)) - 1)] = 1.0;
  i += kLevels;
  if (!request.category.empty()) x[i + category_bucket(request.category)] = 1.0;
  i += kCategoryBuckets;
  // Logs scaled to about [0, 1] so one ridge penalty suits every coefficient.
  x[i++] = std::log1p(std::max(0, request.prompt_tokens)) / 10.0;
  x[i++] = std::log1p(std::max(0, request.num_inputs)) / 2.0;
  x[i++] = std::log1p(std::max(0.0, request.case_elements)) / 20.0;
  for (size_t e = 0; e < embedding_dims && e < request.embedding.size(); ++e) x[i + e] = request.embedding[e];
  return x;
}

GenerationRecord parse_record(const nlohmann::json& object, const std::string& where) {
  if (!object.is_object()) throw std::runtime_error(fmt::format("{}: a record must be a JSON object", where));
  GenerationRecord r;
  r.features.task = field<std::string>(object, "task", where);
  r.model = field<std::string>(object, "model", where);
  r.tokens_in = field<int>(object, "tokens_in", where);
  r.tokens_out = field<int>(object, "tokens_out", where);
  r.latency_s = field<double>(object, "latency_s", where);
  if (r.tokens_in < 0) throw std::runtime_error(fmt::format("{}: field 'tokens_in' is negative", where));
  if (r.tokens_out < 0) throw std::runtime_error(fmt::format("{}: field 'tokens_out' is negative", where));
  if (object.contains("passed")) r.passed = field<bool>(object, "passed", where);
  else if (object.contains("status")) r.passed = field<std::string>(object, "status", where) == "pass";
  r.features.prompt_tokens = r.tokens_in;
  if (object.contains("features")) {
    const auto& f = object["features"];
    const std::string inner = where + ": features";
    if (!f.is_object()) throw std::runtime_error(fmt::format("{}: field 'features' must be an object", where));
    optional_field(f, "level", inner, r.features.level);
    optional_field(f, "category", inner, r.features.category);
    optional_field(f, "prompt_tokens", inner, r.features.prompt_tokens);
    optional_field(f, "num_inputs", inner, r.features.num_inputs);
    optional_field(f, "case_elements", inner, r.features.case_elements);
    optional_field(f, "embedding", inner, r.features.embedding);
  }
  return r;
}

nlohmann::json to_json(const GenerationRecord& r) {
  nlohmann::json j = {{"task", r.features.task},   {"model", r.model},         {"tokens_in", r.tokens_in},
                      {"tokens_out", r.tokens_out}, {"latency_s", r.latency_s}};
  if (r.passed) j["passed"] = *r.passed;
  j["features"] = {{"level", r.features.level},
                   {"category", r.features.category},
                   {"prompt_tokens", r.features.prompt_tokens},
                   {"num_inputs", r.features.num_inputs},
                   {"case_elements", r.features.case_elements}};
  if (!r.features.embedding.empty()) j["features"]["embedding"] = r.features.embedding;
  return j;
}

}  // namespace ascendgen::router
