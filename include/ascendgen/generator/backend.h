// Backend: one LLM behind one interface. A request is a prompt plus sampling parameters; the answer
// is up to n completions with token usage and latency. Remote failures (an unreachable endpoint, a
// 4xx, a malformed stream) are not exceptions: they come back in GenerationResponse::error so that
// a generation run records them and goes on.
//
//   ascendgen::CallableBackend echo("echo", [](const ascendgen::GenerationRequest& r) {
//     ascendgen::GenerationResponse out;
//     out.choices.push_back({.text = r.prompt});
//     return out;
//   });
//   ascendgen::GenerationResponse answer = echo.generate({.prompt = "hello"});
//
// Backends in this module: OpenAIBackend (http_backend.h), CallableBackend (a C++ or Python
// function), ReplayBackend (recorded answers, replay_backend.h).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ascendgen {

// What to ask: the prompt and how to sample. `system` is sent as a system message by chat APIs
// and put before the prompt by plain-completion APIs.
struct GenerationRequest {
  std::string system;
  std::string prompt;
  int n = 1;                   // completions wanted
  double temperature = 0.8;
  double top_p = 0.95;
  int max_tokens = 8192;       // per completion
  std::vector<std::string> stop;
};

// One completion of a request.
struct Completion {
  std::string text;            // the answer (chat: message content; completions: text)
  std::string reasoning;       // the server's separate reasoning (reasoning_content), when sent
  std::string finish_reason;   // "stop", "length", ... as the server said; empty when unknown
};

// The answer to one request. `error` empty means success with at least one choice.
struct GenerationResponse {
  std::vector<Completion> choices;
  std::string model;               // the model that answered, as the server names it
  int64_t prompt_tokens = 0;       // from the server's usage; 0 when it reports none
  int64_t completion_tokens = 0;   // all choices together: the server's usage, else (streaming)
                                   // the number of content deltas received
  double latency_s = 0;            // request start to the last byte, retries included
  double ttft_s = 0;               // request start to the first content or reasoning token
                                   // (streaming); equal to latency_s without streaming
  double tpot_s = 0;               // (latency - ttft) per output token after the first, per choice
  int attempts = 0;                // HTTP requests made (retries included); 1 for local backends
  std::string error;               // why the request failed; empty on success
  bool ok() const { return error.empty() && !choices.empty(); }
};

// The interface every backend implements. generate() may be called from several threads at once.
class Backend {
 public:
  virtual ~Backend() = default;
  // Answers `request`; never throws for a failure of the model or the transport (see `error`).
  virtual GenerationResponse generate(const GenerationRequest& request) = 0;
  // The model name used in records ("qwen2.5-coder-32b").
  virtual std::string name() const = 0;
};

// A backend that calls a function: a local model, a test double, or (through the bindings) a
// Python callable. An exception thrown by the function becomes the response's error.
class CallableBackend : public Backend {
 public:
  using Function = std::function<GenerationResponse(const GenerationRequest&)>;
  CallableBackend(std::string name, Function function);
  GenerationResponse generate(const GenerationRequest& request) override;
  std::string name() const override { return name_; }

 private:
  std::string name_;
  Function function_;
};

}  // namespace ascendgen
