// What the timing model adds to the wall time of emulation: each example kernel of the catalog
// (examples/catalog.h) runs with instruction recording off, then with it on plus the prediction;
// the medians of each are compared per kernel and in total.
// Usage: timing_overhead [--reps N] [--soc Ascend910B2]   (default: 10 repetitions)
#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "ascendgen/core/soc.h"
#include "ascendgen/timing/model.h"
#include "benchmark_util.h"
#include "catalog.h"

int main(int argc, char** argv) try {
  const int reps = bench::positive_option(argc, argv, "reps", 10);
  const auto soc = ascendgen::load_soc(bench::option(argc, argv, "soc", "Ascend910B2"));
  fmt::print("| kernel | cores | instructions | emulation, no recording | with recording | prediction | overhead | predicted |\n");
  fmt::print("|---|---|---|---|---|---|---|---|\n");
  double total_plain = 0, total_timed = 0, best_plain = 0, best_timed = 0;
  auto min_of = [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); };
  for (const auto& info : ascendgen::examples::list_examples()) {
    std::vector<double> plain, recorded, predicting;
    double predicted_us = 0;
    size_t instructions = 0;
    // One untimed round first: lazy initialisation is not what is measured.
    for (int rep = 0; rep <= reps; ++rep) {
      const auto off = ascendgen::examples::run_example(info.name, 0, false);
      const auto on = ascendgen::examples::run_example(info.name, 0, true);
      if (!off.passed || !on.passed) throw std::runtime_error(info.name + ": " + off.error + on.error);
      const auto start = std::chrono::steady_clock::now();
      predicted_us = ascendgen::timing::predict(on.record, soc).predicted_us;
      const double predict_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (rep == 0) continue;
      plain.push_back(off.seconds);
      recorded.push_back(on.seconds);
      predicting.push_back(predict_s);
      instructions = 0;
      for (const auto& c : on.record.cores) instructions += c.instructions.size();
    }
    const double p = bench::median(plain), r = bench::median(recorded), q = bench::median(predicting), t = r + q;
    total_plain += p;
    total_timed += t;
    best_plain += min_of(plain);
    best_timed += min_of(recorded) + min_of(predicting);
    fmt::print("| {} | {} | {} | {:.3f} ms | {:.3f} ms | {:.3f} ms | {:+.1f}% | {:.2f} us |\n", info.name,
               info.block_dim, instructions, p * 1e3, r * 1e3, q * 1e3, 100 * (t / p - 1), predicted_us);
  }
  fmt::print("| all {} examples | | | {:.3f} ms | | | {:+.1f}% (target: at most +20%) | |\n",
             ascendgen::examples::list_examples().size(), total_plain * 1e3, 100 * (total_timed / total_plain - 1));
  fmt::print("\n{} repetitions, medians, on {}; from the minimums instead: {:+.1f}%\n", reps, soc.name,
             100 * (best_timed / best_plain - 1));
  return 0;
} catch (const std::exception& e) {
  fmt::print(stderr, "timing_overhead: {}\n", e.what());
  return 1;
}
