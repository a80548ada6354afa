// What a failed evaluation tells the model in a repair round, and the one-line reason a record
// keeps. Internal to libascendgen.
#pragma once
#include <string>

#include "ascendgen/evaluator/evaluator.h"

namespace ascendgen::detail {

// The compiler's errors (with their notes) for compile and parse errors, else the failing cases
// with their messages; capped so that a prompt stays small.
std::string repair_feedback(const EvalResult& result);

// One line: the first error or failing case ("kernel.cpp:12:5: 'Foo' was not declared").
std::string failure_reason(const EvalResult& result);

}  // namespace ascendgen::detail
