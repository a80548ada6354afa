// Reading C++ source text without a compiler: what is code, what is comment or literal.
#pragma once
#include <string>
#include <string_view>

namespace ascendgen::detail {

// `source` with comments and the contents of string and character literals replaced by spaces
// (newlines and the quotes kept), so offsets and line numbers still match the original.
std::string mask_comments_and_literals(std::string_view source);

bool is_identifier_char(char c);
bool is_space(char c);

}  // namespace ascendgen::detail
