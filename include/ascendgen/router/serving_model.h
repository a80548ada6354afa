// The latency and cost model: what sending `samples` samples of a request to one deployment is
// expected to take, given its predicted output length and the requests already there.
#pragma once
#include "ascendgen/router/length_model.h"
#include "ascendgen/router/pool.h"
#include "ascendgen/router/router.h"

namespace ascendgen::router {

// The load a request meets on arrival at one model.
struct Load {
  int in_flight = 0;            // samples running or queued there now
  double mean_service_s = 0;    // typical time one request holds a slot (for the queue wait)
};

// latency = queue wait + ttft_base + prompt / prefill speed + expected longest sample x time
// per token at the concurrency the request joins; the queue wait is the samples ahead beyond
// capacity times mean_service_s / capacity. cost = samples x (prompt and mean output tokens at
// the model's prices); pass = 1 - (1 - pass_one)^samples (samples taken as independent).
Estimate estimate_request(const ModelSpec& model, const LengthQuantiles& length, double pass_one, int prompt_tokens,
                          int samples, const Load& load);

// Seconds one request of `output_tokens` holds a slot with the deployment fully loaded.
double full_load_service_s(const ModelSpec& model, double prompt_tokens, double output_tokens);

}  // namespace ascendgen::router
