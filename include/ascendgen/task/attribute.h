// AttributeValue: one operator attribute's value in a test case (docs/tasks.md, `attributes`).
// float, int and bool attributes hold a double (bool as 0/1; ints are exact up to 2^53), string
// attributes their text, list_int and list_float attributes a list of doubles. It formats with
// fmt as the number, the text, or "[a, b, ...]".
#pragma once
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace ascendgen {

using AttributeValue = std::variant<double, std::string, std::vector<double>>;

}  // namespace ascendgen

template <> struct fmt::formatter<ascendgen::AttributeValue> : fmt::formatter<std::string_view> {
  template <typename Context> auto format(const ascendgen::AttributeValue& value, Context& context) const {
    std::string text;
    if (const double* number = std::get_if<double>(&value)) text = fmt::format("{}", *number);
    else if (const std::string* s = std::get_if<std::string>(&value)) text = *s;
    else text = fmt::format("[{}]", fmt::join(std::get<std::vector<double>>(value), ", "));
    return fmt::formatter<std::string_view>::format(text, context);
  }
};
