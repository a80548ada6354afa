// Several AI vector cores: block indices, an uneven (big/small core) split, GM workspace shared
// across SyncAll, atomic accumulation, write conflicts, and what the LaunchRecord counts.
#include <string>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::sim::KernelError;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
bool mentions(const KernelError& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}

// Each core writes (GetBlockIdx, GetBlockNum) into its own 32-byte slot.
void block_idx_kernel(GM_ADDR out) {
  GlobalTensor<int32_t> g;
  g.SetGlobalBuffer((__gm__ int32_t*)out + GetBlockIdx() * 8, 8);
  g.SetValue(0, static_cast<int32_t>(GetBlockIdx()));
  g.SetValue(1, static_cast<int32_t>(GetBlockNum()));
}

// z = x + 1 over `kTotal` floats split unevenly: the first kTotal % blockDim ("big") cores take one
// element more than the others; unaligned ranges move with DataCopyPad.
constexpr uint32_t kTotal = 1003;
void split_kernel(GM_ADDR x, GM_ADDR z) {
  const uint32_t cores = static_cast<uint32_t>(GetBlockNum()), idx = static_cast<uint32_t>(GetBlockIdx());
  const uint32_t small = kTotal / cores, big_cores = kTotal % cores;
  const uint32_t len = small + (idx < big_cores ? 1 : 0);
  const uint32_t start = idx * small + (idx < big_cores ? idx : big_cores);
  TPipe pipe;
  TQue<QuePosition::VECIN, 1> inQ;
  TQue<QuePosition::VECOUT, 1> outQ;
  const uint32_t padded = (len + 7) / 8 * 8;
  pipe.InitBuffer(inQ, 1, padded * sizeof(float));
  pipe.InitBuffer(outQ, 1, padded * sizeof(float));
  GlobalTensor<float> xg, zg;
  xg.SetGlobalBuffer((__gm__ float*)x + start, len);
  zg.SetGlobalBuffer((__gm__ float*)z + start, len);
  LocalTensor<float> in = inQ.AllocTensor<float>();
  DataCopyPad(in, xg, DataCopyExtParams(1, len * sizeof(float), 0, 0, 0), DataCopyPadExtParams<float>(false, 0, 0, 0));
  inQ.EnQue(in);
  LocalTensor<float> a = inQ.DeQue<float>();
  LocalTensor<float> out = outQ.AllocTensor<float>();
  Adds(out, a, 1.0f, static_cast<int32_t>(len));
  outQ.EnQue(out);
  inQ.FreeTensor(a);
  LocalTensor<float> res = outQ.DeQue<float>();
  DataCopyPad(zg, res, DataCopyExtParams(1, len * sizeof(float), 0, 0, 0));
  outQ.FreeTensor(res);
}

// Phase 1: core i writes 8 values to its workspace slot. SyncAll. Phase 2: core i reads the slot
// of core (i + 1) % n, written before the barrier, and copies it to its output slot.
void workspace_kernel(GM_ADDR workspace, GM_ADDR out) {
  const int64_t n = GetBlockNum(), idx = GetBlockIdx();
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 32);
  LocalTensor<int32_t> t = buf.Get<int32_t>();
  GlobalTensor<int32_t> ws, og;
  ws.SetGlobalBuffer((__gm__ int32_t*)workspace, n * 8);
  og.SetGlobalBuffer((__gm__ int32_t*)out, n * 8);
  Duplicate(t, static_cast<int32_t>(100 * idx + 7), 8);
  DataCopy(ws[idx * 8], t, 8);
  SyncAll();
  const int64_t peer = (idx + 1) % n;
  DataCopy(t, ws[peer * 8], 8);
  DataCopy(og[idx * 8], t, 8);
}

// Every core adds its 16 partial values into the same 16 GM elements under SetAtomicAdd<T>.
template <typename T> void atomic_add_kernel(GM_ADDR partials, GM_ADDR out) {
  const int64_t idx = GetBlockIdx();
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 16 * sizeof(T));
  LocalTensor<T> t = buf.Get<T>();
  GlobalTensor<T> pg, og;
  pg.SetGlobalBuffer((__gm__ T*)partials + idx * 16, 16);
  og.SetGlobalBuffer((__gm__ T*)out, 16);
  DataCopy(t, pg, 16);
  SetAtomicAdd<T>();
  DataCopy(og, t, 16);
  SetAtomicNone();
}

// Core 1 writes bytes core 0 also writes, with no SyncAll between them.
void overlap_kernel(GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 64 * sizeof(float));
  LocalTensor<float> t = buf.Get<float>();
  GlobalTensor<float> og;
  og.SetGlobalBuffer((__gm__ float*)out, 128);
  Duplicate(t, static_cast<float>(GetBlockIdx() + 1), 64);
  DataCopy(og[GetBlockIdx() * 56], t, 64);  // core 1 starts 8 floats before core 0 ends
}
// The same overlap, both cores writing 1.0: the result does not depend on the order.
void identical_overlap_kernel(GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 64 * sizeof(float));
  LocalTensor<float> t = buf.Get<float>();
  GlobalTensor<float> og;
  og.SetGlobalBuffer((__gm__ float*)out, 128);
  Duplicate(t, 1.0f, 64);
  DataCopy(og[GetBlockIdx() * 56], t, 64);
  og.SetValue(127, 2.0f);  // a scalar store of the same value on every core
}
// Core 0 and core 2 write 1.0 to the same floats, core 1 writes 2.0 over them: whichever core
// writes last decides, though one of the writes repeats another's values.
void repeat_then_differ_kernel(GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 64 * sizeof(float));
  LocalTensor<float> t = buf.Get<float>();
  GlobalTensor<float> og;
  og.SetGlobalBuffer((__gm__ float*)out, 64);
  Duplicate(t, GetBlockIdx() == 1 ? 2.0f : 1.0f, 64);
  DataCopy(og, t, 64);
}
// Core 0 accumulates atomically, core 1 stores plainly into the same bytes.
void mixed_atomic_kernel(GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 64 * sizeof(float));
  LocalTensor<float> t = buf.Get<float>();
  GlobalTensor<float> og;
  og.SetGlobalBuffer((__gm__ float*)out, 64);
  Duplicate(t, 1.0f, 64);
  if (GetBlockIdx() == 0) SetAtomicAdd<float>();
  DataCopy(og, t, 64);
  SetAtomicNone();
}
// Core 1 accumulates floats [0, 24) and core 0 floats [8, 40) atomically, legal; but core 0 also
// stores [16, 24) plainly, over core 1's atomic range, behind core 0's own wider atomic range.
void plain_inside_atomic_kernel(GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 32 * sizeof(float));
  LocalTensor<float> t = buf.Get<float>();
  GlobalTensor<float> og;
  og.SetGlobalBuffer((__gm__ float*)out, 64);
  Duplicate(t, 1.0f, 32);
  SetAtomicAdd<float>();
  if (GetBlockIdx() == 0) DataCopy(og[8], t, 32);
  if (GetBlockIdx() == 1) DataCopy(og, t, 24);
  SetAtomicNone();
  if (GetBlockIdx() == 0) DataCopy(og[16], t, 8);
}
// The same overlap separated by SyncAll is ordered, hence legal.
void ordered_overlap_kernel(GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 64 * sizeof(float));
  LocalTensor<float> t = buf.Get<float>();
  GlobalTensor<float> og;
  og.SetGlobalBuffer((__gm__ float*)out, 64);
  Duplicate(t, static_cast<float>(GetBlockIdx() + 1), 64);
  if (GetBlockIdx() == 0) DataCopy(og, t, 64);
  SyncAll();
  if (GetBlockIdx() == 1) DataCopy(og, t, 64);
}
// Scalar stores are never atomic: SetValue inside SetAtomicAdd still conflicts.
void scalar_store_in_atomic_kernel(GM_ADDR out) {
  GlobalTensor<float> og;
  og.SetGlobalBuffer((__gm__ float*)out, 8);
  SetAtomicAdd<float>();
  og.SetValue(0, static_cast<float>(GetBlockIdx() + 1));
  SetAtomicNone();
}
void nothing_kernel(GM_ADDR) {}
// Block b writes b + 1 to float b mod 64: with 128 blocks, blocks b and b + 64 (different waves
// on 48 cores) write different values to the same float.
void wave_kernel(GM_ADDR out) {
  GlobalTensor<int32_t> og;
  og.SetGlobalBuffer((__gm__ int32_t*)out, 128);
  og.SetValue(GetBlockIdx() % static_cast<int64_t>(og.GetSize()), static_cast<int32_t>(GetBlockIdx() + 1));
}
void sync_kernel(GM_ADDR) { SyncAll(); }
}  // namespace

TEST_CASE("each core sees its own GetBlockIdx and the launch's GetBlockNum") {
  Harness h;
  auto out = h.output<int32_t>(8 * 8, "out");
  const auto record = h.run(block_idx_kernel, {out}, 8);
  const auto v = h.read<int32_t>(out, 64);
  for (int i = 0; i < 8; ++i) {
    CHECK(v[i * 8] == i);
    CHECK(v[i * 8 + 1] == 8);
  }
  REQUIRE(record.cores.size() == 8);
  for (int i = 0; i < 8; ++i) {
    CHECK(record.cores[i].core == i);
    CHECK(record.cores[i].api_calls.at("GlobalTensor::SetValue") == 2);
  }
}

TEST_CASE("an uneven big/small core split covers every element exactly once") {
  for (int cores : {1, 3, 8, 48}) {
    CAPTURE(cores);
    Harness h;
    std::vector<float> xs(kTotal);
    for (uint32_t i = 0; i < kTotal; ++i) xs[i] = static_cast<float>(i) * 0.5f;
    auto x = h.input(xs, "x");
    auto z = h.output<float>(kTotal, "z");
    const auto record = h.run(split_kernel, {x, z}, cores);
    const auto out = h.read<float>(z, kTotal);
    for (uint32_t i = 0; i < kTotal; ++i) CHECK(out[i] == xs[i] + 1.0f);
    uint64_t read = 0, written = 0;
    for (const auto& c : record.cores) {
      read += c.gm_read_bytes;
      written += c.gm_write_bytes;
    }
    CHECK(read == kTotal * sizeof(float));
    CHECK(written == kTotal * sizeof(float));
  }
}

TEST_CASE("GM workspace written before SyncAll is visible to other cores after it") {
  Harness h;
  constexpr int kCores = 6;
  auto ws = h.output<int32_t>(kCores * 8, "workspace");
  auto out = h.output<int32_t>(kCores * 8, "out");
  const auto record = h.run(workspace_kernel, {ws, out}, kCores);
  const auto v = h.read<int32_t>(out, kCores * 8);
  for (int i = 0; i < kCores; ++i)
    for (int j = 0; j < 8; ++j) CHECK(v[i * 8 + j] == 100 * ((i + 1) % kCores) + 7);
  for (const auto& c : record.cores) {
    CHECK(c.api_calls.at("SyncAll") == 1);
    CHECK(c.gm_read_bytes == 32);
    CHECK(c.gm_write_bytes == 64);
  }
}

TEST_CASE("SetAtomicAdd accumulates float and half partial sums in block order") {
  constexpr int kCores = 7;
  {
    Harness h;
    std::vector<float> parts(kCores * 16), init(16);
    for (int i = 0; i < kCores * 16; ++i) parts[i] = 0.1f * static_cast<float>(i) - 3.3f;
    for (int j = 0; j < 16; ++j) init[j] = static_cast<float>(j);
    auto p = h.input(parts, "partials");
    auto out = h.input(init, "out");
    h.run(atomic_add_kernel<float>, {p, out}, kCores);
    const auto v = h.read<float>(out, 16);
    for (int j = 0; j < 16; ++j) {
      float expected = init[j];
      for (int c = 0; c < kCores; ++c) expected += parts[c * 16 + j];
      CHECK(v[j] == expected);
    }
  }
  {
    Harness h;
    std::vector<half> parts(kCores * 16), init(16);
    for (int i = 0; i < kCores * 16; ++i) parts[i] = half(0.37f * static_cast<float>(i) + 0.01f);
    for (int j = 0; j < 16; ++j) init[j] = half(1000.0f + static_cast<float>(j));
    auto p = h.input(parts, "partials");
    auto out = h.input(init, "out");
    h.run(atomic_add_kernel<half>, {p, out}, kCores);
    const auto v = h.read<half>(out, 16);
    for (int j = 0; j < 16; ++j) {
      half expected = init[j];
      for (int c = 0; c < kCores; ++c) expected = half(float(expected) + float(parts[c * 16 + j]));  // rounds per add
      CHECK(v[j].bits == expected.bits);
    }
  }
}

TEST_CASE("overlapping GM writes of different cores outside atomic mode fail with GmWriteConflict") {
  Harness h;
  auto out = h.output<float>(128, "out");
  auto e = expect_kernel_error([&] { h.run(overlap_kernel, {out}, 2); });
  CHECK(e.kind() == ErrorKind::GmWriteConflict);
  CHECK(e.where().api == "DataCopy");
  CHECK(e.where().core == 1);
  CHECK(e.where().file.find("multicore_test.cpp") != std::string::npos);
  CHECK(mentions(e, "cores 0 and 1"));
  CHECK(mentions(e, "GM bytes [224, 256) of buffer 'out'"));

  e = expect_kernel_error([&] { h.run(mixed_atomic_kernel, {out}, 2); });
  CHECK(e.kind() == ErrorKind::GmWriteConflict);
  CHECK(mentions(e, "(atomic)"));

  e = expect_kernel_error([&] { h.run(plain_inside_atomic_kernel, {out}, 2); });
  CHECK(e.kind() == ErrorKind::GmWriteConflict);
  CHECK(e.where().core == 0);
  CHECK(mentions(e, "GM bytes [64, 96) of buffer 'out'"));

  e = expect_kernel_error([&] { h.run(scalar_store_in_atomic_kernel, {out}, 2); });
  CHECK(e.kind() == ErrorKind::GmWriteConflict);
  CHECK(e.where().api == "GlobalTensor::SetValue");
}

TEST_CASE("writes to the same GM ordered by SyncAll do not conflict") {
  Harness h;
  auto out = h.output<float>(64, "out");
  h.run(ordered_overlap_kernel, {out}, 2);
  for (float v : h.read<float>(out, 64)) CHECK(v == 2.0f);
}

TEST_CASE("identical values written by several cores to the same GM bytes are a warning, not a conflict") {
  Harness h;
  auto out = h.output<float>(128, "out");
  const auto record = h.run(identical_overlap_kernel, {out}, 2);
  const auto v = h.read<float>(out, 128);
  for (int i = 0; i < 120; ++i) CHECK(v[i] == 1.0f);
  CHECK(v[127] == 2.0f);
  REQUIRE(record.warnings.size() == 2);
  CHECK(record.warnings[0].find("[gm_write_conflict] DataCopy at") == 0);
  CHECK(record.warnings[0].find("on core 1") != std::string::npos);
  CHECK(record.warnings[0].find("that core 0 wrote in the same SyncAll phase, with the same values") != std::string::npos);
  CHECK(record.warnings[1].find("GlobalTensor::SetValue") != std::string::npos);

  // A third core writing different values still conflicts with the first writer.
  const auto e = expect_kernel_error([&] { h.run(repeat_then_differ_kernel, {out}, 3); });
  CHECK(e.kind() == ErrorKind::GmWriteConflict);
  CHECK(mentions(e, "cores 0 and 1"));
}

TEST_CASE("blockDim above the SoC's cores runs in waves; above 65535 it fails with TooManyCores") {
  Harness h;
  auto out = h.output<int32_t>(8 * 100, "out");
  const auto record = h.run(block_idx_kernel, {out}, 100);  // 48 + 48 + 4
  REQUIRE(record.cores.size() == 100);
  const auto v = h.read<int32_t>(out, 800);
  for (int b = 0; b < 100; ++b) {
    CHECK(record.cores[b].block_idx == b);
    CHECK(v[b * 8] == b);
    CHECK(v[b * 8 + 1] == 100);
  }
  h.limits.vector_cores = 40;  // Ascend910B4
  CHECK(h.run(nothing_kernel, {nullptr}, 8192).cores.size() == 8192);
  auto e = expect_kernel_error([&] { h.run(nothing_kernel, {nullptr}, 65536); });
  CHECK(e.kind() == ErrorKind::TooManyCores);
  CHECK(mentions(e, "blockDim 65536 is outside 1..65535"));
  e = expect_kernel_error([&] { h.run(nothing_kernel, {nullptr}, 0); });
  CHECK(e.kind() == ErrorKind::TooManyCores);
}

TEST_CASE("in a launch run in waves, SyncAll would hang and writes of different waves still conflict") {
  Harness h;
  auto e = expect_kernel_error([&] { h.run(sync_kernel, {nullptr}, 49); });
  CHECK(e.kind() == ErrorKind::SyncMisuse);
  CHECK(mentions(e, "49 blocks on 48 cores"));
  CHECK(mentions(e, "the NPU would hang"));
  CHECK(h.run(sync_kernel, {nullptr}, 48).cores.size() == 48);

  auto out = h.output<int32_t>(128, "out");
  e = expect_kernel_error([&] { h.run(wave_kernel, {out}, 192); });
  CHECK(e.kind() == ErrorKind::GmWriteConflict);
  CHECK((mentions(e, "cores 0 and 128") || mentions(e, "cores 128 and 0")));
}
