// A real OpenAI-compatible HTTP server on loopback for the backend tests (cpp-httplib). The model
// id in a request picks the behaviour:
//   ok, reasoning        a whole answer (chat: message.content, reasoning_content); n choices
//   flaky                429 with Retry-After: 0 on the first request, then an answer
//   overloaded           always 503
//   bad_request          400 with an OpenAI error body
//   not_json             200 with a body that is not JSON
//   malformed            a stream whose second event is not JSON
//   truncated            a stream cut off before [DONE] and before finish_reason
//   error_event          a stream carrying an error object
//   slow                 waits 3 s before answering (for read timeouts)
//   json_only            a whole answer even when a stream is asked for (no streaming support)
// Streams send one event per word (content, or text for /completions), usage at the end.
#pragma once
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace ascendgen::test {

class FakeLlmServer {
 public:
  static constexpr const char* kAnswer = "```cpp\nextern \"C\" void k() {}\n```";

  FakeLlmServer() {
    server_.Post("/v1/chat/completions", [this](const httplib::Request& q, httplib::Response& r) { handle(q, r, true); });
    server_.Post("/v1/completions", [this](const httplib::Request& q, httplib::Response& r) { handle(q, r, false); });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeLlmServer() {
    server_.stop();
    thread_.join();
  }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  int requests() const { return requests_; }
  // The last request's body and Authorization header.
  nlohmann::json last_body() const {
    std::lock_guard lock(mutex_);
    return last_body_;
  }
  std::string last_authorization() const {
    std::lock_guard lock(mutex_);
    return last_authorization_;
  }

 private:
  static nlohmann::json usage() { return {{"prompt_tokens", 11}, {"completion_tokens", 7}, {"total_tokens", 18}}; }

  static std::string event(const nlohmann::json& data) { return "data: " + data.dump() + "\n\n"; }

  // The stream's events: one per word of the answer for each choice, finish_reason, usage, [DONE].
  static std::vector<std::string> stream_events(const std::string& model, bool chat, int n) {
    std::vector<std::string> events;
    const std::vector<std::string> words = {"```cpp\n", "extern ", "\"C\" ", "void ", "k() {}\n", "```"};
    for (int i = 0; i < n; ++i) {
      if (chat && model == "reasoning")
        events.push_back(event({{"model", model}, {"choices", {{{"index", i}, {"delta", {{"reasoning_content", "think "}}}}}}}));
      for (const std::string& w : words) {
        nlohmann::json choice = {{"index", i}, {"finish_reason", nullptr}};
        if (chat) choice["delta"] = {{"content", w}};
        else choice["text"] = w;
        events.push_back(event({{"model", model}, {"choices", {choice}}}));
      }
    }
    for (int i = 0; i < n; ++i) {
      nlohmann::json choice = {{"index", i}, {"finish_reason", "stop"}};
      if (chat) choice["delta"] = nlohmann::json::object();
      else choice["text"] = "";
      events.push_back(event({{"model", model}, {"choices", {choice}}}));
    }
    events.push_back(event({{"model", model}, {"choices", nlohmann::json::array()}, {"usage", usage()}}));
    events.push_back("data: [DONE]\n\n");
    return events;
  }

  void handle(const httplib::Request& q, httplib::Response& r, bool chat) {
    ++requests_;
    const nlohmann::json body = nlohmann::json::parse(q.body);
    {
      std::lock_guard lock(mutex_);
      last_body_ = body;
      last_authorization_ = q.get_header_value("Authorization");
    }
    const std::string model = body.value("model", "");
    const int n = body.value("n", 1);
    const bool stream = body.value("stream", false) && model != "json_only";
    if (model == "slow") std::this_thread::sleep_for(std::chrono::seconds(3));
    if ((model == "flaky" && count_for_flaky_++ == 0) || model == "overloaded") {
      r.status = model == "flaky" ? 429 : 503;
      if (model == "flaky") r.set_header("Retry-After", "0");
      r.set_content(R"({"error": {"message": "busy, try later"}})", "application/json");
      return;
    }
    if (model == "bad_request") {
      r.status = 400;
      r.set_content(R"({"error": {"message": "max_tokens is too large", "type": "invalid_request_error"}})",
                    "application/json");
      return;
    }
    if (model == "not_json") {
      r.set_content("<html>gateway</html>", "text/html");
      return;
    }
    if (stream) {
      std::vector<std::string> events = stream_events(model, chat, n);
      if (model == "malformed") events[1] = "data: {not json\n\n";
      if (model == "error_event") events[1] = event({{"error", {{"message", "the model crashed"}}}});
      if (model == "truncated") events.resize(3);
      const bool cut = model == "truncated";
      r.set_chunked_content_provider("text/event-stream", [events, cut](size_t, httplib::DataSink& sink) {
        for (const std::string& e : events) sink.write(e.data(), e.size());
        if (cut) return false;  // closes the connection without the last chunk
        sink.done();
        return true;
      });
      return;
    }
    nlohmann::json choices = nlohmann::json::array();
    for (int i = 0; i < n; ++i) {
      nlohmann::json choice = {{"index", i}, {"finish_reason", "stop"}};
      if (chat) {
        choice["message"] = {{"role", "assistant"}, {"content", kAnswer}};
        if (model == "reasoning") choice["message"]["reasoning_content"] = "think first";
      } else {
        choice["text"] = kAnswer;
      }
      choices.push_back(choice);
    }
    r.set_content(nlohmann::json({{"model", model}, {"choices", choices}, {"usage", usage()}}).dump(), "application/json");
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> requests_{0}, count_for_flaky_{0};
  mutable std::mutex mutex_;
  nlohmann::json last_body_;
  std::string last_authorization_;
};

}  // namespace ascendgen::test
