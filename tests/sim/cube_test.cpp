// The cube unit on one AIC: GM -> L1 (ND -> NZ), L1 -> L0A/L0B (LoadData, with transpose), Mmad
// with accumulation, Fixpipe back to GM (NZ -> ND, dtype conversion), against a reference product.
#include <cmath>
#include <random>
#include <string>

#include "harness.h"

using namespace AscendC;
namespace sim = ascendgen::sim;
using ascendgen::sim::ErrorKind;
using ascendgen::sim::InstrKind;
using ascendgen::sim::Pipe;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
constexpr uint32_t align_up(uint32_t v, uint32_t a) { return (v + a - 1) / a * a; }

// C[M x N] = A[M x K] x B[K x N] for 16-bit inputs, K split into `Splits` Mmad calls that accumulate
// in L0C; written to GM as Out (float: NoQuant, half: F322F16).
template <typename In, typename Out, uint32_t M, uint32_t N, uint32_t K, uint32_t Splits = 1>
void matmul16_kernel(GM_ADDR a, GM_ADDR b, GM_ADDR c) {
  constexpr uint32_t Ma = align_up(M, 16), Na = align_up(N, 16), Ka = align_up(K, 16);
  constexpr uint32_t Mb = Ma / 16, Nb = Na / 16, Kb = Ka / 16, KbPer = Kb / Splits;
  TPipe pipe;
  TQue<TPosition::A1, 1> qa1;
  TQue<TPosition::B1, 1> qb1;
  TQue<TPosition::A2, 1> qa2;
  TQue<TPosition::B2, 1> qb2;
  TQue<TPosition::CO1, 1> qc;
  pipe.InitBuffer(qa1, 1, Ma * Ka * sizeof(In));
  pipe.InitBuffer(qb1, 1, Ka * Na * sizeof(In));
  pipe.InitBuffer(qa2, 1, Ma * KbPer * 16 * sizeof(In));
  pipe.InitBuffer(qb2, 1, KbPer * 16 * Na * sizeof(In));
  pipe.InitBuffer(qc, 1, Ma * Na * sizeof(float));
  GlobalTensor<In> ga, gb;
  GlobalTensor<Out> gc;
  ga.SetGlobalBuffer((__gm__ In*)a, M * K);
  gb.SetGlobalBuffer((__gm__ In*)b, K * N);
  gc.SetGlobalBuffer((__gm__ Out*)c, M * N);

  LocalTensor<In> a1 = qa1.AllocTensor<In>();
  LocalTensor<In> b1 = qb1.AllocTensor<In>();
  DataCopy(a1, ga, Nd2NzParams(1, M, K, 0, K, Ma, 1, 0));
  DataCopy(b1, gb, Nd2NzParams(1, K, N, 0, N, Ka, 1, 0));
  qa1.EnQue(a1);
  qb1.EnQue(b1);
  a1 = qa1.DeQue<In>();
  b1 = qb1.DeQue<In>();
  LocalTensor<float> co = qc.AllocTensor<float>();
  for (uint32_t s = 0; s < Splits; ++s) {
    LocalTensor<In> a2 = qa2.AllocTensor<In>();
    LocalTensor<In> b2 = qb2.AllocTensor<In>();
    // L1 NZ -> L0A ZZ: for each 16-row block, its k-blocks (Mb fractals apart in L1).
    for (uint32_t i = 0; i < Mb; ++i)
      LoadData(a2[i * KbPer * 256], a1[i * 256], LoadData2DParams(s * KbPer * Mb, KbPer, Mb, 0, 0, false, 0));
    // L1 NZ -> L0B ZN: each k-block row of fractals, each fractal transposed.
    for (uint32_t kb = 0; kb < KbPer; ++kb)
      LoadData(b2[kb * Nb * 256], b1[(s * KbPer + kb) * 256], LoadData2DParams(0, Nb, Kb, 0, 0, true, 0));
    const uint32_t k = s + 1 == Splits ? K - s * KbPer * 16 : KbPer * 16;
    Mmad(co, a2, b2, MmadParams(M, N, k, 0, false, s == 0));
    qa2.FreeTensor(a2);
    qb2.FreeTensor(b2);
  }
  qc.EnQue(co);
  co = qc.DeQue<float>();
  FixpipeParamsV220 fp(N, M, Ma, N, false);
  if constexpr (!IsSameType<Out, float>::value) fp.quantPre = IsSameType<Out, half>::value ? F322F16 : F322BF16;
  Fixpipe(gc, co, fp);
  qc.FreeTensor(co);
  qa1.FreeTensor(a1);
  qb1.FreeTensor(b1);
}

// int8 A[M x K] x Bt[N x K]^T -> int32 or (DEQF16, scale 0.5) half: B is stored transposed in GM,
// so its NZ fractals are already ZN fractals and load without transposing.
template <typename Out, uint32_t M, uint32_t N, uint32_t K>
void matmul8_kernel(GM_ADDR a, GM_ADDR bt, GM_ADDR c) {
  constexpr uint32_t Ma = align_up(M, 16), Na = align_up(N, 16), Ka = align_up(K, 32);
  constexpr uint32_t Mb = Ma / 16, Nb = Na / 16, Kb = Ka / 32;
  TPipe pipe;
  TBuf<TPosition::A1> l1a;
  TBuf<TPosition::B1> l1b;
  TBuf<TPosition::A2> l0a;
  TBuf<TPosition::B2> l0b;
  TBuf<TPosition::CO1> l0c;
  pipe.InitBuffer(l1a, Ma * Ka);
  pipe.InitBuffer(l1b, Na * Ka);
  pipe.InitBuffer(l0a, Ma * Ka);
  pipe.InitBuffer(l0b, Na * Ka);
  pipe.InitBuffer(l0c, Ma * Na * 4);
  GlobalTensor<int8_t> ga, gb;
  GlobalTensor<Out> gc;
  ga.SetGlobalBuffer((__gm__ int8_t*)a, M * K);
  gb.SetGlobalBuffer((__gm__ int8_t*)bt, N * K);
  gc.SetGlobalBuffer((__gm__ Out*)c, M * N);
  LocalTensor<int8_t> a1 = l1a.Get<int8_t>(), b1 = l1b.Get<int8_t>(), a2 = l0a.Get<int8_t>(), b2 = l0b.Get<int8_t>();
  DataCopy(a1, ga, Nd2NzParams(1, M, K, 0, K, Ma, 1, 0));
  DataCopy(b1, gb, Nd2NzParams(1, N, K, 0, K, Na, 1, 0));
  for (uint32_t i = 0; i < Mb; ++i) LoadData(a2[i * Kb * 512], a1[i * 512], LoadData2DParams(0, Kb, Mb, 0, 0, false, 0));
  LoadData(b2, b1, LoadData2DParams(0, Kb * Nb, 1, 0, 0, false, 0));
  LocalTensor<int32_t> co = l0c.Get<int32_t>();
  Mmad(co, a2, b2, MmadParams(M, N, K, 0, false, true));
  FixpipeParamsV220 fp(N, M, Ma, N, false);
  if constexpr (IsSameType<Out, half>::value) {
    fp.quantPre = DEQF16;
    const float scale = 0.5f;
    uint32_t bits;
    std::memcpy(&bits, &scale, 4);
    fp.deqScalar = bits;
  }
  Fixpipe(gc, co, fp);
}

std::vector<float> random_values(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = static_cast<float>(half(d(rng)));  // exactly representable in half
  return v;
}

std::vector<double> reference(const std::vector<float>& a, const std::vector<float>& b, uint32_t m, uint32_t n,
                              uint32_t k) {
  std::vector<double> c(size_t{m} * n, 0.0);
  for (uint32_t i = 0; i < m; ++i)
    for (uint32_t p = 0; p < k; ++p)
      for (uint32_t j = 0; j < n; ++j) c[size_t{i} * n + j] += double(a[size_t{i} * k + p]) * b[size_t{p} * n + j];
  return c;
}

template <uint32_t M, uint32_t N, uint32_t K, uint32_t Splits = 1> void check_fp16_matmul() {
  Harness h;
  h.core_type = sim::CoreType::Cube;
  const auto a = random_values(M * K, 1), b = random_values(K * N, 2);
  uint8_t* ga = h.input(ascendgen::test::to_half(a), "a");
  uint8_t* gb = h.input(ascendgen::test::to_half(b), "b");
  uint8_t* gf = h.output<float>(M * N, "c_float");
  uint8_t* gh = h.output<half>(M * N, "c_half");
  h.run(matmul16_kernel<half, float, M, N, K, Splits>, {ga, gb, gf});
  h.run(matmul16_kernel<half, half, M, N, K, Splits>, {ga, gb, gh});
  const auto want = reference(a, b, M, N, K);
  const auto got = h.read<float>(gf, M * N);
  const auto got_half = h.read<half>(gh, M * N);
  for (size_t i = 0; i < want.size(); ++i) {
    CHECK(std::fabs(got[i] - want[i]) <= 1e-4 * (1 + std::fabs(want[i])));
    CHECK(float(got_half[i]) == float(half(got[i])));  // F322F16 rounds the float result once
  }
}
}  // namespace

TEST_CASE("fp16 matmul through L1, L0A/L0B, Mmad and Fixpipe matches the product (aligned shape)") {
  check_fp16_matmul<32, 48, 64>();
}

TEST_CASE("unaligned M, N, K: Nd2Nz pads, Mmad uses the exact k, Fixpipe writes mSize x nSize") {
  check_fp16_matmul<20, 30, 40>();
}

TEST_CASE("Mmad accumulates into L0C when cmatrixInitVal is false") {
  check_fp16_matmul<32, 32, 64, 2>();
  check_fp16_matmul<16, 48, 96, 3>();
}

TEST_CASE("bf16 inputs accumulate in float") {
  Harness h;
  h.core_type = sim::CoreType::Cube;
  const auto a = random_values(16 * 32, 3), b = random_values(32 * 16, 4);
  std::vector<bfloat16_t> ab(a.begin(), a.end()), bb(b.begin(), b.end());
  uint8_t* c = h.output<float>(16 * 16);
  h.run(matmul16_kernel<bfloat16_t, float, 16, 16, 32>, {h.input(ab), h.input(bb), c});
  std::vector<float> ar(ab.begin(), ab.end()), br(bb.begin(), bb.end());
  const auto want = reference(ar, br, 16, 16, 32);
  const auto got = h.read<float>(c, 16 * 16);
  for (size_t i = 0; i < want.size(); ++i) CHECK(std::fabs(got[i] - want[i]) <= 1e-4 * (1 + std::fabs(want[i])));
}

TEST_CASE("int8 matmul accumulates exactly in int32 and DEQF16 scales into half") {
  constexpr uint32_t M = 24, N = 20, K = 70;
  Harness h;
  h.core_type = sim::CoreType::Cube;
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> d(-128, 127);
  std::vector<int8_t> a(M * K), bt(N * K);
  for (auto& x : a) x = static_cast<int8_t>(d(rng));
  for (auto& x : bt) x = static_cast<int8_t>(d(rng));
  uint8_t* ga = h.input(a, "a");
  uint8_t* gb = h.input(bt, "bt");
  uint8_t* gi = h.output<int32_t>(M * N, "c_int32");
  uint8_t* gh = h.output<half>(M * N, "c_half");
  h.run(matmul8_kernel<int32_t, M, N, K>, {ga, gb, gi});
  h.run(matmul8_kernel<half, M, N, K>, {ga, gb, gh});
  const auto got = h.read<int32_t>(gi, M * N);
  const auto got_half = h.read<half>(gh, M * N);
  for (uint32_t i = 0; i < M; ++i)
    for (uint32_t j = 0; j < N; ++j) {
      int32_t want = 0;
      for (uint32_t p = 0; p < K; ++p) want += int32_t{a[i * K + p]} * bt[j * K + p];
      CHECK(got[i * N + j] == want);
      CHECK(float(got_half[i * N + j]) == float(half(want * 0.5f)));
    }
}

TEST_CASE("the trace records cube instructions on their pipes") {
  Harness h;
  h.core_type = sim::CoreType::Cube;
  const auto a = random_values(32 * 32, 6);
  uint8_t* ga = h.input(ascendgen::test::to_half(a));
  const auto record = h.run(matmul16_kernel<half, float, 32, 32, 32>, {ga, ga, h.output<float>(32 * 32)});
  REQUIRE(record.cores.size() == 1);
  const auto& core = record.cores[0];
  CHECK(core.kind == ascendgen::sim::CoreKind::Aic);
  int mmad = 0, loads = 0, fix = 0, mte2 = 0;
  for (const auto& in : core.instructions) {
    if (in.kind == InstrKind::Mmad) {
      ++mmad;
      CHECK(in.pipe == Pipe::M);
      CHECK(in.repeats == 2 * 2 * 2);  // 16x16x16 blocks
      CHECK(in.amount == 32u * 32 * 32);
    }
    if (in.kind == InstrKind::LoadL0A || in.kind == InstrKind::LoadL0B) {
      ++loads;
      CHECK(in.pipe == Pipe::MTE1);
    }
    if (in.kind == InstrKind::Fixpipe) {
      ++fix;
      CHECK(in.pipe == Pipe::FIX);
      CHECK(in.amount == 32u * 32 * 4);
    }
    if (in.kind == InstrKind::CopyGmToUb && in.pipe == Pipe::MTE2) ++mte2;
  }
  CHECK(mmad == 1);
  CHECK(loads == 4);  // two 16-row blocks of A, two k-blocks of B
  CHECK(fix == 1);
  CHECK(mte2 == 2);
  CHECK(core.cube_macs == 32u * 32 * 32);
}
