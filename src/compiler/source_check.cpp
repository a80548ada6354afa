// The checks a candidate passes before a compiler runs: cheap, and with messages that say what an
// answer got wrong when it is not a kernel at all.
#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "ascendgen/compiler/compiler.h"
#include "source_text.h"

namespace ascendgen {
using detail::is_identifier_char;
using detail::is_space;
using detail::mask_comments_and_literals;
namespace {

// Far above any real kernel; keeps what a candidate can make the checks and g++ chew on bounded.
constexpr size_t kMaxSourceBytes = 1 << 20;

// Offsets where `name` occurs in `code` as a whole identifier.
std::vector<size_t> identifier_occurrences(std::string_view code, std::string_view name) {
  std::vector<size_t> found;
  if (name.empty()) return found;
  for (size_t at = code.find(name); at != std::string_view::npos; at = code.find(name, at + 1)) {
    const size_t end = at + name.size();
    if ((at == 0 || !is_identifier_char(code[at - 1])) && (end == code.size() || !is_identifier_char(code[end])))
      found.push_back(at);
  }
  return found;
}

size_t skip_space(std::string_view code, size_t at) {
  while (at < code.size() && is_space(code[at])) ++at;
  return at;
}

// For each '(' and '{' in `code`, the offset just past the bracket closing it (npos when none).
// Computed once, so every check below stays linear in the source size whatever a candidate holds.
std::vector<size_t> closing_brackets(std::string_view code) {
  std::vector<size_t> past(code.size(), std::string_view::npos);
  std::vector<size_t> parens, braces;
  for (size_t i = 0; i < code.size(); ++i) {
    std::vector<size_t>* open = code[i] == '(' || code[i] == ')' ? &parens : code[i] == '{' || code[i] == '}' ? &braces : nullptr;
    if (!open) continue;
    if (code[i] == '(' || code[i] == '{') {
      open->push_back(i);
    } else if (!open->empty()) {
      past[open->back()] = i + 1;
      open->pop_back();
    }
  }
  return past;
}

// The functions given C linkage: names declared by `extern "C" ... name(`, and for each offset
// how many `extern "C" { ... }` blocks start (+1) or end (-1) there.
struct ExternC {
  std::vector<std::pair<std::string, size_t>> functions;  // name, offset
  std::vector<int> block_depth_change;
};

ExternC find_extern_c(std::string_view source, std::string_view code, const std::vector<size_t>& past) {
  ExternC found;
  found.block_depth_change.assign(code.size() + 1, 0);
  size_t stop = 0;  // the first of ( ; { } at or after the previous declaration's start
  bool searched = false;
  for (size_t at : identifier_occurrences(code, "extern")) {
    const size_t quote = skip_space(code, at + 6);
    if (source.substr(quote, 3) != "\"C\"") continue;
    const size_t after = skip_space(code, quote + 3);
    if (after < code.size() && code[after] == '{') {
      ++found.block_depth_change[after];
      --found.block_depth_change[std::min(past[after], code.size())];
      continue;
    }
    // Offsets only grow, so a search that ended beyond `after` still holds.
    if (!searched || after > stop) stop = code.find_first_of("(;{}", after);
    searched = true;
    if (stop == std::string_view::npos || code[stop] != '(') continue;
    size_t name_end = stop;
    while (name_end > after && is_space(code[name_end - 1])) --name_end;
    size_t name_begin = name_end;
    while (name_begin > after && is_identifier_char(code[name_begin - 1])) --name_begin;
    if (name_begin < name_end)
      found.functions.emplace_back(std::string(code.substr(name_begin, name_end - name_begin)), name_begin);
  }
  return found;
}

// Whether the identifier at `at` starts a function definition: name ( ... ) [specifiers] {
bool starts_definition(std::string_view code, const std::vector<size_t>& past, size_t at, size_t name_size) {
  const size_t paren = skip_space(code, at + name_size);
  if (paren >= code.size() || code[paren] != '(' || past[paren] == std::string_view::npos) return false;
  size_t next = past[paren];
  for (int specifiers = 0; specifiers < 4; ++specifiers) {  // noexcept, __aicore__, ...
    next = skip_space(code, next);
    if (next >= code.size() || !is_identifier_char(code[next])) break;
    while (next < code.size() && is_identifier_char(code[next])) ++next;
  }
  next = skip_space(code, next);
  return next < code.size() && code[next] == '{';
}

Diagnostic parse_error(std::string_view source, size_t offset, std::string category, std::string message) {
  Diagnostic d{std::string(kCandidateFile), 0, 0, "error", std::move(message), std::move(category), {}};
  if (offset != std::string_view::npos) {
    const std::string_view before = source.substr(0, offset);
    const size_t line_start = before.rfind('\n');
    d.line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    d.column = 1 + static_cast<int>(offset - (line_start == std::string_view::npos ? 0 : line_start + 1));
  }
  return d;
}

}  // namespace

std::optional<Diagnostic> check_candidate_source(std::string_view source, std::string_view entry) {
  if (source.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos)
    return parse_error(source, std::string_view::npos, "syntax", "the candidate source is empty");
  if (source.size() > kMaxSourceBytes)
    return parse_error(source, std::string_view::npos, "other",
                       fmt::format("the candidate source has {} bytes, more than the {} a kernel may have",
                                   source.size(), kMaxSourceBytes));
  for (size_t line = 0; line != std::string_view::npos && line < source.size();) {
    const size_t text = source.find_first_not_of(" \t", line);
    if (text != std::string_view::npos && source.substr(text, 3) == "```")
      return parse_error(source, text, "syntax",
                         "a markdown code fence (```): the source must be the C++ code alone, without the answer "
                         "text around it");
    line = source.find('\n', line);
    if (line != std::string_view::npos) ++line;
  }
  const std::string code = mask_comments_and_literals(source);
  bool has_directive = false;
  for (size_t line = 0; line < code.size() && !has_directive;) {
    const size_t hash = code.find_first_not_of(" \t", line);
    if (hash < code.size() && code[hash] == '#') {
      const size_t word = skip_space(code, hash + 1);
      size_t word_end = word;
      while (word_end < code.size() && is_identifier_char(code[word_end])) ++word_end;
      // A markdown heading ("# Solution") starts with '#' too; a directive names one of these.
      static constexpr std::string_view kDirectives[] = {"include", "define", "if", "ifdef", "ifndef", "pragma", "undef"};
      has_directive = std::find(std::begin(kDirectives), std::end(kDirectives),
                                std::string_view(code).substr(word, word_end - word)) != std::end(kDirectives);
    }
    line = code.find('\n', line);
    if (line != std::string::npos) ++line;
  }
  if (!has_directive && code.find('{') == std::string::npos)
    return parse_error(source, std::string_view::npos, "syntax",
                       "the candidate holds no C++ code (no braces, no preprocessor lines): it reads as prose");

  const std::vector<size_t> past = closing_brackets(code);
  const ExternC extern_c = find_extern_c(source, code, past);
  bool declared_c = false;
  for (const auto& [name, offset] : extern_c.functions) declared_c = declared_c || name == entry;
  size_t definition = std::string_view::npos;
  int block_depth = 0;
  size_t walked = 0;
  for (size_t at : identifier_occurrences(code, entry)) {
    while (walked <= at) block_depth += extern_c.block_depth_change[walked++];
    declared_c = declared_c || block_depth > 0;
    if (definition == std::string_view::npos && starts_definition(code, past, at, entry.size())) definition = at;
  }
  if (declared_c && definition != std::string_view::npos) return std::nullopt;
  if (definition != std::string_view::npos)
    return parse_error(source, definition, "missing_entry",
                       fmt::format("the kernel entry `{0}` is defined without C linkage: declare it "
                                   "`extern \"C\" __global__ __aicore__ void {0}(...)`",
                                   entry));
  if (declared_c)
    return parse_error(source, std::string_view::npos, "missing_entry",
                       fmt::format("the kernel entry `{}` is declared extern \"C\" but never defined", entry));
  std::string message = fmt::format("the candidate does not define the kernel entry `extern \"C\" ... {}(`", entry);
  if (!extern_c.functions.empty())
    message += fmt::format(" (it defines extern \"C\" `{}` instead)", extern_c.functions.front().first);
  return parse_error(source, std::string_view::npos, "missing_entry", std::move(message));
}

}  // namespace ascendgen
