#include "ascendgen/generator/prompt.h"


#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include <fmt/format.h>

#include "ascendgen/core/files.h"
#include "../core/library_dir.h"

namespace ascendgen {
namespace fs = std::filesystem;

namespace {
const std::vector<std::string> kTemplateFiles = {"system.md", "task_context.md", "format_kernel.md",
                                                 "format_operator.md", "rules.md", "hardware.md",
                                                 "example.md", "repair.md"};

// Every placeholder a template may use (docs/generator.md lists them with their meaning).
const std::vector<std::string> kPlaceholders = {
    "task_name", "level", "category", "description", "signature", "entry", "op_name", "launch",
    "case_id", "case_tensors", "case_attributes", "case_tiling", "dtype_macros", "soc_name",
    "vector_cores", "cube_cores", "clock_ghz", "ub_kib", "l1_kib", "example_task",
    "example_description", "example_source", "outcome", "previous_source", "feedback"};

using Values = std::map<std::string, std::string>;

// Calls visit(name, begin, end) for each {{name}} in `text` ([begin, end) spans the braces).
template <typename Visit> void for_each_placeholder(const std::string& text, Visit visit) {
  for (size_t open = text.find("{{"); open != std::string::npos; open = text.find("{{", open + 2)) {
    const size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) return;
    visit(text.substr(open + 2, close - open - 2), open, close + 2);
  }
}

std::string render(const std::string& text, const Values& values) {
  std::string out;
  size_t copied = 0;
  for_each_placeholder(text, [&](const std::string& name, size_t begin, size_t end) {
    out.append(text, copied, begin - copied);
    const auto v = values.find(name);
    out += v == values.end() ? std::string() : v->second;
    copied = end;
  });
  out.append(text, copied);
  return out;
}

// "add_custom" -> "AddCustom": the OpDef class name CANN derives from the kernel name.
std::string op_name_of(const std::string& entry) {
  std::string name;
  bool upper = true;
  for (char c : entry) {
    if (c == '_') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name;
}

std::string shape_text(const std::vector<int64_t>& shape) {
  return shape.empty() ? "[] (scalar)" : fmt::format("[{}]", fmt::join(shape, ", "));
}

std::string trim_end(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

Values task_values(const Task& task, const TestCase& c) {
  const KernelSignature& k = task.kernel();
  Values v;
  v["task_name"] = task.name();
  v["level"] = std::to_string(task.level());
  v["category"] = task.category();
  v["description"] = trim_end(task.description());
  std::vector<std::string> params;
  for (const std::string& p : k.params) params.push_back("GM_ADDR " + p);
  v["signature"] = fmt::format("extern \"C\" __global__ __aicore__ void {}({})", k.entry, fmt::join(params, ", "));
  v["entry"] = k.entry;
  v["op_name"] = k.op.empty() ? op_name_of(k.entry) : k.op;
  v["case_id"] = c.id;
  std::string tensors;
  for (const auto& [list, role] : {std::pair{&c.inputs, "input"}, std::pair{&c.outputs, "output"}})
    for (const TensorGroup& g : group_tensors(*list))
      tensors += fmt::format("- {} {}: {} {}\n", role, g.name, dtype_name((*list)[g.instances.front()].dtype),
                             group_shapes_text(g, *list, shape_text));
  v["case_tensors"] = trim_end(tensors);
  std::string attributes;
  for (const auto& [name, value] : c.attributes) attributes += fmt::format("- attribute {} = {}\n", name, value);
  v["case_attributes"] = trim_end(attributes);
  v["case_tiling"] = k.form == KernelForm::Operator ? std::string("Your TilingFunc computes the tiling data from the shapes and attributes.")
                     : c.tiling.empty()
                         ? std::string("The task passes no tiling data.")
                         : fmt::format("The `tiling` buffer holds {} int64 field(s) (named in the description), "
                                       "for this case: [{}].",
                                       c.tiling.size(), fmt::join(c.tiling, ", "));
  if (c.workspace_bytes > 0) v["case_tiling"] += fmt::format(" The `workspace` buffer has {} bytes.", c.workspace_bytes);
  std::vector<std::string> macros;
  for (const auto& [name, type] : c.dtype_macros) macros.push_back(fmt::format("{}={}", name, type));
  v["dtype_macros"] = macros.empty() ? std::string("none") : fmt::format("{}", fmt::join(macros, ", "));
  return v;
}

// How the kernel is launched, as the evaluator does it (docs/tasks.md, docs/operators.md).
std::string launch_text(const KernelSignature& k, const SocDescription& soc) {
  if (k.form == KernelForm::Operator)
    return fmt::format("Your host TilingFunc chooses the number of cores (the block dim, at most {} vector cores) "
                       "and fills the tiling data.",
                       soc.vector_cores);
  const int block_dim = k.block_dim > 0 ? k.block_dim : soc.vector_cores;
  if (k.core_type == sim::CoreType::Mix)
    return fmt::format("It is launched on {} groups of one cube core (AIC) and two vector cores (AIV) "
                       "(GetBlockNum() returns {}).",
                       block_dim, block_dim);
  const char* kind = k.core_type == sim::CoreType::Cube ? "cube cores (AIC)" : "vector cores (AIV)";
  return fmt::format("It is launched on {} {} (GetBlockNum() returns {}; GetBlockIdx() is the core's index).",
                     block_dim, kind, block_dim);
}

}  // namespace

fs::path default_prompt_dir() {
  return detail::data_dir("ASCENDGEN_PROMPT_DIR", ASCENDGEN_PROMPT_DIR_FROM_LIB, ASCENDGEN_PROMPT_DIR_BUILD);
}

PromptBuilder::PromptBuilder(PromptOptions options)
    : dir_(options.templates_dir.empty() ? default_prompt_dir() : options.templates_dir), options_(std::move(options)) {
  for (const std::string& file : kTemplateFiles) {
    const fs::path path = dir_ / file;
    std::string text = read_file(path, "the prompt template");
    for_each_placeholder(text, [&](const std::string& name, size_t, size_t) {
      if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) == kPlaceholders.end())
        throw std::runtime_error(fmt::format("{}: unknown placeholder {{{{{}}}}} (known: {})", path.string(), name,
                                             fmt::join(kPlaceholders, ", ")));
    });
    templates_[file] = std::move(text);
  }
}

void PromptBuilder::add_examples(const Suite& suite) {
  for (const Task& t : suite.tasks()) {
    if (!t.solution_path() || !fs::is_regular_file(*t.solution_path())) continue;
    examples_.push_back({t.name(), t.category(), trim_end(t.description()),
                         trim_end(read_file(*t.solution_path(), "the reference solution"))});
  }
  std::sort(examples_.begin(), examples_.end(), [](const Example& a, const Example& b) { return a.task < b.task; });
}

Prompt PromptBuilder::build(const Task& task, const std::optional<std::string>& case_id) const {
  const bool kernel_only = task.kernel().form == KernelForm::Kernel;
  if (task.cases().empty()) throw std::out_of_range(fmt::format("task {} has no test case", task.name()));
  const TestCase& c = case_id ? task.find_case(*case_id) : task.cases().front();
  Values v = task_values(task, c);
  const SocDescription& soc = options_.soc;
  v["launch"] = launch_text(task.kernel(), soc);
  v["soc_name"] = soc.name;
  v["vector_cores"] = std::to_string(soc.vector_cores);
  v["cube_cores"] = std::to_string(soc.cube_cores);
  v["clock_ghz"] = fmt::format("{:g}", soc.clock_ghz);
  v["ub_kib"] = std::to_string(soc.ub_bytes / 1024);
  v["l1_kib"] = std::to_string(soc.l1_bytes / 1024);

  std::vector<std::string> sections = {"task_context.md",
                                       kernel_only ? "format_kernel.md" : "format_operator.md",
                                       "rules.md", "hardware.md"};
  if (options_.include_example && kernel_only) {
    const auto example = std::find_if(examples_.begin(), examples_.end(), [&](const Example& e) {
      return e.category == task.category() && e.task != task.name();
    });
    if (example != examples_.end()) {
      v["example_task"] = example->task;
      v["example_description"] = example->description;
      v["example_source"] = example->source;
      sections.push_back("example.md");
    }
  }
  Prompt prompt;
  prompt.system = trim_end(render(templates_.at("system.md"), v));
  for (const std::string& s : sections) {
    if (!prompt.user.empty()) prompt.user += "\n\n";
    prompt.user += trim_end(render(templates_.at(s), v));
  }
  prompt.user += "\n";
  return prompt;
}

Prompt PromptBuilder::repair(const Prompt& original, const std::string& previous_source, const std::string& outcome,
                             const std::string& feedback) const {
  const Values v = {{"outcome", outcome}, {"previous_source", trim_end(previous_source)}, {"feedback", trim_end(feedback)}};
  return {original.system, trim_end(original.user) + "\n\n" + trim_end(render(templates_.at("repair.md"), v)) + "\n"};
}

}  // namespace ascendgen
