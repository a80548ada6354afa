// The cube core's pipes in the timing model: Mmad on M costs its 16 x 16 x C0 blocks plus a fixed
// part, LoadData on MTE1 moves bytes at the L0A / L0B rates, Fixpipe waits for the Mmad that
// wrote L0C, and a mixed kernel's AIV waits for the AIC's cross-core flag. Costs are read from the
// SoC file, so the checks hold for any calibration.
#include <algorithm>
#include <stdexcept>

#include "ascendgen/core/soc.h"
#include "ascendgen/timing/model.h"
#include "harness.h"

using namespace AscendC;
namespace sim = ascendgen::sim;
namespace timing = ascendgen::timing;
using ascendgen::test::Harness;

namespace {
const ascendgen::SocDescription& soc() {
  static const ascendgen::SocDescription s = ascendgen::load_soc("Ascend910B2");
  return s;
}

// One LoadData into each of L0A and L0B, one Mmad of M x N x K, one Fixpipe to GM; T is the input
// type (C0 = 32 / sizeof(T) elements per fractal row), float or int32 accumulate.
template <typename T, typename Acc, uint32_t M, uint32_t N, uint32_t K> void one_mmad_kernel(GM_ADDR c) {
  constexpr uint32_t c0 = 32 / sizeof(T), a_fractals = M / 16 * (K / c0), b_fractals = K / c0 * (N / 16);
  TPipe pipe;
  TBuf<TPosition::A1> l1;
  TBuf<TPosition::A2> l0a;
  TBuf<TPosition::B2> l0b;
  TBuf<TPosition::CO1> l0c;
  pipe.InitBuffer(l1, (a_fractals + b_fractals) * 512);
  pipe.InitBuffer(l0a, a_fractals * 512);
  pipe.InitBuffer(l0b, b_fractals * 512);
  pipe.InitBuffer(l0c, M * N * 4);
  LocalTensor<T> src = l1.Get<T>();
  LoadData(l0a.Get<T>(), src, LoadData2DParams(0, a_fractals, 1, 0, 0, false, 0));
  LoadData(l0b.Get<T>(), src, LoadData2DParams(a_fractals, b_fractals, 1, 0, 0, false, 0));
  LocalTensor<Acc> acc = l0c.Get<Acc>();
  Mmad(acc, l0a.Get<T>(), l0b.Get<T>(), MmadParams(M, N, K, 0, false, true));
  GlobalTensor<Acc> g;
  g.SetGlobalBuffer((__gm__ Acc*)c, M * N);
  Fixpipe(g, acc, FixpipeParamsV220(N, M, M, N, false));
}

struct Run {
  sim::LaunchRecord record;
  timing::Prediction prediction;
};

template <typename Acc, typename... Args> Run run_cube(void (*kernel)(Args...), size_t out_elements) {
  Harness h;
  h.core_type = sim::CoreType::Cube;
  Run r;
  r.record = h.run(kernel, {h.output<Acc>(out_elements)});
  r.prediction = timing::simulate(r.record, soc());
  return r;
}

double busy(const Run& r, sim::Pipe p) { return r.prediction.profile.cores.at(0).busy[static_cast<int>(p)]; }

// The timeline event of the first instruction of `kind` on core `core`.
const timing::TimedInstr& event(const Run& r, size_t core, sim::InstrKind kind) {
  const auto& list = r.record.cores.at(core).instructions;
  for (const auto& e : r.prediction.timeline.at(core))
    if (list[e.index].kind == kind) return e;
  FAIL("no such instruction on the timeline");
  throw std::logic_error("unreachable");
}
}  // namespace

TEST_CASE("Mmad occupies M for its 16 x 16 x C0 blocks plus the fixed cost; C0 depends on the dtype") {
  const auto& cube = soc().costs.cube;
  REQUIRE(cube.present);
  const Run f16 = run_cube<float>(one_mmad_kernel<half, float, 64, 32, 64>, 64 * 32);
  CHECK(busy(f16, sim::Pipe::M) == doctest::Approx(cube.mmad_fixed_cycles + 4 * 2 * 4 * cube.block_cycles("half")));
  // int8: twice the K in the same 512-byte fractals, the same blocks and cycles.
  const Run i8 = run_cube<int32_t>(one_mmad_kernel<int8_t, int32_t, 64, 32, 128>, 64 * 32);
  CHECK(busy(i8, sim::Pipe::M) == doctest::Approx(busy(f16, sim::Pipe::M)));
  // float: half the K per fractal, and each block costs what the SoC file says for float.
  const Run f32 = run_cube<float>(one_mmad_kernel<float, float, 64, 32, 32>, 64 * 32);
  CHECK(busy(f32, sim::Pipe::M) == doctest::Approx(cube.mmad_fixed_cycles + 4 * 2 * 4 * cube.block_cycles("float")));
  CHECK(timing::to_json(f16.prediction.profile).find("\"M\"") != std::string::npos);
}

TEST_CASE("LoadData costs its bytes at the L0A and L0B rates on MTE1") {
  const auto& cube = soc().costs.cube;
  const Run r = run_cube<float>(one_mmad_kernel<half, float, 64, 32, 64>, 64 * 32);
  const double a_bytes = 64 * 64 * 2, b_bytes = 64 * 32 * 2;
  CHECK(busy(r, sim::Pipe::MTE1) == doctest::Approx(2 * cube.load_fixed_cycles + a_bytes / cube.load_l0a_bytes_per_cycle +
                                                    b_bytes / cube.load_l0b_bytes_per_cycle));
}

TEST_CASE("Mmad waits for its LoadData and Fixpipe for the Mmad that wrote L0C") {
  const Run r = run_cube<float>(one_mmad_kernel<half, float, 64, 32, 64>, 64 * 32);
  const auto& load_b = event(r, 0, sim::InstrKind::LoadL0B);
  const auto& mmad = event(r, 0, sim::InstrKind::Mmad);
  const auto& fix = event(r, 0, sim::InstrKind::Fixpipe);
  CHECK(mmad.start >= load_b.end);
  CHECK(fix.start >= mmad.end);
  CHECK(fix.pipe == sim::Pipe::FIX);
}

TEST_CASE("a SoC file without timing.cube cannot time cube instructions") {
  const Run r = run_cube<float>(one_mmad_kernel<half, float, 16, 16, 16>, 16 * 16);
  ascendgen::SocDescription no_cube = soc();
  no_cube.costs.cube.present = false;
  CHECK_THROWS_WITH_AS(timing::simulate(r.record, no_cube), doctest::Contains("timing.cube"), std::invalid_argument);
}

namespace {
// The AIC writes a tile to GM and raises flag 1 (mode 2); each AIV waits for it, then reads.
void handoff_kernel(GM_ADDR ws) {
  GlobalTensor<float> g;
  g.SetGlobalBuffer((__gm__ float*)ws, 16 * 16);
  TPipe pipe;
  if ASCEND_IS_AIC {
    TBuf<TPosition::A2> l0a;
    TBuf<TPosition::B2> l0b;
    TBuf<TPosition::CO1> l0c;
    pipe.InitBuffer(l0a, 512);
    pipe.InitBuffer(l0b, 512);
    pipe.InitBuffer(l0c, 1024);
    LocalTensor<float> acc = l0c.Get<float>();
    Mmad(acc, l0a.Get<half>(), l0b.Get<half>(), MmadParams(16, 16, 16, 0, false, true));
    Fixpipe(g, acc, FixpipeParamsV220(16, 16, 16, 16, false));
    CrossCoreSetFlag<2, PIPE_FIX>(1);
    return;
  }
  TBuf<TPosition::VECCALC> ub;
  pipe.InitBuffer(ub, 1024);
  CrossCoreWaitFlag(1);
  DataCopy(ub.Get<float>(), g, 256);
}
}  // namespace

TEST_CASE("an AIV's work after CrossCoreWaitFlag starts after the AIC's flag arrives") {
  Harness h;
  h.core_type = sim::CoreType::Mix;
  Run r;
  r.record = h.run(handoff_kernel, {h.output<float>(256)}, 1);
  r.prediction = timing::simulate(r.record, soc());
  REQUIRE(r.record.cores.size() == 3);
  const auto& fix = event(r, 0, sim::InstrKind::Fixpipe);
  for (size_t aiv : {1, 2}) {
    const auto& copy = event(r, aiv, sim::InstrKind::CopyGmToUb);
    CHECK(copy.start >= fix.end + soc().costs.cube.cross_core_flag_cycles);
  }
  const std::string trace = timing::chrome_trace(r.record, r.prediction);
  CHECK(trace.find("core 0 AIC") != std::string::npos);
  CHECK(trace.find("core 1 AIV") != std::string::npos);
}
