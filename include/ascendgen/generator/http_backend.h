// OpenAIBackend: any server that speaks the OpenAI HTTP API (vLLM, SGLang, llama.cpp server, a
// hosted API), through libcurl.
//
//   ascendgen::router::Endpoint endpoint{.base_url = "http://127.0.0.1:8000/v1", .model = "qwen",
//                                        .api_key_env = "OPENAI_API_KEY"};
//   ascendgen::OpenAIBackend backend("qwen", endpoint);   // or pool.find("qwen").endpoint
//   ascendgen::GenerationResponse r = backend.generate({.prompt = "Write ...", .n = 4});
//
// The endpoint is the model pool's (router/pool.h): `api_key_env` names the environment variable
// holding the key sent as "Authorization: Bearer KEY"; a named variable that is unset is a request
// error, so a missing key is noticed rather than sent as nothing. A trailing '/' of base_url is
// ignored. Requests go to {base_url}/chat/completions (api chat: system + user messages; the answer's
// message.content, and reasoning_content or reasoning when the server sends it) or
// {base_url}/completions (api completions: one prompt string; the answer's text). With streaming
// (the default) the answer is read as server-sent events, which gives the time to first token;
// the request asks for usage in the last event (stream_options.include_usage). A server without
// streaming that sends one JSON answer instead (Content-Type: application/json) is read as such.
//
// Failures are recorded, never thrown: a connect failure, a timeout, 429 or 5xx is retried with
// exponential backoff (a 429's Retry-After is honoured, up to backoff_max_s); any other 4xx, an
// answer that is not the API's JSON, an error event in the stream, or a stream that ends before
// "data: [DONE]" while a choice is unfinished ends the request with GenerationResponse::error
// saying which.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "ascendgen/generator/backend.h"
#include "ascendgen/router/pool.h"

namespace ascendgen {

struct HttpBackendOptions {
  bool stream = true;
  double connect_timeout_s = 10;
  // An attempt fails when no byte arrives for this long (a slow but live stream is not cut off);
  // it is retried when the server had not begun to answer. 0: no limit.
  double read_timeout_s = 300;
  int max_retries = 3;             // further attempts after a retryable failure
  double backoff_initial_s = 1;    // wait before the first retry, doubled for each next one
  double backoff_max_s = 30;
  std::vector<std::pair<std::string, std::string>> headers;  // sent with every request
};

class OpenAIBackend : public Backend {
 public:
  // Throws std::invalid_argument when the base URL does not start with http:// or https:// or
  // the model id is empty.
  OpenAIBackend(std::string name, router::Endpoint endpoint, HttpBackendOptions options = {});
  GenerationResponse generate(const GenerationRequest& request) override;
  std::string name() const override { return name_; }
  const router::Endpoint& endpoint() const { return endpoint_; }

 private:
  std::string name_;
  router::Endpoint endpoint_;
  HttpBackendOptions options_;
};

}  // namespace ascendgen
