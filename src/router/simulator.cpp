#include "ascendgen/router/simulator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <queue>

#include "ascendgen/router/router.h"

namespace ascendgen::router {

namespace {
// One sample of a request on its way through a deployment.
struct Sequence {
  size_t request = 0;
  SampleOutcome outcome;
  size_t instance = 0;  // global instance index, once admitted
};

// One instance under continuous batching. `decoded` counts the tokens every decoding sequence
// has produced since the start (all decode in lockstep), so a sequence joining at decoded = D
// with L tokens to go finishes when decoded reaches D + L.
struct Instance {
  size_t model = 0;
  int occupied = 0;  // prefilling or decoding
  int decoding = 0;
  double decoded = 0, updated_at = 0;
  uint64_t version = 0;  // invalidates finish events scheduled before the last change
  std::priority_queue<std::pair<double, size_t>, std::vector<std::pair<double, size_t>>, std::greater<>> finishing;
};

struct Event {
  enum Kind { arrival, decode_start, finish } kind;
  double time = 0;
  uint64_t order = 0;  // FIFO among events at the same time: deterministic
  size_t id = 0;       // request, sequence or instance
  uint64_t version = 0;
  bool operator>(const Event& o) const { return time != o.time ? time > o.time : order > o.order; }
};

struct RequestState {
  Decision decision;
  int pending = 0;
  bool passed = false;
  double cost = 0;
  std::vector<GenerationRecord> records;
};

class Simulation {
 public:
  Simulation(const ModelPool& pool, const Workload& workload, std::string_view policy, const SimulationOptions& options)
      : pool_(pool), workload_(workload), router_(pool, policy, RouterOptions{options.seed}) {
    if (options.learn_history)
      for (const GenerationRecord& r : workload.history) router_.update(r);
    for (size_t m = 0; m < pool.models.size(); ++m) {
      first_instance_.push_back(instances_.size());
      for (int i = 0; i < pool.models[m].deployment.instances; ++i) {
        instances_.emplace_back();
        instances_.back().model = m;
      }
    }
    first_instance_.push_back(instances_.size());
    queues_.resize(pool.models.size());
    requests_.resize(workload.requests.size());
    result_.policy = std::string(policy);
    result_.requests_per_model.assign(pool.models.size(), 0);
  }

  PolicyResult run() {
    for (size_t r = 0; r < workload_.requests.size(); ++r) push(Event::arrival, workload_.requests[r].arrival_s, r);
    while (!events_.empty()) {
      const Event e = events_.top();
      events_.pop();
      if (e.kind == Event::arrival) arrive(e.id, e.time);
      else if (e.kind == Event::decode_start) start_decoding(e.id, e.time);
      else if (e.version == instances_[e.id].version) finish_due(e.id, e.time);
    }
    summarise();
    return result_;
  }

 private:
  void push(Event::Kind kind, double time, size_t id, uint64_t version = 0) {
    events_.push(Event{kind, time, next_order_++, id, version});
  }

  double seconds_per_token(const Instance& in) const {
    return pool_.models[in.model].deployment.seconds_per_token(std::max(1, in.decoding));
  }

  void advance(Instance& in, double now) {
    if (in.decoding > 0) in.decoded += (now - in.updated_at) / seconds_per_token(in);
    in.updated_at = now;
  }

  void schedule_finish(size_t i) {
    Instance& in = instances_[i];
    ++in.version;
    if (in.finishing.empty()) return;
    const double left = std::max(0.0, in.finishing.top().first - in.decoded);
    push(Event::finish, in.updated_at + left * seconds_per_token(in), i, in.version);
  }

  void arrive(size_t r, double now) {
    const WorkloadRequest& request = workload_.requests[r];
    const auto start = std::chrono::steady_clock::now();
    requests_[r].decision = router_.route(request.features);
    decision_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const Decision& d = requests_[r].decision;
    requests_[r].pending = d.samples;
    ++result_.requests_per_model[d.model];
    for (int s = 0; s < d.samples; ++s) {
      sequences_.push_back({r, workload_.outcome(r, d.model, s)});
      queues_[d.model].push_back(sequences_.size() - 1);
    }
    admit(d.model, now);
  }

  // Moves queued sequences of `model` into free slots, least-occupied instance first.
  void admit(size_t model, double now) {
    const Deployment& d = pool_.models[model].deployment;
    while (!queues_[model].empty()) {
      size_t best = first_instance_[model];
      for (size_t i = best + 1; i < first_instance_[model + 1]; ++i)
        if (instances_[i].occupied < instances_[best].occupied) best = i;
      if (instances_[best].occupied >= d.max_concurrency) return;
      const size_t s = queues_[model].front();
      queues_[model].pop_front();
      ++instances_[best].occupied;
      sequences_[s].instance = best;
      const double prompt = workload_.requests[sequences_[s].request].features.prompt_tokens;
      push(Event::decode_start, now + d.ttft_base_s + prompt / d.prefill_tokens_per_s, s);
    }
  }

  void start_decoding(size_t s, double now) {
    const size_t i = sequences_[s].instance;
    Instance& in = instances_[i];
    advance(in, now);
    ++in.decoding;
    in.finishing.push({in.decoded + std::max(1, sequences_[s].outcome.tokens_out), s});
    schedule_finish(i);
  }

  void finish_due(size_t i, double now) {
    Instance& in = instances_[i];
    advance(in, now);
    while (!in.finishing.empty() && in.finishing.top().first <= in.decoded + 1e-6) {
      const size_t s = in.finishing.top().second;
      in.finishing.pop();
      --in.decoding;
      --in.occupied;
      complete(s, now);
    }
    schedule_finish(i);
    admit(in.model, now);
  }

  void complete(size_t s, double now) {
    const Sequence& seq = sequences_[s];
    RequestState& r = requests_[seq.request];
    const WorkloadRequest& request = workload_.requests[seq.request];
    const ModelSpec& model = pool_.models[r.decision.model];
    r.passed = r.passed || seq.outcome.passed;
    r.cost += model.cost(request.features.prompt_tokens, seq.outcome.tokens_out);
    GenerationRecord record;
    record.features = request.features;
    record.model = model.name;
    record.tokens_in = request.features.prompt_tokens;
    record.tokens_out = seq.outcome.tokens_out;
    record.latency_s = now - request.arrival_s;
    record.passed = seq.outcome.passed;
    r.records.push_back(std::move(record));
    if (--r.pending > 0) return;
    latencies_.push_back(now - request.arrival_s);
    result_.cost += r.cost;
    result_.pass_rate += r.passed;
    result_.mean_samples += r.decision.samples;
    router_.finish(r.decision, r.records);
    r.records.clear();
  }

  void summarise() {
    const size_t n = latencies_.size();
    result_.requests = n;
    if (n == 0) return;
    double sum = 0;
    for (const double l : latencies_) sum += l;
    result_.mean_latency_s = sum / double(n);
    std::sort(latencies_.begin(), latencies_.end());
    result_.p95_latency_s = latencies_[size_t(std::ceil(0.95 * double(n))) - 1];
    result_.pass_rate /= double(n);
    result_.mean_samples /= double(n);
    result_.decision_us = decision_seconds_ * 1e6 / double(n);
  }

  const ModelPool& pool_;
  const Workload& workload_;
  Router router_;
  std::vector<Instance> instances_;
  std::vector<size_t> first_instance_;  // per model, and one past the last
  std::vector<std::deque<size_t>> queues_;
  std::vector<Sequence> sequences_;
  std::vector<RequestState> requests_;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
  uint64_t next_order_ = 0;
  std::vector<double> latencies_;
  double decision_seconds_ = 0;
  PolicyResult result_;
};
}  // namespace

PolicyResult simulate(const ModelPool& pool, const Workload& workload, std::string_view policy,
                      const SimulationOptions& options) {
  return Simulation(pool, workload, policy, options).run();
}

}  // namespace ascendgen::router
