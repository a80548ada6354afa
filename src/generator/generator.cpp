#include "ascendgen/generator/generator.h"

#include <algorithm>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "../core/parallel_for.h"
#include "ascendgen/generator/extract.h"
#include "ascendgen/task/records.h"
#include "feedback.h"

namespace ascendgen {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
// Statuses a generation run adds to the evaluator's: no answer from the model, or an evaluation
// that could not run (a broken task reference).
constexpr const char* kRequestError = "request_error";
constexpr const char* kEvaluationError = "evaluation_error";

using ChainKey = std::pair<std::string, int64_t>;  // (task, sample)

// What the router knows of a task's requests before sending one.
router::RequestFeatures features_of(const Task& task, const Prompt& prompt) {
  router::RequestFeatures f;
  f.task = task.name();
  f.level = task.level();
  f.category = task.category();
  // Roughly four bytes a token; the record keeps the server's count once it answers.
  f.prompt_tokens = static_cast<int>((prompt.system.size() + prompt.user.size()) / 4);
  if (!task.cases().empty()) {
    const TestCase& c = task.cases().front();
    f.num_inputs = static_cast<int>(c.inputs.size());
    for (const TensorInstance& t : c.inputs) f.case_elements = std::max(f.case_elements, static_cast<double>(t.numel()));
  }
  return f;
}

json features_json(const router::RequestFeatures& f) {
  return {{"level", f.level}, {"category", f.category}, {"prompt_tokens", f.prompt_tokens},
          {"num_inputs", f.num_inputs}, {"case_elements", f.case_elements}};
}

bool chain_ended(const json& attempt, int repair_rounds) {
  const std::string status = attempt.value("status", "");
  return status == "pass" || status == kRequestError || status == kEvaluationError ||
         attempt.value("repair_round", 0) >= repair_rounds;
}

// The records of a JSONL file to resume from, grouped by (task, sample); none when it is absent.
std::map<ChainKey, std::vector<json>> read_chains(const fs::path& path) {
  std::map<ChainKey, std::vector<json>> chains;
  if (!fs::exists(path)) return chains;
  const JsonlContents contents = read_jsonl(path);
  for (size_t i = 0; i < contents.records.size(); ++i) {
    const json& r = contents.records[i];
    if (!r.contains("task") || !r["task"].is_string() || !r.contains("sample") || !r["sample"].is_number_integer())
      throw RecordError(fmt::format("{}:{}: a generation record needs 'task' (string) and 'sample' (integer)",
                                    path.string(), contents.lines[i]));
    chains[{r["task"].get<std::string>(), r["sample"].get<int64_t>()}].push_back(r);
  }
  for (auto& [key, attempts] : chains)
    std::stable_sort(attempts.begin(), attempts.end(), [](const json& a, const json& b) {
      return a.value("repair_round", 0) < b.value("repair_round", 0);
    });
  return chains;
}

// The state of one run: the files, the records to resume from and the counts.
struct Run {
  explicit Run(const GenerationOptions& o) : options(o) {}
  const GenerationOptions& options;
  std::map<ChainKey, std::vector<json>> attempts;  // resumed: recorded attempts per chain
  std::set<ChainKey> finished;                     // resumed: chains in the samples file
  std::unique_ptr<JsonlWriter> samples, attempt_log;  // attempt_log: only with repair rounds
  std::mutex mutex;
  GenerationSummary summary;
  size_t done = 0, total = 0;
  const std::function<void(size_t, size_t, const std::string&)>* progress = nullptr;

  void write_attempt(const json& attempt) {
    std::lock_guard lock(mutex);
    ++summary.attempts;
    ++summary.by_model[attempt.value("model", "")];
    if (attempt.value("status", "") == kRequestError) ++summary.request_errors;
    (attempt_log ? *attempt_log : *samples).write(attempt);
  }
  // `resumed_record`: the chain ended before this run, only its samples line was missing.
  void finish_chain(const json& last, bool resumed_record) {
    std::lock_guard lock(mutex);
    if (attempt_log) samples->write(last);
    const std::string status = last.value("status", "");
    if (!resumed_record) {
      ++summary.candidates;
      ++summary.by_status[status];
      if (status == "pass") ++summary.passed;
      if (status == "pass" && last.value("repair_round", 0) > 0) ++summary.repaired;
    }
    ++done;
    if (*progress) (*progress)(done, total, status);
  }
};

// One task's work: its prompt, its chains and the router's requests for them.
class TaskWork {
 public:
  TaskWork(const Task& task, router::Router& router, const std::map<std::string, std::shared_ptr<Backend>>& backends,
           const PromptBuilder& prompts, Evaluator& evaluator, Run& run)
      : task_(task), router_(router), backends_(backends), prompts_(prompts), evaluator_(evaluator), run_(run),
        base_(prompts.build(task)), features_(features_of(task, base_)) {}

  void run(int samples) {
    std::vector<int64_t> fresh;
    std::vector<json> ongoing;  // the last attempt of chains to repair further
    for (int64_t s = 0; s < samples; ++s) {
      const ChainKey key{task_.name(), s};
      if (run_.finished.count(key)) continue;
      const auto recorded = run_.attempts.find(key);
      if (recorded == run_.attempts.end()) {
        fresh.push_back(s);
      } else if (chain_ended(recorded->second.back(), run_.options.repair_rounds)) {
        run_.finish_chain(recorded->second.back(), true);
      } else {
        ongoing.push_back(recorded->second.back());
      }
    }
    if (!fresh.empty()) {
      const Answer answer = ask(base_, static_cast<int>(fresh.size()));
      for (size_t i = 0; i < fresh.size(); ++i) ongoing.push_back(attempt(fresh[i], 0, base_, answer, i));
    }
    for (json& last : ongoing) {
      while (!chain_ended(last, run_.options.repair_rounds)) {
        const std::string previous = last.value("source", "").empty() ? last.value("response", "") : last.value("source", "");
        const Prompt prompt = prompts_.repair(base_, previous, last.value("status", ""), last.value("feedback", ""));
        last = attempt(last["sample"].get<int64_t>(), last.value("repair_round", 0) + 1, prompt, ask(prompt, 1), 0);
      }
      run_.finish_chain(last, false);
    }
  }

 private:
  struct Answer {
    GenerationResponse response;
    std::string model;
    router::RequestFeatures features;
  };

  Answer ask(const Prompt& prompt, int n) {
    router::RequestFeatures features = features_;
    features.prompt_tokens = features_of(task_, prompt).prompt_tokens;
    const router::Decision decision = router_.route(features);
    GenerationRequest request = run_.options.sampling;
    request.system = prompt.system;
    request.prompt = prompt.user;
    request.n = n;
    GenerationResponse response = backends_.at(decision.model_name)->generate(request);
    router_.finish(decision, std::vector<router::GenerationRecord>{});  // frees the slot; outcomes come later
    return {std::move(response), decision.model_name, std::move(features)};
  }

  // Evaluates choice `index` of `answer` as round `round` of chain `sample`, records it and
  // teaches the router its outcome. Returns the record.
  json attempt(int64_t sample, int round, const Prompt& prompt, const Answer& answer, size_t index) {
    const GenerationResponse& r = answer.response;
    const size_t choices = std::max<size_t>(1, r.choices.size());
    json record = {{"task", task_.name()},
                   {"sample", sample},
                   {"repair_round", round},
                   {"model", answer.model},
                   {"served_model", r.model},
                   {"system", prompt.system},
                   {"prompt", prompt.user},
                   {"tokens_in", r.prompt_tokens > 0 ? r.prompt_tokens : answer.features.prompt_tokens},
                   {"tokens_out", r.completion_tokens / static_cast<int64_t>(choices)},
                   {"latency_s", r.latency_s},
                   {"ttft_s", r.ttft_s},
                   {"tpot_s", r.tpot_s},
                   {"request_attempts", r.attempts},
                   {"features", features_json(answer.features)}};
    std::string source, response_text, reasoning, status, reason, feedback;
    std::optional<EvalResult> result;
    if (!r.ok() || index >= r.choices.size()) {
      status = kRequestError;
      reason = r.ok() ? fmt::format("the model returned {} of {} completions", r.choices.size(), index + 1) : r.error;
    } else {
      const Completion& c = r.choices[index];
      response_text = c.text;
      record["finish_reason"] = c.finish_reason;
      const ExtractOptions extract{task_.kernel().entry, task_.kernel().form == KernelForm::Operator};
      const Extraction e = extract_candidate(c.text, extract);
      reasoning = c.reasoning.empty() ? e.reasoning : c.reasoning;
      if (!e.ok()) {
        status = "parse_error";
        reason = feedback = e.error;
      } else {
        source = e.source;
        try {
          result = evaluator_.evaluate(task_, source);
          status = result->status;
          if (!result->correct) {
            reason = detail::failure_reason(*result);
            feedback = detail::repair_feedback(*result);
          }
          record["predicted_us"] = result->predicted_us;
        } catch (const std::exception& e) {
          status = kEvaluationError;
          reason = e.what();
        }
      }
    }
    record["source"] = source;
    record["response"] = response_text;
    record["reasoning"] = reasoning;
    record["status"] = status;
    record["reason"] = reason;
    record["feedback"] = feedback;
    run_.write_attempt(record);
    if (status != kRequestError && status != kEvaluationError) {
      router::GenerationRecord learned;
      learned.features = answer.features;
      learned.model = answer.model;
      learned.tokens_in = static_cast<int>(record["tokens_in"].get<int64_t>());
      learned.tokens_out = static_cast<int>(record["tokens_out"].get<int64_t>());
      learned.latency_s = r.latency_s;
      learned.passed = status == "pass";
      router_.update(learned);
    }
    return record;
  }

  const Task& task_;
  router::Router& router_;
  const std::map<std::string, std::shared_ptr<Backend>>& backends_;
  const PromptBuilder& prompts_;
  Evaluator& evaluator_;
  Run& run_;
  const Prompt base_;
  const router::RequestFeatures features_;
};
}  // namespace

std::map<std::string, std::shared_ptr<Backend>> make_pool_backends(const router::ModelPool& pool,
                                                                   const HttpBackendOptions& options) {
  std::map<std::string, std::shared_ptr<Backend>> backends;
  for (const router::ModelSpec& m : pool.models)
    backends[m.name] = std::make_shared<OpenAIBackend>(m.name, m.endpoint, options);
  return backends;
}

fs::path attempts_path(const fs::path& samples_path) {
  fs::path p = samples_path;
  return p.replace_filename(samples_path.stem().string() + ".attempts.jsonl");
}

Generator::Generator(router::Router& router, std::map<std::string, std::shared_ptr<Backend>> backends,
                     const PromptBuilder& prompts, Evaluator& evaluator, GenerationOptions options)
    : router_(router), backends_(std::move(backends)), prompts_(prompts), evaluator_(evaluator), options_(options) {
  for (const router::ModelSpec& m : router_.pool().models) {
    const auto b = backends_.find(m.name);
    if (b == backends_.end() || !b->second)
      throw std::invalid_argument(fmt::format("generator: no backend for model '{}' of the pool", m.name));
  }
  if (options_.samples < 1) throw std::invalid_argument("generator: samples must be at least 1");
  if (options_.repair_rounds < 0) throw std::invalid_argument("generator: repair_rounds must not be negative");
  if (options_.concurrency < 1) throw std::invalid_argument("generator: concurrency must be at least 1");
}

GenerationSummary Generator::run(const std::vector<const Task*>& tasks, const fs::path& samples_path,
                                 const std::function<void(size_t, size_t, const std::string&)>& progress) {
  Run run{options_};
  run.progress = &progress;
  const bool repairs = options_.repair_rounds > 0;
  const std::map<ChainKey, std::vector<json>> finished = read_chains(samples_path);
  for (const auto& [key, records] : finished) run.finished.insert(key);
  if (repairs) run.attempts = read_chains(attempts_path(samples_path));
  // Warm start: the router learns from every recorded answer before routing new requests.
  const fs::path log = repairs ? attempts_path(samples_path) : samples_path;
  for (const auto& [key, records] : repairs ? run.attempts : finished)
    for (const json& r : records) {
      const std::string status = r.value("status", "");
      if (status == kRequestError || status == kEvaluationError) continue;
      router_.update(router::parse_record(r, fmt::format("{} ({} sample {})", log.string(), key.first, key.second)));
    }

  for (const Task* t : tasks)
    for (int64_t s = 0; s < options_.samples; ++s) {
      if (run.finished.count({t->name(), s})) ++run.summary.skipped;
      else ++run.total;
    }
  if (progress) progress(0, run.total, "");
  run.samples = std::make_unique<JsonlWriter>(samples_path, true);
  if (repairs) run.attempt_log = std::make_unique<JsonlWriter>(attempts_path(samples_path), true);
  detail::parallel_for(tasks.size(), options_.concurrency, [&](size_t i) {
    TaskWork(*tasks[i], router_, backends_, prompts_, evaluator_, run).run(options_.samples);
  });
  return run.summary;
}

}  // namespace ascendgen
