// Features of a generation request (what the router knows before sending it) and the record of a
// finished generation (what it learns from). Records are the Generator's JSONL lines.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ascendgen::router {

// What is known about a request before any model answers it.
struct RequestFeatures {
  std::string task;              // task name: the router pools the outcomes of its earlier samples; may be ""
  int level = 1;                 // task level, 1..3 (others are clamped)
  std::string category;          // task category ("elementwise", "reduction", ...); may be ""
  int prompt_tokens = 0;         // tokens of the prompt
  int num_inputs = 1;            // input tensors of the task
  double case_elements = 0;      // size of the test case: elements of its largest input
  std::vector<double> embedding; // optional caller-supplied vector; same length for every request
};

// One finished generation, as the Generator records it.
struct GenerationRecord {
  RequestFeatures features;
  std::string model;              // a name of the pool
  int tokens_in = 0;              // prompt tokens actually sent
  int tokens_out = 0;             // output tokens (reasoning included)
  double latency_s = 0;           // request sent -> last token
  std::optional<bool> passed;     // evaluation outcome; nullopt when not evaluated
};

// The fixed-length numeric vector the length and quality models regress on: intercept, level
// one-hot, hashed category one-hot, log prompt tokens, log inputs, log case size, then the
// embedding. `embedding_dims` pads or cuts the embedding so every vector has the same length.
std::vector<double> feature_vector(const RequestFeatures& request, size_t embedding_dims);
// Length of feature_vector(..., embedding_dims).
size_t feature_count(size_t embedding_dims);

// Reads a record from a Generator JSONL object. Fields: "task", "model", "tokens_in",
// "tokens_out", "latency_s" (required); "status" (the evaluator's status: "pass" is a pass) or
// "passed" (bool); "features": {"level", "category", "prompt_tokens", "num_inputs",
// "case_elements", "embedding"} (each optional; prompt_tokens defaults to tokens_in). Throws
// std::runtime_error "WHERE: field 'F' ..." naming the field at fault.
GenerationRecord parse_record(const nlohmann::json& object, const std::string& where);
// The same record as a JSON object parse_record reads back.
nlohmann::json to_json(const GenerationRecord& record);

}  // namespace ascendgen::router
