// The Matmul high-level API on small shapes: results against a double-precision reference on the
// same (rounded) inputs, iteration orders, UB output in a mixed launch, int8 with dequantisation,
// and misuse reported as KernelError.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "ascendgen/sim/errors.h"
#include "ascendgen/sim/launcher.h"
#include "kernel_operator.h"
#include "lib/matmul_intf.h"
#include "tiling/tiling_api.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;

namespace {
// What the test kernels read: the tiling and the options of the run.
struct Run {
  TCubeTiling tiling{};
  bool transA = false, transB = false, bias = false;
  int mode = 0;  // 0 IterateAll, 1 Iterate + GetTensorC to GM, 2 GetTensorC before Iterate
};
Run g_run;

// The block of C of core `idx`: offsets into A, B, C and the bias, and its (tail) shape.
struct Place {
  int64_t a, b, c, bias, m, n;
};
Place place(const TCubeTiling& t, int64_t idx, bool transA, bool transB) {
  const int64_t mBlocks = (t.M + t.singleCoreM - 1) / t.singleCoreM;
  const int64_t mi = idx % mBlocks, ni = idx / mBlocks;
  const int64_t m0 = mi * t.singleCoreM, n0 = ni * t.singleCoreN;
  return {transA ? m0 : m0 * t.Ka, transB ? n0 * t.Kb : n0, m0 * t.N + n0, n0,
          std::min<int64_t>(t.singleCoreM, t.M - m0), std::min<int64_t>(t.singleCoreN, t.N - n0)};
}

using HalfGm = MatmulType<TPosition::GM, CubeFormat::ND, half>;
using FloatGm = MatmulType<TPosition::GM, CubeFormat::ND, float>;

void half_kernel(GM_ADDR a, GM_ADDR b, GM_ADDR bias, GM_ADDR c) {
  TPipe pipe;
  Matmul<HalfGm, HalfGm, FloatGm, FloatGm> mm;
  REGIST_MATMUL_OBJ(&pipe, GetSysWorkSpacePtr(), mm, &g_run.tiling);
  const TCubeTiling& t = g_run.tiling;
  if (GetBlockIdx() >= t.usedCoreNum) return;
  GlobalTensor<half> ag, bg;
  GlobalTensor<float> cg, biasg;
  ag.SetGlobalBuffer((__gm__ half*)a, int64_t(t.M) * t.Ka);
  bg.SetGlobalBuffer((__gm__ half*)b, int64_t(t.Kb) * t.N);
  cg.SetGlobalBuffer((__gm__ float*)c, int64_t(t.M) * t.N);
  biasg.SetGlobalBuffer((__gm__ float*)bias, t.N);
  const Place p = place(t, GetBlockIdx(), g_run.transA, g_run.transB);
  mm.SetTensorA(ag[p.a], g_run.transA);
  mm.SetTensorB(bg[p.b], g_run.transB);
  if (g_run.bias) mm.SetBias(biasg[p.bias]);
  mm.SetTail(int(p.m), int(p.n));
  if (g_run.mode == 0) mm.IterateAll(cg[p.c]);
  if (g_run.mode == 1)
    while (mm.Iterate()) mm.GetTensorC(cg[p.c]);
  if (g_run.mode == 2) mm.GetTensorC(cg[p.c]);
  mm.End();
}

ascendgen::sim::LaunchRecord launch(void (*kernel)(GM_ADDR, GM_ADDR, GM_ADDR, GM_ADDR), std::vector<uint8_t*> args,
                                    int block_dim, ascendgen::sim::CoreType type, ascendgen::sim::GlobalMemory& gm) {
  ascendgen::sim::LaunchOptions o;
  o.block_dim = block_dim;
  o.core_type = type;
  return ascendgen::sim::launch(reinterpret_cast<ascendgen::sim::KernelEntry>(kernel), args, o, gm);
}

template <typename T> uint8_t* upload(ascendgen::sim::GlobalMemory& gm, const std::vector<T>& v, const char* name) {
  uint8_t* p = gm.allocate(v.size() * sizeof(T), name);
  std::memcpy(p, v.data(), v.size() * sizeof(T));
  return p;
}

std::vector<float> random_values(size_t n, std::mt19937& rng) {
  std::uniform_real_distribution<float> d(-1, 1);
  std::vector<float> v(n);
  for (auto& x : v) x = float(half(d(rng)));  // representable in half
  return v;
}

// C = op(A) op(B) + bias in double, with A stored K x M when transA and B stored N x K when transB.
std::vector<double> reference(const std::vector<float>& a, const std::vector<float>& b, const std::vector<float>* bias,
                              int M, int N, int K, bool transA, bool transB) {
  std::vector<double> c(size_t(M) * N);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      double s = bias ? (*bias)[j] : 0.0;
      for (int k = 0; k < K; ++k)
        s += double(transA ? a[size_t(k) * M + i] : a[size_t(i) * K + k]) *
             double(transB ? b[size_t(j) * K + k] : b[size_t(k) * N + j]);
      c[size_t(i) * N + j] = s;
    }
  return c;
}

TCubeTiling make_tiling(int M, int N, int K, int dim, bool transA, bool transB, bool bias,
                        matmul_tiling::DataType ab = matmul_tiling::DataType::DT_FLOAT16,
                        matmul_tiling::DataType c = matmul_tiling::DataType::DT_FLOAT) {
  namespace mt = matmul_tiling;
  mt::MultiCoreMatmulTiling tiling;
  tiling.SetAType(mt::TPosition::GM, mt::CubeFormat::ND, ab, transA);
  tiling.SetBType(mt::TPosition::GM, mt::CubeFormat::ND, ab, transB);
  tiling.SetCType(mt::TPosition::GM, mt::CubeFormat::ND, c);
  tiling.SetShape(M, N, K);
  tiling.SetOrgShape(M, N, K);
  tiling.SetBias(bias);
  tiling.SetDim(dim);
  TCubeTiling t;
  REQUIRE(tiling.GetTiling(t) == 0);
  return t;
}

// Runs half_kernel on an M x N x K problem and returns the largest error against the reference.
double half_error(int M, int N, int K, int dim, bool transA, bool transB, bool bias, int mode, int fixM = -1,
                  int fixN = -1, int order = 0) {
  std::mt19937 rng(M * 131 + N * 7 + K);
  const auto a = random_values(size_t(M) * K, rng), b = random_values(size_t(K) * N, rng),
             bv = random_values(size_t(N), rng);
  g_run = {make_tiling(M, N, K, dim, transA, transB, bias), transA, transB, bias, mode};
  if (fixM > 0) g_run.tiling.baseM = fixM;
  if (fixN > 0) g_run.tiling.baseN = fixN;
  g_run.tiling.iterateOrder = order;
  ascendgen::sim::GlobalMemory gm;
  std::vector<half> ah(a.begin(), a.end()), bh(b.begin(), b.end());
  uint8_t* c = gm.allocate(size_t(M) * N * 4, "c");
  launch(half_kernel, {upload(gm, ah, "a"), upload(gm, bh, "b"), upload(gm, bv, "bias"), c},
         g_run.tiling.usedCoreNum, ascendgen::sim::CoreType::Cube, gm);
  const auto want = reference(a, b, bias ? &bv : nullptr, M, N, K, transA, transB);
  double err = 0;
  for (size_t i = 0; i < want.size(); ++i) err = std::max(err, std::abs(double(reinterpret_cast<float*>(c)[i]) - want[i]));
  return err;
}
}  // namespace

TEST_CASE("Matmul: IterateAll over several cores with tails, in every transpose combination, with bias") {
  for (bool transA : {false, true})
    for (bool transB : {false, true})
      for (bool bias : {false, true}) {
        INFO("transA ", transA, " transB ", transB, " bias ", bias);
        CHECK(half_error(70, 90, 50, 4, transA, transB, bias, 0) < 1e-4);
      }
}

TEST_CASE("Matmul: Iterate + GetTensorC visits every piece in either order") {
  CHECK(half_error(96, 80, 64, 1, false, true, false, 1, 32, 32, 0) < 1e-4);
  CHECK(half_error(96, 80, 64, 1, false, false, true, 1, 32, 16, 1) < 1e-4);
  CHECK(half_error(33, 17, 300, 2, true, false, false, 1) < 1e-4);
}

TEST_CASE("Matmul: the cube instructions of each piece are recorded on the cube core") {
  std::mt19937 rng(3);
  const int M = 64, N = 64, K = 64;
  g_run = {make_tiling(M, N, K, 1, false, false, false), false, false, false, 0};
  g_run.tiling.baseM = g_run.tiling.baseN = 32;
  ascendgen::sim::GlobalMemory gm;
  const auto a = random_values(M * K, rng), b = random_values(K * N, rng);
  std::vector<half> ah(a.begin(), a.end()), bh(b.begin(), b.end());
  auto rec = launch(half_kernel, {upload(gm, ah, "a"), upload(gm, bh, "b"), gm.allocate(N * 4, "bias"), gm.allocate(M * N * 4, "c")},
                    1, ascendgen::sim::CoreType::Cube, gm);
  int mmads = 0, fixpipes = 0;
  for (const auto& in : rec.cores[0].instructions) {
    mmads += in.kind == ascendgen::sim::InstrKind::Mmad;
    fixpipes += in.kind == ascendgen::sim::InstrKind::Fixpipe;
  }
  CHECK(fixpipes == 4);  // 2 x 2 pieces of 32 x 32
  CHECK(mmads == 4 * ((K + g_run.tiling.baseK - 1) / g_run.tiling.baseK));
  CHECK(rec.cores[0].cube_macs == uint64_t(M) * N * K);
}

namespace {
using FloatUb = MatmulType<TPosition::VECIN, CubeFormat::ND, float>;
// Mixed launch: each AIV takes half of M, gets each piece into UB, adds 1 and writes it out.
void ub_kernel(GM_ADDR a, GM_ADDR b, GM_ADDR, GM_ADDR c) {
  TPipe pipe;
  Matmul<HalfGm, HalfGm, FloatUb> mm;
  REGIST_MATMUL_OBJ(&pipe, GetSysWorkSpacePtr(), mm, &g_run.tiling);
  const TCubeTiling& t = g_run.tiling;
  TQue<TPosition::VECIN, 1> q;
  pipe.InitBuffer(q, 1, t.baseM * t.baseN * sizeof(float));
  GlobalTensor<half> ag, bg;
  GlobalTensor<float> cg;
  ag.SetGlobalBuffer((__gm__ half*)a, int64_t(t.M) * t.Ka);
  bg.SetGlobalBuffer((__gm__ half*)b, int64_t(t.Kb) * t.N);
  cg.SetGlobalBuffer((__gm__ float*)c, int64_t(t.M) * t.N);
  const Place p = place(t, GetBlockIdx(), false, false);
  mm.SetTensorA(ag[p.a]);
  mm.SetTensorB(bg[p.b]);
  const int mIter = (t.singleCoreM + t.baseM - 1) / t.baseM;
  for (int piece = 0; mm.Iterate(); ++piece) {
    LocalTensor<float> out = q.AllocTensor<float>();
    mm.GetTensorC(out, 0, true);
    Adds(out, out, 1.0f, t.baseM * t.baseN);
    q.EnQue(out);
    out = q.DeQue<float>();
    const int64_t row = (piece % mIter) * t.baseM, col = (piece / mIter) * t.baseN;
    DataCopy(cg[p.c + row * t.N + col], out,
             DataCopyParams(uint16_t(t.baseM), uint16_t(t.baseN * 4 / 32), 0, uint16_t((t.N - t.baseN) * 4 / 32)));
    q.FreeTensor(out);
  }
  mm.End();
}
}  // namespace

TEST_CASE("Matmul: GetTensorC into UB on the vector cores of a mixed launch") {
  std::mt19937 rng(5);
  const int M = 128, N = 64, K = 48;
  g_run = {make_tiling(M, N, K, 2, false, false, false), false, false, false, 0};
  REQUIRE(g_run.tiling.usedCoreNum == 2);
  g_run.tiling.baseM = 32, g_run.tiling.baseN = 32;
  ascendgen::sim::GlobalMemory gm;
  const auto a = random_values(M * K, rng), b = random_values(K * N, rng);
  std::vector<half> ah(a.begin(), a.end()), bh(b.begin(), b.end());
  uint8_t* c = gm.allocate(M * N * 4, "c");
  auto rec = launch(ub_kernel, {upload(gm, ah, "a"), upload(gm, bh, "b"), nullptr, c}, 1,
                    ascendgen::sim::CoreType::Mix, gm);
  const auto want = reference(a, b, nullptr, M, N, K, false, false);
  for (size_t i = 0; i < want.size(); ++i) REQUIRE(std::abs(reinterpret_cast<float*>(c)[i] - (want[i] + 1)) < 1e-4);
  // The cube work of both vector cores is on the group's cube core.
  uint64_t aic_macs = 0;
  for (const auto& core : rec.cores)
    if (core.kind == ascendgen::sim::CoreKind::Aic) aic_macs += core.cube_macs;
  CHECK(aic_macs == uint64_t(M) * N * K);
}

namespace {
using Int8Gm = MatmulType<TPosition::GM, CubeFormat::ND, int8_t>;
using HalfOut = MatmulType<TPosition::GM, CubeFormat::ND, half>;
using Int32Gm = MatmulType<TPosition::GM, CubeFormat::ND, int32_t>;
float g_scale = 0.0f;
void int8_kernel(GM_ADDR a, GM_ADDR b, GM_ADDR bias, GM_ADDR c) {
  TPipe pipe;
  Matmul<Int8Gm, Int8Gm, HalfOut, Int32Gm> mm;
  REGIST_MATMUL_OBJ(&pipe, GetSysWorkSpacePtr(), mm, &g_run.tiling);
  const TCubeTiling& t = g_run.tiling;
  GlobalTensor<int8_t> ag, bg;
  GlobalTensor<half> cg;
  GlobalTensor<int32_t> biasg;
  ag.SetGlobalBuffer((__gm__ int8_t*)a, int64_t(t.M) * t.Ka);
  bg.SetGlobalBuffer((__gm__ int8_t*)b, int64_t(t.Kb) * t.N);
  cg.SetGlobalBuffer((__gm__ half*)c, int64_t(t.M) * t.N);
  biasg.SetGlobalBuffer((__gm__ int32_t*)bias, t.N);
  mm.SetTensorA(ag);
  mm.SetTensorB(bg, true);
  mm.SetBias(biasg);
  uint32_t bits;
  std::memcpy(&bits, &g_scale, 4);
  mm.SetQuantScalar(bits);
  mm.IterateAll(cg);
  mm.End();
}
}  // namespace

TEST_CASE("Matmul: int8 x int8 accumulates exactly in int32, adds an int32 bias and dequantises to half") {
  const int M = 40, N = 48, K = 100;
  std::mt19937 rng(9);
  std::vector<int8_t> a(M * K), b(N * K);
  std::vector<int32_t> bias(N);
  for (auto& x : a) x = int8_t(int(rng() % 255) - 127);
  for (auto& x : b) x = int8_t(int(rng() % 255) - 127);
  for (auto& x : bias) x = int32_t(rng() % 2001) - 1000;
  g_scale = 1.0f / 512;
  g_run = {make_tiling(M, N, K, 1, false, true, true, matmul_tiling::DataType::DT_INT8, matmul_tiling::DataType::DT_FLOAT16),
           false, true, true, 0};
  ascendgen::sim::GlobalMemory gm;
  uint8_t* c = gm.allocate(M * N * 2, "c");
  launch(int8_kernel, {upload(gm, a, "a"), upload(gm, b, "b"), upload(gm, bias, "bias"), c}, 1,
         ascendgen::sim::CoreType::Cube, gm);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      int32_t s = bias[j];
      for (int k = 0; k < K; ++k) s += int32_t(a[i * K + k]) * int32_t(b[j * K + k]);
      const float got = float(reinterpret_cast<half*>(c)[i * N + j]);
      REQUIRE(got == float(half(float(s) * g_scale)));
    }
}

TEST_CASE("Matmul: misuse is a KernelError naming the problem") {
  auto error_of = [](auto body) -> ascendgen::sim::KernelError {
    try {
      body();
    } catch (const ascendgen::sim::KernelError& e) {
      return e;
    }
    FAIL("expected a KernelError");
    throw std::logic_error("unreachable");
  };
  ascendgen::sim::GlobalMemory gm;
  std::vector<half> a(64 * 64, half(1.0f));
  uint8_t* ap = upload(gm, a, "a");
  uint8_t* bp = upload(gm, a, "b");
  uint8_t* biasp = gm.allocate(64 * 4, "bias");
  uint8_t* cp = gm.allocate(64 * 64 * 4, "c");
  g_run = {make_tiling(64, 64, 64, 1, false, false, false), false, false, false, 0};

  SUBCASE("on a vector-only launch") {
    auto e = error_of([&] { launch(half_kernel, {ap, bp, biasp, cp}, 1, ascendgen::sim::CoreType::Vector, gm); });
    CHECK(e.kind() == ErrorKind::WrongCoreKind);
  }
  SUBCASE("a tiling too large for L0A") {
    g_run.tiling.baseM = 256, g_run.tiling.baseK = 256;
    auto e = error_of([&] { launch(half_kernel, {ap, bp, biasp, cp}, 1, ascendgen::sim::CoreType::Cube, gm); });
    CHECK(e.kind() == ErrorKind::InvalidArgument);
    CHECK(std::string(e.what()).find("L0A") != std::string::npos);
  }
  SUBCASE("GetTensorC before Iterate") {
    g_run.mode = 2;
    auto e = error_of([&] { launch(half_kernel, {ap, bp, biasp, cp}, 1, ascendgen::sim::CoreType::Cube, gm); });
    CHECK(std::string(e.what()).find("Iterate") != std::string::npos);
  }
  SUBCASE("C larger than its GlobalTensor") {
    g_run.tiling.M = 65;  // one row beyond both A's and C's extents
    g_run.tiling.singleCoreM = 65;
    auto e = error_of([&] { launch(half_kernel, {ap, bp, biasp, cp}, 1, ascendgen::sim::CoreType::Cube, gm); });
    CHECK(e.kind() == ErrorKind::GmOutOfBounds);
  }
  SUBCASE("isBias without SetBias") {
    g_run.tiling.isBias = 1;
    auto e = error_of([&] { launch(half_kernel, {ap, bp, biasp, cp}, 1, ascendgen::sim::CoreType::Cube, gm); });
    CHECK(std::string(e.what()).find("SetBias") != std::string::npos);
  }
}
