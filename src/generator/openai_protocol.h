// The OpenAI HTTP API as data, apart from the transport: request bodies, whole answers and
// server-sent-event streams parsed into a GenerationResponse. Internal to libascendgen.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ascendgen/generator/http_backend.h"

namespace ascendgen::detail {

// The JSON body of a request to the endpoint's API.
nlohmann::json openai_request_body(const router::Endpoint& endpoint, const GenerationRequest& request, bool stream);

// The server's own words for a failed request: error.message of a JSON error body, else the body
// itself cut to 300 bytes.
std::string openai_error_message(std::string_view body);

// Parses a whole (non-streamed) answer into `out` (choices, model, usage). Returns why it is not
// a valid answer, or "" when it is.
std::string parse_openai_answer(std::string_view body, router::Endpoint::Api api, GenerationResponse& out);

// An event stream read as it arrives: feed() the bytes in any pieces, then finish(). Choices are
// filled by their index; usage comes from the event that carries it.
class OpenAIStreamParser {
 public:
  explicit OpenAIStreamParser(router::Endpoint::Api api) : api_(api) {}
  // Consumes bytes; returns false once the stream is known bad (error() says why).
  bool feed(std::string_view bytes);
  // After the last byte: whether the stream ended properly; error() says why not.
  bool finish();
  // True once some content or reasoning text has arrived.
  bool has_token() const { return deltas_ > 0; }
  const std::string& error() const { return error_; }
  // The answer so far: choices, model and usage (completion_tokens falls back to the deltas seen).
  GenerationResponse take_response();

 private:
  bool handle_event(const std::string& data);
  bool fail(std::string why);
  router::Endpoint::Api api_;
  std::string pending_;     // bytes after the last complete line
  std::string event_data_;  // data lines of the event being read
  std::vector<bool> finished_;
  GenerationResponse response_;
  int64_t deltas_ = 0;
  bool done_ = false;       // "data: [DONE]" seen
  bool usage_seen_ = false;
  std::string error_;
};

}  // namespace ascendgen::detail
