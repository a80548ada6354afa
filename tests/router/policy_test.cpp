#include <doctest/doctest.h>

#include "ascendgen/router/router.h"

using namespace ascendgen::router;

TEST_CASE("policy strings parse and print back") {
  for (const char* text : {"flare", "flare:w=4,1,1", "flare:max_cost=0.01:min_pass=0.3", "flare:passk=4", "largest",
                           "smallest", "random", "round-robin", "least-loaded", "cost-only", "quality-threshold=0.8",
                           "fixed:qwen3-32b"})
    CHECK(to_string(parse_policy(text)) == text);
  CHECK(parse_policy("flare:latency").w_latency == 4);
  const Policy c = parse_policy("flare:max_cost=0.02,min_pass=0.5");
  CHECK(c.max_cost == doctest::Approx(0.02));
  CHECK(c.min_pass == doctest::Approx(0.5));
  CHECK(parse_policy("quality-threshold").threshold == doctest::Approx(0.9));
  for (const std::string& p : default_policies()) CHECK_NOTHROW(parse_policy(p));
}

TEST_CASE("bad policy strings name the string and the problem") {
  CHECK_THROWS_WITH(parse_policy("fastest"), doctest::Contains("policy 'fastest': unknown policy"));
  CHECK_THROWS_WITH(parse_policy("flare:w=1,2"), doctest::Contains("three weights"));
  CHECK_THROWS_WITH(parse_policy("flare:passk=0"), doctest::Contains("passk must be in 1..64"));
  CHECK_THROWS_WITH(parse_policy("flare:speed"), doctest::Contains("unknown flare option 'speed'"));
  CHECK_THROWS_WITH(parse_policy("flare:max_cost=abc"), doctest::Contains("'abc' is not a number"));
  CHECK_THROWS_WITH(parse_policy("quality-threshold=2"), doctest::Contains("(0, 1]"));
  CHECK_THROWS_WITH(parse_policy("fixed:"), doctest::Contains("needs a model name"));
}
