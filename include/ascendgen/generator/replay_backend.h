// ReplayBackend: answers from recorded responses instead of a model, so a generation run can be
// repeated offline (re-evaluated under a changed evaluator, or tested without a server).
//
//   ascendgen::ReplayBackend replay("qwen");
//   replay.load_records("generations.jsonl");   // lines with "prompt" and "response"
//   ascendgen::GenerationResponse r = replay.generate({.prompt = same_prompt_as_recorded});
//
// Responses are keyed by the exact prompt text and served in recorded order, each once; a
// request for a prompt with nothing (left) recorded is a response error saying so.
#pragma once
#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "ascendgen/generator/backend.h"

namespace ascendgen {

class ReplayBackend : public Backend {
 public:
  explicit ReplayBackend(std::string name = "replay") : name_(std::move(name)) {}

  // Records `completion` as an answer to `prompt`, with its usage and latency.
  void add(const std::string& prompt, Completion completion, int64_t prompt_tokens = 0,
           int64_t completion_tokens = 0, double latency_s = 0);
  // Adds the records of a Generator JSONL file ("prompt", "response", optional "reasoning",
  // "tokens_in", "tokens_out", "latency_s"). Only records whose "model" equals `model` are taken
  // when it is given. Returns how many were added; throws RecordError naming FILE:LINE and the
  // field at fault.
  size_t load_records(const std::filesystem::path& path, const std::string& model = "");

  GenerationResponse generate(const GenerationRequest& request) override;
  std::string name() const override { return name_; }

 private:
  struct Recorded {
    Completion completion;
    int64_t prompt_tokens, completion_tokens;
    double latency_s;
  };
  struct Queue {
    std::vector<Recorded> answers;
    size_t next = 0;
  };
  std::string name_;
  std::mutex mutex_;
  std::map<std::string, Queue> by_prompt_;
};

}  // namespace ascendgen
