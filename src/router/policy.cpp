// Policy strings: parse_policy / to_string (syntax in router.h).
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

#include "ascendgen/router/router.h"

namespace ascendgen::router {

namespace {
struct NamedKind {
  std::string_view name;
  Policy::Kind kind;
};
constexpr NamedKind kBaselines[] = {
    {"largest", Policy::Kind::largest},         {"smallest", Policy::Kind::smallest},
    {"random", Policy::Kind::random},           {"round-robin", Policy::Kind::round_robin},
    {"least-loaded", Policy::Kind::least_loaded}, {"cost-only", Policy::Kind::cost_only}};

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    const size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

[[noreturn]] void bad(std::string_view text, std::string_view why) {
  throw std::invalid_argument(fmt::format("policy '{}': {}", text, why));
}

double number(std::string_view policy, std::string_view value) {
  double v = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (error != std::errc() || end != value.data() + value.size() || value.empty())
    bad(policy, fmt::format("'{}' is not a number", value));
  return v;
}

void parse_flare_option(std::string_view policy, std::string_view option, Policy& p) {
  if (option.starts_with("w=")) {
    const auto w = split(option.substr(2), ',');
    if (w.size() != 3) bad(policy, "w= takes three weights: latency,cost,quality");
    p.w_latency = number(policy, w[0]);
    p.w_cost = number(policy, w[1]);
    p.w_quality = number(policy, w[2]);
    if (p.w_latency < 0 || p.w_cost < 0 || p.w_quality < 0) bad(policy, "weights must not be negative");
    return;
  }
  for (const std::string_view item : split(option, ',')) {
    const size_t eq = item.find('=');
    const std::string_view key = item.substr(0, eq);
    const std::string_view value = eq == std::string_view::npos ? "" : item.substr(eq + 1);
    if (key == "latency" && value.empty()) p.w_latency = 4;
    else if (key == "cost" && value.empty()) p.w_cost = 4;
    else if (key == "quality" && value.empty()) p.w_quality = 4;
    else if (key == "max_cost") p.max_cost = number(policy, value);
    else if (key == "min_pass") p.min_pass = number(policy, value);
    else if (key == "passk") {
      p.max_samples = int(number(policy, value));
      if (p.max_samples < 1 || p.max_samples > 64) bad(policy, "passk must be in 1..64");
    } else {
      bad(policy, fmt::format("unknown flare option '{}' (latency, cost, quality, w=, max_cost=, min_pass=, passk=)", item));
    }
  }
}
}  // namespace

Policy parse_policy(std::string_view text) {
  Policy p;
  for (const auto& [name, kind] : kBaselines)
    if (text == name) {
      p.kind = kind;
      return p;
    }
  if (text.starts_with("fixed:")) {
    p.kind = Policy::Kind::fixed;
    p.model = std::string(text.substr(6));
    if (p.model.empty()) bad(text, "fixed: needs a model name");
    return p;
  }
  if (text == "quality-threshold" || text.starts_with("quality-threshold=")) {
    p.kind = Policy::Kind::quality_threshold;
    if (text.size() > 17) p.threshold = number(text, text.substr(18));
    if (!(p.threshold > 0 && p.threshold <= 1)) bad(text, "the threshold must lie in (0, 1]");
    return p;
  }
  const auto parts = split(text, ':');
  if (parts[0] != "flare")
    bad(text, "unknown policy (flare[:...], largest, smallest, random, round-robin, least-loaded, "
              "quality-threshold[=T], cost-only, fixed:<model>)");
  for (size_t i = 1; i < parts.size(); ++i) parse_flare_option(text, parts[i], p);
  return p;
}

std::string to_string(const Policy& p) {
  for (const auto& [name, kind] : kBaselines)
    if (p.kind == kind) return std::string(name);
  if (p.kind == Policy::Kind::fixed) return "fixed:" + p.model;
  if (p.kind == Policy::Kind::quality_threshold) return fmt::format("quality-threshold={}", p.threshold);
  const Policy defaults;
  std::string s = "flare";
  if (p.w_latency != defaults.w_latency || p.w_cost != defaults.w_cost || p.w_quality != defaults.w_quality)
    s += fmt::format(":w={},{},{}", p.w_latency, p.w_cost, p.w_quality);
  if (p.max_cost >= 0) s += fmt::format(":max_cost={}", p.max_cost);
  if (p.min_pass >= 0) s += fmt::format(":min_pass={}", p.min_pass);
  if (p.max_samples > 1) s += fmt::format(":passk={}", p.max_samples);
  return s;
}

std::vector<std::string> default_policies() {
  return {"flare", "largest", "smallest", "random", "round-robin", "least-loaded", "quality-threshold", "cost-only"};
}

}  // namespace ascendgen::router
