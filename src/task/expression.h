// Tiling and workspace expressions of task.yaml: integers, attribute names, numel(t), dim(t, i),
// ndim(t), bytes(t), combined with + and * (and parentheses). Parsed once per task, evaluated
// per test case with checked int64 arithmetic.
#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ascendgen/task/task.h"

namespace ascendgen::detail {

// A malformed or unevaluable expression; the message does not name the file (the caller does).
class ExpressionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// String and list attributes (String, ListInt, ListFloat) have no value in an expression.
enum class AttributeType { Float, Int, Bool, String, ListInt, ListFloat };

// The names an expression may use: tensors by their index in `tensors`, attributes by theirs.
struct ExpressionScope {
  std::vector<std::string> tensors;
  std::vector<std::pair<std::string, AttributeType>> attributes;
};

// The values of one test case, indexed as in the scope.
struct ExpressionValues {
  std::vector<const TensorInstance*> tensors;
  std::vector<double> attributes;  // scalar attributes; 0 for string and list ones
};

class Expression {
 public:
  // Parses `text`; every name must be in `scope`. A float attribute may only stand alone (its value
  // is then the float32 bits). Throws ExpressionError.
  static Expression parse(std::string_view text, const ExpressionScope& scope);
  // Evaluates for one case; throws ExpressionError on overflow or a dim() index out of range.
  int64_t evaluate(const ExpressionValues& values) const;
  const std::string& text() const { return text_; }

  struct Node;

 private:
  std::string text_;
  std::shared_ptr<const Node> root_;
};

}  // namespace ascendgen::detail
