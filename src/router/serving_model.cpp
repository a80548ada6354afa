#include "ascendgen/router/serving_model.h"

#include <algorithm>
#include <cmath>

namespace ascendgen::router {

double full_load_service_s(const ModelSpec& model, double prompt_tokens, double output_tokens) {
  const Deployment& d = model.deployment;
  return d.ttft_base_s + prompt_tokens / d.prefill_tokens_per_s + output_tokens * d.seconds_per_token(d.max_concurrency);
}

Estimate estimate_request(const ModelSpec& model, const LengthQuantiles& length, double pass_one, int prompt_tokens,
                          int samples, const Load& load) {
  const Deployment& d = model.deployment;
  samples = std::max(1, samples);
  const int capacity = d.capacity();
  const int occupied = load.in_flight + samples;
  const double queued = std::max(0, occupied - capacity);
  const double concurrency = double(std::min(occupied, capacity)) / d.instances;
  Estimate e;
  e.output_tokens_p50 = length.p50;
  e.output_tokens_p90 = length.p90;
  e.latency_s = queued * load.mean_service_s / capacity + d.ttft_base_s + prompt_tokens / d.prefill_tokens_per_s +
                length.expected_max(samples) * d.seconds_per_token(std::max(1.0, concurrency));
  e.cost = samples * model.cost(prompt_tokens, length.mean());
  e.pass_probability = 1 - std::pow(1 - std::clamp(pass_one, 0.0, 1.0), samples);
  return e;
}

}  // namespace ascendgen::router
