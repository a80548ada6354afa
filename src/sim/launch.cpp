#include "launch.h"

#include <algorithm>
#include <cstring>
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
  wave_blocks_ = vector ? options.limits.vector_cores : options.limits.cube_cores;
  if (options.block_dim < 1 || options.block_dim > kMaxBlockDim)
    throw KernelError(ErrorKind::TooManyCores, {},
                      fmt::format("blockDim {} is outside 1..{}, the range a kernel launch takes", options.block_dim,
                                  kMaxBlockDim));
  if (wave_blocks_ < 1)
    throw KernelError(ErrorKind::InvalidArgument, {},
                      fmt::format("the SoC has no {} to run the launch on", vector ? "vector cores" : "cube cores"));
  // A mixed launch's groups must all be resident at once (CANN: blockDim at most the physical
  // AI Core groups); vector-only and cube-only launches run in waves.
  if (options.core_type == CoreType::Mix && options.block_dim > wave_blocks_)
    throw KernelError(ErrorKind::TooManyCores, {},
                      fmt::format("blockDim {} is outside 1..{}, the AI Core groups (1 AIC + 2 AIV each) of this SoC; "
                                  "a mixed launch cannot run in waves",
                                  options.block_dim, wave_blocks_));
}

void Launch::run_wave(int first, int last, KernelEntry entry, const std::vector<uint8_t*>& args) {
  const bool vector = options_.core_type == CoreType::Vector;
  const int per_block = options_.core_type == CoreType::Mix ? 3 : 1;
  first_core_ = first * per_block;
  cores_.clear();
  for (int b = first; b < last; ++b) {
    const int index = static_cast<int>(first_core_ + cores_.size());
    if (options_.core_type == CoreType::Mix) {
      for (int k = 0; k < 3; ++k)
        cores_.push_back(std::make_unique<Core>(
            *this, index + k, CorePlace{k == 0 ? CoreKind::Aic : CoreKind::Aiv, b, k == 0 ? 0 : k - 1}));
    } else {
      cores_.push_back(std::make_unique<Core>(*this, index, CorePlace{vector ? CoreKind::Aiv : CoreKind::Aic, b, 0}));
    }
  }
  states_.assign(cores_.size(), State::Waiting);
  ready_.assign(cores_.size(), nullptr);
  waits_.assign(cores_.size(), {});
  running_ = 0;
  states_[0] = State::Running;
  std::vector<std::thread> threads;
  threads.reserve(cores_.size());
  for (int i = 0; i < static_cast<int>(cores_.size()); ++i)
    threads.emplace_back([this, i, entry, &args] { core_main(i, entry, args); });
  for (auto& t : threads) t.join();
}

Core& Launch::core_in_group(int group, CoreKind kind, int sub) {
  if (options_.core_type != CoreType::Mix) return *cores_[group - first_core_];
  return *cores_[group * 3 - first_core_ + (kind == CoreKind::Aic ? 0 : 1 + sub)];
}

LaunchRecord Launch::run(KernelEntry entry, const std::vector<uint8_t*>& args) {
  if (args.size() > kMaxKernelArgs)
    throw KernelError(ErrorKind::InvalidArgument, {},
                      fmt::format("{} kernel arguments given; at most {} are supported", args.size(), kMaxKernelArgs));
  for (int first = 0; first < options_.block_dim; first += wave_blocks_) {
    run_wave(first, std::min(options_.block_dim, first + wave_blocks_), entry, args);
    if (error_) std::rethrow_exception(error_);
    // Blocks of different waves may still run at the same time on different cores, so their
    // writes stay in the conflict check until the launch ends.
    retire_writes();
    for (auto& c : cores_) records_.push_back(std::move(c->record));
  }
  check_write_conflicts();
  LaunchRecord record;
  record.cores = std::move(records_);
  for (const auto& [key, w] : warnings_)
    record.warnings.push_back(w.count > 1 ? fmt::format("{} ({} times)", w.text, w.count) : w.text);
  return record;
}

void Launch::warn(const Core& core, ErrorKind kind, const std::string& detail) {
  const std::array<uint64_t, 3> key = {static_cast<uint64_t>(kind), reinterpret_cast<uint64_t>(core.site_.file),
                                       core.site_.line};
  for (auto& [k, w] : warnings_)
    if (k == key) {
      ++w.count;
      return;
    }
  const KernelError as_error(kind, {core.api_, core.index(), core.site_.file ? core.site_.file : "", core.site_.line, 0},
                             detail);
  warnings_.push_back({key, {as_error.what(), 1}});
}

void Launch::note_plain_write(Core& core, const uint8_t* to, const uint8_t* from, uint64_t bytes) {
  const auto begin = reinterpret_cast<uint64_t>(to), end = begin + bytes;
  const IntervalSet::Origin origin{core.api_, core.site_};
  int same_as = -1;  // a core whose bytes this write repeats
  uint64_t at = begin;
  auto it = first_writers_.upper_bound(begin);
  if (it != first_writers_.begin() && std::prev(it)->second.end > begin) --it;
  std::vector<std::pair<uint64_t, uint64_t>> unwritten;
  for (; it != first_writers_.end() && it->first < end; ++it) {
    const uint64_t lo = std::max(begin, it->first), hi = std::min(end, it->second.end);
    if (at < lo) unwritten.push_back({at, lo});
    at = std::max(at, hi);
    const bool repeats = it->second.core != core.index() && std::memcmp(to + (lo - begin), from + (lo - begin), hi - lo) == 0;
    if (repeats) same_as = it->second.core;
    else core.plain_writes.add(lo, hi, origin);
  }
  if (at < end) unwritten.push_back({at, end});
  for (const auto& [lo, hi] : unwritten) {
    core.plain_writes.add(lo, hi, origin);
    auto before = first_writers_.lower_bound(lo);
    if (before != first_writers_.begin() && std::prev(before)->second.end == lo && std::prev(before)->second.core == core.index())
      std::prev(before)->second.end = hi;
    else
      first_writers_[lo] = {hi, core.index()};
  }
  if (same_as >= 0)
    warn(core, ErrorKind::GmWriteConflict,
         fmt::format("writes GM bytes that core {} wrote in the same SyncAll phase, with the same values; the NPU's "
                     "result does not depend on which core writes last, but the duplicated traffic costs time",
                     same_as));
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
  if (options_.block_dim > wave_blocks_)
    core.fail(ErrorKind::SyncMisuse, "SyncAll in a launch of {} blocks on {} cores: blocks beyond the first {} start only "
              "when earlier ones end, so the cores waiting at the barrier would wait for ever; the NPU would hang",
              options_.block_dim, wave_blocks_, wave_blocks_);
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
  states_[slot(core)] = State::AtBarrier;
  pass_baton(slot(core));
  wait_for_baton(lock, slot(core));
  if (aborted_) throw LaunchAborted{};
}

void Launch::block_until(Core& core, std::function<bool()> ready, std::string what) {
  std::unique_lock lock(mutex_);
  if (ready()) return;
  states_[slot(core)] = State::Blocked;
  ready_[slot(core)] = std::move(ready);
  waits_[slot(core)] = std::move(what);
  pass_baton(slot(core));
  wait_for_baton(lock, slot(core));
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

void Launch::retire_writes() {
  for (auto& c : cores_) {
    for (const auto& [b, span] : c->plain_writes.ranges()) retired_.push_back({b, span.end, c->index(), false, span.origin});
    for (const auto& [b, span] : c->atomic_writes.ranges()) retired_.push_back({b, span.end, c->index(), true, span.origin});
    c->plain_writes.clear();
    c->atomic_writes.clear();
  }
}

void Launch::check_write_conflicts() {
  using Range = WriteRange;
  retire_writes();
  std::vector<Range> all = std::move(retired_);
  retired_.clear();
  first_writers_.clear();
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
void host_launch_unsupported(const char* kernel) {
  throw KernelError(ErrorKind::Unsupported, {"<<<>>>", -1, "", 0, 0},
                    fmt::format("'{}<<<...>>>(...)' launches a kernel from host code compiled by the NPU toolchain; "
                                "the emulator launches the extern \"C\" entry itself and cannot run such a launch",
                                kernel));
}

void sync_all(bool aiv_only, Site site) {
  Core& c = current();
  c.enter("SyncAll", site);
  c.instr().kind = InstrKind::SyncAll;
  c.instr().pipe = Pipe::All;
  c.launch().sync_all(c, aiv_only);
}
}  // namespace ascendgen::sim::abi
