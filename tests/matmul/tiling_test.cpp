// The host matmul tiling (tiling/tiling_api.h): every tiling it returns fits the cube core's
// buffers and covers the matrix; bad descriptions return -1 with a reason.
#include <doctest/doctest.h>

#include <cstring>
#include <random>

#include "tiling/tiling_api.h"

using namespace matmul_tiling;

namespace {
struct Desc {
  int32_t m, n, k;
  DataType ab = DataType::DT_FLOAT16;
  DataType c = DataType::DT_FLOAT;
  bool transA = false, transB = false, bias = false;
};

void describe(MatmulApiTilingBase& t, const Desc& d) {
  t.SetAType(TPosition::GM, CubeFormat::ND, d.ab, d.transA);
  t.SetBType(TPosition::GM, CubeFormat::ND, d.ab, d.transB);
  t.SetCType(TPosition::GM, CubeFormat::ND, d.c);
  if (d.bias) t.SetBiasType(TPosition::GM, CubeFormat::ND, d.ab == DataType::DT_INT8 ? DataType::DT_INT32 : DataType::DT_FLOAT);
  t.SetShape(d.m, d.n, d.k);
  t.SetOrgShape(d.m, d.n, d.k);
  t.SetBias(d.bias);
}

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

// The invariants every tiling must satisfy, checked from the struct alone.
void check_fits(const TCubeTiling& t, const Desc& d, int32_t dim) {
  const int64_t es = d.ab == DataType::DT_INT8 ? 1 : d.ab == DataType::DT_FLOAT ? 4 : 2;
  CHECK(t.M == d.m);
  CHECK(t.N == d.n);
  CHECK(t.Ka == d.k);
  CHECK(t.Kb == d.k);
  CHECK(t.singleCoreK == d.k);
  CHECK(t.usedCoreNum >= 1);
  CHECK(t.usedCoreNum <= dim);
  CHECK(ceil_div(d.m, t.singleCoreM) * ceil_div(d.n, t.singleCoreN) == t.usedCoreNum);
  CHECK(t.baseM % 16 == 0);
  CHECK(t.baseN % 16 == 0);
  CHECK(t.baseK % (32 / es) == 0);
  CHECK(t.baseM * t.baseK * es <= 32 * 1024);   // L0A, double-buffered
  CHECK(t.baseK * t.baseN * es <= 32 * 1024);   // L0B, double-buffered
  CHECK(t.baseM * t.baseN * 4 <= 128 * 1024);   // L0C
  CHECK(t.depthA1 * t.baseM * t.baseK * es + t.depthB1 * t.baseK * t.baseN * es + (d.bias ? t.baseN * 4 : 0) <=
        512 * 1024);
  CHECK(t.stepKa >= 1);
  CHECK(t.stepKa <= ceil_div(d.k, t.baseK));
  CHECK(t.isBias == (d.bias ? 1 : 0));
  CHECK(t.baseM <= (t.singleCoreM + 15) / 16 * 16);
  CHECK(t.baseN <= (t.singleCoreN + 15) / 16 * 16);
}
}  // namespace

TEST_CASE("matmul_tiling: a 1024 cube of fp16 over 24 cores uses them and fits the buffers") {
  MultiCoreMatmulTiling tiling;
  const Desc d{1024, 1024, 1024};
  describe(tiling, d);
  tiling.SetDim(24);
  TCubeTiling t;
  REQUIRE(tiling.GetTiling(t) == 0);
  check_fits(t, d, 24);
  CHECK(t.usedCoreNum >= 16);  // a square problem spreads over most cores
  int32_t sm, sn, sk, dim, mDim, nDim;
  CHECK(tiling.GetSingleShape(sm, sn, sk) == 0);
  CHECK(sm == t.singleCoreM);
  CHECK(tiling.GetCoreNum(dim, mDim, nDim) == 0);
  CHECK(mDim * nDim == t.usedCoreNum);
}

TEST_CASE("matmul_tiling: random shapes, types and core counts all give fitting tilings") {
  std::mt19937 rng(7);
  const DataType types[] = {DataType::DT_FLOAT16, DataType::DT_BF16, DataType::DT_INT8, DataType::DT_FLOAT};
  for (int i = 0; i < 300; ++i) {
    Desc d{int32_t(rng() % 3000 + 1), int32_t(rng() % 3000 + 1), int32_t(rng() % 5000 + 1)};
    d.ab = types[rng() % 4];
    d.c = d.ab == DataType::DT_INT8 ? DataType::DT_INT32 : DataType::DT_FLOAT;
    d.transA = rng() % 2, d.transB = rng() % 2, d.bias = rng() % 2;
    const int32_t dim = int32_t(rng() % 48 + 1);
    MultiCoreMatmulTiling tiling;
    describe(tiling, d);
    tiling.SetDim(dim);
    TCubeTiling t;
    INFO(d.m, " x ", d.n, " x ", d.k, " type ", int(d.ab), " on ", dim, " cores");
    REQUIRE(tiling.GetTiling(t) == 0);
    check_fits(t, d, dim);
  }
}

TEST_CASE("matmul_tiling: MatmulApiTiling is one core computing the whole shape") {
  MatmulApiTiling tiling;
  const Desc d{100, 70, 33, DataType::DT_FLOAT16, DataType::DT_FLOAT16};
  describe(tiling, d);
  TCubeTiling t;
  REQUIRE(tiling.GetTiling(t) == 0);
  check_fits(t, d, 1);
  CHECK(t.usedCoreNum == 1);
  CHECK(t.singleCoreM == 100);
  CHECK(t.singleCoreN == 70);
  CHECK(tiling.GetBaseM() == t.baseM);
}

TEST_CASE("matmul_tiling: SetFixSplit, SetTraverse, SetSingleShape and SetOrgShape are honoured") {
  MultiCoreMatmulTiling tiling;
  Desc d{512, 512, 256};
  describe(tiling, d);
  tiling.SetOrgShape(1024, 768, 256);
  tiling.SetDim(8);
  tiling.SetFixSplit(64, 128, -1);
  tiling.SetTraverse(MatrixTraverse::FIRSTN);
  tiling.SetSingleShape(128, 256);
  TCubeTiling t;
  REQUIRE(tiling.GetTiling(t) == 0);
  CHECK(t.baseM == 64);
  CHECK(t.baseN == 128);
  CHECK(t.iterateOrder == 1);
  CHECK(t.singleCoreM == 128);
  CHECK(t.singleCoreN == 256);
  CHECK(t.usedCoreNum == 8);
  CHECK(t.M == 1024);
  CHECK(t.N == 768);
}

TEST_CASE("matmul_tiling: bad descriptions return -1 and say why") {
  TCubeTiling t;
  SUBCASE("no shape") {
    MultiCoreMatmulTiling tiling;
    tiling.SetAType(TPosition::GM, CubeFormat::ND, DataType::DT_FLOAT16);
    tiling.SetBType(TPosition::GM, CubeFormat::ND, DataType::DT_FLOAT16);
    tiling.SetCType(TPosition::GM, CubeFormat::ND, DataType::DT_FLOAT);
    tiling.SetDim(4);
    CHECK(tiling.GetTiling(t) == -1);
    CHECK(tiling.GetLastError().find("SetShape") != std::string::npos);
  }
  SUBCASE("types not set") {
    MultiCoreMatmulTiling tiling;
    tiling.SetShape(16, 16, 16);
    tiling.SetDim(1);
    CHECK(tiling.GetTiling(t) == -1);
    CHECK(tiling.GetLastError().find("SetAType") != std::string::npos);
  }
  SUBCASE("mixed input types") {
    MultiCoreMatmulTiling tiling;
    describe(tiling, {64, 64, 64});
    tiling.SetBType(TPosition::GM, CubeFormat::ND, DataType::DT_INT8);
    tiling.SetDim(1);
    CHECK(tiling.GetTiling(t) == -1);
  }
  SUBCASE("Ka and Kb differ") {
    MultiCoreMatmulTiling tiling;
    describe(tiling, {64, 64, 64});
    tiling.SetOrgShape(64, 64, 64, 32);
    tiling.SetDim(1);
    CHECK(tiling.GetTiling(t) == -1);
    CHECK(tiling.GetLastError().find("Ka") != std::string::npos);
  }
  SUBCASE("no core count") {
    MultiCoreMatmulTiling tiling;
    describe(tiling, {64, 64, 64});
    CHECK(tiling.SetDim(0) == -1);
    CHECK(tiling.GetTiling(t) == -1);
  }
  SUBCASE("L0C too small for a fixed split") {
    MultiCoreMatmulTiling tiling;
    describe(tiling, {512, 512, 64});
    tiling.SetDim(1);
    tiling.SetFixSplit(256, 256, 64);
    CHECK(tiling.GetTiling(t) == -1);
    CHECK(tiling.GetLastError().find("L0C") != std::string::npos);
  }
  SUBCASE("L1 too small for one tile") {
    MultiCoreMatmulTiling tiling;
    describe(tiling, {512, 512, 512});
    tiling.SetDim(1);
    CHECK(tiling.SetBufferSpace(1024) == 0);
    CHECK(tiling.GetTiling(t) == -1);
    CHECK(tiling.GetLastError().find("L1") != std::string::npos);
  }
  SUBCASE("single shape needing more cores than given") {
    MultiCoreMatmulTiling tiling;
    describe(tiling, {512, 512, 64});
    tiling.SetDim(2);
    tiling.SetSingleShape(128, 128);
    CHECK(tiling.GetTiling(t) == -1);
  }
}

TEST_CASE("matmul_tiling: a smaller L1 budget gives fewer K steps in L1") {
  const Desc d{256, 256, 4096};
  TCubeTiling whole, small;
  MultiCoreMatmulTiling a, b;
  describe(a, d);
  describe(b, d);
  a.SetDim(1);
  b.SetDim(1);
  b.SetBufferSpace(128 * 1024);
  REQUIRE(a.GetTiling(whole) == 0);
  REQUIRE(b.GetTiling(small) == 0);
  CHECK(small.depthA1 * small.baseM * small.baseK * 2 + small.depthB1 * small.baseK * small.baseN * 2 <= 128 * 1024);
  CHECK(small.stepKa * small.baseK <= whole.stepKa * whole.baseK);
}

TEST_CASE("matmul_tiling: GetTiling fills an operator's tiling data, which saves the kernel struct's bytes") {
  MultiCoreMatmulTiling tiling;
  const Desc d{300, 200, 100, DataType::DT_FLOAT16, DataType::DT_FLOAT, false, true, true};
  describe(tiling, d);
  tiling.SetDim(8);
  optiling::TCubeTiling host;
  TCubeTiling direct;
  REQUIRE(tiling.GetTiling(host) == 0);
  REQUIRE(tiling.GetTiling(direct) == 0);
  CHECK(host.get_baseM() == direct.baseM);
  CHECK(host.get_usedCoreNum() == direct.usedCoreNum);
  REQUIRE(host.GetDataSize() == sizeof(TCubeTiling));
  TCubeTiling saved;
  host.SaveToBuffer(&saved, sizeof(saved));
  CHECK(std::memcmp(&saved, &direct, sizeof(saved)) == 0);
  check_fits(saved, d, 8);
}

TEST_CASE("matmul_tiling: SetSplitRange bounds the L0 tiles") {
  MultiCoreMatmulTiling tiling;
  const Desc d{1024, 1024, 1024};
  describe(tiling, d);
  tiling.SetDim(2);
  tiling.SetSplitRange(64, 48, 32, 32, 32);
  TCubeTiling t;
  REQUIRE(tiling.GetTiling(t) == 0);
  check_fits(t, d, 2);
  CHECK(t.baseM >= 32);
  CHECK(t.baseM <= 64);
  CHECK(t.baseN >= 32);
  CHECK(t.baseN <= 48);
  CHECK(t.baseK <= 32);
}
