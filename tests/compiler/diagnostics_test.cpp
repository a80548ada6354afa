// Parsing g++ output into diagnostics, and the source checks made before any compiler runs.
#include <doctest/doctest.h>

#include "ascendgen/compiler/compiler.h"
#include "ascendgen/compiler/diagnostics.h"

using ascendgen::categorize_diagnostic;
using ascendgen::check_candidate_source;
using ascendgen::parse_gcc_diagnostics;

TEST_CASE("parse_gcc_diagnostics reads location, severity and message, and attaches notes to their error") {
  const auto diagnostics = parse_gcc_diagnostics(
      "kernel.cpp: In function 'void k(uint8_t*)':\n"
      "kernel.cpp:8:15: error: no matching function for call to 'Add(AscendC::LocalTensor<float>&, float)'\n"
      "In file included from kernel_operator.h:8,\n"
      "                 from kernel.cpp:1:\n"
      "kernel/vector_basic.h:18:18: note: candidate: 'template<class T> void AscendC::Add(...)'\n"
      "kernel/vector_common.h:110:15: note: in definition of macro 'ASCENDGEN_VECTOR_FORMS'\n"
      "kernel.cpp:8:15: note:   mismatched types 'const AscendC::LocalTensor<T>' and 'float'\n"
      "kernel.cpp:10:14: warning: unused variable 'y' [-Wunused-variable]\n"
      "kernel.cpp: In instantiation of 'void f(T) [with T = int]':\n"
      "kernel.cpp:9:4:   required from here\n"
      "kernel.cpp:2:39: error: request for member 'foo' in 'x', which is of non-class type 'int'\n");
  REQUIRE(diagnostics.size() == 3);
  const auto& overload = diagnostics[0];
  CHECK(overload.file == "kernel.cpp");
  CHECK(overload.line == 8);
  CHECK(overload.column == 15);
  CHECK(overload.severity == "error");
  CHECK(overload.category == "no_matching_overload");
  CHECK(overload.message.rfind("no matching function for call to 'Add(", 0) == 0);
  // The macro-expansion step inside our headers is dropped; the candidate and the reason stay.
  REQUIRE(overload.notes.size() == 2);
  CHECK(overload.notes[0].file == "kernel/vector_basic.h");
  CHECK(overload.notes[0].severity == "note");
  CHECK(overload.notes[0].message.rfind("candidate:", 0) == 0);
  CHECK(overload.notes[1].line == 8);
  CHECK(overload.notes[1].message == "  mismatched types 'const AscendC::LocalTensor<T>' and 'float'");

  CHECK(diagnostics[1].severity == "warning");
  CHECK(diagnostics[1].line == 10);

  // Instantiation context printed before an error belongs to that error.
  const auto& member = diagnostics[2];
  CHECK(member.line == 2);
  REQUIRE(member.notes.size() == 1);
  CHECK(member.notes[0].line == 9);
  CHECK(member.notes[0].column == 4);
  CHECK(member.notes[0].message == "required from here");
}

TEST_CASE("parse_gcc_diagnostics reads linker errors and the function they occur in") {
  const auto diagnostics = parse_gcc_diagnostics(
      "/usr/bin/ld: /tmp/ccPvS2qz.o: in function `k':\n"
      "kernel.cpp:(.text+0xd): undefined reference to `missing_api()'\n"
      "/usr/bin/ld: kernel.cpp:(.text+0x17): undefined reference to `AscendC::Fancy(int)'\n"
      "collect2: error: ld returned 1 exit status\n");
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].file == "kernel.cpp");
  CHECK(diagnostics[0].line == 0);
  CHECK(diagnostics[0].category == "link");
  CHECK(diagnostics[0].message == "undefined reference to `missing_api()' (in function `k')");
  CHECK(diagnostics[1].category == "unsupported_api");

  // The collect2 summary is an error of its own only when nothing else says what failed.
  const auto alone = parse_gcc_diagnostics("collect2: error: ld returned 1 exit status\n");
  REQUIRE(alone.size() == 1);
  CHECK(alone[0].category == "link");
}

TEST_CASE("parse_gcc_diagnostics reads fatal errors, errors without a column and skips other lines") {
  const auto diagnostics = parse_gcc_diagnostics("kernel.cpp:2:10: fatal error: lib/matmul_intf.h: No such file or directory\n"
                                                 "compilation terminated.\n"
                                                 "cc1plus: error: unrecognized command-line option '-fx'\n"
                                                 "kernel.cpp:4: error: something without a column\n");
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics[0].severity == "error");
  CHECK(diagnostics[0].category == "unsupported_api");
  CHECK(diagnostics[1].file == "cc1plus");
  CHECK(diagnostics[1].line == 0);
  CHECK(diagnostics[2].line == 4);
  CHECK(diagnostics[2].column == 0);
  CHECK(parse_gcc_diagnostics("").empty());
}

TEST_CASE("categorize_diagnostic maps g++ messages to categories") {
  CHECK(categorize_diagnostic("expected ';' before '}' token") == "syntax");
  CHECK(categorize_diagnostic("expected primary-expression before ';' token") == "syntax");
  CHECK(categorize_diagnostic("stray '\\' in program") == "syntax");
  CHECK(categorize_diagnostic("'tileLength' was not declared in this scope") == "undeclared_identifier");
  CHECK(categorize_diagnostic("'Foo' does not name a type") == "undeclared_identifier");
  CHECK(categorize_diagnostic("'bar' is not a member of 'std'") == "undeclared_identifier");
  CHECK(categorize_diagnostic("'NoSuchApi' is not a member of 'AscendC'") == "unsupported_api");
  CHECK(categorize_diagnostic("'class AscendC::LocalTensor<float>' has no member named 'Foo'") == "unsupported_api");
  CHECK(categorize_diagnostic("undefined reference to `ascendgen::sim::abi::vector_op()'") == "unsupported_api");
  CHECK(categorize_diagnostic("cannot convert 'float' to 'int*' in initialization") == "type_mismatch");
  CHECK(categorize_diagnostic("conversion from 'LocalTensor<half>' to non-scalar type 'LocalTensor<float>' requested") ==
        "type_mismatch");
  CHECK(categorize_diagnostic("no matching function for call to 'Add(float)'") == "no_matching_overload");
  CHECK(categorize_diagnostic("call of overloaded 'f(int)' is ambiguous") == "no_matching_overload");
  CHECK(categorize_diagnostic("undefined reference to `helper()'") == "link");
  CHECK(categorize_diagnostic("multiple definition of `k'") == "link");
  CHECK(categorize_diagnostic("#error unsupported dtype") == "other");
}

TEST_CASE("check_candidate_source accepts kernel entries in the forms Ascend C code uses") {
  CHECK_FALSE(check_candidate_source("extern \"C\" __global__ __aicore__ void add_custom(GM_ADDR x) {}", "add_custom"));
  CHECK_FALSE(check_candidate_source("extern \"C\" {\nvoid add_custom(GM_ADDR x) { }\n}", "add_custom"));
  // A C-linkage prototype gives the later definition C linkage too.
  CHECK_FALSE(check_candidate_source("extern \"C\" void add_custom(GM_ADDR);\nvoid add_custom(GM_ADDR x) {}\n",
                                     "add_custom"));
  CHECK_FALSE(check_candidate_source("#include \"kernel_operator.h\"\n"
                                     "extern \"C\" __global__ __aicore__ void add_custom(GM_ADDR x,\n"
                                     "    GM_ADDR y) noexcept\n{\n  const char* s = \"}{\"; // }\n}\n",
                                     "add_custom"));
  CHECK_FALSE(check_candidate_source("extern \"C\" void add_custom(GM_ADDR x) { auto s = R\"x(\")} {)x\"; int n = 1'000; }",
                                     "add_custom"));
}

TEST_CASE("check_candidate_source rejects an empty or prose-only answer and a markdown fence") {
  auto empty = check_candidate_source(" \n\t\n", "k");
  REQUIRE(empty);
  CHECK(empty->message == "the candidate source is empty");
  CHECK(empty->file == "kernel.cpp");
  CHECK(empty->severity == "error");

  auto prose = check_candidate_source("I'm sorry; I cannot write this kernel.\n# Explanation\nThe API is missing.\n", "k");
  REQUIRE(prose);
  CHECK(prose->message.find("no C++ code") != std::string::npos);
  CHECK(prose->category == "syntax");

  auto fenced = check_candidate_source("Here is the kernel:\n\n```cpp\nextern \"C\" void k() {}\n```\n", "k");
  REQUIRE(fenced);
  CHECK(fenced->message.find("markdown code fence") != std::string::npos);
  CHECK(fenced->line == 3);
}

TEST_CASE("check_candidate_source says how the entry is missing") {
  auto other = check_candidate_source("extern \"C\" __global__ __aicore__ void mul_custom(GM_ADDR x) {}", "add_custom");
  REQUIRE(other);
  CHECK(other->category == "missing_entry");
  CHECK(other->message.find("extern \"C\" ... add_custom(") != std::string::npos);
  CHECK(other->message.find("`mul_custom` instead") != std::string::npos);

  auto cxx_linkage = check_candidate_source("#include \"kernel_operator.h\"\nvoid add_custom(GM_ADDR x) {}\n", "add_custom");
  REQUIRE(cxx_linkage);
  CHECK(cxx_linkage->category == "missing_entry");
  CHECK(cxx_linkage->message.find("without C linkage") != std::string::npos);
  CHECK(cxx_linkage->line == 2);

  auto declared = check_candidate_source("#include \"kernel_operator.h\"\nextern \"C\" void add_custom(GM_ADDR x);\n", "add_custom");
  REQUIRE(declared);
  CHECK(declared->message.find("never defined") != std::string::npos);

  // Names in comments and strings do not count.
  auto commented = check_candidate_source("// extern \"C\" void add_custom(GM_ADDR x) {}\n"
                                          "const char* s = \"extern \\\"C\\\" void add_custom() {}\";\n"
                                          "extern \"C\" void other() {}\n",
                                          "add_custom");
  REQUIRE(commented);
  CHECK(commented->category == "missing_entry");
}

TEST_CASE("check_candidate_source stays fast on hostile input and rejects oversized sources") {
  // Patterns that make naive bracket matching quadratic: a megabyte would take minutes.
  std::string nested = "#include \"kernel_operator.h\"\n";
  for (int i = 0; i < 100000; ++i) nested += "k(";
  for (int i = 0; i < 100000; ++i) nested += " id";
  auto unclosed = check_candidate_source(nested, "k");
  REQUIRE(unclosed);
  CHECK(unclosed->category == "missing_entry");
  std::string externs = "{";
  for (int i = 0; i < 50000; ++i) externs += "extern \"C\" { k( ";
  CHECK(check_candidate_source(externs, "k"));

  auto huge = check_candidate_source(std::string(2 << 20, ';') + "{", "k");
  REQUIRE(huge);
  CHECK(huge->message.find("more than the 1048576") != std::string::npos);
}

TEST_CASE("parse_gcc_diagnostics reads clang's output: instantiation context after its error, the driver's link summary") {
  const auto diagnostics = parse_gcc_diagnostics(
      "kernel.cpp:4:3: error: use of undeclared identifier 'tileLength'\n"
      "kernel.cpp:6:3: error: no matching function for call to 'Add'\n"
      "kernel/vector_basic.h:18:18: note: candidate function template not viable: requires at least 4 arguments, "
      "but 2 were provided\n"
      "kernel.cpp:2:38: error: member reference base type 'int' is not a structure or union\n"
      "kernel.cpp:7:3: note: in instantiation of function template specialization 'f<int>' requested here\n"
      "kernel.cpp:9:3: error: unknown type name 'TQueConfig'\n"
      "kernel.cpp:10:12: error: no member named 'NoSuchApi' in namespace 'AscendC'\n"
      "kernel.cpp:11:9: error: cannot initialize a variable of type 'int *' with an rvalue of type 'float'\n"
      "kernel.cpp:12:20: error: expected ';' after expression\n"
      "kernel.cpp:1:10: fatal error: 'lib/matrix/matmul/tiling.h' file not found\n"
      "8 errors generated.\n"
      "/usr/bin/ld: /tmp/kernel-80b558.o: in function `k':\n"
      "kernel.cpp:(.text+0xd): undefined reference to `missing_api()'\n"
      "clang: error: linker command failed with exit code 1 (use -v to see invocation)\n");
  REQUIRE(diagnostics.size() == 9);
  // gold, which clang links with here, names the object file first and quotes with '.
  const auto gold = parse_gcc_diagnostics(
      "/tmp/kernel-739941.o:kernel.cpp:function k: error: undefined reference to "
      "'ascendgen::sim::abi::no_such_runtime_call()'\n"
      "clang: error: linker command failed with exit code 1 (use -v to see invocation)\n");
  REQUIRE(gold.size() == 1);
  CHECK(gold[0].file == "kernel.cpp");
  CHECK(gold[0].category == "unsupported_api");
  CHECK(gold[0].message == "undefined reference to 'ascendgen::sim::abi::no_such_runtime_call()' (in function `k')");
  CHECK(diagnostics[0].category == "undeclared_identifier");
  CHECK(diagnostics[0].line == 4);
  CHECK(diagnostics[0].column == 3);
  CHECK(diagnostics[1].category == "no_matching_overload");
  REQUIRE(diagnostics[1].notes.size() == 1);
  CHECK(diagnostics[1].notes[0].file == "kernel/vector_basic.h");
  REQUIRE(diagnostics[2].notes.size() == 1);
  CHECK(diagnostics[2].notes[0].line == 7);
  CHECK(diagnostics[3].category == "undeclared_identifier");
  CHECK(diagnostics[4].category == "unsupported_api");
  CHECK(diagnostics[5].category == "type_mismatch");
  CHECK(diagnostics[6].category == "syntax");
  CHECK(diagnostics[7].category == "unsupported_api");
  CHECK(diagnostics[7].severity == "error");
  CHECK(diagnostics[8].category == "link");
  CHECK(diagnostics[8].message.find("undefined reference to `missing_api()'") == 0);
}
