// Evaluating full-operator candidates: the form check before compiling and the OperatorLaunch the
// worker needs to run the candidate's tiling function on a case.
#pragma once
#include <optional>
#include <string>

#include "ascendgen/compiler/diagnostics.h"
#include "ascendgen/core/soc.h"
#include "ascendgen/evaluator/operator_launch.h"
#include "ascendgen/task/task.h"

namespace ascendgen::detail {

// A parse error when the candidate's form (file headers or not) is not the task's kernel.form.
std::optional<Diagnostic> check_candidate_form(const Task& task, const std::string& source);

// The platform facts a tiling function sees on `soc`.
OperatorPlatform operator_platform(const SocDescription& soc);

// The case's tensors (with their buffer indices, given the task's parameter order) and attributes.
OperatorLaunch operator_launch(const Task& task, const TestCase& test_case, const SocDescription& soc);

}  // namespace ascendgen::detail
