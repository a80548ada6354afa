// The default workload: synthetic tasks and requests drawn from a spec of published facts
// (data/router/default_workload.yaml; the model of tasks is described in docs/router.md).
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "ascendgen/core/files.h"
#include "ascendgen/router/length_model.h"
#include "ascendgen/router/workload.h"
#include "seeded.h"
#include "yaml_fields.h"

namespace ascendgen::router {

namespace {
using FieldReader = detail::FieldReader<std::runtime_error>;

// Random streams of the generator, so that each draw has its own counter space.
enum Stream : uint64_t { kTask = 1, kRequest, kArrival, kLength, kPass, kHistory };

struct Category {
  std::string name;
  std::map<int, double> share;  // level -> weight
  double difficulty = 0;        // logit units, added to a task's difficulty
  double length = 0;            // log units, added to its output lengths
  int inputs_min = 1, inputs_max = 1;
};

struct ModelTruth {
  std::map<int, double> pass_rate;           // level -> mean pass@1 over the level's tasks
  std::map<int, LengthQuantiles> length;     // level -> output tokens of a task of median complexity
  std::map<int, double> intercept;           // level -> logit calibrated to pass_rate
};

struct Spec {
  size_t requests = 0, history_requests = 0;
  double arrival_rate = 0;
  std::map<int, double> level_share;
  std::map<int, int> tasks_per_level;
  std::map<int, double> prompt_tokens;
  double prompt_sigma = 0, difficulty_sigma = 0;
  double complexity_prompt = 0, complexity_length = 0, complexity_difficulty = 0;
  double case_log10_min = 0, case_log10_max = 0;
  std::vector<Category> categories;
  std::vector<ModelTruth> models;  // index as in the pool
};

struct Task {
  RequestFeatures features;  // case_elements drawn per request
  size_t category = 0;
  double complexity = 0, difficulty = 0;
};

int levels_of(const std::map<int, double>& m, const FieldReader& r, const char* key) {
  double total = 0;
  for (const auto& [level, share] : m) {
    if (share < 0) r.fail(key, "shares must not be negative");
    total += share;
  }
  if (!(total > 0)) r.fail(key, "needs a positive share");
  return int(m.size());
}

Spec read_spec(const ModelPool& pool, const std::filesystem::path& path) {
  const std::string source = path.string();
  const auto text = try_read_file(path);
  if (!text) throw std::runtime_error(fmt::format("{}: cannot read the workload spec", source));
  YAML::Node root;
  try {
    root = YAML::Load(*text);
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(fmt::format("{}: {}", source, e.what()));
  }
  if (!root.IsMap()) throw std::runtime_error(fmt::format("{}: the workload spec must be a mapping", source));
  const FieldReader r(source, root, "");
  Spec s;
  s.requests = r.get<size_t>("requests");
  s.history_requests = r.get<size_t>("history_requests");
  s.arrival_rate = r.positive("arrival_rate_per_s");
  r.by_level("level_share", [&](int l, const YAML::Node& n, const std::string& f) { s.level_share[l] = r.as<double>(n, f); });
  levels_of(s.level_share, r, "level_share");
  r.by_level("tasks_per_level", [&](int l, const YAML::Node& n, const std::string& f) {
    s.tasks_per_level[l] = r.as<int>(n, f);
    if (s.tasks_per_level[l] < 1) r.fail(f, "must be at least 1");
  });
  r.by_level("prompt_tokens", [&](int l, const YAML::Node& n, const std::string& f) {
    s.prompt_tokens[l] = r.as<double>(n, f);
    if (!(s.prompt_tokens[l] > 0)) r.fail(f, "must be positive");
  });
  for (const auto& [level, share] : s.level_share) {
    if (!s.tasks_per_level.count(level)) r.fail("tasks_per_level", fmt::format("has no level {}", level));
    if (!s.prompt_tokens.count(level)) r.fail("prompt_tokens", fmt::format("has no level {}", level));
  }
  s.prompt_sigma = r.non_negative("prompt_sigma");
  s.difficulty_sigma = r.non_negative("difficulty_sigma");
  const FieldReader complexity = r.sub("complexity");
  s.complexity_prompt = complexity.get<double>("prompt");
  s.complexity_length = complexity.get<double>("length");
  s.complexity_difficulty = complexity.get<double>("difficulty");
  if (std::abs(s.complexity_difficulty) > 1) complexity.fail("difficulty", "is a correlation: must lie in [-1, 1]");
  const FieldReader cases = r.sub("case_elements_log10");
  s.case_log10_min = cases.get<double>("min");
  s.case_log10_max = cases.get<double>("max");
  if (s.case_log10_max < s.case_log10_min) cases.fail("max", "must not be below min");
  const YAML::Node categories = r.child("categories");
  if (!categories.IsMap() || categories.size() == 0) r.fail("categories", "must be a non-empty mapping");
  for (const auto& entry : categories) {
    const FieldReader c = r.at(entry.second, "categories." + entry.first.Scalar());
    Category cat;
    cat.name = entry.first.Scalar();
    c.by_level("share", [&](int l, const YAML::Node& n, const std::string& f) { cat.share[l] = c.as<double>(n, f); });
    cat.difficulty = c.get<double>("difficulty");
    cat.length = c.get<double>("length");
    const FieldReader inputs = c.sub("inputs");
    cat.inputs_min = inputs.get<int>("min");
    cat.inputs_max = inputs.get<int>("max");
    if (cat.inputs_min < 1 || cat.inputs_max < cat.inputs_min) inputs.fail("max", "needs 1 <= min <= max");
    s.categories.push_back(std::move(cat));
  }
  for (const auto& [level, share] : s.level_share) {
    double total = 0;
    for (const Category& c : s.categories) total += c.share.count(level) ? c.share.at(level) : 0;
    if (!(total > 0)) r.fail("categories", fmt::format("no category has a share at level {}", level));
  }
  const FieldReader models = r.sub("models");
  for (const ModelSpec& m : pool.models) {
    if (!models.has(m.name.c_str())) models.fail(m.name, "missing: every model of the pool needs its facts here");
    const FieldReader facts = models.sub(m.name.c_str());
    ModelTruth truth;
    facts.by_level("pass_rate", [&](int l, const YAML::Node& n, const std::string& f) {
      truth.pass_rate[l] = facts.as<double>(n, f);
      if (!(truth.pass_rate[l] >= 0 && truth.pass_rate[l] <= 1)) facts.fail(f, "must lie in [0, 1]");
    });
    facts.by_level("output_tokens", [&](int l, const YAML::Node& n, const std::string& f) {
      const FieldReader q = facts.at(n, f);
      truth.length[l] = {q.positive("p50"), q.positive("p90")};
      if (truth.length[l].p90 < truth.length[l].p50) q.fail("p90", "must not be below p50");
    });
    for (const auto& [level, share] : s.level_share) {
      if (!truth.pass_rate.count(level)) facts.fail("pass_rate", fmt::format("has no level {}", level));
      if (!truth.length.count(level)) facts.fail("output_tokens", fmt::format("has no level {}", level));
    }
    s.models.push_back(std::move(truth));
  }
  return s;
}

template <typename Map> int draw_level(const Map& share, double u) {
  double total = 0;
  for (const auto& [level, w] : share) total += w;
  for (const auto& [level, w] : share)
    if ((u -= w / total) <= 0) return level;
  return share.rbegin()->first;
}

// Tasks of every level; `stream` separates the history's tasks from the run's.
std::vector<Task> make_tasks(const Spec& s, uint64_t seed, uint64_t stream) {
  std::vector<Task> tasks;
  for (const auto& [level, count] : s.tasks_per_level) {
    if (!s.level_share.count(level)) continue;
    std::map<size_t, double> category_share;
    for (size_t c = 0; c < s.categories.size(); ++c)
      if (s.categories[c].share.count(level)) category_share[c] = s.categories[c].share.at(level);
    for (int i = 0; i < count; ++i) {
      const uint64_t id = uint64_t(level) << 32 | uint64_t(i);
      Task t;
      t.category = size_t(draw_level(category_share, detail::seeded_uniform(seed, {kTask, stream, id, 0})));
      const Category& cat = s.categories[t.category];
      t.complexity = detail::seeded_normal(seed, {kTask, stream, id, 1});
      const double own = detail::seeded_normal(seed, {kTask, stream, id, 2});
      const double rho = s.complexity_difficulty;
      t.difficulty = cat.difficulty + s.difficulty_sigma * (rho * t.complexity + std::sqrt(1 - rho * rho) * own);
      RequestFeatures& f = t.features;
      f.task = fmt::format("{}l{}_{}_{}", stream == kHistory ? "past_" : "", level, cat.name, i);
      f.level = level;
      f.category = cat.name;
      f.prompt_tokens = int(std::lround(s.prompt_tokens.at(level) *
                                        std::exp(s.complexity_prompt * t.complexity +
                                                 s.prompt_sigma * detail::seeded_normal(seed, {kTask, stream, id, 3}))));
      f.num_inputs = cat.inputs_min + int(detail::seeded_uniform(seed, {kTask, stream, id, 4}) *
                                          (cat.inputs_max - cat.inputs_min + 1));
      tasks.push_back(std::move(t));
    }
  }
  return tasks;
}

double sigmoid(double z) { return 1 / (1 + std::exp(-z)); }

// The intercept a with mean over `tasks` of sigmoid(a - difficulty) equal to `rate` (bisection).
double calibrate(const std::vector<const Task*>& tasks, double rate) {
  if (rate <= 0) return -40;
  if (rate >= 1) return 40;
  double lo = -40, hi = 40;
  for (int i = 0; i < 100; ++i) {
    const double mid = 0.5 * (lo + hi);
    double mean = 0;
    for (const Task* t : tasks) mean += sigmoid(mid - t->difficulty);
    (mean / double(tasks.size()) < rate ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

struct Truth {
  Spec spec;
  std::vector<Task> tasks, past_tasks;
  std::vector<size_t> task_of_request;
  uint64_t seed = 0;

  double pass_probability(const Task& t, size_t model) const {
    return sigmoid(spec.models[model].intercept.at(t.features.level) - t.difficulty);
  }

  SampleOutcome draw(const Task& t, uint64_t stream, size_t request, size_t model, int sample) const {
    const ModelTruth& m = spec.models[model];
    const LengthQuantiles& q = m.length.at(t.features.level);
    const double log_tokens = std::log(q.p50) + spec.categories[t.category].length + spec.complexity_length * t.complexity +
                              q.sigma() * detail::seeded_normal(seed, {kLength, stream, request, model, uint64_t(sample)});
    SampleOutcome o;
    o.tokens_out = int(std::clamp(std::lround(std::exp(log_tokens)), 1l, 1l << 20));
    // One uniform per (request, sample) shared by all models: a sample that passes on a weaker
    // model passes on any model more likely to pass that task.
    const double u = detail::seeded_uniform(seed, {kPass, stream, request, uint64_t(sample)});
    o.passed = u < pass_probability(t, model);
    return o;
  }
};
}  // namespace

Workload generate_workload(const ModelPool& pool, const std::filesystem::path& spec_path, const WorkloadOptions& options) {
  auto truth = std::make_shared<Truth>();
  truth->spec = read_spec(pool, spec_path);
  truth->seed = options.seed;
  Spec& s = truth->spec;
  const size_t requests = options.requests ? options.requests : s.requests;
  const double rate = options.arrival_rate_per_s > 0 ? options.arrival_rate_per_s : s.arrival_rate;
  truth->tasks = make_tasks(s, options.seed, kRequest);
  truth->past_tasks = make_tasks(s, options.seed, kHistory);
  // Calibrate each model's per-level intercept on the run's tasks so its mean pass@1 per level is
  // the spec's figure.
  for (ModelTruth& m : s.models)
    for (const auto& [level, rate_level] : m.pass_rate) {
      std::vector<const Task*> of_level;
      for (const Task& t : truth->tasks)
        if (t.features.level == level) of_level.push_back(&t);
      if (!of_level.empty()) m.intercept[level] = calibrate(of_level, rate_level);
    }
  std::map<int, std::vector<size_t>> tasks_by_level;
  for (size_t i = 0; i < truth->tasks.size(); ++i) tasks_by_level[truth->tasks[i].features.level].push_back(i);

  Workload w;
  double clock = 0;
  for (size_t r = 0; r < requests; ++r) {
    const int level = draw_level(s.level_share, detail::seeded_uniform(options.seed, {kRequest, r, 0}));
    const auto& pool_of_level = tasks_by_level.at(level);
    const size_t task = pool_of_level[size_t(detail::seeded_uniform(options.seed, {kRequest, r, 1}) * pool_of_level.size())];
    clock += -std::log(detail::seeded_uniform(options.seed, {kArrival, r})) / rate;
    WorkloadRequest request{clock, truth->tasks[task].features};
    request.features.case_elements = std::round(std::pow(
        10.0, s.case_log10_min + (s.case_log10_max - s.case_log10_min) * detail::seeded_uniform(options.seed, {kRequest, r, 2})));
    truth->task_of_request.push_back(task);
    w.requests.push_back(std::move(request));
  }
  // History: past runs of every model on other tasks, one sample each.
  for (size_t h = 0; h < s.history_requests; ++h) {
    const Task& t = truth->past_tasks[size_t(detail::seeded_uniform(options.seed, {kHistory, h}) * truth->past_tasks.size())];
    for (size_t m = 0; m < pool.models.size(); ++m) {
      const SampleOutcome o = truth->draw(t, kHistory, h, m, 0);
      GenerationRecord record;
      record.features = t.features;
      record.features.case_elements = std::pow(10.0, 0.5 * (s.case_log10_min + s.case_log10_max));
      record.model = pool.models[m].name;
      record.tokens_in = t.features.prompt_tokens;
      record.tokens_out = o.tokens_out;
      const Deployment& d = pool.models[m].deployment;
      record.latency_s = d.ttft_base_s + t.features.prompt_tokens / d.prefill_tokens_per_s + o.tokens_out * d.seconds_per_token(1);
      record.passed = o.passed;
      w.history.push_back(std::move(record));
    }
  }
  w.outcome = [truth](size_t request, size_t model, int sample) {
    return truth->draw(truth->tasks[truth->task_of_request.at(request)], kRequest, request, model, sample);
  };
  w.pass_probability = [truth](size_t request, size_t model) {
    return truth->pass_probability(truth->tasks[truth->task_of_request.at(request)], model);
  };
  return w;
}

}  // namespace ascendgen::router
