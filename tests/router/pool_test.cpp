#include <doctest/doctest.h>

#include <string>

#include "ascendgen/router/pool.h"

using namespace ascendgen::router;

namespace {
// One valid model; tests replace a line to break one field.
const std::string kPool = R"(models:
  - name: big
    parameters_b: 70
    endpoint: {base_url: "http://localhost:8000/v1", model: org/big, api: completions, api_key_env: KEY}
    price_per_mtok: {input: 1.0, output: 4.0}
    deployment:
      instances: 2
      max_concurrency: 16
      prefill_tokens_per_s: 5000
      ttft_base_s: 0.1
      decode_ms_per_token: {1: 20, 16: 40}
    pass_rate_prior: {1: 0.5, 2: 0.2}
    output_tokens_prior: {1: {p50: 500, p90: 1500}}
  - name: small
    parameters_b: 7
    endpoint: {base_url: "http://localhost:8001/v1", model: org/small}
    price_per_mtok: {input: 0.1, output: 0.2}
    deployment: {max_concurrency: 64, prefill_tokens_per_s: 20000, ttft_base_s: 0.05, decode_ms_per_token: {1: 8}}
)";

std::string replaced(const std::string& from, const std::string& to) {
  std::string text = kPool;
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}
}  // namespace

TEST_CASE("parse_pool reads endpoints, prices, deployments and priors") {
  const ModelPool pool = parse_pool(kPool, "pool.yaml");
  REQUIRE(pool.models.size() == 2);
  const ModelSpec& big = pool.find("big");
  CHECK(big.endpoint.base_url == "http://localhost:8000/v1");
  CHECK(big.endpoint.model == "org/big");
  CHECK(big.endpoint.api == Endpoint::Api::completions);
  CHECK(big.endpoint.api_key_env == "KEY");
  CHECK(big.deployment.capacity() == 32);
  CHECK(big.cost(1e6, 1e6) == doctest::Approx(5.0));
  CHECK(big.pass_rate_prior.at(2) == doctest::Approx(0.2));
  CHECK(big.output_tokens_prior.at(1).p90 == doctest::Approx(1500));
  const ModelSpec& small = pool.find("small");
  CHECK(small.endpoint.api == Endpoint::Api::chat);  // the default
  CHECK(small.deployment.instances == 1);
  CHECK(pool.largest() == 0);
  CHECK(pool.smallest() == 1);
  CHECK_THROWS_WITH(pool.index_of("medium"), doctest::Contains("'medium'"));
}

TEST_CASE("decode time per token interpolates between points and extends the last slope") {
  const Deployment d = parse_pool(kPool).models[0].deployment;
  CHECK(d.seconds_per_token(0.5) == doctest::Approx(0.020));
  CHECK(d.seconds_per_token(1) == doctest::Approx(0.020));
  CHECK(d.seconds_per_token(8.5) == doctest::Approx(0.030));
  CHECK(d.seconds_per_token(16) == doctest::Approx(0.040));
  CHECK(d.seconds_per_token(31) == doctest::Approx(0.060));
}

TEST_CASE("pool errors name the file and the field at fault") {
  CHECK_THROWS_WITH(parse_pool(replaced("      max_concurrency: 16\n", ""), "p.yaml"),
                    doctest::Contains("p.yaml: models[0].deployment.max_concurrency: missing"));
  CHECK_THROWS_WITH(parse_pool(replaced("api: completions", "api: grpc"), "p.yaml"),
                    doctest::Contains("p.yaml: models[0].endpoint.api: api 'grpc' is not chat or completions"));
  CHECK_THROWS_WITH(parse_pool(replaced("output: 4.0", "output: -4"), "p.yaml"),
                    doctest::Contains("models[0].price_per_mtok.output: must not be negative"));
  CHECK_THROWS_WITH(parse_pool(replaced("{1: 20, 16: 40}", "{1: 20, 16: zero}"), "p.yaml"),
                    doctest::Contains("models[0].deployment.decode_ms_per_token.16: has the wrong type"));
  CHECK_THROWS_WITH(parse_pool(replaced("{1: 0.5, 2: 0.2}", "{1: 1.5}"), "p.yaml"),
                    doctest::Contains("models[0].pass_rate_prior.1: must lie in [0, 1]"));
  CHECK_THROWS_WITH(parse_pool(replaced("{p50: 500, p90: 1500}", "{p50: 500, p90: 100}"), "p.yaml"),
                    doctest::Contains("models[0].output_tokens_prior.1.p90: must not be below p50"));
  CHECK_THROWS_WITH(parse_pool(replaced("name: small", "name: big"), "p.yaml"),
                    doctest::Contains("models[1].name: 'big' appears twice"));
  CHECK_THROWS_WITH(parse_pool("models: []", "p.yaml"), doctest::Contains("p.yaml: models"));
  CHECK_THROWS_WITH(parse_pool("models: [", "p.yaml"), doctest::Contains("p.yaml"));
  CHECK_THROWS_WITH(load_pool("/no/such/pool.yaml"), doctest::Contains("/no/such/pool.yaml: cannot read"));
}

TEST_CASE("the shipped default pool parses") {
  const ModelPool pool = load_pool(ASCENDGEN_ROUTER_DATA_DIR "/default_pool.yaml");
  CHECK(pool.models.size() >= 3);
  CHECK(pool.models[pool.largest()].parameters_b > pool.models[pool.smallest()].parameters_b);
}
