// ModelPool: the LLMs a generation run may use, read from one YAML file (data/router/*.yaml,
// format in docs/router.md). The Generator takes each model's endpoint from it; the router takes
// prices, the deployment profile and the optional priors.
//
//   models:
//     - name: qwen2.5-coder-7b
//       parameters_b: 7.6
//       endpoint: {base_url: "http://localhost:8000/v1", model: Qwen/Qwen2.5-Coder-7B-Instruct,
//                  api: chat, api_key_env: VLLM_API_KEY}
//       price_per_mtok: {input: 0.03, output: 0.09}
//       deployment: {instances: 1, max_concurrency: 64, prefill_tokens_per_s: 12000,
//                    ttft_base_s: 0.05, decode_ms_per_token: {1: 7.5, 16: 9, 64: 14}}
//       pass_rate_prior: {1: 0.2, 2: 0.05, 3: 0.01}                     # optional
//       output_tokens_prior: {1: {p50: 700, p90: 1400}, 2: ...}         # optional
#pragma once
#include <cstddef>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ascendgen::router {

// How to reach a model: an OpenAI-compatible server.
struct Endpoint {
  enum class Api { chat, completions };  // /chat/completions or /completions
  std::string base_url;                  // "http://host:8000/v1"
  std::string model;                     // the server's model id
  Api api = Api::chat;
  std::string api_key_env;               // environment variable holding the key; "" = no key
};

// One serving deployment of a model: `instances` replicas, each running continuous batching of
// up to `max_concurrency` requests; requests beyond that wait in a FIFO queue.
struct Deployment {
  int instances = 1;
  int max_concurrency = 1;            // per instance
  double prefill_tokens_per_s = 0;    // prompt processing speed of one instance
  double ttft_base_s = 0;             // fixed time to first token (scheduling, network)
  // Decode time per output token (seconds) against the number of requests decoding together on
  // one instance, as (concurrency, seconds) points sorted by concurrency; strictly positive.
  std::vector<std::pair<int, double>> decode_s_per_token;

  // Seconds per output token at `concurrency` requests: linear between points, the first point's
  // value below it, the last segment's slope extended above it.
  double seconds_per_token(double concurrency) const;
  // Requests the deployment decodes at once over all instances.
  int capacity() const { return instances * max_concurrency; }
};

// Quantiles of a model's output length (tokens), a prior before records arrive.
struct LengthPrior {
  double p50 = 0, p90 = 0;
};

// One model of the pool.
struct ModelSpec {
  std::string name;            // unique within the pool; records name models by it
  double parameters_b = 0;     // total parameters, billions ("largest"/"smallest" compare these)
  Endpoint endpoint;
  double price_input_per_mtok = 0;   // USD per million prompt tokens
  double price_output_per_mtok = 0;  // USD per million output tokens
  Deployment deployment;
  std::map<int, double> pass_rate_prior;          // task level -> prior pass@1; may be empty
  std::map<int, LengthPrior> output_tokens_prior; // task level -> prior length; may be empty

  // USD for one request of `tokens_in` prompt and `tokens_out` output tokens.
  double cost(double tokens_in, double tokens_out) const {
    return (tokens_in * price_input_per_mtok + tokens_out * price_output_per_mtok) * 1e-6;
  }
};

// The parsed pool file.
struct ModelPool {
  std::vector<ModelSpec> models;
  std::filesystem::path source;  // the file it was read from ("" when parsed from text)

  // Index of the model called `name`; throws std::out_of_range naming the model and the pool.
  size_t index_of(std::string_view name) const;
  const ModelSpec& find(std::string_view name) const { return models[index_of(name)]; }
  // The model with the most / fewest parameters (the first listed on ties).
  size_t largest() const;
  size_t smallest() const;
};

// A malformed pool file: what() reads "FILE: models[2].deployment.max_concurrency: problem".
class PoolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads a pool file. Throws PoolError naming the file and the field at fault.
ModelPool load_pool(const std::filesystem::path& path);
// Parses pool YAML text; `source_name` stands for the file in error messages.
ModelPool parse_pool(std::string_view yaml, const std::string& source_name = "<pool>");

// "chat" / "completions", and back (throws std::invalid_argument on another string).
std::string_view to_string(Endpoint::Api api);
Endpoint::Api parse_api(std::string_view text);

}  // namespace ascendgen::router
