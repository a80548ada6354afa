// Router: the facade the Generator calls once per request. It predicts, for every model of the
// pool, the output length, latency (current load + prefill + decode), cost and pass probability,
// and picks a model by the policy named in a string:
//
//   "flare"                 FLARE, balanced weights (docs/router.md)
//   "flare:latency"         FLARE, weights favouring latency ("flare:cost", "flare:quality" alike)
//   "flare:w=L,C,Q"         FLARE with explicit weights for latency, cost and quality
//   "flare:max_cost=X,min_pass=P"   constraint form: least latency s.t. cost <= X USD and pass >= P
//   "flare:passk=K"         FLARE also choosing 1..K samples per request (goal: pass@k)
//   (options chain with ':', e.g. "flare:passk=4:w=1,2,1")
//   "largest" "smallest" "random" "round-robin" "least-loaded" "cost-only"
//   "quality-threshold[=T]" RouteLLM-style: cheapest model whose predicted pass >= T * best
//   "fixed:<model>"         always that model
//
//   Router router(load_pool("data/router/default_pool.yaml"), "flare");
//   Decision d = router.route(features);          // d.model_name, d.samples
//   ... send the request ...
//   router.finish(d, record);                     // frees the slot and learns from the record
//
// All methods are thread-safe (one mutex): the Generator may route from many threads.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ascendgen/router/features.h"
#include "ascendgen/router/pool.h"

namespace ascendgen::router {

// A parsed policy string (parse_policy / to_string round-trip).
struct Policy {
  enum class Kind {
    flare, largest, smallest, random, round_robin, least_loaded, quality_threshold, cost_only, fixed
  };
  Kind kind = Kind::flare;
  // flare, weighted form (optimiser.h): minimise w_latency*L/Lmax + w_cost*C/Cmax +
  // w_quality*100*(Pbest-P) over the models (L latency, C cost, P pass probability).
  double w_latency = 1, w_cost = 1, w_quality = 1;
  // flare, constraint form (used when either is set): least latency with cost <= max_cost and
  // pass probability >= min_pass; when no model qualifies, the highest pass probability.
  double max_cost = -1, min_pass = -1;
  int max_samples = 1;        // flare:passk=K
  double threshold = 0.9;     // quality-threshold
  std::string model;          // fixed
};

// Parses a policy string (syntax above); throws std::invalid_argument naming the string.
Policy parse_policy(std::string_view text);
std::string to_string(const Policy& policy);
// The policy names the simulator compares by default: FLARE and every baseline.
std::vector<std::string> default_policies();

// What the router predicts for one model and request (for `samples` parallel samples).
struct Estimate {
  double output_tokens_p50 = 0, output_tokens_p90 = 0;  // length model
  double latency_s = 0;         // expected time until the last sample finishes, load included
  double cost = 0;              // expected USD for all samples
  double pass_probability = 0;  // P(at least one sample passes)
};

// The router's answer for one request.
struct Decision {
  size_t model = 0;        // index into pool().models
  std::string model_name;
  int samples = 1;         // samples to draw from the model (> 1 only for flare:passk)
  Estimate estimate;       // prediction for the chosen model
  uint64_t ticket = 0;     // identifies the in-flight slot finish() releases
};

struct RouterOptions {
  uint64_t seed = 0;              // for "random"
  size_t embedding_dims = 0;      // length of RequestFeatures::embedding used (padded/cut)
  size_t max_records_per_model = 4096;  // newest records kept per model for refits
};

class Router {
 public:
  // Throws std::invalid_argument for a bad policy or a fixed model not in the pool.
  Router(ModelPool pool, std::string_view policy, RouterOptions options = {});
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Chooses a model for one request and counts its samples as in flight there until finish().
  Decision route(const RequestFeatures& request);
  // Chooses models for a batch at once, at most the free capacity of each model (then the
  // least-loaded), by the policy's objective; counts all as in flight.
  std::vector<Decision> route_batch(const std::vector<RequestFeatures>& requests);
  // Releases a decision's in-flight slots and learns from its record(s).
  void finish(const Decision& decision, const std::vector<GenerationRecord>& records);
  void finish(const Decision& decision, const GenerationRecord& record) { finish(decision, std::vector{record}); }
  // Learns from a record of the past (no in-flight slot): warm start from a records file.
  void update(const GenerationRecord& record);

  // Predictions for every model of the pool for `samples` samples, at the current load.
  std::vector<Estimate> estimate(const RequestFeatures& request, int samples = 1) const;

  const ModelPool& pool() const;
  const Policy& policy() const;
  // Samples now in flight per model (index as in pool().models).
  std::vector<int> in_flight() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ascendgen::router
