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
  if (options.block_dim < 1 || options.block_dim > options.limits.vector_cores)
    throw KernelError(ErrorKind::TooManyCores, {},
                      fmt::format("blockDim {} is outside 1..{}, the vector cores of this SoC", options.block_dim,
                                  options.limits.vector_cores));
  for (int i = 0; i < options.block_dim; ++i) cores_.push_back(std::make_unique<Core>(*this, i));
  states_.assign(options.block_dim, State::Waiting);
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
  for (int i = 0; i < block_num(); ++i) threads.emplace_back([this, i, entry, &args] { core_main(i, entry, args); });
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

void Launch::sync_all(Core& core) {
  std::unique_lock lock(mutex_);
  states_[core.index()] = State::AtBarrier;
  pass_baton(core.index());
  wait_for_baton(lock, core.index());
  if (aborted_) throw LaunchAborted{};
}

void Launch::pass_baton(int from) {
  const int n = block_num();
  for (int k = 1; k <= n; ++k) {
    const int i = (from + k) % n;
    if (states_[i] == State::Waiting || states_[i] == State::Running) {
      running_ = i;
      states_[i] = State::Running;
      cv_.notify_all();
      return;
    }
  }
  // Nobody can run: either all are done, or the rest wait at SyncAll.
  std::vector<int> waiting, done;
  for (int i = 0; i < n; ++i) (states_[i] == State::AtBarrier ? waiting : done).push_back(i);
  if (waiting.empty()) {
    running_ = -1;
    cv_.notify_all();
    return;
  }
  if (!done.empty()) {
    const Core& c = *cores_[waiting.front()];
    error_ = std::make_exception_ptr(KernelError(
        ErrorKind::SyncMisuse, {"SyncAll", c.index(), c.site_.file ? c.site_.file : "", c.site_.line, c.call_},
        fmt::format("cores {} wait at SyncAll #{} but core {} ended without reaching it; the NPU would hang",
                    fmt::join(waiting, ","), c.sync_count + 1, done.front())));
    aborted_ = true;
    cv_.notify_all();
    return;
  }
  try {
    check_write_conflicts();
  } catch (...) {
    error_ = std::current_exception();
    aborted_ = true;
    cv_.notify_all();
    return;
  }
  for (int i = 0; i < n; ++i) {
    states_[i] = State::Waiting;
    ++cores_[i]->sync_count;
  }
  running_ = 0;
  states_[0] = State::Running;
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
void sync_all(Site site) {
  Core& c = current();
  c.enter("SyncAll", site);
  c.instr().kind = InstrKind::SyncAll;
  c.instr().pipe = Pipe::All;
  c.launch().sync_all(c);
}
}  // namespace ascendgen::sim::abi
