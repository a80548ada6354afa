#include "expression.h"

#include <bit>
#include <cctype>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace ascendgen::detail {

struct Expression::Node {
  enum class Op { Const, Attribute, FloatBits, Numel, Ndim, Bytes, Dim, Add, Mul } op;
  int64_t value = 0;  // Const: the value; Dim: the dimension index (negative counts from the end)
  int index = -1;     // the tensor or attribute
  std::shared_ptr<const Node> lhs, rhs;
};

namespace {
using Node = Expression::Node;
using NodePtr = std::shared_ptr<const Node>;

// Recursive descent over: expr = term ('+' term)*; term = factor ('*' factor)*;
// factor = ['-'] integer | name | name '(' tensor [',' ['-'] integer] ')' | '(' expr ')'.
class Parser {
 public:
  Parser(std::string_view text, const ExpressionScope& scope) : text_(text), scope_(scope) {}

  NodePtr parse_all() {
    NodePtr root = expr();
    skip_space();
    if (pos_ != text_.size()) fail(fmt::format("unexpected '{}'", text_[pos_]));
    // Float attributes have no integer value; they enter the tiling buffer only as bits.
    if (root->op == Node::Op::Attribute && type_of(root->index) == AttributeType::Float)
      return std::make_shared<Node>(Node{Node::Op::FloatBits, 0, root->index, nullptr, nullptr});
    check_no_float(*root);
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw ExpressionError(fmt::format("expression '{}': {} at column {}", text_, what, pos_ + 1));
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool accept(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) return ++pos_, true;
    return false;
  }
  void expect(char c) {
    if (!accept(c)) fail(fmt::format("expected '{}'", c));
  }

  NodePtr expr() {
    NodePtr lhs = term();
    while (accept('+')) lhs = std::make_shared<Node>(Node{Node::Op::Add, 0, -1, lhs, term()});
    return lhs;
  }
  NodePtr term() {
    NodePtr lhs = factor();
    while (accept('*')) lhs = std::make_shared<Node>(Node{Node::Op::Mul, 0, -1, lhs, factor()});
    return lhs;
  }
  NodePtr factor() {
    if (accept('(')) {
      NodePtr inner = expr();
      expect(')');
      return inner;
    }
    if (std::optional<int64_t> v = integer()) return std::make_shared<Node>(Node{Node::Op::Const, *v, -1, nullptr, nullptr});
    const std::string name = identifier();
    if (name.empty()) fail(pos_ < text_.size() ? fmt::format("unexpected '{}'", text_[pos_]) : "expected a value");
    if (!accept('(')) return std::make_shared<Node>(Node{Node::Op::Attribute, 0, attribute_index(name), nullptr, nullptr});
    return call(name);
  }

  NodePtr call(const std::string& function) {
    static const std::pair<std::string_view, Node::Op> functions[] = {
        {"numel", Node::Op::Numel}, {"ndim", Node::Op::Ndim}, {"bytes", Node::Op::Bytes}, {"dim", Node::Op::Dim}};
    std::optional<Node::Op> op;
    for (const auto& [name, o] : functions)
      if (name == function) op = o;
    if (!op) fail(fmt::format("unknown function '{}' (numel, dim, ndim, bytes)", function));
    const std::string tensor = identifier();
    if (tensor.empty()) fail(fmt::format("{}() expects a tensor name", function));
    Node node{*op, 0, tensor_index(tensor), nullptr, nullptr};
    if (*op == Node::Op::Dim) {
      expect(',');
      std::optional<int64_t> i = integer();
      if (!i) fail("dim() expects an integer dimension index");
      node.value = *i;
    }
    expect(')');
    return std::make_shared<Node>(node);
  }

  std::optional<int64_t> integer() {
    skip_space();
    const size_t start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    const size_t digits = pos_;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    if (pos_ == digits) {
      pos_ = start;
      return std::nullopt;
    }
    int64_t v = 0;
    for (size_t i = digits; i < pos_; ++i)
      if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, text_[i] - '0', &v)) {
        pos_ = start;
        fail("integer out of range");
      }
    return text_[start] == '-' ? -v : v;
  }

  std::string identifier() {
    skip_space();
    const size_t start = pos_;
    if (pos_ < text_.size() && (std::isalpha(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
      while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  int tensor_index(const std::string& name) {
    for (size_t i = 0; i < scope_.tensors.size(); ++i)
      if (scope_.tensors[i] == name) return static_cast<int>(i);
    fail(fmt::format("unknown tensor '{}'", name));
  }
  int attribute_index(const std::string& name) {
    for (size_t i = 0; i < scope_.attributes.size(); ++i) {
      if (scope_.attributes[i].first != name) continue;
      const AttributeType type = scope_.attributes[i].second;
      if (type != AttributeType::Float && type != AttributeType::Int && type != AttributeType::Bool)
        fail(fmt::format("attribute '{}' is a string or a list, which has no value in an expression", name));
      return static_cast<int>(i);
    }
    fail(fmt::format("unknown attribute '{}'", name));
  }
  AttributeType type_of(int attribute) const { return scope_.attributes[attribute].second; }

  void check_no_float(const Node& n) const {
    if (n.op == Node::Op::Attribute && type_of(n.index) == AttributeType::Float)
      throw ExpressionError(fmt::format("expression '{}': float attribute '{}' can only stand alone", text_,
                                        scope_.attributes[n.index].first));
    if (n.lhs) check_no_float(*n.lhs);
    if (n.rhs) check_no_float(*n.rhs);
  }

  std::string_view text_;
  const ExpressionScope& scope_;
  size_t pos_ = 0;
};

[[noreturn]] void overflow(std::string_view text) {
  throw ExpressionError(fmt::format("expression '{}': int64 overflow", text));
}

int64_t eval(const Node& n, const ExpressionValues& values, std::string_view text) {
  int64_t r = 0;
  switch (n.op) {
    case Node::Op::Const:
      return n.value;
    case Node::Op::Attribute:
      return static_cast<int64_t>(values.attributes[n.index]);  // int/bool attributes hold integers
    case Node::Op::FloatBits:
      return std::bit_cast<uint32_t>(static_cast<float>(values.attributes[n.index]));
    case Node::Op::Numel:
      return values.tensors[n.index]->numel();
    case Node::Op::Ndim:
      return static_cast<int64_t>(values.tensors[n.index]->shape.size());
    case Node::Op::Bytes:
      if (__builtin_mul_overflow(values.tensors[n.index]->numel(),
                                 static_cast<int64_t>(dtype_size(values.tensors[n.index]->dtype)), &r))
        overflow(text);
      return r;
    case Node::Op::Dim: {
      const TensorInstance& t = *values.tensors[n.index];
      const int64_t rank = static_cast<int64_t>(t.shape.size());
      const int64_t i = n.value < 0 ? n.value + rank : n.value;
      if (i < 0 || i >= rank)
        throw ExpressionError(fmt::format("expression '{}': dim({}, {}) is out of range for shape [{}]", text, t.name,
                                          n.value, fmt::join(t.shape, ", ")));
      return t.shape[i];
    }
    case Node::Op::Add:
      if (__builtin_add_overflow(eval(*n.lhs, values, text), eval(*n.rhs, values, text), &r)) overflow(text);
      return r;
    case Node::Op::Mul:
      if (__builtin_mul_overflow(eval(*n.lhs, values, text), eval(*n.rhs, values, text), &r)) overflow(text);
      return r;
  }
  return 0;
}
}  // namespace

Expression Expression::parse(std::string_view text, const ExpressionScope& scope) {
  Expression e;
  e.text_ = std::string(text);
  e.root_ = Parser(e.text_, scope).parse_all();
  return e;
}

int64_t Expression::evaluate(const ExpressionValues& values) const { return eval(*root_, values, text_); }

}  // namespace ascendgen::detail
