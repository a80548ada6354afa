// Laws the timing model must obey, checked on Ascend C kernels run on the emulator: no prediction
// beats the roofline; double buffering, more cores and larger inputs move the time the way they
// move it on the NPU; barriers cost time; the same trace gives the same time; the 910B4 is slower.
#include <algorithm>
#include <vector>

#include "ascendgen/core/soc.h"
#include "ascendgen/timing/model.h"
#include "harness.h"

using namespace AscendC;
using ascendgen::SocDescription;
using ascendgen::test::Harness;
namespace timing = ascendgen::timing;

namespace {
// What the host's tiling function would hand the kernel.
struct AddTiling {
  uint32_t totalLength;  // elements over all cores
  uint32_t tileLength;   // elements per tile
  uint32_t bufferNum;    // 1: single buffering, 2: double buffering
  uint32_t serialise;    // 1: PipeBarrier<PIPE_ALL> after every tile
};

constexpr int32_t QUEUE_DEPTH = 2;

// z = x + y in fp16, tiles streamed through VECIN/VECOUT queues of bufferNum buffers each.
class KernelAdd {
 public:
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y, GM_ADDR z, const AddTiling& tiling) {
    blockLength_ = tiling.totalLength / GetBlockNum();
    tileLength_ = tiling.tileLength;
    tileNum_ = blockLength_ / tileLength_;
    serialise_ = tiling.serialise != 0;
    xGm_.SetGlobalBuffer((__gm__ half*)x + blockLength_ * GetBlockIdx(), blockLength_);
    yGm_.SetGlobalBuffer((__gm__ half*)y + blockLength_ * GetBlockIdx(), blockLength_);
    zGm_.SetGlobalBuffer((__gm__ half*)z + blockLength_ * GetBlockIdx(), blockLength_);
    pipe_.InitBuffer(inQueueX_, tiling.bufferNum, tileLength_ * sizeof(half));
    pipe_.InitBuffer(inQueueY_, tiling.bufferNum, tileLength_ * sizeof(half));
    pipe_.InitBuffer(outQueueZ_, tiling.bufferNum, tileLength_ * sizeof(half));
  }
  __aicore__ inline void Process() {
    for (uint32_t i = 0; i < tileNum_; i++) {
      CopyIn(i);
      Compute();
      CopyOut(i);
      if (serialise_) PipeBarrier<PIPE_ALL>();
    }
  }

 private:
  __aicore__ inline void CopyIn(uint32_t progress) {
    LocalTensor<half> xLocal = inQueueX_.AllocTensor<half>();
    LocalTensor<half> yLocal = inQueueY_.AllocTensor<half>();
    DataCopy(xLocal, xGm_[progress * tileLength_], tileLength_);
    DataCopy(yLocal, yGm_[progress * tileLength_], tileLength_);
    inQueueX_.EnQue(xLocal);
    inQueueY_.EnQue(yLocal);
  }
  __aicore__ inline void Compute() {
    LocalTensor<half> xLocal = inQueueX_.DeQue<half>();
    LocalTensor<half> yLocal = inQueueY_.DeQue<half>();
    LocalTensor<half> zLocal = outQueueZ_.AllocTensor<half>();
    Add(zLocal, xLocal, yLocal, tileLength_);
    outQueueZ_.EnQue<half>(zLocal);
    inQueueX_.FreeTensor(xLocal);
    inQueueY_.FreeTensor(yLocal);
  }
  __aicore__ inline void CopyOut(uint32_t progress) {
    LocalTensor<half> zLocal = outQueueZ_.DeQue<half>();
    DataCopy(zGm_[progress * tileLength_], zLocal, tileLength_);
    outQueueZ_.FreeTensor(zLocal);
  }

  TPipe pipe_;
  TQue<QuePosition::VECIN, QUEUE_DEPTH> inQueueX_, inQueueY_;
  TQue<QuePosition::VECOUT, QUEUE_DEPTH> outQueueZ_;
  GlobalTensor<half> xGm_, yGm_, zGm_;
  uint32_t blockLength_ = 0, tileLength_ = 0, tileNum_ = 0;
  bool serialise_ = false;
};

void add_custom(GM_ADDR x, GM_ADDR y, GM_ADDR z, GM_ADDR tiling) {
  const AddTiling t = *reinterpret_cast<__gm__ AddTiling*>(tiling);
  KernelAdd op;
  op.Init(x, y, z, t);
  op.Process();
}

struct AddRun {
  ascendgen::sim::LaunchRecord record;
  uint64_t elements;
};

// Runs add_custom with `buffers` buffers per queue over `elements` halves on `cores` cores; in a
// timing-only launch, x and y are left unwritten (never materialised) and z is not computed.
AddRun run_add(int buffers, uint32_t elements, int cores, uint32_t tile = 2048, bool serialise = false,
               bool timing_only = false) {
  Harness h;
  const AddTiling tiling{elements, tile, static_cast<uint32_t>(buffers), serialise ? 1u : 0u};
  uint8_t* t = h.gm.allocate(sizeof tiling, "tiling");
  std::memcpy(t, &tiling, sizeof tiling);
  uint8_t* x = h.output<half>(elements, "x");
  uint8_t* y = h.output<half>(elements, "y");
  uint8_t* z = h.output<half>(elements, "z");
  if (!timing_only) {
    std::fill_n(reinterpret_cast<half*>(x), elements, half(1.0f));
    std::fill_n(reinterpret_cast<half*>(y), elements, half(2.0f));
  }
  ascendgen::sim::LaunchOptions o;
  o.block_dim = cores;
  o.timing_only = timing_only;
  auto record = ascendgen::sim::launch(reinterpret_cast<ascendgen::sim::KernelEntry>(&add_custom), {x, y, z, t}, o, h.gm);
  if (!timing_only) {
    const auto out = h.read<half>(z, elements);
    CHECK(std::all_of(out.begin(), out.end(), [](half v) { return static_cast<float>(v) == 3.0f; }));
  }
  return {std::move(record), elements};
}

const SocDescription& b2() {
  static const SocDescription soc = ascendgen::load_soc("Ascend910B2");
  return soc;
}
const SocDescription& b4() {
  static const SocDescription soc = ascendgen::load_soc("Ascend910B4");
  return soc;
}
double us(const AddRun& r, const SocDescription& soc = b2()) { return timing::predict(r.record, soc).predicted_us; }
}  // namespace

TEST_CASE("a prediction never beats the roofline of GM bandwidth or vector throughput") {
  for (int cores : {1, 8, 48}) {
    const AddRun r = run_add(2, 48 * 16384, cores);
    const timing::Profile p = timing::predict(r.record, b2());
    const double bytes = 3.0 * r.elements * sizeof(uint16_t);
    const double gm_us = bytes / (b2().costs.gm_peak_gbps * 1e3);
    // Every element passes the vector unit once, at most 256 bytes per cycle per core.
    const double vector_us = r.elements * sizeof(uint16_t) / (256.0 * cores) / (b2().clock_ghz * 1e3);
    CAPTURE(cores);
    CHECK(p.predicted_us - p.launch_overhead_us >= gm_us);
    CHECK(p.predicted_us - p.launch_overhead_us >= vector_us);
    CHECK(p.achieved_gbps <= p.peak_gbps * (1 + 1e-9));
  }
}

TEST_CASE("double buffering cuts the time of a large memory-bound kernel") {
  const double single = us(run_add(1, 8 * 65536, 8));
  const double twice = us(run_add(2, 8 * 65536, 8));
  CHECK(twice < 0.85 * single);
  const auto p = timing::predict(run_add(2, 8 * 65536, 8).record, b2());
  CHECK(p.movement_overlap > timing::predict(run_add(1, 8 * 65536, 8).record, b2()).movement_overlap);
}

TEST_CASE("more cores help until the kernel is bound by GM bandwidth") {
  std::vector<double> t;
  const std::vector<int> cores = {1, 2, 4, 8, 16, 48};
  for (int c : cores) t.push_back(us(run_add(2, 48 * 8192, c)));
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    CAPTURE(cores[i]);
    CHECK(t[i + 1] <= t[i]);
  }
  CHECK(t[1] < 0.6 * t[0]);    // two cores: nearly twice as fast
  CHECK(t[5] > t[4] / 2.0);    // 16 -> 48 cores: far from 3x, GM bandwidth is shared
  const auto wide = timing::predict(run_add(2, 48 * 8192, 48).record, b2());
  CHECK(wide.bound == timing::Bound::Mte2);
}

TEST_CASE("time grows with the input size") {
  double previous = 0;
  for (uint32_t n : {8u * 4096, 8u * 16384, 8u * 65536}) {
    const double t = us(run_add(2, n, 8));
    CHECK(t > previous);
    previous = t;
  }
}

TEST_CASE("a barrier that serialises the loop makes the kernel slower") {
  const double free_running = us(run_add(2, 8 * 32768, 8));
  const double serialised = us(run_add(2, 8 * 32768, 8, 2048, true));
  CHECK(serialised > 1.2 * free_running);
}

TEST_CASE("the same trace always gives the same time") {
  const AddRun a = run_add(2, 48 * 8192, 48), b = run_add(2, 48 * 8192, 48);
  const double first = us(a);
  CHECK(us(a) == first);
  CHECK(us(b) == first);
  CHECK(timing::to_json(timing::predict(a.record, b2())) == timing::to_json(timing::predict(b.record, b2())));
}

TEST_CASE("the 910B4 is slower than the 910B2 on the same kernel") {
  for (int cores : {1, 40}) {
    const AddRun r = run_add(2, 40 * 8192, cores);
    CAPTURE(cores);
    CHECK(us(r, b4()) > us(r, b2()));
  }
}

TEST_CASE("a timing-only run predicts the same time as the full run") {
  for (int buffers : {1, 2}) {
    const AddRun full = run_add(buffers, 8 * 32768, 8), fast = run_add(buffers, 8 * 32768, 8, 2048, false, true);
    CHECK(us(fast) == us(full));
    CHECK(timing::predict(fast.record, b2()).uncomputed_reads == 0);
  }
}

TEST_CASE("a timing-only run times a kernel over gigabytes of GM in seconds") {
  // 3 x 1 GiB of fp16 tensors (48 cores x 1365 tiles of 8192), never materialised in host memory.
  constexpr uint32_t kElements = 48u * 1365u * 8192u;
  const AddRun r = run_add(2, kElements, 48, 8192, false, true);
  const timing::Profile p = timing::predict(r.record, b2());
  const double bytes = 3.0 * kElements * sizeof(uint16_t);
  CHECK(p.bound == timing::Bound::Mte2);
  // Bandwidth-bound: close to (and never above) the SoC's peak.
  CHECK(p.achieved_gbps <= p.peak_gbps);
  CHECK(p.achieved_gbps > 0.8 * p.peak_gbps);
  CHECK(p.predicted_us > bytes / (p.peak_gbps * 1e3));
}

TEST_CASE("blocks beyond the SoC's cores run in waves: twice the blocks of the same size take twice the time") {
  const double launch = b2().costs.launch_overhead_us;
  const double one_wave = us(run_add(2, 48 * 8192, 48)) - launch;
  const double two_waves = us(run_add(2, 96 * 8192, 96)) - launch;
  CAPTURE(one_wave);
  CAPTURE(two_waves);
  CHECK(two_waves > 1.8 * one_wave);
  CHECK(two_waves < 2.2 * one_wave);
  // Block 48 runs on block 0's core, after it.
  const AddRun r = run_add(2, 96 * 2048, 96);
  const timing::Prediction p = timing::simulate(r.record, b2());
  CHECK(p.timeline[48].front().start >= p.profile.cores[0].cycles);
  CHECK(p.timeline[47].front().start < p.profile.cores[0].cycles);
}
