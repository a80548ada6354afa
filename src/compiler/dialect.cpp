#include "dialect.h"

#include <array>
#include <cctype>
#include <utility>

#include "source_text.h"

namespace ascendgen::detail {
namespace {

// The words bisheng accepts inside an attribute list (`__aicore__` expands to `[aicore]`).
constexpr std::array<std::string_view, 2> kAttributeWords = {"aicore", "host"};

size_t skip_spaces(std::string_view code, size_t at) {
  while (at < code.size() && is_space(code[at])) ++at;
  return at;
}

// The end of the attribute list opening at code[open] == '[', or npos when it is not one.
size_t attribute_list_end(std::string_view code, size_t open) {
  size_t at = open + 1;
  for (;;) {
    at = skip_spaces(code, at);
    size_t word_end = at;
    while (word_end < code.size() && is_identifier_char(code[word_end])) ++word_end;
    const std::string_view word = code.substr(at, word_end - at);
    bool known = false;
    for (std::string_view w : kAttributeWords) known = known || word == w;
    if (!known) return std::string_view::npos;
    at = skip_spaces(code, word_end);
    if (at < code.size() && code[at] == ']') return at + 1;
    if (at >= code.size() || code[at] != ',') return std::string_view::npos;
    ++at;
  }
}

// For a launch whose `<<<` is at `chevrons`: the start of the kernel name and the offset of the
// '(' of its arguments, or {npos, npos}. The configuration ends at the first `>>>` before any ';'.
std::pair<size_t, size_t> launch_at(std::string_view code, size_t chevrons) {
  constexpr std::pair<size_t, size_t> none{std::string_view::npos, std::string_view::npos};
  size_t name_end = chevrons;
  while (name_end > 0 && is_space(code[name_end - 1])) --name_end;
  size_t name = name_end;
  while (name > 0 && is_identifier_char(code[name - 1])) --name;
  if (name == name_end || !(std::isalpha(static_cast<unsigned char>(code[name])) || code[name] == '_')) return none;
  const size_t close = code.find(">>>", chevrons + 3);
  const size_t semicolon = code.find(';', chevrons + 3);
  if (close == std::string_view::npos || semicolon < close) return none;
  const size_t paren = skip_spaces(code, close + 3);
  if (paren >= code.size() || code[paren] != '(') return none;
  return {name, paren};
}

}  // namespace

std::string rewrite_dialect(std::string_view source) {
  const std::string code = mask_comments_and_literals(source);
  std::string out;
  out.reserve(source.size());
  size_t copied = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '[') {
      const size_t end = attribute_list_end(code, i);
      if (end == std::string_view::npos) continue;
      out.append(source.substr(copied, i - copied));
      for (size_t k = i; k < end; ++k) out += source[k] == '\n' ? '\n' : ' ';
      copied = i = end;
      --i;
    } else if (code.compare(i, 3, "<<<") == 0) {
      const auto [name, paren] = launch_at(code, i);
      if (paren == std::string_view::npos || name < copied) continue;
      out.append(source.substr(copied, name - copied));
      out += "ASCENDGEN_HOST_LAUNCH(";
      out.append(source.substr(name, i - name));
      out += ")";
      for (size_t k = i; k < paren; ++k)  // keep the configuration's line breaks
        if (source[k] == '\n') out += '\n';
      copied = i = paren;
      --i;
    }
  }
  out.append(source.substr(copied));
  return out;
}

}  // namespace ascendgen::detail
