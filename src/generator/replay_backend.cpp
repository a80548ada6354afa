#include "ascendgen/generator/replay_backend.h"

#include <fmt/format.h>

#include "ascendgen/task/records.h"

namespace ascendgen {

void ReplayBackend::add(const std::string& prompt, Completion completion, int64_t prompt_tokens,
                        int64_t completion_tokens, double latency_s) {
  std::lock_guard lock(mutex_);
  by_prompt_[prompt].answers.push_back({std::move(completion), prompt_tokens, completion_tokens, latency_s});
}

size_t ReplayBackend::load_records(const std::filesystem::path& path, const std::string& model) {
  const JsonlContents contents = read_jsonl(path);
  size_t added = 0;
  for (size_t i = 0; i < contents.records.size(); ++i) {
    const nlohmann::json& r = contents.records[i];
    const auto field = [&](const char* key, auto fallback) {
      using T = decltype(fallback);
      if (!r.contains(key)) return fallback;
      try {
        return r[key].get<T>();
      } catch (const nlohmann::json::exception&) {
        throw RecordError(fmt::format("{}:{}: field '{}' has the wrong type", path.string(), contents.lines[i], key));
      }
    };
    if (!model.empty() && field("model", std::string()) != model) continue;
    if (!r.contains("prompt") || !r.contains("response"))
      throw RecordError(fmt::format("{}:{}: a replay record needs 'prompt' and 'response'", path.string(),
                                    contents.lines[i]));
    Completion c{field("response", std::string()), field("reasoning", std::string()), "stop"};
    add(field("prompt", std::string()), std::move(c), field("tokens_in", int64_t{0}), field("tokens_out", int64_t{0}),
        field("latency_s", 0.0));
    ++added;
  }
  return added;
}

GenerationResponse ReplayBackend::generate(const GenerationRequest& request) {
  GenerationResponse out;
  out.model = name_;
  out.attempts = 1;
  std::lock_guard lock(mutex_);
  const auto it = by_prompt_.find(request.prompt);
  if (it == by_prompt_.end()) {
    out.error = name_ + ": no recorded response for this prompt";
    return out;
  }
  Queue& q = it->second;
  for (int i = 0; i < request.n && q.next < q.answers.size(); ++i, ++q.next) {
    const Recorded& r = q.answers[q.next];
    out.choices.push_back(r.completion);
    out.prompt_tokens = r.prompt_tokens;
    out.completion_tokens += r.completion_tokens;
    out.latency_s = std::max(out.latency_s, r.latency_s);
  }
  out.ttft_s = out.latency_s;
  if (out.choices.empty())
    out.error = fmt::format("{}: all {} recorded responses for this prompt were served", name_, q.answers.size());
  return out;
}

}  // namespace ascendgen
