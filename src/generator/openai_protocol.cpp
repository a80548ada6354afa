#include "openai_protocol.h"

#include <fmt/format.h>

namespace ascendgen::detail {
using nlohmann::json;

namespace {
// A string field of `object`, or "" when it is absent, null or not a string.
std::string string_field(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The reasoning text of a message or delta: vLLM and DeepSeek send reasoning_content, others reasoning.
std::string reasoning_field(const json& object) {
  std::string text = string_field(object, "reasoning_content");
  return text.empty() ? string_field(object, "reasoning") : text;
}

void read_usage(const json& answer, GenerationResponse& out) {
  const auto usage = answer.find("usage");
  if (usage == answer.end() || !usage->is_object()) return;
  out.prompt_tokens = usage->value("prompt_tokens", int64_t{0});
  out.completion_tokens = usage->value("completion_tokens", int64_t{0});
}

// The choice with this index, created (with those before it) when new. Returns nullptr for an
// index that is not a small non-negative integer.
Completion* choice_at(const json& choice, std::vector<Completion>& choices) {
  const json index = choice.value("index", json(0));
  if (!index.is_number_integer() || index.get<int64_t>() < 0 || index.get<int64_t>() >= 4096) return nullptr;
  const size_t i = index.get<size_t>();
  if (choices.size() <= i) choices.resize(i + 1);
  return &choices[i];
}
}  // namespace

json openai_request_body(const router::Endpoint& endpoint, const GenerationRequest& request, bool stream) {
  json body = {{"model", endpoint.model},   {"n", request.n},
               {"temperature", request.temperature}, {"top_p", request.top_p},
               {"max_tokens", request.max_tokens}, {"stream", stream}};
  if (!request.stop.empty()) body["stop"] = request.stop;
  if (stream) body["stream_options"] = {{"include_usage", true}};
  if (endpoint.api == router::Endpoint::Api::chat) {
    json messages = json::array();
    if (!request.system.empty()) messages.push_back({{"role", "system"}, {"content", request.system}});
    messages.push_back({{"role", "user"}, {"content", request.prompt}});
    body["messages"] = std::move(messages);
  } else {
    body["prompt"] = request.system.empty() ? request.prompt : request.system + "\n\n" + request.prompt;
  }
  return body;
}

std::string openai_error_message(std::string_view body) {
  const json parsed = json::parse(body, nullptr, false);
  if (parsed.is_object()) {
    if (const auto error = parsed.find("error"); error != parsed.end()) {
      if (error->is_string()) return error->get<std::string>();
      if (error->is_object() && error->contains("message") && (*error)["message"].is_string())
        return (*error)["message"].get<std::string>();
    }
    if (std::string message = string_field(parsed, "message"); !message.empty()) return message;
  }
  std::string text(body.substr(0, 300));
  return text.empty() ? "(empty body)" : text;
}

std::string parse_openai_answer(std::string_view body, router::Endpoint::Api api, GenerationResponse& out) {
  const json answer = json::parse(body, nullptr, false);
  if (!answer.is_object()) return fmt::format("the answer is not a JSON object: {}", openai_error_message(body));
  if (answer.contains("error")) return "the server answered with an error: " + openai_error_message(body);
  const auto choices = answer.find("choices");
  if (choices == answer.end() || !choices->is_array() || choices->empty())
    return "the answer has no 'choices' array";
  for (const json& choice : *choices) {
    if (!choice.is_object()) return "a choice of the answer is not an object";
    Completion* c = choice_at(choice, out.choices);
    if (!c) return "a choice of the answer has a bad 'index'";
    if (api == router::Endpoint::Api::chat) {
      const auto message = choice.find("message");
      if (message == choice.end() || !message->is_object()) return "a choice of the answer has no 'message'";
      c->text = string_field(*message, "content");
      c->reasoning = reasoning_field(*message);
    } else {
      if (!choice.contains("text") || !choice["text"].is_string()) return "a choice of the answer has no 'text'";
      c->text = choice["text"].get<std::string>();
    }
    c->finish_reason = string_field(choice, "finish_reason");
  }
  out.model = string_field(answer, "model");
  read_usage(answer, out);
  return "";
}

bool OpenAIStreamParser::fail(std::string why) {
  if (error_.empty()) error_ = std::move(why);
  return false;
}

bool OpenAIStreamParser::feed(std::string_view bytes) {
  if (!error_.empty()) return false;
  pending_.append(bytes);
  size_t start = 0;
  for (size_t end; (end = pending_.find_first_of("\r\n", start)) != std::string::npos;) {
    std::string_view line(pending_.data() + start, end - start);
    // \r\n counts as one line end; a lone \r or \n as one too.
    start = end + 1;
    if (pending_[end] == '\r') {
      if (start == pending_.size()) {  // the \n may be in the next piece: wait for it
        start = end;
        break;
      }
      if (pending_[start] == '\n') ++start;
    }
    if (line.empty()) {  // a blank line ends an event
      if (!event_data_.empty() && !handle_event(event_data_)) return false;
      event_data_.clear();
    } else if (line.starts_with("data:")) {
      line.remove_prefix(5);
      if (line.starts_with(' ')) line.remove_prefix(1);
      if (!event_data_.empty()) event_data_ += '\n';
      event_data_.append(line);
    }  // comments (":...") and other fields (event:, id:, retry:) carry nothing we use
  }
  pending_.erase(0, start);
  return true;
}

bool OpenAIStreamParser::handle_event(const std::string& data) {
  if (done_) return true;  // nothing counts after [DONE]
  if (data == "[DONE]") {
    done_ = true;
    return true;
  }
  const json event = json::parse(data, nullptr, false);
  if (!event.is_object()) return fail(fmt::format("malformed stream event (not JSON): {}", data.substr(0, 200)));
  if (event.contains("error")) return fail("the server sent an error in the stream: " + openai_error_message(data));
  if (response_.model.empty()) response_.model = string_field(event, "model");
  if (event.contains("usage") && event["usage"].is_object()) {
    read_usage(event, response_);
    usage_seen_ = true;
  }
  const auto choices = event.find("choices");
  if (choices == event.end()) return true;
  if (!choices->is_array()) return fail("malformed stream event: 'choices' is not an array");
  for (const json& choice : *choices) {
    if (!choice.is_object()) return fail("malformed stream event: a choice is not an object");
    Completion* c = choice_at(choice, response_.choices);
    if (!c) return fail("malformed stream event: a choice has a bad 'index'");
    finished_.resize(response_.choices.size(), false);
    std::string text, reasoning;
    if (api_ == router::Endpoint::Api::chat) {
      if (const auto delta = choice.find("delta"); delta != choice.end() && delta->is_object()) {
        text = string_field(*delta, "content");
        reasoning = reasoning_field(*delta);
      }
    } else {
      text = string_field(choice, "text");
    }
    if (!text.empty() || !reasoning.empty()) ++deltas_;
    c->text += text;
    c->reasoning += reasoning;
    if (std::string reason = string_field(choice, "finish_reason"); !reason.empty()) {
      c->finish_reason = std::move(reason);
      finished_[&*c - response_.choices.data()] = true;
    }
  }
  return true;
}

bool OpenAIStreamParser::finish() {
  if (!error_.empty()) return false;
  if (!event_data_.empty() || !pending_.empty()) {
    // A last event without its blank line: take it if it is whole.
    if (!pending_.empty() && pending_.starts_with("data:")) feed("\n");
    if (!event_data_.empty() && !handle_event(event_data_)) return false;
    event_data_.clear();
  }
  if (response_.choices.empty()) return fail(done_ ? "the stream held no choice" : "the stream ended before any event");
  if (!done_) {
    for (bool finished : finished_)
      if (!finished) return fail("the stream ended before 'data: [DONE]' with a choice unfinished (truncated)");
  }
  return true;
}

GenerationResponse OpenAIStreamParser::take_response() {
  if (!usage_seen_) response_.completion_tokens = deltas_;
  return std::move(response_);
}

}  // namespace ascendgen::detail
