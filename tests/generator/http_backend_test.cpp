// OpenAIBackend against a real HTTP server on loopback (fake_llm_server.h).
#include <doctest/doctest.h>

#include <cstdlib>

#include "ascendgen/generator/http_backend.h"
#include "fake_llm_server.h"

namespace ascendgen {
namespace {

using Api = router::Endpoint::Api;

HttpBackendOptions quick(bool stream) {
  HttpBackendOptions o;
  o.stream = stream;
  o.connect_timeout_s = 2;
  o.read_timeout_s = 1;
  o.max_retries = 2;
  o.backoff_initial_s = 0.01;
  o.backoff_max_s = 0.05;
  return o;
}

GenerationResponse ask(const test::FakeLlmServer& server, const std::string& model, bool stream, Api api = Api::chat,
                       int n = 1) {
  OpenAIBackend backend("m", {server.base_url(), model, api, ""}, quick(stream));
  GenerationRequest request;
  request.system = "be brief";
  request.prompt = "write k";
  request.n = n;
  return backend.generate(request);
}

TEST_CASE("http_backend: a whole chat answer, its usage and the request sent") {
  test::FakeLlmServer server;
  const GenerationResponse r = ask(server, "reasoning", false, Api::chat, 2);
  REQUIRE(r.ok());
  REQUIRE(r.choices.size() == 2);
  CHECK(r.choices[1].text == test::FakeLlmServer::kAnswer);
  CHECK(r.choices[0].reasoning == "think first");
  CHECK(r.choices[0].finish_reason == "stop");
  CHECK(r.prompt_tokens == 11);
  CHECK(r.completion_tokens == 7);
  CHECK(r.model == "reasoning");
  CHECK(r.attempts == 1);
  CHECK(r.latency_s > 0);
  const nlohmann::json body = server.last_body();
  CHECK(body["n"] == 2);
  CHECK(body["stream"] == false);
  CHECK(body["messages"][0]["role"] == "system");
  CHECK(body["messages"][1]["content"] == "write k");
  CHECK(body["max_tokens"] == 8192);
}

TEST_CASE("http_backend: streamed chat answers are assembled per choice, with time to first token") {
  test::FakeLlmServer server;
  const GenerationResponse r = ask(server, "reasoning", true, Api::chat, 3);
  REQUIRE_MESSAGE(r.ok(), r.error);
  REQUIRE(r.choices.size() == 3);
  for (const Completion& c : r.choices) {
    CHECK(c.text == test::FakeLlmServer::kAnswer);
    CHECK(c.reasoning == "think ");
    CHECK(c.finish_reason == "stop");
  }
  CHECK(r.completion_tokens == 7);  // from the usage event, not the deltas
  CHECK(r.ttft_s > 0);
  CHECK(r.ttft_s <= r.latency_s);
  CHECK(server.last_body()["stream_options"]["include_usage"] == true);
}

TEST_CASE("http_backend: the completions API, whole and streamed, sends one prompt string") {
  test::FakeLlmServer server;
  for (bool stream : {false, true}) {
    const GenerationResponse r = ask(server, "ok", stream, Api::completions);
    REQUIRE_MESSAGE(r.ok(), r.error);
    CHECK(r.choices.at(0).text == test::FakeLlmServer::kAnswer);
    CHECK(server.last_body()["prompt"] == "be brief\n\nwrite k");
    CHECK_FALSE(server.last_body().contains("messages"));
  }
}

TEST_CASE("http_backend: a server without streaming answers a stream request with JSON, which is read") {
  test::FakeLlmServer server;
  const GenerationResponse r = ask(server, "json_only", true);
  REQUIRE_MESSAGE(r.ok(), r.error);
  CHECK(r.choices.at(0).text == test::FakeLlmServer::kAnswer);
  CHECK(r.completion_tokens == 7);
}

TEST_CASE("http_backend: sampling parameters and the API key from the environment") {
  test::FakeLlmServer server;
  ::setenv("ASCENDGEN_TEST_KEY", "sekret", 1);
  OpenAIBackend backend("m", {server.base_url() + "/", "ok", Api::chat, "ASCENDGEN_TEST_KEY"}, quick(false));
  GenerationRequest request;
  request.prompt = "p";
  request.temperature = 0.25;
  request.top_p = 0.5;
  request.max_tokens = 100;
  request.stop = {"</kernel_impl>"};
  REQUIRE(backend.generate(request).ok());
  const nlohmann::json body = server.last_body();
  CHECK(body["temperature"] == 0.25);
  CHECK(body["top_p"] == 0.5);
  CHECK(body["max_tokens"] == 100);
  CHECK(body["stop"] == nlohmann::json::array({"</kernel_impl>"}));
  CHECK(server.last_authorization() == "Bearer sekret");

  ::unsetenv("ASCENDGEN_TEST_KEY");
  const GenerationResponse missing = backend.generate(request);
  CHECK_FALSE(missing.ok());
  CHECK(missing.error.find("ASCENDGEN_TEST_KEY is not set") != std::string::npos);
}

TEST_CASE("http_backend: 429 is retried (Retry-After honoured), 5xx is retried then reported") {
  test::FakeLlmServer server;
  const GenerationResponse flaky = ask(server, "flaky", true);
  REQUIRE_MESSAGE(flaky.ok(), flaky.error);
  CHECK(flaky.attempts == 2);

  const int before = server.requests();
  const GenerationResponse down = ask(server, "overloaded", false);
  CHECK_FALSE(down.ok());
  CHECK(down.error.find("HTTP 503: busy, try later") != std::string::npos);
  CHECK(down.error.find("after 3 attempts") != std::string::npos);
  CHECK(server.requests() - before == 3);
}

TEST_CASE("http_backend: a 4xx is reported with the server's message and not retried") {
  test::FakeLlmServer server;
  const GenerationResponse r = ask(server, "bad_request", true);
  CHECK_FALSE(r.ok());
  CHECK(r.error.find("HTTP 400: max_tokens is too large") != std::string::npos);
  CHECK(server.requests() == 1);
}

TEST_CASE("http_backend: bad answers and streams are failures with their reason") {
  test::FakeLlmServer server;
  const auto error_of = [&](const std::string& model, bool stream) { return ask(server, model, stream).error; };
  CHECK(error_of("not_json", false).find("not a JSON object") != std::string::npos);
  CHECK(error_of("malformed", true).find("malformed stream event") != std::string::npos);
  CHECK(error_of("error_event", true).find("the model crashed") != std::string::npos);
  CHECK(error_of("truncated", true).find("truncated") != std::string::npos);
}

TEST_CASE("http_backend: an unreachable endpoint and a read timeout are failures, not crashes") {
  std::string url;
  {
    test::FakeLlmServer closed;  // a port that was just free, now closed again
    url = closed.base_url();
  }
  HttpBackendOptions o = quick(true);
  o.max_retries = 1;
  OpenAIBackend refused("m", {url, "ok", Api::chat, ""}, o);
  const GenerationResponse r = refused.generate({.prompt = "p"});
  CHECK_FALSE(r.ok());
  CHECK(r.attempts == 2);
  CHECK(r.error.find(url) != std::string::npos);

  test::FakeLlmServer server;
  o.max_retries = 0;
  OpenAIBackend slow("m", {server.base_url(), "slow", Api::chat, ""}, o);
  const GenerationResponse timed_out = slow.generate({.prompt = "p"});
  CHECK_FALSE(timed_out.ok());
  CHECK(timed_out.error.find("imeout") != std::string::npos);
}

TEST_CASE("http_backend: a bad endpoint is refused when the backend is made") {
  CHECK_THROWS_WITH_AS(OpenAIBackend("m", {"localhost:8000", "x", Api::chat, ""}),
                       doctest::Contains("must start with http://"), std::invalid_argument);
  CHECK_THROWS_AS(OpenAIBackend("m", {"http://localhost", "", Api::chat, ""}), std::invalid_argument);
}

}  // namespace
}  // namespace ascendgen
