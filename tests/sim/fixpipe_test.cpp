// Fixpipe's options and the cube unit's smaller paths: NZ output, ReLU, per-column dequantisation
// scales from L1, atomic accumulation into GM, the DataCopy spelling of Fixpipe, Mmad's bias from
// the bias table, and InitConstValue.
#include <cstring>
#include <random>

#include "harness.h"

using namespace AscendC;
namespace sim = ascendgen::sim;
using ascendgen::test::Harness;

namespace {
constexpr uint32_t M = 16, N = 32, K = 32;

enum class Out { Nz, Relu, DataCopyCo1, AtomicTwice, Bias, OnesA };

// C = A (16 x 32) x B (32 x 32) in half, float in L0C, written to GM in the way `how` says (OnesA:
// L0A filled with ones by InitConstValue instead of loaded).
template <Out how> void fp16_kernel(GM_ADDR a, GM_ADDR b, GM_ADDR bias, GM_ADDR c) {
  TPipe pipe;
  TBuf<TPosition::A1> a1;
  TBuf<TPosition::B1> b1;
  TBuf<TPosition::C1> bias1;
  TBuf<TPosition::A2> a2;
  TBuf<TPosition::B2> b2;
  TBuf<TPosition::C2> bias2;
  TBuf<TPosition::CO1> c1;
  pipe.InitBuffer(a1, M * K * 2);
  pipe.InitBuffer(b1, K * N * 2);
  pipe.InitBuffer(bias1, N * 4);
  pipe.InitBuffer(a2, M * K * 2);
  pipe.InitBuffer(b2, K * N * 2);
  pipe.InitBuffer(bias2, N * 4);
  pipe.InitBuffer(c1, M * N * 4);
  GlobalTensor<half> ga, gb;
  GlobalTensor<float> gbias, gc;
  ga.SetGlobalBuffer((__gm__ half*)a, M * K);
  gb.SetGlobalBuffer((__gm__ half*)b, K * N);
  gbias.SetGlobalBuffer((__gm__ float*)bias, N);
  gc.SetGlobalBuffer((__gm__ float*)c, M * N);
  LocalTensor<half> l1a = a1.Get<half>(), l1b = b1.Get<half>(), l0a = a2.Get<half>(), l0b = b2.Get<half>();
  DataCopy(l1a, ga, Nd2NzParams(1, M, K, 0, K, M, 1, 0));
  DataCopy(l1b, gb, Nd2NzParams(1, K, N, 0, N, K, 1, 0));
  if constexpr (how == Out::OnesA)
    InitConstValue(l0a, InitConstValueParams<half>(1, M * K * 2 / 32, 0, half(1.0f)));
  else
    LoadData(l0a, l1a, LoadData2DParams(0, K / 16, 1, 0, 0, false, 0));
  for (uint32_t kb = 0; kb < K / 16; ++kb)
    LoadData(l0b[kb * N * 16], l1b[kb * 256], LoadData2DParams(0, N / 16, K / 16, 0, 0, true, 0));
  LocalTensor<float> acc = c1.Get<float>();
  if constexpr (how == Out::Bias) {
    LocalTensor<float> l1bias = bias1.Get<float>(), bt = bias2.Get<float>();
    DataCopy(l1bias, gbias, N);
    DataCopy(bt, l1bias, DataCopyParams(1, N * 4 / 32, 0, 0));
    Mmad(acc, l0a, l0b, bt, MmadParams(M, N, K, 0, false, true));
  } else {
    Mmad(acc, l0a, l0b, MmadParams(M, N, K, 0, false, true));
  }
  if constexpr (how == Out::Nz) {
    Fixpipe<float, float, CFG_NZ>(gc, acc, FixpipeParamsV220(N, M, M, M * 16 * 4 / 32, false));
  } else if constexpr (how == Out::Relu) {
    Fixpipe(gc, acc, FixpipeParamsV220(N, M, M, N, true));
  } else if constexpr (how == Out::DataCopyCo1) {
    DataCopy(gc, acc, DataCopyCO12DstParams(N, M, N, M, NoQuant, 0, false, true));
  } else if constexpr (how == Out::AtomicTwice) {
    SetAtomicAdd<float>();
    Fixpipe(gc, acc, FixpipeParamsV220(N, M, M, N, false));
    Fixpipe(gc, acc, FixpipeParamsV220(N, M, M, N, false));
    SetAtomicNone();
  } else {
    Fixpipe(gc, acc, FixpipeParamsV220(N, M, M, N, false));
  }
}

// int8 x int8 -> int32 -> half with a scale per column (VDEQF16): scales are uint64 in L1 whose
// low 32 bits hold the float. B is given transposed (N x K); K = 24 leaves a padded tail.
void vdeq_kernel(GM_ADDR a, GM_ADDR bt, GM_ADDR scales, GM_ADDR c) {
  constexpr uint32_t Kq = 24, Ka = 32;
  TPipe pipe;
  TBuf<TPosition::A1> a1;
  TBuf<TPosition::B1> b1;
  TBuf<TPosition::C1> s1;
  TBuf<TPosition::A2> a2;
  TBuf<TPosition::B2> b2;
  TBuf<TPosition::CO1> c1;
  pipe.InitBuffer(a1, M * Ka);
  pipe.InitBuffer(b1, N * Ka);
  pipe.InitBuffer(s1, N * 8);
  pipe.InitBuffer(a2, M * Ka);
  pipe.InitBuffer(b2, N * Ka);
  pipe.InitBuffer(c1, M * N * 4);
  GlobalTensor<int8_t> ga, gb;
  GlobalTensor<uint64_t> gs;
  GlobalTensor<half> gc;
  ga.SetGlobalBuffer((__gm__ int8_t*)a, M * Kq);
  gb.SetGlobalBuffer((__gm__ int8_t*)bt, N * Kq);
  gs.SetGlobalBuffer((__gm__ uint64_t*)scales, N);
  gc.SetGlobalBuffer((__gm__ half*)c, M * N);
  LocalTensor<int8_t> l1a = a1.Get<int8_t>(), l1b = b1.Get<int8_t>(), l0a = a2.Get<int8_t>(), l0b = b2.Get<int8_t>();
  DataCopy(l1a, ga, Nd2NzParams(1, M, Kq, 0, Kq, M, 1, 0));
  DataCopy(l1b, gb, Nd2NzParams(1, N, Kq, 0, Kq, N, 1, 0));
  LocalTensor<uint64_t> l1s = s1.Get<uint64_t>();
  DataCopy(l1s, gs, N);
  LoadData(l0a, l1a, LoadData2DParams(0, 1, 1, 0, 0, false, 0));
  LoadData(l0b, l1b, LoadData2DParams(0, N / 16, 1, 0, 0, false, 0));
  LocalTensor<int32_t> acc = c1.Get<int32_t>();
  Mmad(acc, l0a, l0b, MmadParams(M, N, Kq, 0, false, true));
  FixpipeParamsV220 p(N, M, M, N, false);
  p.quantPre = VDEQF16;
  Fixpipe(gc, acc, l1s, p);
}

struct Inputs {
  std::vector<float> a, b, bias;
};
Inputs make_inputs() {
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> d(-1.0f, 1.0f);
  Inputs in{std::vector<float>(M * K), std::vector<float>(K * N), std::vector<float>(N)};
  for (auto* v : {&in.a, &in.b, &in.bias})
    for (float& x : *v) x = static_cast<float>(half(d(rng)));
  return in;
}

std::vector<float> product(const Inputs& in) {
  std::vector<float> c(M * N, 0.0f);
  for (uint32_t i = 0; i < M; ++i)
    for (uint32_t j = 0; j < N; ++j) {
      double s = 0;
      for (uint32_t p = 0; p < K; ++p) s += double(in.a[i * K + p]) * in.b[p * N + j];
      c[i * N + j] = static_cast<float>(s);
    }
  return c;
}

template <Out how> std::vector<float> run(const Inputs& in, std::vector<float> initial = {}) {
  Harness h;
  h.core_type = sim::CoreType::Cube;
  uint8_t* c = initial.empty() ? h.output<float>(M * N) : h.input(initial, "c");
  h.run(fp16_kernel<how>, {h.input(ascendgen::test::to_half(in.a)), h.input(ascendgen::test::to_half(in.b)),
                           h.input(in.bias), c});
  return h.read<float>(c, M * N);
}

bool close(float got, float want) { return std::fabs(got - want) <= 1e-4f * (1 + std::fabs(want)); }
}  // namespace

TEST_CASE("Fixpipe CFG_NZ keeps the NZ layout: 16-column blocks of M rows") {
  const Inputs in = make_inputs();
  const auto want = product(in);
  const auto got = run<Out::Nz>(in);
  for (uint32_t i = 0; i < M; ++i)
    for (uint32_t j = 0; j < N; ++j) CHECK(close(got[(j / 16) * M * 16 + i * 16 + j % 16], want[i * N + j]));
}

TEST_CASE("Fixpipe reluEn clamps negatives; the DataCopy spelling writes the same rows") {
  const Inputs in = make_inputs();
  const auto want = product(in);
  const auto relu = run<Out::Relu>(in);
  const auto copied = run<Out::DataCopyCo1>(in);
  int negatives = 0;
  for (uint32_t i = 0; i < M * N; ++i) {
    negatives += want[i] < 0;
    CHECK(close(relu[i], std::max(want[i], 0.0f)));
    CHECK(close(copied[i], want[i]));
  }
  CHECK(negatives > 0);
}

TEST_CASE("Fixpipe under SetAtomicAdd accumulates into GM") {
  const Inputs in = make_inputs();
  const auto want = product(in);
  const auto got = run<Out::AtomicTwice>(in, std::vector<float>(M * N, 0.5f));
  for (uint32_t i = 0; i < M * N; ++i) CHECK(close(got[i], 0.5f + 2 * want[i]));
}

TEST_CASE("Mmad with a bias tensor starts each column from its bias (L1 -> bias table)") {
  const Inputs in = make_inputs();
  const auto want = product(in);
  const auto got = run<Out::Bias>(in);
  for (uint32_t i = 0; i < M; ++i)
    for (uint32_t j = 0; j < N; ++j) CHECK(close(got[i * N + j], want[i * N + j] + in.bias[j]));
}

TEST_CASE("InitConstValue fills L0A: ones times B gives B's column sums") {
  const Inputs in = make_inputs();
  const auto got = run<Out::OnesA>(in);
  for (uint32_t j = 0; j < N; ++j) {
    double sum = 0;
    for (uint32_t p = 0; p < K; ++p) sum += in.b[p * N + j];
    for (uint32_t i = 0; i < M; ++i) CHECK(close(got[i * N + j], static_cast<float>(sum)));
  }
}

TEST_CASE("VDEQF16 scales each column by its own factor from L1") {
  constexpr uint32_t Kq = 24;
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> d(-100, 100);
  std::vector<int8_t> a(M * Kq), bt(N * Kq);
  for (auto& x : a) x = static_cast<int8_t>(d(rng));
  for (auto& x : bt) x = static_cast<int8_t>(d(rng));
  std::vector<uint64_t> scales(N);
  for (uint32_t j = 0; j < N; ++j) {
    const float s = 0.001f * static_cast<float>(j + 1);
    uint32_t bits;
    std::memcpy(&bits, &s, 4);
    scales[j] = bits;
  }
  Harness h;
  h.core_type = sim::CoreType::Cube;
  uint8_t* c = h.output<half>(M * N);
  h.run(vdeq_kernel, {h.input(a), h.input(bt), h.input(scales), c});
  const auto got = h.read<half>(c, M * N);
  for (uint32_t i = 0; i < M; ++i)
    for (uint32_t j = 0; j < N; ++j) {
      int32_t dot = 0;
      for (uint32_t p = 0; p < Kq; ++p) dot += int32_t{a[i * Kq + p]} * bt[j * Kq + p];
      float s;
      const uint32_t bits = static_cast<uint32_t>(scales[j]);
      std::memcpy(&s, &bits, 4);
      CHECK(float(got[i * N + j]) == float(half(static_cast<float>(double(dot) * s))));
    }
}
