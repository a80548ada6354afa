#include "ascendgen/router/router.h"

#include <algorithm>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>

#include <fmt/format.h>

#include "ascendgen/router/length_model.h"
#include "ascendgen/router/optimiser.h"
#include "ascendgen/router/quality_model.h"
#include "ascendgen/router/serving_model.h"
#include "task_difficulty.h"

namespace ascendgen::router {

namespace {
constexpr double kServiceSmoothing = 0.05;  // weight of a new record in the mean output length
constexpr double kNominalOutputTokens = 1000;  // quality-threshold orders models by price at this length

double prior_mean_tokens(const ModelSpec& m) {
  if (m.output_tokens_prior.empty()) return 1000;
  double sum = 0;
  for (const auto& [level, prior] : m.output_tokens_prior) sum += LengthQuantiles{prior.p50, prior.p90}.mean();
  return sum / double(m.output_tokens_prior.size());
}
}  // namespace

struct Router::State {
  ModelPool pool;
  Policy policy;
  RouterOptions options;
  std::vector<LengthModel> lengths;
  std::vector<QualityModel> qualities;
  std::vector<int> in_flight;
  std::vector<double> mean_output_tokens;  // smoothed, for the time a request ahead holds a slot
  detail::TaskDifficulty difficulty;       // what earlier samples of a task say about it
  size_t fixed = 0;
  std::mt19937_64 rng;
  size_t next_round_robin = 0;
  uint64_t next_ticket = 1;
  mutable std::mutex mutex;

  // The estimate for model m with `samples` samples, at the current load.
  Estimate estimate(const RequestFeatures& r, size_t m, int samples) const {
    const ModelSpec& spec = pool.models[m];
    const Load load{in_flight[m], full_load_service_s(spec, r.prompt_tokens, mean_output_tokens[m])};
    return estimate_request(spec, lengths[m].predict(r), pass_one(r, m), r.prompt_tokens, samples, load);
  }
  // P(one sample of model m passes): the features' prediction, moved by the task's own record.
  double pass_one(const RequestFeatures& r, size_t m) const {
    return difficulty.adjust(r.task, qualities[m].predict(r));
  }
  std::vector<Estimate> estimates(const RequestFeatures& r, int samples) const {
    std::vector<Estimate> out;
    out.reserve(pool.models.size());
    for (size_t m = 0; m < pool.models.size(); ++m) out.push_back(estimate(r, m, samples));
    return out;
  }

  Weights weights() const { return {policy.w_latency, policy.w_cost, policy.w_quality}; }

  // The policy's choice (model, samples) for one request, without counting it in flight.
  std::pair<size_t, int> choose(const RequestFeatures& r) {
    const size_t n = pool.models.size();
    switch (policy.kind) {
      case Policy::Kind::largest: return {pool.largest(), 1};
      case Policy::Kind::smallest: return {pool.smallest(), 1};
      case Policy::Kind::fixed: return {fixed, 1};
      case Policy::Kind::random: return {std::uniform_int_distribution<size_t>(0, n - 1)(rng), 1};
      case Policy::Kind::round_robin: return {next_round_robin++ % n, 1};
      case Policy::Kind::least_loaded: {
        size_t best = 0;
        for (size_t m = 1; m < n; ++m)
          if (double(in_flight[m]) / pool.models[m].deployment.capacity() <
              double(in_flight[best]) / pool.models[best].deployment.capacity())
            best = m;
        return {best, 1};
      }
      case Policy::Kind::cost_only: {
        const std::vector<Estimate> e = estimates(r, 1);
        size_t best = 0;
        for (size_t m = 1; m < n; ++m)
          if (e[m].cost < e[best].cost) best = m;
        return {best, 1};
      }
      case Policy::Kind::quality_threshold: {
        // RouteLLM-style: the cheapest model (by price, not by predicted length) whose predicted
        // pass probability is within the threshold of the best.
        double best_pass = 0;
        std::vector<double> pass(n);
        for (size_t m = 0; m < n; ++m) best_pass = std::max(best_pass, pass[m] = pass_one(r, m));
        std::optional<size_t> pick;
        for (size_t m = 0; m < n; ++m) {
          const double price = pool.models[m].cost(r.prompt_tokens, kNominalOutputTokens);
          if (pass[m] >= policy.threshold * best_pass &&
              (!pick || price < pool.models[*pick].cost(r.prompt_tokens, kNominalOutputTokens)))
            pick = m;
        }
        return {pick.value_or(0), 1};
      }
      case Policy::Kind::flare: break;
    }
    // FLARE: options are (model, samples) for samples 1..max_samples, model-major per sample count.
    std::vector<Estimate> options;
    for (int s = 1; s <= policy.max_samples; ++s) {
      const std::vector<Estimate> e = estimates(r, s);
      options.insert(options.end(), e.begin(), e.end());
    }
    const bool constrained = policy.max_cost >= 0 || policy.min_pass >= 0;
    const size_t i = constrained ? choose_constrained(options, policy.max_cost, policy.min_pass)
                                 : choose_weighted(options, weights());
    return {i % n, int(i / n) + 1};
  }

  // Counts the request in flight on `model`; the estimate describes the load it met.
  Decision commit(const RequestFeatures& r, size_t model, int samples) {
    Decision d;
    d.model = model;
    d.model_name = pool.models[model].name;
    d.samples = samples;
    d.estimate = estimate(r, model, samples);
    d.ticket = next_ticket++;
    in_flight[model] += samples;
    return d;
  }

  void learn(const GenerationRecord& record) {
    size_t m = 0;
    try {
      m = pool.index_of(record.model);
    } catch (const std::out_of_range& e) {
      throw std::invalid_argument(fmt::format("router update: {}", e.what()));
    }
    lengths[m].add(record.features, record.tokens_out);
    if (record.passed) {
      difficulty.add(record.features.task, qualities[m].predict(record.features), *record.passed);
      qualities[m].add(record.features, *record.passed);
    }
    mean_output_tokens[m] += kServiceSmoothing * (record.tokens_out - mean_output_tokens[m]);
  }
};

Router::Router(ModelPool pool, std::string_view policy, RouterOptions options) : state_(std::make_unique<State>()) {
  State& s = *state_;
  if (pool.models.empty()) throw std::invalid_argument("router: the model pool is empty");
  s.policy = parse_policy(policy);
  if (s.policy.kind == Policy::Kind::fixed) {
    try {
      s.fixed = pool.index_of(s.policy.model);
    } catch (const std::out_of_range& e) {
      throw std::invalid_argument(fmt::format("policy '{}': {}", policy, e.what()));
    }
  }
  for (const ModelSpec& m : pool.models) {
    s.lengths.emplace_back(m.output_tokens_prior, options.embedding_dims, options.max_records_per_model);
    s.qualities.emplace_back(m.pass_rate_prior, options.embedding_dims, options.max_records_per_model);
    s.mean_output_tokens.push_back(prior_mean_tokens(m));
  }
  s.in_flight.assign(pool.models.size(), 0);
  s.rng.seed(options.seed);
  s.pool = std::move(pool);
  s.options = options;
}

Router::~Router() = default;

Decision Router::route(const RequestFeatures& request) {
  std::lock_guard lock(state_->mutex);
  const auto [model, samples] = state_->choose(request);
  return state_->commit(request, model, samples);
}

std::vector<Decision> Router::route_batch(const std::vector<RequestFeatures>& requests) {
  std::lock_guard lock(state_->mutex);
  State& s = *state_;
  const Policy& p = s.policy;
  std::vector<Decision> decisions;
  const bool weighted_flare = p.kind == Policy::Kind::flare && p.max_cost < 0 && p.min_pass < 0 && p.max_samples == 1;
  if (!weighted_flare) {
    for (const RequestFeatures& r : requests) {
      const auto [model, samples] = s.choose(r);
      decisions.push_back(s.commit(r, model, samples));
    }
    return decisions;
  }
  const size_t n = s.pool.models.size();
  std::vector<std::vector<Estimate>> options;
  for (const RequestFeatures& r : requests) options.push_back(s.estimates(r, 1));
  // Free slots per model; when they cannot hold the batch, the rest goes by capacity share.
  std::vector<int> capacity(n);
  long free_total = 0, capacity_total = 0;
  for (size_t m = 0; m < n; ++m) {
    capacity[m] = std::max(0, s.pool.models[m].deployment.capacity() - s.in_flight[m]);
    free_total += capacity[m];
    capacity_total += s.pool.models[m].deployment.capacity();
  }
  const long missing = long(requests.size()) - free_total;
  for (size_t m = 0; m < n && missing > 0; ++m)
    capacity[m] += int((missing * s.pool.models[m].deployment.capacity() + capacity_total - 1) / capacity_total);
  const std::vector<size_t> assignment = assign_batch(options, capacity, s.weights());
  for (size_t i = 0; i < requests.size(); ++i) decisions.push_back(s.commit(requests[i], assignment[i], 1));
  return decisions;
}

void Router::finish(const Decision& decision, const std::vector<GenerationRecord>& records) {
  std::lock_guard lock(state_->mutex);
  State& s = *state_;
  if (decision.model >= s.in_flight.size()) throw std::invalid_argument("router finish: the decision is not from this router");
  s.in_flight[decision.model] = std::max(0, s.in_flight[decision.model] - decision.samples);
  for (const GenerationRecord& r : records) s.learn(r);
}

void Router::update(const GenerationRecord& record) {
  std::lock_guard lock(state_->mutex);
  state_->learn(record);
}

std::vector<Estimate> Router::estimate(const RequestFeatures& request, int samples) const {
  std::lock_guard lock(state_->mutex);
  return state_->estimates(request, samples);
}

const ModelPool& Router::pool() const { return state_->pool; }
const Policy& Router::policy() const { return state_->policy; }

std::vector<int> Router::in_flight() const {
  std::lock_guard lock(state_->mutex);
  return state_->in_flight;
}

}  // namespace ascendgen::router
