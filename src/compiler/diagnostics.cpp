#include "ascendgen/compiler/diagnostics.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <initializer_list>
#include <optional>

namespace ascendgen {
namespace {

// Notes kept per diagnostic: enough for the candidates of an overload set, not its whole history.
constexpr size_t kMaxNotes = 10;

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

bool contains_any(std::string_view text, std::initializer_list<std::string_view> parts) {
  for (std::string_view part : parts)
    if (contains(text, part)) return true;
  return false;
}

std::string_view trim(std::string_view s) {
  const size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

struct Location {
  std::string file;
  int line = 0, column = 0;
};

// "kernel.cpp:5:12" -> {kernel.cpp, 5, 12}; "kernel.cpp:5" and "cc1plus" parse too.
Location parse_location(std::string_view prefix) {
  std::array<int, 2> numbers{};
  int count = 0;
  while (count < 2) {
    const size_t colon = prefix.rfind(':');
    if (colon == std::string_view::npos) break;
    const std::string_view tail = prefix.substr(colon + 1);
    int value = 0;
    const auto [end, error] = std::from_chars(tail.data(), tail.data() + tail.size(), value);
    if (tail.empty() || error != std::errc() || end != tail.data() + tail.size()) break;
    numbers[1] = numbers[0];
    numbers[0] = value;
    ++count;
    prefix = prefix.substr(0, colon);
  }
  Location location{std::string(prefix)};
  if (count >= 1) location.line = numbers[0];
  if (count == 2) location.column = numbers[1];
  return location;
}

// "/usr/bin/ld: rest" -> "rest"; nullopt for a line the linker did not print.
std::optional<std::string_view> strip_linker_prefix(std::string_view line) {
  const size_t colon = line.find(": ");
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view program = line.substr(0, colon);
  program = program.substr(program.rfind('/') + 1);
  if (program == "ld" || program.rfind("ld.", 0) == 0) return line.substr(colon + 2);
  return std::nullopt;
}

class DiagnosticParser {
 public:
  void line(std::string_view text) {
    if (const auto rest = strip_linker_prefix(text)) return linker_line(*rest);
    // The driver's summary of a failed link: g++'s "collect2: error: ld returned 1 exit status",
    // clang's "clang++: error: linker command failed with exit code 1 (use -v ...)".
    if (text.rfind("collect2:", 0) == 0 || (text.rfind("clang", 0) == 0 && contains(text, "linker command failed"))) {
      if (!saw_link_error_) add_error({}, "error", std::string(trim(text.substr(text.find(':') + 1))));
      return;
    }
    // gold names the object file first: "/tmp/kernel-1a2b.o:kernel.cpp:function k: error: ...".
    if (const size_t gold = text.find(": error: "); gold != std::string_view::npos && contains(text.substr(0, gold), ".o:"))
      return gold_line(text.substr(0, gold), text.substr(gold + 9));
    size_t at = std::string_view::npos;
    std::string_view marker;
    for (std::string_view m : {": fatal error: ", ": error: ", ": warning: ", ": note: "}) {
      if (const size_t p = text.find(m); p < at) {
        at = p;
        marker = m;
      }
    }
    if (at != std::string_view::npos) {
      Location location = parse_location(text.substr(0, at));
      std::string severity(marker == ": fatal error: " ? "error" : marker.substr(2, marker.size() - 4));
      std::string message(text.substr(at + marker.size()));
      if (severity == "note") return add_note(std::move(location), std::move(message));
      return add_error(std::move(location), std::move(severity), std::move(message));
    }
    // The first undefined reference comes without the ld prefix: "kernel.cpp:(.text+0xd): ...".
    if (contains(text, ":(.") && contains(text, "): ")) return linker_line(text);
    // Instantiation context printed before its error: "kernel.cpp:9:4:   required from here".
    const size_t gap = text.find(":  ");
    if (gap != std::string_view::npos) {
      Location location = parse_location(text.substr(0, gap));
      if (location.line > 0) pending_.push_back(note(std::move(location), std::string(trim(text.substr(gap + 1)))));
    }
  }

  std::vector<Diagnostic> take() { return std::move(diagnostics_); }

 private:
  static Diagnostic note(Location location, std::string message) {
    Diagnostic d{std::move(location.file), location.line, location.column, "note", std::move(message), "", {}};
    return d;
  }

  void linker_line(std::string_view rest) {
    if (rest.find(": in function `") != std::string_view::npos) {
      const size_t open = rest.find('`'), close = rest.rfind('\'');
      function_ = close != std::string_view::npos && open < close ? std::string(rest.substr(open + 1, close - open - 1)) : "";
      return;
    }
    Location location;
    const size_t section = rest.find(":(.");
    const size_t end = rest.find("): ");
    if (section != std::string_view::npos && end != std::string_view::npos && section < end) {
      location.file = std::string(rest.substr(0, section));
      rest = rest.substr(end + 3);
    }
    std::string severity = "error";
    if (rest.rfind("warning: ", 0) == 0) {
      severity = "warning";
      rest = rest.substr(9);
    }
    std::string message(trim(rest));
    if (!function_.empty() && contains(message, "undefined reference")) message += " (in function `" + function_ + "')";
    saw_link_error_ = true;
    add_error(std::move(location), std::move(severity), std::move(message));
  }

  void gold_line(std::string_view where, std::string_view message) {
    where = where.substr(where.find(".o:") + 3);  // "kernel.cpp:function k"
    const size_t function = where.find(":function ");
    Location location;
    location.file = std::string(where.substr(0, function));
    std::string text(trim(message));
    if (function != std::string_view::npos) text += " (in function `" + std::string(where.substr(function + 10)) + "')";
    saw_link_error_ = true;
    add_error(std::move(location), "error", std::move(text));
  }

  void add_error(Location location, std::string severity, std::string message) {
    // The outermost context lines come last; they point at the candidate's code.
    if (pending_.size() > kMaxNotes) pending_.erase(pending_.begin(), pending_.end() - kMaxNotes);
    Diagnostic d{std::move(location.file), location.line, location.column, std::move(severity), std::move(message),
                 "", std::move(pending_)};
    d.category = categorize_diagnostic(d.message);
    for (auto& n : d.notes) n.category = d.category;
    pending_.clear();
    diagnostics_.push_back(std::move(d));
  }

  void add_note(Location location, std::string message) {
    // Macro expansion steps inside our headers say nothing about the candidate's code.
    if (location.file != kCandidateFile && contains_any(message, {"in definition of macro", "in expansion of macro"}))
      return;
    Diagnostic n = note(std::move(location), std::move(message));
    if (diagnostics_.empty()) {
      pending_.push_back(std::move(n));
      return;
    }
    Diagnostic& owner = diagnostics_.back();
    if (owner.notes.size() >= kMaxNotes) return;
    n.category = owner.category;
    owner.notes.push_back(std::move(n));
  }

  std::vector<Diagnostic> diagnostics_;
  std::vector<Diagnostic> pending_;
  std::string function_;
  bool saw_link_error_ = false;
};

}  // namespace

// Each category lists g++'s phrasings, then clang's.
std::string categorize_diagnostic(std::string_view m) {
  // An AscendC name, member or header that exists in CANN but not in our headers, or a runtime
  // symbol the emulator lacks.
  if (contains_any(m, {"is not a member of 'AscendC", "in namespace 'AscendC", "No such file or directory",
                       "undefined reference to `AscendC::", "undefined reference to `ascendgen::",
                       "undefined reference to 'AscendC::", "undefined reference to 'ascendgen::",
                       "' file not found", "in 'AscendC::"}) ||
      (contains(m, "has no member named") && contains(m, "AscendC::")))
    return "unsupported_api";
  if (contains_any(m, {"undefined reference to", "multiple definition of", "ld returned", "cannot find -l",
                       "linker command failed"}))
    return "link";
  if (contains_any(m, {"was not declared in this scope", "has not been declared", "does not name a type",
                       "is not a member of", "has no member named", "is not a namespace", "not declared",
                       "does not name a template type", "use of undeclared identifier", "unknown type name",
                       "no member named", "no template named", "undeclared identifier"}))
    return "undeclared_identifier";
  if (contains_any(m, {"cannot convert", "invalid conversion", "conversion from", "could not convert",
                       "invalid operands", "cannot bind", "discards qualifiers", "narrowing conversion", "invalid cast",
                       "invalid static_cast", "invalid initialization", "incompatible types", "non-scalar type",
                       "lvalue required", "invalid use of void", "cannot initialize", "no viable conversion",
                       "incompatible pointer", "incompatible type", "cannot be narrowed", "is not assignable",
                       "drops 'const' qualifier"}))
    return "type_mismatch";
  if (contains_any(m, {"no matching function for call", "no matching member function", "call of overloaded",
                       "is ambiguous", "no match for", "too many arguments to", "too few arguments to",
                       "no matching constructor", "no viable overloaded", "no matching conversion"}))
    return "no_matching_overload";
  if (m.rfind("expected ", 0) == 0 ||
      contains_any(m, {"stray '", "missing terminating", "unterminated", "before numeric constant",
                       "invalid preprocessing directive", "expected unqualified-id", "expected primary-expression",
                       "extraneous closing brace", "invalid character"}))
    return "syntax";
  return "other";
}

std::vector<Diagnostic> parse_gcc_diagnostics(std::string_view log) {
  DiagnosticParser parser;
  while (!log.empty()) {
    const size_t newline = log.find('\n');
    parser.line(log.substr(0, newline));
    log = newline == std::string_view::npos ? std::string_view{} : log.substr(newline + 1);
  }
  return parser.take();
}

}  // namespace ascendgen
