// parallel_for: the one work-sharing loop of libascendgen (compile pools, evaluation workers).
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace ascendgen::detail {

// Calls body(i) for i in [0, n) on up to `threads` threads (the caller's among them), handing out
// indices in order. After an exception no new index starts; the first exception is rethrown once
// every thread has stopped.
template <typename Body> void parallel_for(size_t n, int threads, const Body& body) {
  std::atomic<size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto run = [&] {
    for (size_t i; (i = next++) < n;) {
      try {
        body(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        next = n;
      }
    }
  };
  const size_t count = std::min<size_t>(n, static_cast<size_t>(std::max(1, threads)));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < count; ++t) pool.emplace_back(run);
  run();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace ascendgen::detail
