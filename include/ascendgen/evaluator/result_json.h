// The JSON form of an evaluation: what `ascendgen eval --json` prints and evaluation records carry.
//
//   {"task": "add", "status": "wrong_answer", "compiled": true, "correct": false, "seconds": 0.41,
//    "cases": [{"id": "small_fp16", "status": "wrong_answer", "error_kind": "", "message": "...",
//               "max_abs_err": 0.5, "max_rel_err": 0.25, "mismatches": 3, "first_mismatch": 17,
//               "seconds": 0.02}],
//    "diagnostics": [{"file": "kernel.cpp", "line": 4, "column": 9, "severity": "error",
//                     "category": "undeclared_identifier", "message": "...", "notes": [...]}]}
//
// An error that is infinite (a non-finite output where the reference is finite) is written as null.
#pragma once
#include <nlohmann/json.hpp>

#include "ascendgen/evaluator/evaluator.h"

namespace ascendgen {

nlohmann::json to_json(const EvalResult& result);
nlohmann::json to_json(const CaseResult& result);
nlohmann::json to_json(const Diagnostic& diagnostic);

}  // namespace ascendgen
