// A Generator records file as a workload: its requests replayed, outcomes resampled per model.
#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "ascendgen/router/workload.h"
#include "ascendgen/task/records.h"
#include "seeded.h"

namespace ascendgen::router {

namespace {
struct Pools {
  // Outcomes per (task, model), per (level, model) and per model, as indices into `outcomes`.
  std::vector<SampleOutcome> outcomes;
  std::map<std::pair<std::string, size_t>, std::vector<size_t>> by_task;
  std::map<std::pair<int, size_t>, std::vector<size_t>> by_level;
  std::vector<std::vector<size_t>> by_model;
  std::vector<RequestFeatures> features;  // per request
  uint64_t seed = 0;

  SampleOutcome draw(size_t request, size_t model, int sample) const {
    const RequestFeatures& f = features.at(request);
    const std::vector<size_t>* from = &by_model[model];
    if (auto it = by_task.find({f.task, model}); it != by_task.end()) from = &it->second;
    else if (auto lt = by_level.find({f.level, model}); lt != by_level.end()) from = &lt->second;
    const double u = detail::seeded_uniform(seed, {request, model, uint64_t(sample)});
    return outcomes[(*from)[size_t(u * double(from->size()))]];
  }
};
}  // namespace

Workload records_workload(const ModelPool& pool, const std::filesystem::path& path, const WorkloadOptions& options) {
  if (!(options.arrival_rate_per_s > 0))
    throw std::runtime_error(fmt::format("{}: replaying records needs an arrival rate > 0", path.string()));
  const JsonlContents contents = read_jsonl(path);
  auto pools = std::make_shared<Pools>();
  pools->seed = options.seed;
  pools->by_model.resize(pool.models.size());
  Workload w;
  double clock = 0;
  for (size_t i = 0; i < contents.records.size(); ++i) {
    const std::string where = fmt::format("{}:{}", path.string(), contents.lines[i]);
    const GenerationRecord record = parse_record(contents.records[i], where);
    size_t model = 0;
    try {
      model = pool.index_of(record.model);
    } catch (const std::out_of_range& e) {
      throw std::runtime_error(fmt::format("{}: {}", where, e.what()));
    }
    if (!record.passed) throw std::runtime_error(fmt::format("{}: the record has no outcome ('status' or 'passed')", where));
    const size_t index = pools->outcomes.size();
    pools->outcomes.push_back({record.tokens_out, *record.passed});
    pools->by_task[{record.features.task, model}].push_back(index);
    pools->by_level[{record.features.level, model}].push_back(index);
    pools->by_model[model].push_back(index);
    if (options.requests && w.requests.size() >= options.requests) continue;
    clock += -std::log(detail::seeded_uniform(options.seed, {~0ull, i})) / options.arrival_rate_per_s;
    w.requests.push_back({clock, record.features});
    pools->features.push_back(record.features);
  }
  if (w.requests.empty()) throw std::runtime_error(fmt::format("{}: no records", path.string()));
  for (size_t m = 0; m < pool.models.size(); ++m)
    if (pools->by_model[m].empty())
      throw std::runtime_error(fmt::format("{}: no record of model '{}' of the pool, so its outcomes are unknown; "
                                           "simulate with a pool of the recorded models",
                                           path.string(), pool.models[m].name));
  w.outcome = [pools](size_t request, size_t model, int sample) { return pools->draw(request, model, sample); };
  return w;
}

}  // namespace ascendgen::router
