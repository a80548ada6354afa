#include "feedback.h"

#include <fmt/format.h>

namespace ascendgen::detail {
namespace {
constexpr int kMaxErrors = 10, kMaxCases = 5;

std::string located(const Diagnostic& d) {
  if (d.line > 0) return fmt::format("{}:{}:{}: {}: {}", d.file, d.line, d.column, d.severity, d.message);
  return fmt::format("{}: {}: {}", d.file.empty() ? "link" : d.file, d.severity, d.message);
}

std::string case_line(const CaseResult& c) {
  const std::string kind = c.error_kind.empty() ? "" : fmt::format(" ({})", c.error_kind);
  return fmt::format("case {}: {}{}: {}", c.id, c.status, kind, c.message);
}
}  // namespace

std::string repair_feedback(const EvalResult& result) {
  std::string text;
  int shown = 0;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity != "error") continue;
    if (++shown > kMaxErrors) {
      text += "(more errors left out)\n";
      break;
    }
    text += located(d) + "\n";
    for (const Diagnostic& note : d.notes) text += "  " + located(note) + "\n";
  }
  if (!result.compiled) return text.empty() ? "The kernel did not compile (no diagnostic was reported).\n" : text;
  shown = 0;
  for (const CaseResult& c : result.cases) {
    if (c.status == "pass") continue;
    if (++shown > kMaxCases) {
      text += "(more failing cases left out)\n";
      break;
    }
    text += case_line(c) + "\n";
  }
  return text;
}

std::string failure_reason(const EvalResult& result) {
  std::string reason = result.status;
  for (auto d = result.diagnostics.rbegin(); d != result.diagnostics.rend(); ++d)
    if (d->severity == "error") reason = located(*d);
  if (result.compiled)
    for (auto c = result.cases.rbegin(); c != result.cases.rend(); ++c)
      if (c->status != "pass") reason = case_line(*c);
  return reason.substr(0, reason.find('\n'));
}

}  // namespace ascendgen::detail
