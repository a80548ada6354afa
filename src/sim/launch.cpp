#include "launch.h"

#include <algorithm>
#include <thread>

namespace ascendgen::sim {

namespace detail {
extern thread_local Core* current_core;

// Calls an extern "C" entry with n GM pointers: the kernel was compiled for exactly that arity.
template <size_t... I>
void call_with(KernelEntry entry, uint8_t* const* a, std::index_sequence<I...>) {
  using Fn = void (*)(decltype((void)I, static_cast<uint8_t*>(nullptr))...);
  reinterpret_cast<Fn>(entry)(a[I]...);
}
template <size_t... N>
void call_entry(KernelEntry entry, const std::vector<uint8_t*>& args, std::index_sequence<N...>) {
  ((args.size() == N ? call_with(entry, args.data(), std::make_index_sequence<N>{}) : void()), ...);
}
}  // namespace detail

Launch::Launch(const LaunchOptions& options, GlobalMemory& gm) : options_(options), gm_(gm) {
  const bool vector = options.core_type == CoreType::Vector;
  const int most = vector ? options.limits.vector_cores : options.limits.cube_cores;
  if (options.block_dim < 1 || options.block_dim > most)
    throw KernelError(ErrorKind::TooManyCores, {},
                      fmt::format("blockDim {} is outside 1..{}, the {} of this SoC", options.block_dim, most,
                                  vector ? "vector cores" : options.core_type == CoreType::Mix
                                                                ? "AI Core groups (1 AIC + 2 AIV each)"
                                                                : "cube cores"));
  for (int b = 0; b < options.block_dim; ++b) {
    if (options.core_type == CoreType::Mix) {
      for (int k = 0; k < 3; ++k)
        cores_.push_back(std::make_unique<Core>(
            *this, static_cast<int>(cores_.size()),
            CorePlace{k == 0 ? CoreKind::Aic : CoreKind::Aiv, b, k == 0 ? 0 : k - 1}));
    } else {
      cores_.push_back(std::make_unique<Core>(*this, b, CorePlace{vector ? CoreKind::Aiv : CoreKind::Aic, b, 0}));
    }
  }
  states_.assign(cores_.size(), State::Waiting);
  ready_.resize(cores_.size());
  waits_.resize(cores_.size());
}

Core& Launch::core_in_group(int group, CoreKind kind, int sub) {
  if (options_.core_type != CoreType::Mix) return *cores_[group];
  return *cores_[group * 3 + (kind == CoreKind::Aic ? 0 : 1 + sub)];
}

LaunchRecord Launch::run(KernelEntry entry, const std::vector<uint8_t*>& args) {
  if (args.size() > kMaxKernelArgs)
    throw KernelError(ErrorKind::InvalidArgument, {},
                      fmt::format("{} kernel arguments given; at most {} are supported", args.size(), kMaxKernelArgs));
  std::vector<std::thread> threads;
  threads.reserve(cores_.size());
  {
    std::lock_guard lock(mutex_);
    running_ = 0;
    states_[0] = State::Running;
  }
  for (int i = 0; i < static_cast<int>(cores_.size()); ++i)
    threads.emplace_back([this, i, entry, &args] { core_main(i, entry, args); });
  for (auto& t : threads) t.join();
  if (error_) std::rethrow_exception(error_);
  check_write_conflicts();
  LaunchRecord record;
  for (auto& c : cores_) record.cores.push_back(std::move(c->record));
  return record;
}

void Launch::wait_for_baton(std::unique_lock<std::mutex>& lock, int index) {
  cv_.wait(lock, [&] { return running_ == index || aborted_; });
}

void Launch::core_main(int index, KernelEntry entry, const std::vector<uint8_t*>& args) {
  {
    std::unique_lock lock(mutex_);
    wait_for_baton(lock, index);
    if (aborted_) return;
  }
  Core& core = *cores_[index];
  detail::current_core = &core;
  std::exception_ptr error;
  try {
    detail::call_entry(entry, args, std::make_index_sequence<kMaxKernelArgs + 1>{});
    core.finish();
  } catch (const LaunchAborted&) {
  } catch (...) {
    error = std::current_exception();
  }
  detail::current_core = nullptr;
  std::lock_guard lock(mutex_);
  states_[index] = State::Done;
  if (error && !aborted_) {
    error_ = error;
    aborted_ = true;
    cv_.notify_all();
    return;
  }
  if (!aborted_) pass_baton(index);
}

bool Launch::barrier_participant(int index) const {
  return !barrier_aiv_only_ || cores_[index]->place().kind == CoreKind::Aiv;
}

void Launch::sync_all(Core& core, bool aiv_only) {
  std::unique_lock lock(mutex_);
  // SyncAll<true>() waits for the AIVs only, and means something only in a mixed launch.
  const bool partial = aiv_only && options_.core_type == CoreType::Mix;
  if (partial && core.is_aic())
    core.fail(ErrorKind::SyncMisuse, "SyncAll<true>() synchronises the AIVs only and was called on an AIC; use "
              "SyncAll<false>() to include the cube cores");
  bool someone_waits = false;
  for (State s : states_) someone_waits |= s == State::AtBarrier;
  if (someone_waits && partial != barrier_aiv_only_)
    core.fail(ErrorKind::SyncMisuse, "SyncAll<{}>() while other cores wait at SyncAll<{}>()", partial ? "true" : "false",
              barrier_aiv_only_ ? "true" : "false");
  barrier_aiv_only_ = partial;
  states_[core.index()] = State::AtBarrier;
  pass_baton(core.index());
  wait_for_baton(lock, core.index());
  if (aborted_) throw LaunchAborted{};
}

void Launch::block_until(Core& core, std::function<bool()> ready, std::string what) {
  std::unique_lock lock(mutex_);
  if (ready()) return;
  states_[core.index()] = State::Blocked;
  ready_[core.index()] = std::move(ready);
  waits_[core.index()] = std::move(what);
  pass_baton(core.index());
  wait_for_baton(lock, core.index());
  if (aborted_) throw LaunchAborted{};
}

void Launch::abort_with(std::exception_ptr error) {
  error_ = std::move(error);
  aborted_ = true;
  cv_.notify_all();
}

void Launch::pass_baton(int from) {
  const int n = static_cast<int>(cores_.size());
  for (int k = 1; k <= n; ++k) {
    const int i = (from + k) % n;
    const bool runnable = states_[i] == State::Waiting || states_[i] == State::Running ||
                          (states_[i] == State::Blocked && ready_[i]());
    if (runnable) {
      running_ = i;
      states_[i] = State::Running;
      ready_[i] = nullptr;
      cv_.notify_all();
      return;
    }
  }
  settle(from);
}

void Launch::settle(int from) {
  const int n = static_cast<int>(cores_.size());
  std::vector<int> at_barrier, blocked, done_participants;
  for (int i = 0; i < n; ++i) {
    if (states_[i] == State::AtBarrier) at_barrier.push_back(i);
    if (states_[i] == State::Blocked) blocked.push_back(i);
    if (states_[i] == State::Done && barrier_participant(i)) done_participants.push_back(i);
  }
  bool barrier_complete = !at_barrier.empty();
  for (int i = 0; i < n; ++i) barrier_complete &= !barrier_participant(i) || states_[i] == State::AtBarrier;
  if (barrier_complete) {
    try {
      check_write_conflicts();
    } catch (...) {
      abort_with(std::current_exception());
      return;
    }
    for (int i : at_barrier) {
      states_[i] = State::Waiting;
      ++cores_[i]->sync_count;
    }
    pass_baton(from);
    return;
  }
  if (!at_barrier.empty() && !done_participants.empty()) {
    const Core& c = *cores_[at_barrier.front()];
    abort_with(std::make_exception_ptr(KernelError(
        ErrorKind::SyncMisuse, {"SyncAll", c.index(), c.site_.file ? c.site_.file : "", c.site_.line, c.call_},
        fmt::format("cores {} wait at SyncAll #{} but core {} ended without reaching it; the NPU would hang",
                    fmt::join(at_barrier, ","), c.sync_count + 1, done_participants.front()))));
    return;
  }
  if (!blocked.empty()) {
    const Core& c = *cores_[blocked.front()];
    std::vector<std::string> others;
    for (size_t k = 1; k < blocked.size(); ++k) others.push_back(fmt::format("core {} {}", blocked[k], waits_[blocked[k]]));
    abort_with(std::make_exception_ptr(KernelError(
        ErrorKind::SyncMisuse, {c.api_, c.index(), c.site_.file ? c.site_.file : "", c.site_.line, c.call_},
        fmt::format("{}, and no core that could release it is still running; the NPU would hang{}", waits_[blocked.front()],
                    others.empty() ? "" : fmt::format(" (also waiting: {})", fmt::join(others, "; "))))));
    return;
  }
  running_ = -1;
  cv_.notify_all();
}

void Launch::check_write_conflicts() {
  struct Range {
    uint64_t begin, end;
    int core;
    bool atomic;
    IntervalSet::Origin origin;
  };
  std::vector<Range> all;
  for (auto& c : cores_) {
    for (const auto& [b, span] : c->plain_writes.ranges()) all.push_back({b, span.end, c->index(), false, span.origin});
    for (const auto& [b, span] : c->atomic_writes.ranges()) all.push_back({b, span.end, c->index(), true, span.origin});
    c->plain_writes.clear();
    c->atomic_writes.clear();
  }
  std::sort(all.begin(), all.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
  // Of the ranges seen so far, the one ending last and the one ending last on another core than
  // it: the farthest-reaching range of any core but a given one is among these two.
  struct Farthest {
    const Range* first = nullptr;
    const Range* other = nullptr;
    void offer(const Range* r) {
      if (!first || r->end > first->end) {
        if (first && first->core != r->core) other = first;
        first = r;
      } else if (r->core != first->core && (!other || r->end > other->end)) {
        other = r;
      }
    }
    const Range* not_on(int core) const { return first && first->core != core ? first : other; }
  };
  Farthest any, plain;  // a plain write conflicts with any write, an atomic one with plain writes
  for (const Range& r : all) {
    const Range* q = (r.atomic ? plain : any).not_on(r.core);
    if (q && r.begin < q->end) {
      const uint64_t begin = r.begin, end = std::min(r.end, q->end);
      auto origin = [](const Range& x) {
        return fmt::format("core {} by {}{} at {}:{}", x.core, x.origin.api, x.atomic ? " (atomic)" : "",
                           x.origin.site.file ? x.origin.site.file : "?", x.origin.site.line);
      };
      throw KernelError(
          ErrorKind::GmWriteConflict,
          {r.origin.api, r.core, r.origin.site.file ? r.origin.site.file : "", r.origin.site.line, 0},
          fmt::format("cores {} and {} both write {} between two SyncAll points, not both in atomic mode; results "
                      "depend on core timing (written on {} and on {})",
                      q->core, r.core, cores_[0]->describe_gm(reinterpret_cast<const void*>(begin), end - begin),
                      origin(*q), origin(r)));
    }
    any.offer(&r);
    if (!r.atomic) plain.offer(&r);
  }
}

LaunchRecord launch(KernelEntry entry, const std::vector<uint8_t*>& args, const LaunchOptions& options,
                    GlobalMemory& gm) {
  Launch l(options, gm);
  return l.run(entry, args);
}

}  // namespace ascendgen::sim

namespace ascendgen::sim::abi {
void sync_all(bool aiv_only, Site site) {
  Core& c = current();
  c.enter("SyncAll", site);
  c.instr().kind = InstrKind::SyncAll;
  c.instr().pipe = Pipe::All;
  c.launch().sync_all(c, aiv_only);
}
}  // namespace ascendgen::sim::abi
