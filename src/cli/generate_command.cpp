// `ascendgen generate --suite DIR --models FILE [--n N] [--repair R] [--out FILE.jsonl]`: asks the
// models of a pool (chosen per request by the router) for candidates of every task of a suite,
// evaluates them and writes the samples file `ascendgen bench --samples` reads. A failing model or
// candidate is a record, not an error: the exit status is 0 once the run is done. Bad input (a
// missing suite, a malformed pool file or records file to resume) exits non-zero naming it.
#include <atomic>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "ascendgen/core/progress.h"
#include "ascendgen/generator/generator.h"
#include "ascendgen/task/suite.h"
#include "commands.h"

namespace ascendgen::cli {
namespace {

struct GenerateArgs {
  std::string suite, models, out = "samples.jsonl", policy = "flare", soc = "Ascend910B2", templates;
  std::vector<std::string> tasks;
  std::optional<int> level;
  std::optional<std::string> category;
  GenerationOptions generation;
  HttpBackendOptions http;
  bool no_stream = false, no_example = false, overwrite = false;
  int workers = 1;
  double timeout_s = 10;
};

std::vector<const Task*> selected_tasks(const Suite& suite, const GenerateArgs& args) {
  std::vector<const Task*> tasks;
  for (const std::string& name : args.tasks) tasks.push_back(&suite.find(name));  // throws naming the suite
  if (args.tasks.empty())
    for (const Task& t : suite.tasks()) tasks.push_back(&t);
  std::erase_if(tasks, [&](const Task* t) {
    return (args.level && t->level() != *args.level) || (args.category && t->category() != *args.category);
  });
  if (tasks.empty()) throw std::runtime_error(fmt::format("{}: no task is selected", args.suite));
  return tasks;
}

int run_generate(GenerateArgs& args) {
  const Suite suite = Suite::load(args.suite);
  const std::vector<const Task*> tasks = selected_tasks(suite, args);
  router::Router router(router::load_pool(args.models), args.policy);
  args.http.stream = !args.no_stream;
  PromptOptions prompt_options;
  prompt_options.templates_dir = args.templates;
  prompt_options.soc = load_soc(args.soc);
  prompt_options.include_example = !args.no_example;
  PromptBuilder prompts(prompt_options);
  if (!args.no_example) prompts.add_examples(suite);
  EvaluatorOptions evaluator_options;
  evaluator_options.soc = args.soc;
  evaluator_options.workers = args.workers;
  evaluator_options.case_timeout_s = args.timeout_s;
  Evaluator evaluator(evaluator_options);
  Generator generator(router, make_pool_backends(router.pool(), args.http), prompts, evaluator, args.generation);
  if (args.overwrite) {
    std::filesystem::remove(args.out);
    std::filesystem::remove(attempts_path(args.out));
  }

  std::unique_ptr<Progress> progress;
  int passed = 0;
  const GenerationSummary s =
      generator.run(tasks, args.out, [&](size_t done, size_t total, const std::string& status) {
        if (done == 0) {
          progress = std::make_unique<Progress>(total, "candidates");
          return;
        }
        passed += status == "pass";
        progress->advance(1, fmt::format("{} pass", passed));
      });
  progress.reset();

  fmt::print("{} candidates generated ({} already in {}) in {} attempts:", s.candidates, s.skipped, args.out,
             s.attempts);
  for (const auto& [status, n] : s.by_status) fmt::print(" {} {}", n, status);
  fmt::print("\n");
  if (s.repaired) fmt::print("{} passed after a repair round\n", s.repaired);
  for (const auto& [model, n] : s.by_model) fmt::print("  {}: {} attempts\n", model, n);
  if (args.generation.repair_rounds > 0) fmt::print("Every attempt: {}\n", attempts_path(args.out).string());
  fmt::print("Samples: {} (ascendgen bench --suite {} --samples {})\n", args.out, args.suite, args.out);
  return 0;
}

}  // namespace

void add_generate_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<GenerateArgs>();
  CLI::App* cmd = app.add_subcommand("generate", "Generate candidate kernels with a pool of LLMs and evaluate them");
  cmd->add_option("--suite", args->suite, "Suite directory")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--models", args->models, "Model pool YAML (endpoints, prices, deployments; docs/router.md)")
      ->required()->check(CLI::ExistingFile);
  cmd->add_option("--n", args->generation.samples, "Candidates per task")->capture_default_str()->check(CLI::Range(1, 1024));
  cmd->add_option("--repair", args->generation.repair_rounds, "Repair rounds per failed candidate")
      ->capture_default_str()->check(CLI::Range(0, 100));
  cmd->add_option("--out", args->out, "Samples file (JSONL) to write or resume")->capture_default_str();
  cmd->add_flag("--overwrite", args->overwrite, "Start afresh: remove the samples and attempts files instead of resuming");
  cmd->add_option("--policy", args->policy, "Router policy: flare, fixed:<model>, round-robin, ... (docs/router.md)")
      ->capture_default_str();
  cmd->add_option("--task", args->tasks, "Only this task (repeatable)");
  cmd->add_option("--level", args->level, "Only tasks of this level")->check(CLI::Range(1, 3));
  cmd->add_option("--category", args->category, "Only tasks of this category");
  cmd->add_option("--concurrency", args->generation.concurrency, "Tasks worked on at once")
      ->capture_default_str()->check(CLI::Range(1, 1024));
  cmd->add_option("--temperature", args->generation.sampling.temperature, "Sampling temperature")->capture_default_str();
  cmd->add_option("--top-p", args->generation.sampling.top_p, "Nucleus sampling mass")->capture_default_str();
  cmd->add_option("--max-tokens", args->generation.sampling.max_tokens, "Output tokens per completion")
      ->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--retries", args->http.max_retries, "Retries of a request after 429, 5xx or a connection failure")
      ->capture_default_str()->check(CLI::Range(0, 100));
  cmd->add_option("--read-timeout", args->http.read_timeout_s, "Seconds without a byte before a request fails")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_flag("--no-stream", args->no_stream, "Ask for whole answers instead of event streams");
  cmd->add_option("--templates", args->templates, "Prompt template directory (default: the installed data/prompts)")
      ->check(CLI::ExistingDirectory);
  cmd->add_flag("--no-example", args->no_example, "Leave the solved example task out of the prompt");
  cmd->add_option("--soc", args->soc, "SoC name or .yaml description")->capture_default_str();
  cmd->add_option("--workers", args->workers, "Worker processes per evaluation")->capture_default_str()
      ->check(CLI::Range(1, 256));
  cmd->add_option("--timeout", args->timeout_s, "Wall-clock seconds per test case")->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->callback([args, &exit_code] { exit_code = run_generate(*args); });
}

}  // namespace ascendgen::cli
