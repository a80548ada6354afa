// Mixed launches: groups of 1 AIC + 2 AIV, what GetBlockIdx/GetSubBlockIdx/GetTaskRation return on
// each kind, cross-core flags (modes 0, 1, 2) handing data through GM, SyncAll over the AIVs or
// every core, and the hangs the NPU would suffer reported as SyncMisuse.
#include <string>

#include "harness.h"

using namespace AscendC;
namespace sim = ascendgen::sim;
using sim::ErrorKind;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
bool mentions(const sim::KernelError& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}

// Each core writes {kind, GetBlockIdx, GetBlockNum, GetSubBlockIdx, GetTaskRation} into slot
// group * 3 + (AIC: 0, AIV: 1 + sub).
void identity_kernel(GM_ADDR out) {
  const int64_t group = ASCEND_IS_AIC ? GetBlockIdx() : GetBlockIdx() / GetTaskRation();
  const int64_t slot = group * 3 + (ASCEND_IS_AIC ? 0 : 1 + GetSubBlockIdx());
  GlobalTensor<int32_t> g;
  g.SetGlobalBuffer((__gm__ int32_t*)out + slot * 8, 8);
  g.SetValue(0, g_coreType);
  g.SetValue(1, static_cast<int32_t>(GetBlockIdx()));
  g.SetValue(2, static_cast<int32_t>(GetBlockNum()));
  g.SetValue(3, static_cast<int32_t>(GetSubBlockIdx()));
  g.SetValue(4, static_cast<int32_t>(GetTaskRation()));
}

constexpr uint32_t kRows = 16, kCols = 32, kDepth = 32, kTiles = 3;

// Per group and tile t: the AIC computes W = A_t x B (16 x 32, float) into the group's GM
// workspace and signals both AIVs (mode 2); each AIV adds 1 to its 8 rows and writes them out,
// then signals the AIC, which waits for both before overwriting the workspace.
void producer_consumer_kernel(GM_ADDR a, GM_ADDR b, GM_ADDR workspace, GM_ADDR out) {
  TPipe pipe;
  GlobalTensor<float> ws;
  if ASCEND_IS_AIC {
    const int64_t group = GetBlockIdx();
    ws.SetGlobalBuffer((__gm__ float*)workspace + group * kRows * kCols, kRows * kCols);
    TBuf<TPosition::A1> a1;
    TBuf<TPosition::B1> b1;
    TBuf<TPosition::A2> a2;
    TBuf<TPosition::B2> b2;
    TBuf<TPosition::CO1> c1;
    pipe.InitBuffer(a1, kRows * kDepth * 2);
    pipe.InitBuffer(b1, kDepth * kCols * 2);
    pipe.InitBuffer(a2, kRows * kDepth * 2);
    pipe.InitBuffer(b2, kDepth * kCols * 2);
    pipe.InitBuffer(c1, kRows * kCols * 4);
    GlobalTensor<half> gb;
    gb.SetGlobalBuffer((__gm__ half*)b, kDepth * kCols);
    LocalTensor<half> l1b = b1.Get<half>(), l0b = b2.Get<half>(), l1a = a1.Get<half>(), l0a = a2.Get<half>();
    DataCopy(l1b, gb, Nd2NzParams(1, kDepth, kCols, 0, kCols, kDepth, 1, 0));
    for (uint32_t kb = 0; kb < kDepth / 16; ++kb)
      LoadData(l0b[kb * kCols * 16], l1b[kb * 256], LoadData2DParams(0, kCols / 16, kDepth / 16, 0, 0, true, 0));
    for (uint32_t t = 0; t < kTiles; ++t) {
      GlobalTensor<half> ga;
      ga.SetGlobalBuffer((__gm__ half*)a + (group * kTiles + t) * kRows * kDepth, kRows * kDepth);
      DataCopy(l1a, ga, Nd2NzParams(1, kRows, kDepth, 0, kDepth, kRows, 1, 0));
      LoadData(l0a, l1a, LoadData2DParams(0, kDepth / 16, 1, 0, 0, false, 0));
      LocalTensor<float> c = c1.Get<float>();
      Mmad(c, l0a, l0b, MmadParams(kRows, kCols, kDepth, 0, false, true));
      if (t > 0) CrossCoreWaitFlag(2);  // both AIVs have read the previous tile
      Fixpipe(ws, c, FixpipeParamsV220(kCols, kRows, kRows, kCols, false));
      CrossCoreSetFlag<2, PIPE_FIX>(1);
    }
    CrossCoreWaitFlag(2);
    return;
  }
  const int64_t group = GetBlockIdx() / GetTaskRation(), sub = GetSubBlockIdx();
  constexpr uint32_t half_rows = kRows / 2;
  ws.SetGlobalBuffer((__gm__ float*)workspace + group * kRows * kCols + sub * half_rows * kCols, half_rows * kCols);
  TQue<TPosition::VECIN, 1> in;
  TQue<TPosition::VECOUT, 1> res;
  pipe.InitBuffer(in, 1, half_rows * kCols * 4);
  pipe.InitBuffer(res, 1, half_rows * kCols * 4);
  for (uint32_t t = 0; t < kTiles; ++t) {
    GlobalTensor<float> go;
    go.SetGlobalBuffer((__gm__ float*)out + ((group * kTiles + t) * kRows + sub * half_rows) * kCols, half_rows * kCols);
    CrossCoreWaitFlag(1);
    LocalTensor<float> x = in.AllocTensor<float>();
    DataCopy(x, ws, half_rows * kCols);
    in.EnQue(x);
    x = in.DeQue<float>();
    CrossCoreSetFlag<2, PIPE_MTE2>(2);
    LocalTensor<float> y = res.AllocTensor<float>();
    Adds(y, x, 1.0f, half_rows * kCols);
    in.FreeTensor(x);
    res.EnQue(y);
    y = res.DeQue<float>();
    DataCopy(go, y, half_rows * kCols);
    res.FreeTensor(y);
  }
}

void waits_forever_kernel(GM_ADDR) {
  if ASCEND_IS_AIV { CrossCoreWaitFlag(3); }
}

// Mode 1 pairs the AIVs of a group; mode 0 gathers every core of one kind.
void modes_0_and_1_kernel(GM_ADDR out) {
  if ASCEND_IS_AIV {
    CrossCoreSetFlag<1, PIPE_MTE3>(4);
    CrossCoreWaitFlag(4);
  }
  CrossCoreSetFlag<0, PIPE_MTE2>(5);
  CrossCoreWaitFlag(5);
  GlobalTensor<int32_t> g;
  g.SetGlobalBuffer((__gm__ int32_t*)out);
  if ASCEND_IS_AIV { g.SetValue(GetBlockIdx() * 8, 1); }
}

void mode2_in_vector_launch_kernel(GM_ADDR) { CrossCoreSetFlag<2, PIPE_MTE3>(0); }

// Every AIV writes its slot, SyncAll<true>() over the AIVs, then each reads its neighbour's.
void aiv_sync_kernel(GM_ADDR ws, GM_ADDR out) {
  if ASCEND_IS_AIC { return; }
  const int64_t n = GetBlockNum() * GetTaskRation(), i = GetBlockIdx();
  GlobalTensor<int32_t> w, o;
  w.SetGlobalBuffer((__gm__ int32_t*)ws);
  o.SetGlobalBuffer((__gm__ int32_t*)out);
  w.SetValue(i * 8, static_cast<int32_t>(100 + i));
  SyncAll();
  o.SetValue(i * 8, w.GetValue(((i + 1) % n) * 8));
}

void aic_in_aiv_sync_kernel(GM_ADDR) { SyncAll(); }
}  // namespace

TEST_CASE("a mixed launch runs blockDim groups of 1 AIC + 2 AIV with CANN's indices on each kind") {
  Harness h;
  h.core_type = sim::CoreType::Mix;
  uint8_t* out = h.output<int32_t>(3 * 3 * 8);
  const auto record = h.run(identity_kernel, {out}, 3);
  REQUIRE(record.cores.size() == 9);
  const auto v = h.read<int32_t>(out, 3 * 3 * 8);
  for (int group = 0; group < 3; ++group) {
    const int32_t* aic = &v[group * 24];
    CHECK(aic[0] == AIC);
    CHECK(aic[1] == group);
    CHECK(aic[2] == 3);
    CHECK(aic[3] == 0);
    CHECK(aic[4] == 1);
    for (int sub = 0; sub < 2; ++sub) {
      const int32_t* aiv = &v[group * 24 + (1 + sub) * 8];
      CHECK(aiv[0] == AIV);
      CHECK(aiv[1] == group * 2 + sub);
      CHECK(aiv[2] == 3);
      CHECK(aiv[3] == sub);
      CHECK(aiv[4] == 2);
    }
    CHECK(record.cores[group * 3].kind == sim::CoreKind::Aic);
    CHECK(record.cores[group * 3 + 1].kind == sim::CoreKind::Aiv);
    CHECK(record.cores[group * 3 + 2].block_idx == group * 2 + 1);
  }
}

TEST_CASE("mode-2 flags hand matmul tiles from the AIC to its two AIVs and back") {
  constexpr int groups = 2;
  Harness h;
  h.core_type = sim::CoreType::Mix;
  std::vector<float> a(groups * kTiles * kRows * kDepth), b(kDepth * kCols);
  for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<float>(static_cast<int>(i % 7) - 3) * 0.25f;
  for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<float>(static_cast<int>(i % 5) - 2) * 0.5f;
  uint8_t* ga = h.input(ascendgen::test::to_half(a), "a");
  uint8_t* gb = h.input(ascendgen::test::to_half(b), "b");
  uint8_t* ws = h.output<float>(groups * kRows * kCols, "workspace");
  uint8_t* out = h.output<float>(groups * kTiles * kRows * kCols, "out");
  const auto record = h.run(producer_consumer_kernel, {ga, gb, ws, out}, groups);
  const auto got = h.read<float>(out, groups * kTiles * kRows * kCols);
  for (uint32_t tile = 0; tile < groups * kTiles; ++tile)
    for (uint32_t i = 0; i < kRows; ++i)
      for (uint32_t j = 0; j < kCols; ++j) {
        float want = 1.0f;
        for (uint32_t p = 0; p < kDepth; ++p) want += a[(tile * kRows + i) * kDepth + p] * b[p * kCols + j];
        CHECK(got[(tile * kRows + i) * kCols + j] == doctest::Approx(want).epsilon(1e-5));
      }
  int sets = 0, waits = 0;
  for (const auto& in : record.cores[0].instructions) {
    sets += in.kind == sim::InstrKind::CrossCoreSetFlag;
    waits += in.kind == sim::InstrKind::CrossCoreWaitFlag;
  }
  CHECK(sets == static_cast<int>(kTiles));
  CHECK(waits == static_cast<int>(kTiles));
}

TEST_CASE("a CrossCoreWaitFlag no core will satisfy fails as the hang it would be") {
  Harness h;
  h.core_type = sim::CoreType::Mix;
  const auto e = expect_kernel_error([&] { h.run(waits_forever_kernel, {h.output<int32_t>(8)}, 1); });
  CHECK(e.kind() == ErrorKind::SyncMisuse);
  CHECK(e.where().api == "CrossCoreWaitFlag");
  CHECK(mentions(e, "CrossCoreWaitFlag(3)"));
  CHECK(mentions(e, "would hang"));
}

TEST_CASE("mode 1 pairs the AIVs of a group and mode 0 gathers every core of a kind") {
  Harness h;
  h.core_type = sim::CoreType::Mix;
  uint8_t* out = h.output<int32_t>(4 * 8);
  h.run(modes_0_and_1_kernel, {out}, 2);
  const auto v = h.read<int32_t>(out, 4 * 8);
  for (int i = 0; i < 4; ++i) CHECK(v[i * 8] == 1);
}

TEST_CASE("mode 2 needs a mixed launch") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(mode2_in_vector_launch_kernel, {h.output<int32_t>(8)}, 1); });
  CHECK(e.kind() == ErrorKind::SyncMisuse);
  CHECK(mentions(e, "mixed launch"));
}

TEST_CASE("SyncAll<true>() in a mixed launch waits for the AIVs only; on an AIC it is an error") {
  Harness h;
  h.core_type = sim::CoreType::Mix;
  uint8_t* ws = h.output<int32_t>(4 * 8);
  uint8_t* out = h.output<int32_t>(4 * 8);
  h.run(aiv_sync_kernel, {ws, out}, 2);
  const auto v = h.read<int32_t>(out, 4 * 8);
  for (int i = 0; i < 4; ++i) CHECK(v[i * 8] == 100 + (i + 1) % 4);
  const auto e = expect_kernel_error([&] { h.run(aic_in_aiv_sync_kernel, {h.output<int32_t>(8)}, 1); });
  CHECK(e.kind() == ErrorKind::SyncMisuse);
  CHECK(mentions(e, "AIVs only"));
}

TEST_CASE("a mixed launch takes at most one group per AIC: its groups cannot run in waves") {
  Harness h;
  h.core_type = sim::CoreType::Mix;
  h.limits.cube_cores = 4;
  const auto e = expect_kernel_error([&] { h.run(identity_kernel, {h.output<int32_t>(5 * 24)}, 5); });
  CHECK(e.kind() == ErrorKind::TooManyCores);
  CHECK(mentions(e, "AI Core groups"));
  CHECK(mentions(e, "cannot run in waves"));
  // A cube-only launch of more blocks than AICs runs in waves.
  h.core_type = sim::CoreType::Cube;
  CHECK(h.run(identity_kernel, {h.output<int32_t>(9 * 24)}, 9).cores.size() == 9);
}
