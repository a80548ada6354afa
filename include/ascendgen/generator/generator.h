// Generator: generation runs. For every task it asks a model chosen by the router for n
// candidates, extracts each candidate, compiles and evaluates it, and optionally repairs failures
// by sending back the compiler diagnostics or the mismatch summary. Every attempt is a JSONL
// record (docs/generator.md, Records); the run can stop at any point and resume.
//
//   router::ModelPool pool = router::load_pool("pool.yaml");
//   router::Router router(pool, "flare");
//   Generator generator(router, make_pool_backends(pool), prompts, evaluator, {.samples = 4, .repair_rounds = 1});
//   GenerationSummary s = generator.run(tasks, "samples.jsonl");   // then: ascendgen bench --samples samples.jsonl
//
// Files: `samples_path` gets one record per candidate (the last attempt of its repair chain), in
// the samples format `ascendgen bench --samples` reads ({task, sample, source} plus the record's
// other fields). With repair rounds, every attempt also goes to attempts_path(samples_path)
// (<stem>.attempts.jsonl); without them each attempt is final, so the samples file is the log.
// Resuming: candidates already in the samples file are skipped, and a repair chain in the attempts
// file goes on after its last recorded round; their records also warm up the router.
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ascendgen/evaluator/evaluator.h"
#include "ascendgen/generator/backend.h"
#include "ascendgen/generator/http_backend.h"
#include "ascendgen/generator/prompt.h"
#include "ascendgen/router/router.h"
#include "ascendgen/task/task.h"

namespace ascendgen {

struct GenerationOptions {
  int samples = 1;          // candidates per task (one request with n = samples)
  int repair_rounds = 0;    // follow-up requests per failed candidate
  int concurrency = 4;      // tasks worked on at once (each: a request, then evaluations)
  // temperature, top_p, max_tokens and stop of every request (its prompt and n are set per request).
  GenerationRequest sampling;
};

// Counts over the attempts of one run (resumed ones not counted again).
struct GenerationSummary {
  int candidates = 0;          // candidates finished in this run
  int skipped = 0;             // candidates already in the samples file
  int attempts = 0;            // attempts made in this run (repairs included)
  int passed = 0;              // candidates whose last attempt passes
  int repaired = 0;            // of those, passed after a repair round
  int request_errors = 0;      // attempts whose request failed (no answer)
  std::map<std::string, int> by_status;  // last attempt's status -> candidates
  std::map<std::string, int> by_model;   // attempts per model
};

// Backends for the pool's models, by name: an OpenAIBackend on each model's endpoint.
std::map<std::string, std::shared_ptr<Backend>> make_pool_backends(const router::ModelPool& pool,
                                                                   const HttpBackendOptions& options = {});

// Where the attempts of a run with repair rounds go: "out/samples.jsonl" -> "out/samples.attempts.jsonl".
std::filesystem::path attempts_path(const std::filesystem::path& samples_path);

class Generator {
 public:
  // `backends` must hold a backend for every model of router.pool(); throws std::invalid_argument
  // naming a missing one or bad options. The router, prompt builder and evaluator must outlive
  // the Generator; the router decides the model of every request and learns from each outcome.
  Generator(router::Router& router, std::map<std::string, std::shared_ptr<Backend>> backends,
            const PromptBuilder& prompts, Evaluator& evaluator, GenerationOptions options = {});

  // Generates for `tasks` (each must outlive the call), appending to `samples_path` (and the
  // attempts file). `progress`, when given, is called once with done = 0 when the number of
  // candidates to make is known, then after each finished candidate with (done, total, status
  // of its last attempt), never concurrently. Failures of a model or a
  // candidate are records, not exceptions; throws for an unwritable file or a malformed one to
  // resume from (RecordError naming FILE:LINE).
  GenerationSummary run(const std::vector<const Task*>& tasks, const std::filesystem::path& samples_path,
                        const std::function<void(size_t done, size_t total, const std::string& status)>& progress = {});

 private:
  router::Router& router_;
  std::map<std::string, std::shared_ptr<Backend>> backends_;
  const PromptBuilder& prompts_;
  Evaluator& evaluator_;
  GenerationOptions options_;
};

}  // namespace ascendgen
