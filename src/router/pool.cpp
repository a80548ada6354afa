#include "ascendgen/router/pool.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "ascendgen/core/files.h"
#include "yaml_fields.h"

namespace ascendgen::router {

namespace {
using FieldReader = detail::FieldReader<PoolError>;

Endpoint read_endpoint(const FieldReader& r) {
  Endpoint e;
  e.base_url = r.get<std::string>("base_url");
  if (e.base_url.empty()) r.fail("base_url", "must not be empty");
  e.model = r.get<std::string>("model");
  if (r.has("api")) {
    try {
      e.api = parse_api(r.get<std::string>("api"));
    } catch (const std::invalid_argument& error) {
      r.fail("api", error.what());
    }
  }
  if (r.has("api_key_env")) e.api_key_env = r.get<std::string>("api_key_env");
  return e;
}

Deployment read_deployment(const FieldReader& r) {
  Deployment d;
  d.instances = r.has("instances") ? r.get<int>("instances") : 1;
  if (d.instances < 1) r.fail("instances", "must be at least 1");
  d.max_concurrency = r.get<int>("max_concurrency");
  if (d.max_concurrency < 1) r.fail("max_concurrency", "must be at least 1");
  d.prefill_tokens_per_s = r.positive("prefill_tokens_per_s");
  d.ttft_base_s = r.non_negative("ttft_base_s");
  const YAML::Node table = r.child("decode_ms_per_token");
  if (!table.IsMap() || table.size() == 0)
    r.fail("decode_ms_per_token", "must map concurrency to milliseconds, e.g. {1: 10, 64: 30}");
  for (const auto& entry : table) {
    const std::string field = fmt::format("decode_ms_per_token.{}", entry.first.Scalar());
    const int concurrency = r.as<int>(entry.first, field);
    const double ms = r.as<double>(entry.second, field);
    if (concurrency < 1) r.fail(field, "concurrency must be at least 1");
    if (!(ms > 0)) r.fail(field, fmt::format("must be positive (got {})", ms));
    d.decode_s_per_token.emplace_back(concurrency, ms * 1e-3);
  }
  std::sort(d.decode_s_per_token.begin(), d.decode_s_per_token.end());
  for (size_t i = 1; i < d.decode_s_per_token.size(); ++i)
    if (d.decode_s_per_token[i].first == d.decode_s_per_token[i - 1].first)
      r.fail("decode_ms_per_token", fmt::format("concurrency {} appears twice", d.decode_s_per_token[i].first));
  return d;
}

ModelSpec read_model(const FieldReader& r) {
  ModelSpec m;
  m.name = r.get<std::string>("name");
  if (m.name.empty()) r.fail("name", "must not be empty");
  m.parameters_b = r.positive("parameters_b");
  m.endpoint = read_endpoint(r.sub("endpoint"));
  const FieldReader prices = r.sub("price_per_mtok");
  m.price_input_per_mtok = prices.non_negative("input");
  m.price_output_per_mtok = prices.non_negative("output");
  m.deployment = read_deployment(r.sub("deployment"));
  if (r.has("pass_rate_prior"))
    r.by_level("pass_rate_prior", [&](int level, const YAML::Node& n, const std::string& field) {
      const double p = r.as<double>(n, field);
      if (!(p >= 0 && p <= 1)) r.fail(field, fmt::format("must lie in [0, 1] (got {})", p));
      m.pass_rate_prior[level] = p;
    });
  if (r.has("output_tokens_prior"))
    r.by_level("output_tokens_prior", [&](int level, const YAML::Node& n, const std::string& field) {
      const FieldReader quantiles = r.at(n, field);
      LengthPrior prior;
      prior.p50 = quantiles.positive("p50");
      prior.p90 = quantiles.positive("p90");
      if (prior.p90 < prior.p50) quantiles.fail("p90", "must not be below p50");
      m.output_tokens_prior[level] = prior;
    });
  return m;
}
}  // namespace

double Deployment::seconds_per_token(double concurrency) const {
  const auto& t = decode_s_per_token;
  if (t.empty()) return 0;
  if (t.size() == 1 || concurrency <= t.front().first) return t.front().second;
  size_t i = 1;
  while (i + 1 < t.size() && concurrency > t[i].first) ++i;
  const auto [c0, s0] = t[i - 1];
  const auto [c1, s1] = t[i];
  return s0 + (s1 - s0) * (concurrency - c0) / double(c1 - c0);
}

size_t ModelPool::index_of(std::string_view name) const {
  for (size_t i = 0; i < models.size(); ++i)
    if (models[i].name == name) return i;
  throw std::out_of_range(fmt::format("model '{}' is not in the pool{}", name,
                                      source.empty() ? "" : " " + source.string()));
}

size_t ModelPool::largest() const {
  size_t best = 0;
  for (size_t i = 1; i < models.size(); ++i)
    if (models[i].parameters_b > models[best].parameters_b) best = i;
  return best;
}

size_t ModelPool::smallest() const {
  size_t best = 0;
  for (size_t i = 1; i < models.size(); ++i)
    if (models[i].parameters_b < models[best].parameters_b) best = i;
  return best;
}

std::string_view to_string(Endpoint::Api api) { return api == Endpoint::Api::chat ? "chat" : "completions"; }

Endpoint::Api parse_api(std::string_view text) {
  if (text == "chat") return Endpoint::Api::chat;
  if (text == "completions") return Endpoint::Api::completions;
  throw std::invalid_argument(fmt::format("api '{}' is not chat or completions", text));
}

ModelPool parse_pool(std::string_view yaml, const std::string& source_name) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    throw PoolError(fmt::format("{}: {}", source_name, e.what()));
  }
  if (!root.IsMap()) throw PoolError(fmt::format("{}: the pool must be a mapping with a 'models' list", source_name));
  const YAML::Node list = root["models"];
  if (!list || !list.IsSequence() || list.size() == 0)
    throw PoolError(fmt::format("{}: models: missing or not a non-empty list", source_name));
  ModelPool pool;
  std::set<std::string> names;
  for (size_t i = 0; i < list.size(); ++i) {
    const FieldReader root_reader(source_name, root, "");
    ModelSpec m = read_model(root_reader.at(list[i], fmt::format("models[{}]", i)));
    if (!names.insert(m.name).second)
      throw PoolError(fmt::format("{}: models[{}].name: '{}' appears twice", source_name, i, m.name));
    pool.models.push_back(std::move(m));
  }
  return pool;
}

ModelPool load_pool(const std::filesystem::path& path) {
  const auto text = try_read_file(path);
  if (!text) throw PoolError(fmt::format("{}: cannot read the model pool file", path.string()));
  ModelPool pool = parse_pool(*text, path.string());
  pool.source = path;
  return pool;
}

}  // namespace ascendgen::router
