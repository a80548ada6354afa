#include "source_text.h"

#include <cctype>

namespace ascendgen::detail {
namespace {

// The '(' after the delimiter of a raw string literal whose quote is at `quote`, or npos when
// there is no valid delimiter (at most 16 characters, no spaces or parentheses).
size_t raw_string_open(std::string_view source, size_t quote) {
  const size_t open = source.find_first_of("( \t\n)\\\"", quote + 1);
  if (open == std::string_view::npos || source[open] != '(' || open - quote - 1 > 16) return std::string_view::npos;
  return open;
}

}  // namespace

std::string mask_comments_and_literals(std::string_view source) {
  std::string code(source);
  const auto blank = [&](size_t from, size_t to) {
    for (size_t i = from; i < to && i < code.size(); ++i)
      if (code[i] != '\n') code[i] = ' ';
  };
  size_t i = 0;
  while (i < source.size()) {
    const char c = source[i];
    const char next = i + 1 < source.size() ? source[i + 1] : '\0';
    if (c == '/' && next == '/') {
      const size_t end = source.find('\n', i);
      blank(i, end == std::string_view::npos ? source.size() : end);
      i = end == std::string_view::npos ? source.size() : end;
    } else if (c == '/' && next == '*') {
      const size_t end = source.find("*/", i + 2);
      const size_t stop = end == std::string_view::npos ? source.size() : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c == '"' && i > 0 && source[i - 1] == 'R' && raw_string_open(source, i) != std::string_view::npos) {
      const size_t open = raw_string_open(source, i);  // R"delim( ... )delim"
      const std::string close = ")" + std::string(source.substr(i + 1, open - i - 1)) + "\"";
      const size_t end = source.find(close, open);
      const size_t stop = end == std::string_view::npos ? source.size() : end + close.size();
      blank(i + 1, stop - 1);
      i = stop;
    } else if (c == '"' || (c == '\'' && !(i > 0 && std::isxdigit(static_cast<unsigned char>(source[i - 1]))))) {
      size_t j = i + 1;  // a digit before ' makes it a digit separator (1'000), not a literal
      while (j < source.size() && source[j] != c && source[j] != '\n') j += source[j] == '\\' ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
    } else {
      ++i;
    }
  }
  return code;
}

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

}  // namespace ascendgen::detail
