// Structured compiler diagnostics: what went wrong in a candidate kernel, where, and of which kind.
//
//   for (const auto& d : ascendgen::parse_gcc_diagnostics(log))
//     std::cout << d.file << ':' << d.line << ": " << d.category << ": " << d.message << '\n';
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ascendgen {

// The name a candidate's source has in diagnostics, whatever temporary file it was compiled from.
inline constexpr std::string_view kCandidateFile = "kernel.cpp";

struct Diagnostic {
  std::string file;            // "kernel.cpp" for the candidate; headers relative to the kernel include dir
  int line = 0, column = 0;    // 0 where unknown (linker messages)
  std::string severity;        // "error", "warning", "note"
  std::string message;
  std::string category;        // "syntax", "undeclared_identifier", "type_mismatch", "no_matching_overload",
                               // "unsupported_api", "missing_entry", "link", "other"
  std::vector<Diagnostic> notes;  // the notes and instantiation context that belong to this diagnostic
};

// The diagnostics in the output of a compile and link run in the C locale, by g++ with
// -fdiagnostics-plain-output or by clang with -fno-caret-diagnostics (both print "file:line:col:
// severity: message"): errors and warnings in order, each with its notes ("candidate: ...") and
// the instantiation context printed before it ("required from here"). Lines that are not
// diagnostics (include chains, "In function" headers, clang's "N errors generated.") are skipped.
std::vector<Diagnostic> parse_gcc_diagnostics(std::string_view log);

// The category of an error or warning message, e.g. "'Foo' is not a member of 'AscendC'" ->
// "unsupported_api"; "other" when no rule applies.
std::string categorize_diagnostic(std::string_view message);

}  // namespace ascendgen
