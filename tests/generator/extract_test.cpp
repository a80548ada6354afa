#include <doctest/doctest.h>

#include "ascendgen/generator/extract.h"
#include "ascendgen/task/operator_source.h"

namespace ascendgen {
namespace {

const ExtractOptions kAdd{.entry = "add_custom"};

TEST_CASE("extract: a <kernel_impl> block wins over other code, and its fence is removed") {
  const std::string answer =
      "Plan:\n```cpp\nint draft;\n```\n<kernel_impl>\n```cpp\n#include \"kernel_operator.h\"\n"
      "extern \"C\" __global__ __aicore__ void add_custom(GM_ADDR x) {}\n```\n</kernel_impl>\nDone.";
  const Extraction e = extract_candidate(answer, kAdd);
  REQUIRE(e.ok());
  CHECK(e.source == "#include \"kernel_operator.h\"\nextern \"C\" __global__ __aicore__ void add_custom(GM_ADDR x) {}\n");
}

TEST_CASE("extract: <think> is stripped and kept as reasoning, also when the template opened it") {
  const Extraction e = extract_candidate("<think>the ```cpp\nint wrong;\n``` idea</think>\n```cpp\nextern \"C\" void add_custom() {}\n```", kAdd);
  REQUIRE(e.ok());
  CHECK(e.source == "extern \"C\" void add_custom() {}\n");
  CHECK(e.reasoning == "the ```cpp\nint wrong;\n``` idea");

  const Extraction opened = extract_candidate("reasoning only\n</think>\n```c++\nextern \"C\" void add_custom() {}\n```", kAdd);
  REQUIRE(opened.ok());
  CHECK(opened.reasoning == "reasoning only");

  const Extraction cut = extract_candidate("<think>I will write ```cpp\nextern \"C\" void add_custom() {}", kAdd);
  CHECK_FALSE(cut.ok());
  CHECK(cut.error.find("ends inside <think>") != std::string::npos);
}

TEST_CASE("extract: among fenced blocks the one defining the entry is taken, other languages skipped") {
  const std::string answer =
      "```cpp\nstruct Helper {};\nstruct Longer { int a, b, c, d, e, f, g; };\n```\n"
      "```cpp\nextern \"C\" __global__ __aicore__ void add_custom(GM_ADDR x) {}\n```\n"
      "```python\nextern \"C\" add_custom(\n```\n";
  const Extraction e = extract_candidate(answer, kAdd);
  REQUIRE(e.ok());
  CHECK(e.source == "extern \"C\" __global__ __aicore__ void add_custom(GM_ADDR x) {}\n");
  // Without an entry hint: the block mentioning extern "C"; without that either, the longest.
  CHECK(extract_candidate("```\nint a;\n```\n```cpp\nint bbbbbbbbbb;\n```").source == "int bbbbbbbbbb;\n");
}

TEST_CASE("extract: unfenced C++ is taken whole; prose is a parse error with a reason") {
  const Extraction bare = extract_candidate("#include \"kernel_operator.h\"\nextern \"C\" void add_custom() {}\n", kAdd);
  REQUIRE(bare.ok());
  CHECK(bare.source.starts_with("#include"));

  const Extraction prose = extract_candidate("I cannot write this kernel, sorry.", kAdd);
  CHECK_FALSE(prose.ok());
  CHECK(prose.error.find("no code in the answer") != std::string::npos);
  CHECK(extract_candidate("  \n", kAdd).error == "the answer is empty");
}

TEST_CASE("extract: an answer cut off inside a fence keeps what arrived") {
  const Extraction e = extract_candidate("```cpp\nextern \"C\" void add_custom() {\n  int x;", kAdd);
  REQUIRE(e.ok());
  CHECK(e.source == "extern \"C\" void add_custom() {\n  int x;\n");
}

TEST_CASE("extract: multi-file answers become the canonical operator source") {
  const std::string answer =
      "### AddCustom/op_host/add_custom_tiling.h\n```cpp\n#pragma once\n```\n"
      "**File: `./op_host/add_custom.cpp`**\n```cpp\n// host\n```\n"
      "```cpp op_kernel/add_custom.cpp\n// kernel v1\n```\n"
      "```cpp\n// op_kernel/add_custom.cpp\n// kernel v2\n```\n";
  const Extraction e = extract_candidate(answer, {.entry = "add_custom", .want_operator = true});
  REQUIRE_MESSAGE(e.ok(), e.error);
  const std::vector<SourceFile> files = split_operator_source(e.source);
  REQUIRE(files.size() == 3);
  CHECK(files[0] == SourceFile{"op_host/add_custom_tiling.h", "#pragma once\n"});
  CHECK(files[1] == SourceFile{"op_host/add_custom.cpp", "// host\n"});
  CHECK(files[2] == SourceFile{"op_kernel/add_custom.cpp", "// op_kernel/add_custom.cpp\n// kernel v2\n"});
  CHECK(e.source.find("// === FILE: op_host/add_custom.cpp ===\n") != std::string::npos);
}

TEST_CASE("extract: canonical headers are kept, inside a block or bare") {
  const std::string files = "// === FILE: op_host/a.cpp ===\nint h;\n// === FILE: op_kernel/a.cpp ===\nint k;\n";
  CHECK(extract_candidate("<kernel_impl>\n" + files + "</kernel_impl>").source == files);
  CHECK(extract_candidate("Here:\n```cpp\n" + files + "```\n").source == files);
}

TEST_CASE("extract: a full operator with fewer than two files is a parse error") {
  const Extraction one = extract_candidate("```cpp op_kernel/a.cpp\nint k;\n```", {.want_operator = true});
  CHECK_FALSE(one.ok());
  CHECK(one.error.find("only op_kernel/a.cpp") != std::string::npos);
  const Extraction none = extract_candidate("```cpp\nint k;\n```", {.want_operator = true});
  CHECK(none.error.find("names no file") != std::string::npos);
  // Kernel-only answers may name their one file.
  CHECK(extract_candidate("`kernel.cpp`:\n```cpp\nint k;\n```").source == "int k;\n");
}

}  // namespace
}  // namespace ascendgen
