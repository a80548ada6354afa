// PromptBuilder: the prompt that asks an LLM for one task's kernel, and the repair prompt that
// sends back what went wrong. Text lives in editable template files (data/prompts/, docs/generator.md):
//
//   system.md            the system message
//   task_context.md      the task: description, kernel signature, the chosen test case
//   format_kernel.md     output format, kernel-only candidates (one kernel.cpp)
//   format_operator.md   output format, full operators (tiling header, host file, kernel file)
//   rules.md             implementation rules
//   hardware.md          the SoC's facts (cores, UB size, alignment)
//   example.md           a solved task of the same category (used when one is known)
//   repair.md            the follow-up after a failed attempt
//
// The user prompt is task_context, format, rules, hardware and example in that order. Templates
// use {{name}} placeholders (the list is in docs/generator.md); an unknown name is an error naming
// the file, so a typo in an edited template is caught when the builder is made.
//
//   ascendgen::PromptBuilder builder({.soc = ascendgen::load_soc("Ascend910B2")});
//   builder.add_examples(suite);                 // optional: solved tasks to show
//   ascendgen::Prompt p = builder.build(task);    // p.system, p.user
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ascendgen/core/soc.h"
#include "ascendgen/task/suite.h"
#include "ascendgen/task/task.h"

namespace ascendgen {

struct Prompt {
  std::string system;
  std::string user;
};

struct PromptOptions {
  // Template directory; empty: $ASCENDGEN_PROMPT_DIR, else the installed data/prompts.
  std::filesystem::path templates_dir;
  SocDescription soc;         // hardware facts shown in the prompt (load_soc)
  bool include_example = true;  // show a solved task of the same category when one is known
};

class PromptBuilder {
 public:
  // Reads and checks every template; throws std::runtime_error naming the file that is missing
  // or the placeholder that is unknown.
  explicit PromptBuilder(PromptOptions options);

  // Keeps the reference solutions of `suite`'s tasks (kernel-only ones) as examples: build()
  // shows the first, by name, of the same category as the task other than the task itself.
  void add_examples(const Suite& suite);

  // The prompt for `task` in its form (task.kernel().form: kernel-only or full operator), showing
  // the case `case_id` (default: the first case). Throws std::out_of_range for an unknown case.
  Prompt build(const Task& task, const std::optional<std::string>& case_id = {}) const;

  // The follow-up after a failed attempt: the original prompt, the previous candidate, its
  // outcome ("compile_error", ...) and the feedback (diagnostics or mismatch summary).
  Prompt repair(const Prompt& original, const std::string& previous_source, const std::string& outcome,
                const std::string& feedback) const;

  const std::filesystem::path& templates_dir() const { return dir_; }

 private:
  struct Example {
    std::string task, category, description, source;
  };
  std::filesystem::path dir_;
  PromptOptions options_;
  std::map<std::string, std::string> templates_;  // file name -> text
  std::vector<Example> examples_;
};

// The default template directory ($ASCENDGEN_PROMPT_DIR, the install's, or the source tree's).
std::filesystem::path default_prompt_dir();

}  // namespace ascendgen
