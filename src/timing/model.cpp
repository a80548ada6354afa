// The pipe-level replay behind timing::simulate. Times are in cycles of the AI core clock.
#include "ascendgen/timing/model.h"

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

namespace ascendgen::timing {
namespace {
using sim::Instr;
using sim::InstrKind;
using sim::Pipe;
constexpr int kPipes = sim::kPipeCount;
constexpr int kDTypes = 12;        // abi::DType values
constexpr int kGmPasses = 3;       // replays: one flow per core, then twice the flows observed (share_of_bandwidth)

int pipe_index(Pipe p) { return static_cast<int>(p); }

const char* kernel_type_name(sim::abi::DType dt) {
  static const char* names[kDTypes] = {"half",  "bfloat16_t", "float",   "int8_t",  "uint8_t",  "int16_t",
                                       "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t", "bool"};
  const auto i = static_cast<size_t>(dt);
  return i < kDTypes ? names[i] : "?";
}

const char* pipe_label(int p) {
  static const char* names[kPipes] = {"S", "V", "M", "MTE1", "MTE2", "MTE3", "ALL", "FIX"};
  return names[p];
}

bool moves_gm(InstrKind k) {
  return k == InstrKind::CopyGmToUb || k == InstrKind::CopyUbToGm || k == InstrKind::Fixpipe;
}
// The pipes a report lists: the vector core's, and the cube core's (M, MTE1, FIX) when any ran.
std::vector<int> reported_pipes(const PipeCycles& busy) {
  std::vector<int> pipes = {0, 1, 4, 5};
  for (int q : {2, 3, 7})
    if (busy[q] > 0) pipes.push_back(q);
  return pipes;
}

// The last result written and the last read per pipe, for each stretch of the core's local
// memory (UB, or L1/L0A/L0B/L0C on a cube core): what the flags auto-sync (and the queues'
// EnQue/DeQue, AllocTensor/FreeTensor) insert would wait for. Memory is kept as sorted, disjoint
// segments split at the bounds of the ranges seen, so a kernel that reuses a few buffers keeps a
// few segments.
class UbHazards {
 public:
  UbHazards() { segments_.push_back({0, UINT32_MAX, {}}); }

  // Earliest start on pipe `p`: reads wait for the data they read (a same-pipe dependence too,
  // as the compiler's PipeBarrier would); writes wait until other pipes have read and written.
  double earliest(const Instr& in, int p) const {
    double t = 0;
    for (const sim::UbRange& r : in.reads)
      for (size_t i = holding(r); i < segments_.size() && segments_[i].begin < r.end; ++i)
        t = std::max(t, segments_[i].state.write_ready);
    const sim::UbRange& w = in.writes;
    for (size_t i = holding(w); i < segments_.size() && segments_[i].begin < w.end; ++i) {
      const State& s = segments_[i].state;
      if (s.writer != p) t = std::max(t, s.write_ready);
      for (int q = 0; q < kPipes; ++q)
        if (q != p) t = std::max(t, s.read_done[q]);
    }
    return t;
  }

  void commit(const Instr& in, int p, double done) {
    for (const sim::UbRange& r : in.reads)
      update(r, [&](State& s) { s.read_done[p] = std::max(s.read_done[p], done); });
    update(in.writes, [&](State& s) {
      s.write_ready = done;
      s.writer = static_cast<int8_t>(p);
    });
  }

 private:
  struct State {
    double write_ready = 0;
    std::array<double, kPipes> read_done{};
    int8_t writer = -1;
  };
  struct Segment {
    uint32_t begin, end;
    State state;
  };

  // Index of the segment holding byte `at`.
  size_t at(uint32_t at) const {
    const auto it = std::upper_bound(segments_.begin(), segments_.end(), at,
                                     [](uint32_t a, const Segment& s) { return a < s.begin; });
    return static_cast<size_t>(it - segments_.begin()) - 1;
  }
  // Index of the first segment `r` touches; past the end when `r` is empty.
  size_t holding(const sim::UbRange& r) const { return r.empty() ? segments_.size() : at(r.begin); }

  // Makes `where` the start of a segment (local ranges never pass 4 GiB).
  void split(uint32_t where) {
    const size_t i = at(where);
    Segment& s = segments_[i];
    if (s.begin == where || s.end <= where) return;
    Segment tail = s;
    tail.begin = where;
    s.end = where;
    segments_.insert(segments_.begin() + static_cast<ptrdiff_t>(i) + 1, tail);
  }

  template <class F> void update(const sim::UbRange& r, F&& f) {
    if (r.empty()) return;
    split(r.begin);
    split(r.end);
    for (size_t i = at(r.begin); i < segments_.size() && segments_[i].begin < r.end; ++i) f(segments_[i].state);
  }

  std::vector<Segment> segments_;
};

struct CoreState {
  explicit CoreState(const sim::CoreRecord& r) : record(&r) {}
  const sim::CoreRecord* record;
  size_t next = 0;
  double scalar = 0;       // when the scalar unit can issue the next instruction
  PipeCycles free{};       // when each pipe can start its next instruction
  PipeCycles drained{};    // when everything issued to each pipe has completed
  double flags[kPipes][kPipes][8] = {};  // SetFlag times, [setting pipe][waiting pipe][event id]
  UbHazards ub;
  PipeCycles busy{};
  std::vector<TimedInstr> events;                    // reserved for the whole stream
  std::vector<std::pair<double, double>> transfers;  // GM transfers in program order: [start, end)
  std::vector<bool> transfer_reads;                   // per transfer: MTE2 (true) or MTE3
  bool at_sync = false, done = false;
  bool started = false;  // a core of a later wave starts when the core before it on its AI core ends
  std::array<std::deque<double>, 16> cross_flags;  // CrossCoreSetFlag arrivals not yet waited for
  std::vector<const VectorCost*> vector_costs;  // by api id; null = not looked up yet
  std::vector<double> vector_rates;             // by api id x dtype; 0 = not looked up yet

  double finish() const {
    double t = scalar;
    for (int p = 0; p < kPipes; ++p) t = std::max({t, free[p], drained[p]});
    return t;
  }
};

// One replay of every core with given bandwidth shares (concurrent GM flows per transfer).
class Replay {
 public:
  Replay(const sim::LaunchRecord& record, const SocDescription& soc, const std::vector<std::vector<double>>& shares)
      : costs_(soc.costs), shares_(shares), peak_bytes_per_cycle_(soc.costs.gm_peak_gbps / soc.clock_ghz) {
    for (const auto& c : record.cores) {
      cores.emplace_back(c);
      cores.back().events.reserve(c.instructions.size());
    }
    bool aic = false, aiv = false;
    for (const auto& c : record.cores) (c.kind == sim::CoreKind::Aic ? aic : aiv) = true;
    mixed_ = aic && aiv;
    // Blocks beyond the SoC's cores run in waves: record i runs on the AI core of record i - wave,
    // after it (sim/launch.h). 0: no SoC core count, every record has a core of its own.
    wave_ = static_cast<size_t>(mixed_ ? 3 * soc.cube_cores : aic ? soc.cube_cores : soc.vector_cores);
    run();
  }
  std::vector<CoreState> cores;

 private:
  void run() {
    for (;;) {
      // Cores take turns until none can move: each runs to its next SyncAll, its end, or a
      // CrossCoreWaitFlag whose flag no core has set yet.
      for (bool moved = true; moved;) {
        moved = false;
        for (size_t i = 0; i < cores.size(); ++i)
          if (!cores[i].done && !cores[i].at_sync && start(i)) moved |= advance(cores[i], i);
      }
      double release = -1;
      for (const CoreState& s : cores)
        if (s.at_sync) release = std::max(release, s.finish());
      if (release < 0) return;
      release += costs_.sync_all_cycles;
      for (CoreState& s : cores) {
        if (!s.at_sync) continue;
        s.at_sync = false;
        s.scalar = release;
        s.free.fill(release);
      }
    }
  }

  // Whether core i may run: a core of the first wave always, a later one once the core before it
  // on the same AI core has ended, from that time on.
  bool start(size_t i) {
    CoreState& s = cores[i];
    if (s.started) return true;
    if (wave_ > 0 && i >= wave_) {
      const CoreState& before = cores[i - wave_];
      if (!before.done) return false;
      s.scalar = before.finish();
      s.free.fill(s.scalar);
      s.drained.fill(s.scalar);
    }
    s.started = true;
    return true;
  }

  // The cost table entry of a vector instruction and its rate for the instruction's dtype,
  // looked up once per API and dtype.
  std::pair<const VectorCost*, double> vector_cost(CoreState& s, const Instr& in) {
    if (s.vector_costs.empty()) {
      s.vector_costs.assign(s.record->api_names.size(), nullptr);
      s.vector_rates.assign(s.record->api_names.size() * kDTypes, 0);
    }
    const VectorCost*& c = s.vector_costs[in.api];
    if (!c) c = &costs_.vector_cost(s.record->api_names[in.api]);
    double& r = s.vector_rates[in.api * kDTypes + static_cast<size_t>(in.dtype)];
    if (r == 0) r = c->rate(kernel_type_name(in.dtype));
    return {c, r};
  }

  // Cycles the pipe is occupied and cycles until the result is readable after that.
  std::pair<double, double> cost(CoreState& s, size_t core, const Instr& in) {
    switch (in.kind) {
      case InstrKind::Vector: {
        const auto [vc, rate] = vector_cost(s, in);
        return {costs_.vector_issue_cycles + in.repeats * 256.0 / rate, vc->latency_cycles};
      }
      case InstrKind::CopyUbToUb:
        return {costs_.vector_issue_cycles + in.amount / costs_.ub_copy_bytes_per_cycle, 0.0};
      case InstrKind::LoadL0A:
      case InstrKind::LoadL0B: {
        const double rate = in.kind == InstrKind::LoadL0A ? cube().load_l0a_bytes_per_cycle : cube().load_l0b_bytes_per_cycle;
        return {cube().load_fixed_cycles + in.amount / rate, 0.0};
      }
      case InstrKind::Mmad:
        return {cube().mmad_fixed_cycles + in.repeats * cube().block_cycles(kernel_type_name(in.dtype)), 0.0};
      case InstrKind::CopyGmToUb:
      case InstrKind::CopyUbToGm:
      case InstrKind::Fixpipe: {
        const bool read = in.kind == InstrKind::CopyGmToUb;  // Fixpipe writes GM as MTE3 does
        // GM moves whole 32-byte blocks per burst, at this core's rate or its share of the total.
        const uint64_t burst = in.repeats ? (in.amount / in.repeats + 31) / 32 * 32 : 0;
        const double share = shares_[core][s.transfers.size()];
        const double rate = std::min(read ? costs_.gm_read_bytes_per_cycle : costs_.gm_write_bytes_per_cycle,
                                     peak_bytes_per_cycle_ / share);
        return {static_cast<double>(burst * in.repeats) / rate,
                read ? costs_.gm_read_latency_cycles : costs_.gm_write_latency_cycles};
      }
      default: return {0.0, 0.0};
    }
  }

  void scalar_work(CoreState& s, uint32_t index, double start, double cycles) {
    s.scalar = start + cycles;
    s.busy[pipe_index(Pipe::S)] += cycles;
    s.events.push_back({index, Pipe::S, start, s.scalar});
  }

  // The cube costs, which a launch with cube instructions needs.
  const CubeCosts& cube() const {
    if (!costs_.cube.present)
      throw std::invalid_argument("the SoC description has no timing.cube section; the launch ran cube instructions");
    return costs_.cube;
  }

  // Replays core `s` up to its next SyncAll, its end, or a cross-core wait that cannot pass yet;
  // returns whether it replayed anything.
  bool advance(CoreState& s, size_t core) {
    const auto& list = s.record->instructions;
    const int S = pipe_index(Pipe::S);
    const size_t first = s.next;
    while (s.next < list.size()) {
      if (list[s.next].kind == InstrKind::CrossCoreWaitFlag && s.cross_flags[list[s.next].id & 15].empty())
        return s.next != first;
      const auto index = static_cast<uint32_t>(s.next++);
      const Instr& in = list[index];
      const int p = pipe_index(in.pipe);
      s.scalar += costs_.scalar_issue_cycles;  // issuing: busy time, too short to show on the timeline
      s.busy[S] += costs_.scalar_issue_cycles;
      switch (in.kind) {
        case InstrKind::ScalarUb: {
          const double start = std::max(s.scalar, s.ub.earliest(in, S));
          scalar_work(s, index, start, in.write ? costs_.scalar_ub_store_cycles : costs_.scalar_ub_load_cycles);
          s.ub.commit(in, S, s.scalar);
          break;
        }
        case InstrKind::ScalarGm:
          scalar_work(s, index, s.scalar, in.write ? costs_.scalar_gm_store_cycles : costs_.scalar_gm_load_cycles);
          break;
        case InstrKind::Vector:
        case InstrKind::CopyUbToUb:
        case InstrKind::CopyGmToUb:
        case InstrKind::CopyUbToGm:
        case InstrKind::LoadL0A:
        case InstrKind::LoadL0B:
        case InstrKind::Mmad:
        case InstrKind::Fixpipe: {
          const auto [occupancy, latency] = cost(s, core, in);
          const double start = std::max({s.scalar, s.free[p], s.ub.earliest(in, p)});
          const double end = start + occupancy;
          s.free[p] = end;
          s.drained[p] = std::max(s.drained[p], end + latency);
          s.ub.commit(in, p, end + latency);
          s.busy[p] += occupancy;
          s.events.push_back({index, in.pipe, start, end});
          if (moves_gm(in.kind)) {
            s.transfers.emplace_back(start, end);
            s.transfer_reads.push_back(in.kind == InstrKind::CopyGmToUb);
          }
          break;
        }
        case InstrKind::CrossCoreSetFlag: {
          const double t = std::max({s.scalar, s.free[p], s.drained[p]});
          s.free[p] = t;
          cross_set(core, in.slot, in.id & 15, t + cube().cross_core_flag_cycles);
          break;
        }
        case InstrKind::CrossCoreWaitFlag: {
          std::deque<double>& arrivals = s.cross_flags[in.id & 15];
          const double t = std::max({s.scalar, s.free[p], arrivals.front()});
          arrivals.pop_front();
          s.free[p] = t;
          if (p == S) s.scalar = t;
          break;
        }
        case InstrKind::SetFlag: {
          const double t = std::max({s.scalar, s.free[p], s.drained[p]});
          s.flags[p][pipe_index(in.peer_pipe)][in.id & 7] = t;
          s.free[p] = t;
          break;
        }
        case InstrKind::WaitFlag: {
          const double t = std::max({s.scalar, s.free[p], s.flags[pipe_index(in.peer_pipe)][p][in.id & 7]});
          s.free[p] = t;
          if (p == S) s.scalar = t;
          break;
        }
        case InstrKind::PipeBarrier:
          if (in.pipe == Pipe::All) {
            const double t = s.finish();
            s.free.fill(t);
            s.scalar = t;
          } else {
            s.free[p] = std::max({s.scalar, s.free[p], s.drained[p]});
          }
          break;
        case InstrKind::SyncAll:
          s.at_sync = true;
          return true;
        default: break;  // queue operations and other scalar calls: their issue cost only
      }
    }
    s.done = true;
    return true;
  }

  // A CrossCoreSetFlag by core `from` in `mode`, visible to its targets at `ready` (the emulator's
  // rules, sim/cross_core.cpp): mode 0 once every core of its kind has set, mode 1 once both AIVs
  // of the group have, mode 2 from the AIC to both AIVs, or from both AIVs to the AIC.
  void cross_set(size_t from, int mode, int flag, double ready) {
    const sim::CoreRecord& r = *cores[from].record;
    const bool aic = r.kind == sim::CoreKind::Aic;
    const int group = aic || !mixed_ ? r.block_idx : r.block_idx / 2;
    std::vector<size_t> targets;
    for (size_t i = 0; i < cores.size(); ++i) {
      const sim::CoreRecord& t = *cores[i].record;
      const bool t_aic = t.kind == sim::CoreKind::Aic;
      const int t_group = t_aic || !mixed_ ? t.block_idx : t.block_idx / 2;
      const bool hit = mode == 0 ? t.kind == r.kind : mode == 1 ? !t_aic && t_group == group
                                                               : t_group == group && t_aic != aic;
      if (hit) targets.push_back(i);
    }
    const bool quorum = mode == 0 || mode == 1 || !aic;  // sets that count arrivals first
    if (quorum) {
      auto& [count, latest] = arrivals_[{mode, mode == 0 ? static_cast<int>(r.kind) : group, flag}];
      latest = std::max(latest, ready);
      const size_t needed = mode == 0 ? targets.size() : 2;
      if (++count < static_cast<int>(needed)) return;
      ready = latest;
      count = 0;
      latest = 0;
    }
    for (size_t i : targets) cores[i].cross_flags[flag].push_back(ready);
  }

  const CostTable& costs_;
  const std::vector<std::vector<double>>& shares_;
  double peak_bytes_per_cycle_;
  bool mixed_ = false;  // the launch has both kinds of core: AIV block indices count 2 per group
  size_t wave_ = 0;     // records per wave: the SoC's cores of the launch's kind (0: unknown)
  std::map<std::array<int, 3>, std::pair<int, double>> arrivals_;  // {mode, kind or group, flag}
};

// For each core's GM transfers, the mean number of transfers in flight (any core) while it ran:
// the number of flows the aggregate bandwidth was split between. One sweep over the start and end
// times: the integral of the flow count at a transfer's end minus that at its start, over its length.
std::vector<std::vector<double>> share_of_bandwidth(const std::vector<CoreState>& cores) {
  struct Edge {
    double time;
    uint32_t transfer;  // index into `spans`
    bool start;
  };
  // Each pipe runs its transfers in order, so the edges of one core's MTE2 (or MTE3) transfers are
  // already sorted: collect them as sorted runs and merge the runs, cheaper than a full sort.
  std::vector<Edge> edges;
  std::vector<size_t> runs = {0};
  uint32_t first = 0;  // index of the core's first transfer
  for (const CoreState& s : cores) {
    for (const bool read : {true, false}) {
      for (uint32_t k = 0; k < s.transfers.size(); ++k) {
        if (s.transfer_reads[k] != read) continue;
        edges.push_back({s.transfers[k].first, first + k, true});
        edges.push_back({s.transfers[k].second, first + k, false});
      }
      if (edges.size() > runs.back()) runs.push_back(edges.size());
    }
    first += static_cast<uint32_t>(s.transfers.size());
  }
  // Ties need no order: the integral does not change between equal times.
  const auto earlier = [](const Edge& x, const Edge& y) { return x.time < y.time; };
  while (runs.size() > 2) {
    std::vector<size_t> merged = {0};
    for (size_t i = 0; i + 1 < runs.size(); i += 2) {
      if (i + 2 < runs.size()) {
        std::inplace_merge(edges.begin() + static_cast<ptrdiff_t>(runs[i]), edges.begin() + static_cast<ptrdiff_t>(runs[i + 1]),
                           edges.begin() + static_cast<ptrdiff_t>(runs[i + 2]), earlier);
        merged.push_back(runs[i + 2]);
      } else {
        merged.push_back(runs[i + 1]);
      }
    }
    runs = std::move(merged);
  }
  std::vector<double> area_at_start(first), area_at_end(first);
  double area = 0, last = 0;
  int flows = 0;
  for (const Edge& e : edges) {
    area += flows * (e.time - last);
    last = e.time;
    (e.start ? area_at_start : area_at_end)[e.transfer] = area;
    flows += e.start ? 1 : -1;
  }
  std::vector<std::vector<double>> shares(cores.size());
  size_t k = 0;
  for (size_t c = 0; c < cores.size(); ++c)
    for (const auto& [a, b] : cores[c].transfers) {
      shares[c].push_back(b > a ? std::max(1.0, (area_at_end[k] - area_at_start[k]) / (b - a)) : 1.0);
      ++k;
    }
  return shares;
}

// Cycles during which both an MTE pipe and the vector pipe of one core were busy.
double overlap_with_vector(const std::vector<TimedInstr>& events) {
  std::vector<std::pair<double, double>> vector;
  for (const TimedInstr& e : events)
    if (e.pipe == Pipe::V && e.end > e.start) vector.emplace_back(e.start, e.end);
  double both = 0;
  for (const TimedInstr& e : events) {
    if (e.pipe != Pipe::MTE2 && e.pipe != Pipe::MTE3) continue;
    auto it = std::upper_bound(vector.begin(), vector.end(), std::make_pair(e.start, e.start));
    if (it != vector.begin()) --it;
    for (; it != vector.end() && it->first < e.end; ++it)
      both += std::max(0.0, std::min(e.end, it->second) - std::max(e.start, it->first));
  }
  return both;
}

Bound bound_of(const PipeCycles& busy) {
  const std::pair<double, Bound> units[] = {{busy[pipe_index(Pipe::MTE2)], Bound::Mte2},
                                            {busy[pipe_index(Pipe::MTE3)], Bound::Mte3},
                                            {busy[pipe_index(Pipe::V)], Bound::Vector},
                                            {busy[pipe_index(Pipe::S)], Bound::Scalar},
                                            {busy[pipe_index(Pipe::M)], Bound::Cube}};
  return std::max_element(std::begin(units), std::end(units),
                          [](const auto& a, const auto& b) { return a.first < b.first; })
      ->second;
}
}  // namespace

const char* to_string(Bound b) {
  switch (b) {
    case Bound::Mte2: return "mte2";
    case Bound::Mte3: return "mte3";
    case Bound::Vector: return "vector";
    case Bound::Scalar: return "scalar";
    case Bound::Cube: return "cube";
  }
  return "?";
}

Prediction simulate(const sim::LaunchRecord& record, const SocDescription& soc) {
  if (!soc.costs.present)
    throw std::invalid_argument("SoC description '" + soc.name + "' has no timing section; the timing model needs one");
  uint64_t traced = 0, reads = 0, writes = 0, uncomputed = 0;
  for (const auto& c : record.cores) {
    traced += c.instructions.size();
    reads += c.gm_read_bytes;
    writes += c.gm_write_bytes;
    uncomputed += c.uncomputed_reads;
  }
  if (traced == 0 && !record.cores.empty() && !record.cores.front().api_calls.empty())
    throw std::invalid_argument("the launch recorded no instructions (LaunchOptions::record_trace was off)");

  // First every transfer shares GM with one flow per core; then each with the flows that really
  // overlapped it in the previous replay.
  std::vector<std::vector<double>> shares(record.cores.size());
  for (size_t c = 0; c < record.cores.size(); ++c)
    for (const Instr& in : record.cores[c].instructions)
      if (moves_gm(in.kind)) shares[c].push_back(static_cast<double>(record.cores.size()));
  auto replay = std::make_unique<Replay>(record, soc, shares);
  for (int pass = 1; pass < kGmPasses; ++pass) {
    auto observed = share_of_bandwidth(replay->cores);
    if (observed == shares) break;  // converged: another replay would give the same schedule
    shares = std::move(observed);
    replay = std::make_unique<Replay>(record, soc, shares);
  }

  Prediction out;
  Profile& p = out.profile;
  p.soc = soc.name;
  p.clock_ghz = soc.clock_ghz;
  p.launch_overhead_us = soc.costs.launch_overhead_us;
  p.peak_gbps = soc.costs.gm_peak_gbps;
  p.gm_read_bytes = reads;
  p.gm_write_bytes = writes;
  p.uncomputed_reads = uncomputed;
  double moving = 0, hidden = 0;
  size_t critical = 0;
  for (size_t c = 0; c < replay->cores.size(); ++c) {
    CoreState& s = replay->cores[c];
    CoreProfile cp;
    cp.core = record.cores[c].core;
    cp.cycles = s.finish();
    cp.busy = s.busy;
    cp.gm_bytes = record.cores[c].gm_read_bytes + record.cores[c].gm_write_bytes;
    cp.instructions = record.cores[c].instructions.size();
    for (int q = 0; q < kPipes; ++q) p.busy[q] += s.busy[q];
    moving += s.busy[pipe_index(Pipe::MTE2)] + s.busy[pipe_index(Pipe::MTE3)];
    hidden += overlap_with_vector(s.events);
    if (cp.cycles > p.cycles) {
      p.cycles = cp.cycles;
      p.critical_core = cp.core;
      critical = c;
    }
    p.cores.push_back(cp);
    out.timeline.push_back(std::move(s.events));
  }
  p.bound = p.cores.empty() ? Bound::Scalar : bound_of(p.cores[critical].busy);
  // No schedule moves GM data faster than the aggregate bandwidth allows.
  const double gm_floor = static_cast<double>(reads + writes) / (soc.costs.gm_peak_gbps / soc.clock_ghz);
  if (gm_floor > p.cycles) {
    p.cycles = gm_floor;
    p.bound = reads >= writes ? Bound::Mte2 : Bound::Mte3;
  }
  const double device_us = p.cycles / (soc.clock_ghz * 1e3);
  p.predicted_us = device_us + p.launch_overhead_us;
  p.achieved_gbps = device_us > 0 ? static_cast<double>(reads + writes) / (device_us * 1e3) : 0;
  for (int q = 0; q < kPipes; ++q)
    p.utilisation[q] = p.cycles > 0 && !p.cores.empty() ? p.busy[q] / (p.cycles * p.cores.size()) : 0;
  p.movement_overlap = moving > 0 ? hidden / moving : 0;
  return out;
}

Profile predict(const sim::LaunchRecord& record, const SocDescription& soc) { return simulate(record, soc).profile; }

std::string to_json(const Profile& p) {
  std::string pipes, cores;
  for (int q : reported_pipes(p.busy)) {
    pipes += fmt::format("{}\"{}\": {{\"busy_us\": {:.6g}, \"utilisation\": {:.4f}}}", pipes.empty() ? "" : ", ",
                         pipe_label(q), p.busy[q] / (p.clock_ghz * 1e3), p.utilisation[q]);
  }
  for (const CoreProfile& c : p.cores)
    cores += fmt::format("{}{{\"core\": {}, \"us\": {:.6g}, \"instructions\": {}, \"gm_bytes\": {}}}",
                         cores.empty() ? "" : ", ", c.core, c.cycles / (p.clock_ghz * 1e3), c.instructions, c.gm_bytes);
  return fmt::format(
      "{{\"soc\": \"{}\", \"predicted_us\": {:.6g}, \"device_us\": {:.6g}, \"launch_overhead_us\": {:.6g}, "
      "\"bound\": \"{}\", \"critical_core\": {}, \"pipes\": {{{}}}, \"gm_read_bytes\": {}, \"gm_write_bytes\": {}, "
      "\"achieved_gbps\": {:.6g}, \"peak_gbps\": {:.6g}, \"movement_overlap\": {:.4f}, \"uncomputed_reads\": {}, "
      "\"cores\": [{}]}}",
      p.soc, p.predicted_us, p.cycles / (p.clock_ghz * 1e3), p.launch_overhead_us, to_string(p.bound),
      p.critical_core, pipes, p.gm_read_bytes, p.gm_write_bytes, p.achieved_gbps, p.peak_gbps, p.movement_overlap,
      p.uncomputed_reads, cores);
}

std::string summary(const Profile& p) {
  std::string s = fmt::format("predicted {:.2f} us on {} ({} cores; {:.2f} us launch overhead), {}-bound\n",
                              p.predicted_us, p.soc, p.cores.size(), p.launch_overhead_us, to_string(p.bound));
  s += "pipe utilisation:";
  for (int q : reported_pipes(p.busy)) s += fmt::format(" {} {:.0f}%", pipe_label(q), 100 * p.utilisation[q]);
  s += fmt::format("\nGM {:.1f} GB/s of {:.0f} GB/s peak; {:.0f}% of data movement overlapped vector work\n",
                   p.achieved_gbps, p.peak_gbps, 100 * p.movement_overlap);
  if (p.uncomputed_reads)
    s += fmt::format("warning: this timing-only run read {} value(s) it did not compute (GetValue); if the kernel's "
                     "control flow depends on them, the prediction is not that of the real run\n",
                     p.uncomputed_reads);
  return s;
}

std::string chrome_trace(const sim::LaunchRecord& record, const Prediction& prediction) {
  const double per_us = prediction.profile.clock_ghz * 1e3;  // cycles per microsecond
  std::string out = "{\"displayTimeUnit\": \"ns\", \"traceEvents\": [\n";
  bool first = true;
  auto add = [&](const std::string& event) {
    out += first ? "  " : ",\n  ";
    out += event;
    first = false;
  };
  for (size_t c = 0; c < prediction.timeline.size(); ++c) {
    const sim::CoreRecord& core = record.cores[c];
    const bool aic = core.kind == sim::CoreKind::Aic;
    add(fmt::format(R"({{"ph": "M", "name": "process_name", "pid": {}, "args": {{"name": "core {} {}"}}}})", core.core,
                    core.core, aic ? "AIC" : "AIV"));
    for (int q : aic ? std::vector<int>{0, 2, 3, 4, 7} : std::vector<int>{0, 1, 4, 5})
      add(fmt::format(R"({{"ph": "M", "name": "thread_name", "pid": {}, "tid": {}, "args": {{"name": "{}"}}}})",
                      core.core, q, pipe_label(q)));
    for (const TimedInstr& e : prediction.timeline[c]) {
      if (e.end <= e.start) continue;
      const Instr& in = core.instructions[e.index];
      add(fmt::format(
          R"({{"ph": "X", "name": "{}", "cat": "{}", "pid": {}, "tid": {}, "ts": {:.4f}, "dur": {:.4f}, "args": {{"dtype": "{}", "amount": {}, "repeats": {}}}}})",
          core.api_names[in.api], pipe_label(pipe_index(e.pipe)), core.core, pipe_index(e.pipe), e.start / per_us,
          (e.end - e.start) / per_us, kernel_type_name(in.dtype), in.amount, in.repeats));
    }
  }
  out += "\n]}\n";
  return out;
}

}  // namespace ascendgen::timing
