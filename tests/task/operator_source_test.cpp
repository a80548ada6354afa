#include <doctest/doctest.h>

#include "ascendgen/task/operator_source.h"
#include "temp_dir.h"

using namespace ascendgen;

namespace {
std::string split_error(std::string_view source) {
  try {
    split_operator_source(source);
  } catch (const OperatorSourceError& e) {
    return e.what();
  }
  FAIL("the source was split");
  return {};
}
}  // namespace

TEST_CASE("operator_source, kernel_only_source_has_no_header") {
  CHECK_FALSE(is_operator_source("extern \"C\" __global__ __aicore__ void add(GM_ADDR x) {}\n"));
  CHECK_FALSE(is_operator_source("// === FILE op_kernel/add.cpp\n"));
  CHECK(is_operator_source("// === FILE: op_kernel/add.cpp ===\nint x;\n"));
  CHECK(is_operator_source("  // === FILE: op_kernel/add.cpp ===\r\n"));
}

TEST_CASE("operator_source, split_keeps_each_file_text") {
  const std::string source =
      "\n// === FILE: op_host/add_tiling.h ===\n#pragma once\n"
      "// === FILE: op_host/add.cpp ===\nint host;\n\n"
      "// === FILE: op_kernel/add.cpp ===\nint kernel;";
  const std::vector<SourceFile> files = split_operator_source(source);
  REQUIRE(files.size() == 3);
  CHECK(files[0] == SourceFile{"op_host/add_tiling.h", "#pragma once\n"});
  CHECK(files[1] == SourceFile{"op_host/add.cpp", "int host;\n\n"});
  CHECK(files[2] == SourceFile{"op_kernel/add.cpp", "int kernel;"});
}

TEST_CASE("operator_source, join_then_split_round_trips") {
  const std::vector<SourceFile> files = {{"op_host/a.h", "struct A {};\n"}, {"op_kernel/a.cpp", ""},
                                         {"op_host/a.cpp", "// === FILE: not a header\n"}};
  const std::string joined = join_operator_source(files);
  CHECK(joined.starts_with("// === FILE: op_host/a.h ===\nstruct A {};\n// === FILE: op_kernel/a.cpp ===\n"));
  CHECK(split_operator_source(joined) == files);
  CHECK(join_operator_source(split_operator_source(joined)) == joined);
  // A text without a final newline gets one, so the next header starts a line.
  CHECK(join_operator_source({{"a.h", "int a;"}, {"b.h", "int b;"}}) ==
        "// === FILE: a.h ===\nint a;\n// === FILE: b.h ===\nint b;\n");
}

TEST_CASE("operator_source, bad_sources_name_the_fault") {
  CHECK(split_error("int x;\n") == "operator source: no '// === FILE: PATH ===' line");
  CHECK(split_error("int x;\n// === FILE: a.cpp ===\n") ==
        "operator source: text before the first '// === FILE: PATH ===' line");
  CHECK(split_error("// === FILE: /etc/passwd ===\n") == "operator source line 1: '/etc/passwd': the path must be relative");
  CHECK(split_error("// === FILE: a.cpp ===\n// === FILE: ../a.cpp ===\n") ==
        "operator source line 2: '../a.cpp': the path has an empty, '.' or '..' component");
  CHECK(split_error("// === FILE:  ===\n") == "operator source line 1: '': the path is empty");
  CHECK(split_error("// === FILE: a b.cpp ===\n").find("may only hold") != std::string::npos);
  CHECK(split_error("// === FILE: a.cpp ===\nx\n// === FILE: a.cpp ===\n") == "operator source line 3: 'a.cpp' appears twice");
  CHECK_THROWS_AS(join_operator_source({{"op//a.cpp", ""}}), OperatorSourceError);
}

TEST_CASE("operator_source, directory_is_read_in_path_order") {
  TempDir dir;
  dir.write("op_kernel/add.cpp", "int kernel;\n");
  dir.write("op_host/add.cpp", "int host;\n");
  CHECK(read_operator_directory(dir.path()) ==
        "// === FILE: op_host/add.cpp ===\nint host;\n// === FILE: op_kernel/add.cpp ===\nint kernel;\n");
  TempDir empty;
  CHECK_THROWS_WITH_AS(read_operator_directory(empty.path()),
                       doctest::Contains("the operator directory holds no file"), OperatorSourceError);
}
