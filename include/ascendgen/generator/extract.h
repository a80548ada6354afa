// Extraction: the candidate source in an LLM's answer.
//
//   ascendgen::Extraction e = ascendgen::extract_candidate(answer, {.entry = "add_custom"});
//   if (e.ok()) samples.write({{"task", "add"}, {"source", e.source}});
//   else        std::cerr << "parse_error: " << e.error;
//
// Rules, in order:
//  1. <think>...</think> sections are removed (their text goes to `reasoning`); an answer whose
//     only "</think>" has no opening tag loses everything before it (chat templates open the tag
//     in the prompt); an answer that ends inside <think> has no code.
//  2. When the answer holds <kernel_impl>...</kernel_impl> blocks, only the last one is read.
//  3. Files named in the answer make a full-operator source (task/operator_source.h), files in
//     order of appearance: canonical "// === FILE: path ===" headers are kept as written; a fenced
//     block is named by a path in its info string ("```cpp op_host/add.cpp"), in the line before
//     it ("### op_kernel/add_custom.cpp", "**File: op_host/add_custom_tiling.h**") or in a
//     leading comment ("// op_kernel/add_custom.cpp"). Paths are normalised: "./" and anything
//     before an op_host/ or op_kernel/ component are dropped. A path named twice keeps the last.
//  4. Otherwise, a kernel-only source: the last fenced block that defines the entry (else that
//     mentions extern "C", else the longest block); with no fence at all, the whole text when it
//     reads as C++ (an #include or extern "C" line).
// Nothing usable gives an `error` naming the reason, which the caller records as a parse_error.
#pragma once
#include <string>
#include <string_view>

namespace ascendgen {

struct ExtractOptions {
  std::string entry;           // the kernel's extern "C" name: prefers the block that defines it
  bool want_operator = false;  // the prompt asked for a full operator: fewer than two named files
                               // is an error rather than a kernel-only source
};

struct Extraction {
  std::string source;     // the candidate (kernel-only, or a joined operator source)
  std::string reasoning;  // text of the <think> sections, joined
  std::string error;      // why there is no candidate; empty when `source` is one
  bool ok() const { return error.empty(); }
};

Extraction extract_candidate(std::string_view answer, const ExtractOptions& options = {});

}  // namespace ascendgen
